"""Which screen the presenter screen goes full screen on: the projector, when there is one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QRect


class Screen(Protocol):
    """What the choice needs of a screen: where it lies on the desktop."""

    def geometry(self) -> QRect: ...


S = TypeVar("S", bound=Screen)


def projector_screen(screens: Sequence[S], own: S | None) -> S | None:
    """Return the screen to show the room on, given every screen and the main window's own.

    A screen elsewhere on the desktop than the main window's: the largest when there are
    several (a projector rather than a small panel), the first listed among equals. None
    with one screen, or when every other screen overlaps the main window's (a mirrored
    display): the presenter screen is then a window, and the console stays in sight.
    """
    if own is None:
        return None
    home = own.geometry()
    others = [s for s in screens if s is not own and not s.geometry().intersects(home)]
    if not others:
        return None
    return max(others, key=lambda s: s.geometry().width() * s.geometry().height())
