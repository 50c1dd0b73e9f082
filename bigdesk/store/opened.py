"""An open workshop wherever it lives: a file on this computer or a schema on a server.

Reading and editing are the same everywhere (SQLAlchemy Core over one engine); only where
the workshop lives differs: how it is named, copied, and let go of.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from bigdesk.store.edits import Changes, Edit
from bigdesk.store.errors import ReadOnlyError, WorkshopFileError

if TYPE_CHECKING:
    from bigdesk.store.server.address import ServerLocation


class Stoppable(Protocol):
    """Something running on its own until told to stop."""

    def stop(self) -> None:
        """Stop it and wait for it to end."""


class OpenWorkshop(ABC):
    """An open workshop: read it, apply edits (each committed at once), copy it to a file."""

    engine: Engine
    read_only: bool
    revision: str
    # -- false while a server cannot be reached: edits are refused meanwhile
    connected: bool = True
    # -- whether reads may run on any thread, each on a pooled connection of its own
    #    (a server); a file has one connection, used on the window's thread only
    reads_anywhere: ClassVar[bool] = False
    # -- the revision it had before it was upgraded on opening, and the copy made first
    upgraded_from: str | None
    backup_path: Path | None

    @property
    @abstractmethod
    def label(self) -> str:
        """Return how messages name the workshop (never with a password)."""

    @property
    @abstractmethod
    def name(self) -> str:
        """Return the workshop's short name, as a title bar shows it."""

    @property
    @abstractmethod
    def place(self) -> Path | ServerLocation:
        """Return where the workshop lives, as the user named it."""

    @property
    @abstractmethod
    def title(self) -> str:
        """Return the workshop's name for a title bar and for files made from it."""

    @property
    @abstractmethod
    def folder(self) -> Path:
        """Return the folder where files made from the workshop are suggested."""

    @property
    @abstractmethod
    def identity(self) -> str:
        """Return what tells this workshop from every other (for its backups and recent list)."""

    @abstractmethod
    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the workshop to the file ``target``."""

    @abstractmethod
    def writable_problem(self) -> str | None:
        """Say why the workshop cannot be changed where it is (None when it can)."""

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection for reading inside one consistent snapshot."""
        with self.engine.connect() as conn:
            yield conn
            conn.rollback()

    def apply(self, edit: Edit) -> tuple[Edit, Changes]:
        """Make ``edit`` and commit it; return the edit that undoes it and what changed."""
        if self.read_only:
            raise ReadOnlyError(f"{self.name} is open read-only; changes cannot be saved.")
        try:
            with self.engine.begin() as conn:
                return edit.apply(conn)
        except OperationalError as error:
            # -- a full disk, a file made read-only meanwhile, a vanished share or server:
            #    the transaction was rolled back, so nothing was changed
            raise WorkshopFileError(
                f"{self.name}: the change could not be saved ({_first_line(error.orig)}); "
                "nothing was changed."
            ) from None

    def do(self, edit: Edit) -> Edit:
        """Make ``edit`` and commit it; return the edit that undoes it (a ``Workspace``)."""
        inverse, _ = self.apply(edit)
        return inverse

    def listen(self, on_notice: Callable[[Any], None],
               on_connection: Callable[[bool], None]) -> Stoppable | None:  # fmt: skip
        """Start hearing of edits made elsewhere; None where nobody else can edit (a file)."""
        return None

    def saw(self, change_id: int) -> bool:
        """Note that the window shows the change ``change_id`` made elsewhere; return whether
        it is news (never, here)."""
        return False

    def catch_up(self) -> list[tuple[int, Changes]]:
        """Return what was changed elsewhere since this window last caught up (nothing here)."""
        return []

    def serialised(self, purpose: str) -> AbstractContextManager[None]:
        """Keep others from doing ``purpose`` to the workshop meanwhile (a file's lock does)."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Let the workshop go."""
        self.engine.dispose()


def _first_line(error: BaseException | None) -> str:
    return " ".join(str(error).split("\n", 1)[0].split())
