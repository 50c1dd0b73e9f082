"""Create, open, check and copy workshop files: one SQLite file per workshop."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import StaticPool

from bigdesk.model import Base
from bigdesk.store import checked
from bigdesk.store.engine import connect_read_only, make_engine, sqlite_uri
from bigdesk.store.errors import (
    CorruptWorkshopError,
    NotAWorkshopError,
    ReadOnlyPlaceError,
    UnexpectedSchemaError,
    WorkshopExistsError,
    WorkshopFileError,
)
from bigdesk.store.header import APPLICATION_ID, check_header
from bigdesk.store.location import journal_mode_for
from bigdesk.store.lock import WorkshopLock
from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.partial import partial_path, remove_stale_partials
from bigdesk.store.readable import first_broken_link, first_unreadable_value
from bigdesk.store.schema import (
    create_schema,
    file_properties,
    file_revision,
    head_revision,
    refuse_unknown,
    upgrade_schema,
)
from bigdesk.store.schema_check import foreign_object, schema_difference

WORKSHOP_SUFFIX = ".bigdesk"


def _fsync_dir(folder: Path) -> None:
    # -- a rename is durable only once its folder is flushed (POSIX)
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup_to(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of ``source`` to ``target`` atomically."""
    remove_stale_partials(target.parent)
    partial = partial_path(target)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            # -- a copy may travel to a shared folder: leave it in the portable journal mode
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        if os.name == "posix":
            partial.chmod(0o600)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    finally:
        partial.unlink(missing_ok=True)


def _inspect(path: Path) -> tuple[str, dict[str, str]]:
    """Check integrity read-only and return the file's revision and properties.

    The very bytes that passed every check before, checked by this same code, are not
    checked again (``checked.py``).
    """
    seen = checked.fingerprint(path)
    known = seen is not None and checked.passed(seen)
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as conn:
            if not known:
                # -- the full check, as ``bigdesk check`` runs it: a file it calls damaged
                #    is not opened, read or exported either
                verdict = integrity(conn)
                if verdict != "ok":
                    raise CorruptWorkshopError(
                        f"{path} is damaged ({verdict}). Use a backup copy.")
            revision = file_revision(conn)
            properties = file_properties(conn)
            if not known:
                _check_schema(path, conn, revision)
                unreadable = first_unreadable_value(conn) or first_broken_link(conn)
                if unreadable:
                    raise CorruptWorkshopError(
                        f"{path} is damaged: {unreadable}. Use a backup copy.")
    except sqlite3.DatabaseError as error:
        raise CorruptWorkshopError(f"{path} is damaged ({error}). Use a backup copy.") from None
    except WorkshopFileError:
        raise
    except Exception as error:
        cause = getattr(error, "orig", error)
        if getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_ROLLBACK:
            raise WorkshopFileError(
                f"{path} holds a change that was cut short; open it for editing in BIG Desk "
                "to roll that change back."
            ) from None
        raise CorruptWorkshopError(f"{path} is damaged ({cause}). Use a backup copy.") from None
    finally:
        engine.dispose()
    assert revision is not None
    # -- noted only if the file still holds the bytes that were checked
    if not known and seen is not None and checked.fingerprint(path) == seen:
        checked.remember(seen)
    return revision, properties


def _check_schema(path: Path, conn: Connection, revision: str | None) -> None:
    """Refuse a file whose schema is not one this BIG Desk wrote, in one line."""
    if revision is None:
        raise NotAWorkshopError(f"{path} has no schema revision; it is not a usable workshop.")
    refuse_unknown(conn, path, revision)
    # -- an older file is compared once upgraded; before that, nothing in it may run code
    difference = schema_difference(conn) if revision == head_revision() else foreign_object(conn)
    if difference:
        raise _unexpected(path, difference)


def _unexpected(path: Path, difference: str) -> UnexpectedSchemaError:
    return UnexpectedSchemaError(
        f"{path} {difference}: it was changed outside BIG Desk and is not opened. "
        "Use a backup copy."
    )


def _roll_back_cut_short(path: Path) -> None:
    """Let SQLite undo a change that a writer which died left half-made in its journal."""
    # -- only a writable connection can roll a hot journal back; a read-only one
    #    reports the file as unreadable instead
    if not path.with_name(f"{path.name}-journal").exists():
        return
    with contextlib.suppress(sqlite3.Error):  # -- _inspect then says what is wrong
        conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()


