"""Typed errors of the storage layer; each carries a message fit for a user."""

from __future__ import annotations

from dataclasses import dataclass

# -- a refused edit is the domain's error, whether a rule or the file refused it, so that
#    callers catch one kind
from bigdesk.domain.errors import EditRejectedError as EditRejectedError


class WorkshopFileError(Exception):
    """A workshop file cannot be used; ``str(error)`` is one clear line for the user."""


class NotAWorkshopError(WorkshopFileError):
    """The file is not a BIG Desk workshop at all."""


class CorruptWorkshopError(WorkshopFileError):
    """The file is a workshop but is damaged or truncated."""


class TooNewError(WorkshopFileError):
    """The file was written by a newer BIG Desk with a schema this one does not know."""


class WorkshopExistsError(WorkshopFileError):
    """A new workshop would overwrite an existing file."""


class ReadOnlyError(WorkshopFileError):
    """An edit was attempted on a workshop opened read-only."""


class MigrationError(WorkshopFileError):
    """Upgrading the file to the current schema failed; the file is left as it was."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds a workshop open for writing, and since when."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        """Return a short readable description of the holder."""
        return f"{self.user} on {self.host} (since {self.since})"


class WorkshopLockedError(WorkshopFileError):
    """Another BIG Desk holds the workshop open for writing."""

    def __init__(self, path: str, holder: LockHolder) -> None:
        super().__init__(f"{path} is already open in BIG Desk by {holder.describe()}.")
        self.holder = holder
