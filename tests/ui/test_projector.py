"""The presenter screen goes full screen on a second screen by itself; with one, it is a window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.room import presenter
from bigdesk.ui.steps.room.console import RoomPage
from bigdesk.ui.steps.room.projector import projector_screen

from tests.ui.conftest import open_step


class FakeScreen:
    """A screen where the desktop says it is."""

    def __init__(self, name: str, x: int, y: int, width: int, height: int) -> None:
        self.name = name
        self._geometry = QRect(x, y, width, height)

    def geometry(self) -> QRect:
        return self._geometry

    def __repr__(self) -> str:
        return self.name


LAPTOP = FakeScreen("laptop", 0, 0, 1920, 1200)


def test_one_screen_keeps_the_presenter_in_a_window() -> None:
    assert projector_screen([LAPTOP], LAPTOP) is None
    assert projector_screen([], None) is None


def test_a_projector_beside_or_above_the_laptop_is_chosen() -> None:
    right = FakeScreen("projector", 1920, 0, 1280, 720)
    above = FakeScreen("projector", 0, -1080, 1920, 1080)
    assert projector_screen([LAPTOP, right], LAPTOP) is right
    assert projector_screen([above, LAPTOP], LAPTOP) is above


def test_the_console_on_the_second_screen_puts_the_room_on_the_first() -> None:
    monitor = FakeScreen("monitor", 1920, 0, 2560, 1440)
    assert projector_screen([LAPTOP, monitor], monitor) is LAPTOP


def test_a_mirrored_display_is_not_a_second_screen() -> None:
    mirror = FakeScreen("mirror", 0, 0, 1920, 1080)
    assert projector_screen([LAPTOP, mirror], LAPTOP) is None


def test_of_several_screens_the_largest_other_one_takes_the_room() -> None:
    panel = FakeScreen("panel", -800, 0, 800, 480)
    projector = FakeScreen("projector", 1920, 0, 1920, 1080)
    twin = FakeScreen("twin", 3840, 0, 1920, 1080)
    assert projector_screen([LAPTOP, panel, projector, twin], LAPTOP) is projector


def test_screens_plugged_in_and_out_move_the_open_presenter(
        window: MainWindow, sample_path: Path, qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_step(window, sample_path, "room")
    assert isinstance(page, RoomPage)
    shown = page.open_presenter()
    # -- the offscreen platform has one screen: a window
    assert shown.isVisible() and not shown.isFullScreen()
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    screen = QGuiApplication.primaryScreen()
    chosen: list[list[Any]] = []

    def plugged(screens: list[Any], _own: Any) -> Any:
        chosen.append(list(screens))
        return screen

    monkeypatch.setattr(presenter, "projector_screen", plugged)
    app.screenAdded.emit(screen)
    assert shown.isFullScreen()

    def unplugged(screens: list[Any], _own: Any) -> Any:
        chosen.append(list(screens))
        return None

    monkeypatch.setattr(presenter, "projector_screen", unplugged)
    app.screenRemoved.emit(screen)
    assert shown.isVisible() and not shown.isFullScreen()
    # -- the screen going away is left out of the choice
    assert screen not in chosen[-1]
    shown.close()
    # -- a closed presenter screen stays closed whatever is plugged in
    monkeypatch.setattr(presenter, "projector_screen", plugged)
    app.screenAdded.emit(screen)
    assert not shown.isVisible()