def backup_beside(path: Path, revision: str) -> Path:
    """Copy ``path`` next to itself before it is upgraded, and return the copy's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    source = connect_read_only(path)
    try:
        _backup_to(source, target)
    finally:
        source.close()
    return target


def _upgrade(path: Path, conn: Connection) -> None:
    """Bring the schema on ``conn`` up to date; refuse it if it then differs from BIG Desk's."""
    upgrade_schema(conn)
    difference = schema_difference(conn)
    if difference:
        raise _unexpected(path, difference)


def _migrate(path: Path, journal_mode: str) -> None:
    # -- foreign keys are off during the upgrade (tables are copied and renamed) and
    #    checked as a whole before it commits
    engine = make_engine(path, read_only=False, journal_mode=journal_mode, foreign_keys=False)
    try:
        with engine.begin() as conn:
            _upgrade(path, conn)
    finally:
        engine.dispose()


def _memory_copy(path: Path) -> Engine:
    """Return an engine over an upgraded in-memory copy of ``path``; the file is untouched."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    source = connect_read_only(path)
    try:
        source.backup(memory)
    finally:
        source.close()
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    memory.execute("PRAGMA foreign_keys=OFF")
    try:
        with engine.begin() as conn:
            _upgrade(path, conn)
    except BaseException:
        engine.dispose()
        memory.close()
        raise
    memory.execute("PRAGMA foreign_keys=ON")
    return engine


@dataclass
class WorkshopStore(OpenWorkshop):
    """An open workshop file: the writer's lock is held until it is closed."""

    path: Path
    engine: Engine
    read_only: bool
    revision: str
    journal_mode: str
    upgraded_from: str | None = None
    backup_path: Path | None = None
    _lock: WorkshopLock | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """Return the file's path."""
        return str(self.path)

    @property
    def name(self) -> str:
        """Return the file's name."""
        return self.path.name

    @property
    def place(self) -> Path:
        """Return the file's path."""
        return self.path

    @property
    def title(self) -> str:
        """Return the file's name without its suffix."""
        return self.path.stem

    @property
    def folder(self) -> Path:
        """Return the file's folder."""
        return self.path.parent

    @property
    def identity(self) -> str:
        """Return the file's path, as links resolve it."""
        return str(self.path.resolve())

    def writable_problem(self) -> str | None:
        """Say why the file cannot be changed where it is (None when it can)."""
        return writable_problem(self.path)

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the workshop to ``target``."""
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            _backup_to(source, target)
        finally:
            raw.close()

    def close(self) -> None:
        """Close the file and release the writer's lock."""
        super().close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def writable_problem(path: Path) -> str | None:
    """Say why ``path`` cannot be changed where it is (None when it can)."""
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    # -- SQLite writes its journal, and BIG Desk its lock file, beside the workshop
    if not os.access(path.resolve().parent, os.W_OK | os.X_OK):
        return "its folder cannot be written"
    return None


def open_workshop(
    path: Path | str, *, read_only: bool = False, take_over: bool = False
) -> WorkshopStore:
    """Open a workshop, upgrading its schema first if it is older than this version's.

    A read-only open never changes the file: an older file is upgraded in memory.
    ``take_over`` takes the lock from another computer once the user has confirmed
    that the workshop is no longer open there.
    """
    path = Path(path)
    check_header(path)
    cannot_write = None if read_only else writable_problem(path)
    if not read_only and cannot_write is None:
        _roll_back_cut_short(path)
    revision, _ = _inspect(path)
    if cannot_write:
        raise ReadOnlyPlaceError(
            f"{path} cannot be opened for changes: {cannot_write}. It can be opened read-only."
        )
    journal_mode = journal_mode_for(path)
    upgraded_from = None if revision == head_revision() else revision
    if read_only:
        engine = _memory_copy(path) if upgraded_from else make_engine(path, read_only=True)
        return WorkshopStore(path, engine, True, head_revision(), journal_mode, upgraded_from)
    if upgraded_from:
        # -- rehearsed on a copy in memory first: an upgrade that would be refused is
        #    refused before the file, its journal mode or its lock is touched
        _memory_copy(path).dispose()
    lock = WorkshopLock(path)
    lock.acquire(path, take_over=take_over)
    try:
        _probe_writing(path, journal_mode)
        backup = None
        if upgraded_from:
            backup = backup_beside(path, upgraded_from)
            try:
                _migrate(path, journal_mode)
            except Exception:
                # -- the upgrade was rolled back: the file is its own backup
                backup.unlink(missing_ok=True)
                raise
        engine = make_engine(path, read_only=False, journal_mode=journal_mode)
        return WorkshopStore(
            path, engine, False, head_revision(), journal_mode, upgraded_from, backup, lock
        )
    except BaseException:
        lock.release()
        raise


