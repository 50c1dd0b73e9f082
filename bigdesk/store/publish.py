"""Publish a workshop: copy it from a file to a server, from a server to a file, and verify it.

A copy taken from a server notes where from, when, and a digest of what it held. Published
back, it replaces the server's workshop only if that still holds exactly what was taken
(checked under a lock against every writer); otherwise it is refused with what differs,
unless the user asks to replace it, and a backup is always written first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, insert

from bigdesk import paths
from bigdesk.model import FileProperty
from bigdesk.store.copying import PROVENANCE_KEYS, content_digest, copy_rows, table_counts
from bigdesk.store.errors import WorkshopExistsError, WorkshopFileError, WorkshopLockedError
from bigdesk.store.lock import WorkshopLock
from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.places import Place, create_workshop, open_workshop
from bigdesk.store.schema import file_properties
from bigdesk.store.server.address import ServerLocation
from bigdesk.store.workshop_file import element_counts, write_workshop_file


class PublishRefusedError(WorkshopFileError):
    """The target holds a workshop the source was not taken from, or that changed since."""

    def __init__(self, message: str, differences: list[str]) -> None:
        super().__init__(message)
        self.differences = differences


@dataclass(frozen=True)
class Published:
    """What a publish wrote and verified."""

    target: str
    counts: dict[str, int]
    backup: Path | None
    # -- why the source could not note that it now matches the target (None: it did)
    not_noted: str | None = None


def _same(source: Place, target: Place) -> bool:
    if isinstance(source, ServerLocation) and isinstance(target, ServerLocation):
        return source.identity == target.identity
    if isinstance(source, Path) and isinstance(target, Path):
        return source.resolve() == target.resolve()
    return False


def _exists(place: Place) -> bool:
    if isinstance(place, ServerLocation):
        from bigdesk.store.server.workshop import workshop_exists

        return workshop_exists(place)
    return place.exists() or place.is_symlink()


def _provenance(source: Place, digest: str) -> dict[str, str]:
    """Return the facts a file copy of a server workshop keeps about where it came from."""
    if not isinstance(source, ServerLocation):
        return {}
    taken_at = dt.datetime.now().isoformat(timespec="seconds")
    return {"taken_from": source.identity, "taken_at": taken_at, "taken_digest": digest}


def _note(conn: Connection, facts: dict[str, str]) -> None:
    conn.execute(delete(FileProperty).where(FileProperty.key.in_(PROVENANCE_KEYS)))
    if facts:
        conn.execute(insert(FileProperty), [{"key": k, "value": v} for k, v in facts.items()])


def _filler(source: Connection, facts: dict[str, str]) -> Callable[[Connection], None]:
    def fill(target: Connection) -> None:
        copy_rows(source, target)
        _note(target, facts)

    return fill


def differences(source: Connection, target: Connection) -> list[str]:
    """Return, in words, the counts that differ between two workshops (source, then target)."""
    theirs = element_counts(target)
    return [
        f"{key.replace('_', ' ')}: {count} here, {theirs.get(key, 0)} there"
        for key, count in element_counts(source).items() if count != theirs.get(key, 0)
    ]


def publish(source: Place, target: Place, *, replace: bool = False) -> Published:
    """Copy the workshop at ``source`` to ``target`` and verify the copy row for row."""
    if _same(source, target):
        raise WorkshopFileError("The source and the target are the same workshop.")
    opened = open_workshop(source, read_only=True)
    try:
        with opened.read() as conn:
            if conn.dialect.name == "postgresql":
                # -- one snapshot of every table, whoever edits meanwhile
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            digest = content_digest(conn)
            counts = table_counts(conn)
            fill = _filler(conn, _provenance(source, digest))
            backup = _write(conn, target, fill, replace=replace)
    finally:
        opened.close()
    _verify(target, digest, counts)
    not_noted = _note_source(source, target) if isinstance(target, ServerLocation) else None
    return Published(str(target), counts, backup, not_noted)


def _write(conn: Connection, target: Place, fill: Callable[[Connection], None], *,
           replace: bool) -> Path | None:  # fmt: skip
    """Write the target, refusing or backing up an existing one; return the backup."""
    if not _exists(target):
        create_workshop(target, fill).close()
        return None
    if isinstance(target, Path):
        if not replace:
            raise WorkshopExistsError(
                f"{target} already exists; publish with --replace to replace it (a backup "
                "is kept) or choose another name.")  # fmt: skip
        # -- a file open in BIG Desk is not replaced under its user's feet
        lock = WorkshopLock(target)
        lock.acquire(target)
        try:
            backup = _file_backup(target)
            write_workshop_file(target, fill)
        finally:
            lock.release()
        return backup
    from bigdesk.store.server.workshop import (
        ChangedMeanwhileError,
        backup_path,
        replace_server_workshop,
    )

    facts = file_properties(conn)
    taken_here = facts.get("taken_from") == target.identity
    expected = None if replace else facts.get("taken_digest") if taken_here else None
    if not replace and expected is None:
        raise _refused(conn, target, f"{target} already holds a workshop this one was not "
                                     "taken from")  # fmt: skip
    backup = backup_path(target, "before-publish")
    try:
        replace_server_workshop(target, fill, backup, expected)
    except ChangedMeanwhileError:
        raise _refused(conn, target, f"{target} has changed since this copy was taken from it "
                                     f"({facts.get('taken_at', 'at an unknown time')})") from None
    return backup


def _refused(conn: Connection, target: ServerLocation, why: str) -> PublishRefusedError:
    current = open_workshop(target, read_only=True)
    try:
        with current.read() as theirs:
            differ = differences(conn, theirs)
    finally:
        current.close()
    if not differ:
        differ = ["the same counts, but some values differ"]
    return PublishRefusedError(
        f"{why}; nothing was changed. Publish with --replace to overwrite it (a backup is "
        "kept first), or take a fresh copy of it.", differ)


def _file_backup(target: Path) -> Path:
    """Copy the file ``target`` to the user's backups folder before it is replaced."""
    source = open_workshop(target, read_only=True)
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = paths.backups_dir() / f"{target.stem}.before-publish-{stamp}.bigdesk"
        source.save_copy(backup)
    finally:
        source.close()
    return backup


def _verify(target: Place, digest: str, counts: dict[str, int]) -> None:
    """Read the target back: every table's count and every row must be the source's."""
    written = open_workshop(target, read_only=True)
    try:
        with written.read() as conn:
            if table_counts(conn) != counts or content_digest(conn) != digest:
                raise WorkshopFileError(
                    f"{written.label} does not hold what was published; it should be "
                    "published again.")  # fmt: skip
    finally:
        written.close()


def _note_source(source: Place, target: ServerLocation) -> str | None:
    """Note in a source file that it now matches the server, so it can be published again."""
    if not isinstance(source, Path):
        return None
    try:
        opened: OpenWorkshop = open_workshop(source)
    except WorkshopLockedError:
        return "it is open in BIG Desk"
    except WorkshopFileError as error:
        return str(error)
    try:
        with opened.engine.begin() as conn:
            _note(conn, _provenance(target, content_digest(conn)))
    finally:
        opened.close()
    return None
