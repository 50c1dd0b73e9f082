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


class ReadOnlyPlaceError(ReadOnlyError):
    """The file or its folder cannot be written; the workshop can be opened read-only."""


class UnexpectedSchemaError(WorkshopFileError):
    """The file holds schema objects BIG Desk does not create, or lacks some it does."""


class MigrationError(WorkshopFileError):
    """Upgrading the file to the current schema failed; the file is left as it was."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds a workshop open for writing, and since when."""

    user: str
    host: str
    pid: int
    since: str
    # -- seconds since the epoch: the age of a lock written in another time zone
    started: float | None = None

    def describe(self) -> str:
        """Return a short readable description of the holder."""
        return f"{self.user} on {self.host} (since {self.since})"

    def age(self, now: float) -> str:
        """Return how long ago the lock was taken, in words ("3 days"), or "" if unknown."""
        if self.started is None:
            return ""
        minutes = max(int(now - self.started) // 60, 0)
        for size, unit in ((24 * 60, "day"), (60, "hour"), (1, "minute")):
            if minutes >= size:
                count = minutes // size
                return f"{count} {unit}{'s' if count != 1 else ''}"
        return "less than a minute"


class WorkshopLockedError(WorkshopFileError):
    """Another BIG Desk holds the workshop open for writing.

    ``elsewhere`` is true when the holder is another computer: its lock never
    expires on its own, and the user may take it over once sure it is not in use.
    """

    def __init__(self, path: str, holder: LockHolder, *, elsewhere: bool = False,
                 now: float | None = None) -> None:  # fmt: skip
        message = f"{path} is already open in BIG Desk by {holder.describe()}."
        age = holder.age(now) if now is not None else ""
        if elsewhere:
            message = message[:-1] + (f"; the lock is {age} old" if age else "") + (
                ". If it is no longer open there, open it in BIG Desk and take the lock over."
            )
        super().__init__(message)
        self.holder = holder
        self.elsewhere = elsewhere