def _probe_writing(path: Path, journal_mode: str) -> None:
    """Refuse, in one line, a file SQLite will not write (such as one from a newer SQLite)."""
    engine = make_engine(path, read_only=False, journal_mode=journal_mode)
    try:
        with engine.begin():
            pass
    except OperationalError as error:
        raise ReadOnlyPlaceError(
            f"{path} cannot be opened for changes ({error.orig}). It can be opened read-only."
        ) from None
    except DatabaseError as error:
        # -- a schema SQLite parses only when it writes (a damaged table definition)
        raise CorruptWorkshopError(
            f"{path} is damaged ({error.orig}). Use a backup copy.") from None
    finally:
        engine.dispose()


def _put_in_place(partial: Path, path: Path) -> None:
    """Give ``partial`` the name ``path`` unless something already has it."""
    try:
        # -- a hard link never replaces an existing file: no window for a race
        os.link(partial, path)
    except FileExistsError:
        raise WorkshopExistsError(f"{path} already exists; choose another name.") from None
    except OSError:
        # -- file systems without hard links (FAT, some shares): check, then rename
        if path.exists() or path.is_symlink():
            raise WorkshopExistsError(f"{path} already exists; choose another name.") from None
        os.replace(partial, path)
    else:
        partial.unlink()


def _build(
    path: Path,
    populate: Callable[[Connection], None] | None,
    put_in_place: Callable[[Path, Path], None],
    revision: str | None = None,
) -> None:
    """Build a workshop file under a hidden name beside ``path``, then put it in place whole.

    A kill on the way leaves nothing at ``path``, and the next write into the folder
    tidies up. ``revision`` builds an older schema (head by default) with its revisions.
    """
    remove_stale_partials(path.parent)
    partial = partial_path(path)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise WorkshopFileError(f"{path} cannot be created: {error.strerror}.") from None
    os.close(fd)
    try:
        engine = make_engine(partial, read_only=False, journal_mode=journal_mode_for(path))
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                if revision is None:
                    create_schema(conn)
                else:
                    upgrade_schema(conn, revision)
                if populate is not None:
                    populate(conn)
        finally:
            engine.dispose()
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        put_in_place(partial, path)
        _fsync_dir(path.parent)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s)
                                    for s in ("-wal", "-shm", "-journal"))):  # fmt: skip
            leftover.unlink(missing_ok=True)


def create_workshop(
    path: Path | str, populate: Callable[[Connection], None] | None = None
) -> WorkshopStore:
    """Create a new workshop file at ``path`` (never over an existing one) and open it."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise WorkshopExistsError(f"{path} already exists; choose another name.")
    _build(path, populate, _put_in_place)
    return open_workshop(path)


def write_workshop_file(
    path: Path, populate: Callable[[Connection], None], revision: str | None = None
) -> None:
    """Write a workshop file at ``path``, replacing any, filled by ``populate``.

    ``revision`` is the schema to write (head by default): a copy of an older workshop
    keeps its own.
    """
    _build(path, populate, os.replace, revision)


def element_counts(conn: Connection) -> dict[str, int]:
    """Count each kind of element that ``bigdesk check`` reports."""
    counts: dict[str, int] = {}
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        key = getattr(mapper.class_, "count_key", None)
        if key:
            # -- selecting from the class adds the type filter of single-table subclasses
            count = select(func.count()).select_from(mapper.class_)
            counts[key] = conn.execute(count).scalar_one()
    return dict(sorted(counts.items()))


def integrity(conn: Connection) -> str:
    """Return SQLite's full integrity verdict: ``ok`` or the first problem found, on one line.

    A server keeps its own pages whole (and checks them with data checksums when enabled);
    what a client can see there is always ``ok``.
    """
    if conn.dialect.name != "sqlite":
        return "ok"
    verdict = conn.execute(text("PRAGMA integrity_check(1)")).scalars().all()
    if verdict == ["ok"]:
        return "ok"
    first = " ".join(str(verdict[0]).replace("*** in database main ***", "").split())
    return first if len(first) <= 200 else first[:199] + "…"
