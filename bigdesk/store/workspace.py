"""What a service needs of an open workshop: read it, and make one undoable edit."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy import Connection

from bigdesk.store.edits import Edit


class Workspace(Protocol):
    """An open workshop as services see it: the window's document, or a bare store."""

    @property
    def read_only(self) -> bool:
        """Return whether edits are refused."""

    def read(self) -> AbstractContextManager[Connection]:
        """Return a context yielding a connection for reading one consistent snapshot."""

    def do(self, edit: Edit) -> Edit:
        """Apply ``edit`` and commit it at once; return the edit that undoes it."""
