"""Where a workshop lives, named by the user: a file's path or a server location.

The one place that tells them apart: everything after opening works on an ``OpenWorkshop``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias, overload

from sqlalchemy import Connection

from bigdesk.store import workshop_file
from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.server.address import ServerLocation, is_location, parse_location
from bigdesk.store.workshop_file import WorkshopStore

Place: TypeAlias = Path | ServerLocation


def place_of(text: str | Path) -> Place:
    """Return the place ``text`` names: a server location, or else a file's path."""
    if isinstance(text, str) and is_location(text):
        return parse_location(text)
    return Path(text)


@overload
def open_workshop(place: Path, *, read_only: bool = ..., take_over: bool = ...) -> WorkshopStore:
    ...


@overload
def open_workshop(
    place: str | ServerLocation, *, read_only: bool = ..., take_over: bool = ...
) -> OpenWorkshop:
    ...


def open_workshop(
    place: str | Place, *, read_only: bool = False, take_over: bool = False
) -> OpenWorkshop:
    """Open the workshop at ``place``, upgrading it first if it is older than this version's.

    ``take_over`` takes a file's lock from another computer (a server needs no lock).
    """
    where = place_of(place) if isinstance(place, str) else place
    if isinstance(where, ServerLocation):
        from bigdesk.store.server.workshop import open_server_workshop

        return open_server_workshop(where, read_only=read_only)
    return workshop_file.open_workshop(where, read_only=read_only, take_over=take_over)


@overload
def create_workshop(
    place: Path, populate: Callable[[Connection], None] | None = ...
) -> WorkshopStore:
    ...


@overload
def create_workshop(
    place: str | ServerLocation, populate: Callable[[Connection], None] | None = ...
) -> OpenWorkshop:
    ...


def create_workshop(
    place: str | Place, populate: Callable[[Connection], None] | None = None
) -> OpenWorkshop:
    """Create a workshop at ``place`` (never over an existing one) and open it."""
    where = place_of(place) if isinstance(place, str) else place
    if isinstance(where, ServerLocation):
        from bigdesk.store.server.workshop import create_server_workshop

        return create_server_workshop(where, populate)
    return workshop_file.create_workshop(where, populate)
