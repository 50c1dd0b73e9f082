"""Create, open, list and copy workshops on a PostgreSQL server: one schema per workshop."""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, ProgrammingError

from bigdesk import paths
from bigdesk.model import Base
from bigdesk.store.copying import BOOKKEEPING, copier
from bigdesk.store.edits import Changes, Edit
from bigdesk.store.errors import (
    NotAWorkshopError,
    ReadOnlyError,
    ReadOnlyPlaceError,
    UnexpectedSchemaError,
    WorkshopExistsError,
    WorkshopFileError,
)
from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.schema import (
    create_schema,
    head_revision,
    refuse_unknown,
    upgrade_schema,
)
from bigdesk.store.server import changes
from bigdesk.store.server.address import ServerLocation, check_workshop_name, quoted
from bigdesk.store.server.credentials import with_password
from bigdesk.store.server.listener import Listener
from bigdesk.store.workshop_file import open_workshop as open_file
from bigdesk.store.workshop_file import write_workshop_file

# -- how long to wait for a server before saying it cannot be reached
CONNECT_TIMEOUT_SECONDS = 10


class ServerUnavailableError(WorkshopFileError):
    """The server cannot be reached, or refused the connection."""


def _workshop(location: ServerLocation) -> str:
    if location.workshop is None:
        raise NotAWorkshopError(f"{location} names no workshop; add #WORKSHOP to it.")
    return check_workshop_name(location.workshop)


def server_engine(location: ServerLocation, *, read_only: bool = False) -> Engine:
    """Return an engine whose connections see only the workshop's schema."""
    location = with_password(location)
    settings = dict(location.settings)
    settings.setdefault("connect_timeout", str(CONNECT_TIMEOUT_SECONDS))
    url = URL.create("postgresql+psycopg", username=location.user, password=location.password,
                     host=location.host, port=location.port, database=location.database,
                     query=settings)  # fmt: skip
    # -- no ping before each use: it would cost every edit a round trip; when the server
    #    comes back after a loss, the listener renews the pool
    engine = create_engine(url, pool_size=2, max_overflow=6,
                           connect_args={"application_name": "BIG Desk"},
                           hide_parameters=True)  # fmt: skip
    schema = location.workshop

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # -- set outside any transaction, so no rollback takes it back
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET search_path TO {quoted(schema) if schema else 'pg_catalog'}")
            if read_only:
                # -- the server itself refuses any write made by mistake
                cursor.execute("SET default_transaction_read_only TO on")
        dbapi_connection.autocommit = False

    return engine


def _reason(error: BaseException, location: ServerLocation) -> str:
    cause = getattr(error, "orig", error)
    words = " ".join(str(cause).split("\n", 1)[0].split())
    # -- libpq never repeats a password, but a server's message is not ours to trust
    password = with_password(location).password
    if password:
        words = words.replace(password, "********")
    return words.removeprefix("connection failed: ")


@contextmanager
def _talking_to(location: ServerLocation) -> Iterator[None]:
    """Turn the driver's errors into one line for the user, never with the password."""
    try:
        yield
    except WorkshopFileError:
        raise
    except DBAPIError as error:
        if error.connection_invalidated or _is_connection_error(error):
            raise ServerUnavailableError(
                f"{location.database_label}: the server cannot be reached or refused the "
                f"connection ({_reason(error, location)})."
            ) from None
        raise WorkshopFileError(f"{location}: {_reason(error, location)}.") from None


# -- SQLSTATE classes of a connection that failed, was refused or was cut: no connection,
#    authentication, no such database, the server shutting down or ending the session
_CONNECTION_CLASSES = ("08", "28", "3D", "57P")


def _is_connection_error(error: DBAPIError) -> bool:
    import psycopg

    if not isinstance(error.orig, psycopg.OperationalError):
        return False
    # -- libpq's own failures (no route, a closed socket) carry no SQLSTATE
    state = error.orig.sqlstate
    return state is None or state.startswith(_CONNECTION_CLASSES)


def _schema_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :name"),
                         {"name": name}).first()  # fmt: skip
    return found is not None


def _is_workshop(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text(
        "SELECT count(*) = 2 FROM information_schema.tables WHERE table_schema = :name "
        "AND table_name IN ('alembic_version', 'file_property')"), {"name": name}).scalar_one())


def _revision(conn: Connection) -> str | None:
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def schema_difference(conn: Connection, name: str) -> str | None:
    """Describe the first way the workshop's schema differs from BIG Desk's, or None."""
    foreign = conn.execute(text(
        "SELECT 'trigger', tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :name "
        "AND NOT t.tgisinternal UNION ALL SELECT 'view', table_name "
        "FROM information_schema.views WHERE table_schema = :name UNION ALL "
        "SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = :name ORDER BY 1, 2"),
        {"name": name}).first()  # fmt: skip
    if foreign is not None:
        return f"holds a {foreign[0]} “{foreign[1]}” that BIG Desk does not create"
    # -- every table and column in one query: reflecting table by table cost a round trip
    #    each, a quarter of a second on every open
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(text(
            "SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid "
            "AND a.attnum > 0 AND NOT a.attisdropped WHERE n.nspname = :name "
            "AND c.relkind IN ('r', 'p')"), {"name": name}):  # fmt: skip
        found.setdefault(table, set()).update([column] if column is not None else [])
    tables = set(found)
    expected = {*Base.metadata.tables, *BOOKKEEPING}
    for table in sorted(expected - tables):
        return f"lacks the table “{table}”"
    for table in sorted(tables - expected):
        return f"holds a table “{table}” that BIG Desk does not create"
    for table in sorted(Base.metadata.tables):
        have = found[table]
        want = set(Base.metadata.tables[table].columns.keys())
        for column in sorted(want - have):
            return f"lacks the column “{column}” of the table “{table}”"
        for column in sorted(have - want):
            return f"holds a column “{column}” in the table “{table}” that BIG Desk does not create"
    return None


def _cannot_write(conn: Connection, location: ServerLocation) -> str | None:
    """Say why the connected role cannot change the workshop (None when it can)."""
    missing = conn.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :name AND c.relkind = 'r' AND NOT (has_table_privilege("
        "c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE') AND "
        "has_table_privilege(c.oid, 'DELETE')) ORDER BY 1 LIMIT 1"),
        {"name": _workshop(location)}).first()  # fmt: skip
    if missing is None:
        return None
    return f"the role {location.user or 'connecting'} may not change the table {missing[0]}"


def _align_sequences(conn: Connection) -> None:
    """Move each table's id sequence past the ids copied in, so new rows get fresh ones."""
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            f"coalesce((SELECT max(id) FROM {quoted(table.name)}), 0) + 1, false)"),
            {"table": quoted(table.name)})  # fmt: skip


@dataclass
class ServerWorkshop(OpenWorkshop):
    """A workshop open on a server: several people may have it open at once.

    Each edit is one transaction, recorded and announced to the other windows
    (``changes.py``); ``seen`` is the newest change by others this window has caught up
    with, and an edit touching a row someone changed after it is refused.
    """

    location: ServerLocation
    engine: Engine
    read_only: bool
    revision: str
    upgraded_from: str | None = None
    backup_path: Path | None = None
    seen: int = 0
    connected: bool = True
    # -- each read takes a pooled connection of its own: a backup may read on its own thread
    reads_anywhere: ClassVar[bool] = True
    session: str = field(default_factory=lambda: secrets.token_hex(16))

    def apply(self, edit: Edit) -> tuple[Edit, Changes]:
        """Make ``edit`` in one transaction unless it conflicts; record and announce it."""
        if self.read_only:
            raise ReadOnlyError(f"{self.name} is open read-only; changes cannot be saved.")
        if not self.connected:
            raise ServerUnavailableError(
                f"{self.name}: the connection to the server is lost; changes are refused until "
                "it returns, and nothing was changed.")  # fmt: skip
        token = secrets.token_hex(16)
        quick = changes.quick(edit)
        done: tuple[Edit, Changes] | None = None
        try:
            if quick:
                # -- the edit people make most, typing a value, in one round trip
                with self.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT")
                    return changes.set_values(conn, self.name, self.session, token,
                                              edit, self.seen)  # type: ignore[arg-type]  # fmt: skip
            with self.engine.begin() as conn:
                done = edit.apply(conn)
                changes.record(conn, self.name, self.session, token, edit, done[1], self.seen)
            return done
        except DBAPIError as error:
            if not (error.connection_invalidated or _is_connection_error(error)):
                raise WorkshopFileError(
                    f"{self.name}: the change could not be saved "
                    f"({_reason(error, self.location)}); nothing was changed.") from None
            # -- the connection broke: the commit may have landed with its answer lost
            if (quick or done is not None) and self._committed(token):
                if done is None:
                    # -- what the row held before came back with the answer that was lost
                    raise ServerUnavailableError(
                        f"{self.name}: the connection to the server was lost as the change "
                        "was saved. It is saved, but cannot be undone from this window; "
                        "reload to see it.") from None  # fmt: skip
                return done
            raise ServerUnavailableError(
                f"{self.name}: the connection to the server was lost and the change was not "
                "saved.") from None  # fmt: skip

    def _committed(self, token: str) -> bool:
        try:
            with self.engine.connect() as conn:
                return changes.committed(conn, token)
        except DBAPIError:
            raise ServerUnavailableError(
                f"{self.name}: the connection to the server was lost while saving; whether the "
                "change was saved shows when the connection returns.") from None  # fmt: skip

    def catch_up(self) -> list[tuple[int, Changes]]:
        """Return what other windows changed since this one last caught up, and note it seen."""
        with _talking_to(self.location), self.read() as conn:
            missed = changes.since(conn, self.seen, self.session)
        if missed:
            self.saw(missed[-1][0])
        return missed

    def saw(self, change_id: int) -> bool:
        """Note that this window now shows the change ``change_id`` and every one before;
        return whether it is news."""
        news = change_id > self.seen
        self.seen = max(self.seen, change_id)
        return news

    def listen(self, on_notice: Callable[[changes.Notice], None],
               on_connection: Callable[[bool], None]) -> Listener | None:  # fmt: skip
        """Start hearing of other windows' edits and of the connection coming and going."""

        def connection(up: bool) -> None:
            if up:
                # -- the pooled connections died with the old one: start afresh
                self.engine.dispose()
            self.connected = up
            on_connection(up)

        def notice(heard: changes.Notice) -> None:
            # -- this window's own edits are shown already
            if heard.session != self.session:
                on_notice(heard)

        listener = Listener(self.location, changes.channel(self.name), notice, connection)
        listener.start()
        return listener

    @contextmanager
    def serialised(self, purpose: str) -> Iterator[None]:
        """Hold the workshop's advisory lock for ``purpose`` (imports wait for one another)."""
        with _talking_to(self.location), self.engine.connect() as conn:
            key = {"key": f"bigdesk-{purpose}:{self.name}"}
            conn.execute(text("SELECT pg_advisory_lock(hashtext(:key))"), key)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtext(:key))"), key)
                conn.commit()

    @property
    def label(self) -> str:
        """Return the location, without its password."""
        return str(self.location)

    @property
    def name(self) -> str:
        """Return the workshop's name."""
        return _workshop(self.location)

    @property
    def place(self) -> ServerLocation:
        """Return the workshop's location."""
        return self.location

    @property
    def title(self) -> str:
        """Return the workshop's name."""
        return self.name

    @property
    def folder(self) -> Path:
        """Return the user's home folder: a server workshop has no folder of its own."""
        return Path.home()

    @property
    def identity(self) -> str:
        """Return the location, without the password, as the recent list keeps it."""
        return self.label

    def writable_problem(self) -> str | None:
        """Say why this role cannot change the workshop (None when it can)."""
        with _talking_to(self.location), self.read() as conn:
            return _cannot_write(conn, self.location)

    def save_copy(self, target: Path) -> None:
        """Write the workshop, as it stands at one moment, to the file ``target``."""
        with _talking_to(self.location), self.read() as conn:
            # -- one snapshot for every table, whoever edits meanwhile
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            write_workshop_file(target, copier(conn), _older(_revision(conn)))


def _make_schema(conn: Connection, location: ServerLocation,
                 populate: Callable[[Connection], None] | None) -> None:  # fmt: skip
    """Make the workshop's schema, tables and rows inside the caller's transaction."""
    try:
        conn.exec_driver_sql(f"CREATE SCHEMA {quoted(_workshop(location))}")
    except ProgrammingError as error:
        raise WorkshopFileError(
            f"{location.database_label}: the role {location.user or 'connecting'} may not "
            f"create workshops there ({_reason(error, location)}); docs/server.md says which "
            "rights it needs."
        ) from None
    create_schema(conn)
    conn.exec_driver_sql(changes.CREATE_LOG)
    if populate is not None:
        populate(conn)
    _align_sequences(conn)


def create_server_workshop(
    location: ServerLocation, populate: Callable[[Connection], None] | None = None
) -> ServerWorkshop:
    """Create the workshop at ``location`` (never over an existing one) and open it.

    The schema, its tables and its rows are made in one transaction: a failure on the way
    leaves nothing behind on the server.
    """
    engine = server_engine(location)
    try:
        with _talking_to(location), engine.begin() as conn:
            if _schema_exists(conn, _workshop(location)):
                raise WorkshopExistsError(f"{location} already exists; choose another name.")
            _make_schema(conn, location, populate)
    except IntegrityError:
        # -- someone created the same workshop at the same moment
        raise WorkshopExistsError(f"{location} already exists; choose another name.") from None
    finally:
        engine.dispose()
    return open_server_workshop(location)


class ChangedMeanwhileError(WorkshopFileError):
    """The workshop on the server is not the one a replacement expected to find."""


def replace_server_workshop(
    location: ServerLocation,
    populate: Callable[[Connection], None],
    backup: Path,
    expected: str | None,
) -> None:
    """Replace the workshop at ``location`` by what ``populate`` makes, after backing it up.

    The workshop is locked against every writer first; then, if ``expected`` is given, its
    content digest must still be that one. The backup, the removal and the new workshop are
    one transaction: whoever edits meanwhile waits, and nothing is lost between them.
    """
    from bigdesk.store.copying import content_digest

    name = _workshop(location)
    engine = server_engine(location)
    try:
        with _talking_to(location), engine.begin() as conn:
            if not _is_workshop(conn, name):
                raise NotAWorkshopError(f"{location}: there is no workshop called “{name}”.")
            tables = ", ".join(quoted(t) for t in sorted(Base.metadata.tables))
            conn.exec_driver_sql(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
            if expected is not None and content_digest(conn) != expected:
                raise ChangedMeanwhileError(f"{location} has changed since it was taken.")
            write_workshop_file(backup, copier(conn), _older(_revision(conn)))
            conn.exec_driver_sql(f"DROP SCHEMA {quoted(name)} CASCADE")
            _make_schema(conn, location, populate)
    finally:
        engine.dispose()


def _older(revision: str | None) -> str | None:
    """Return the revision a copy must be written at: None for the head (the quick way)."""
    return None if revision == head_revision() else revision


def workshop_exists(location: ServerLocation) -> bool:
    """Return whether a workshop is at ``location``."""
    engine = server_engine(location)
    try:
        with _talking_to(location), engine.connect() as conn:
            return _is_workshop(conn, _workshop(location))
    finally:
        engine.dispose()


def open_server_workshop(location: ServerLocation, *, read_only: bool = False) -> ServerWorkshop:
    """Open the workshop at ``location``, upgrading its schema first if it is older."""
    name = _workshop(location)
    engine = server_engine(location, read_only=read_only)
    try:
        with _talking_to(location):
            with engine.connect() as conn:
                revision = _inspect(conn, location, name)
                older = revision != head_revision()
                cannot_write = _cannot_write(conn, location) if older or not read_only else None
            if cannot_write and not read_only:
                raise ReadOnlyPlaceError(
                    f"{location} cannot be opened for changes: {cannot_write}. It can be "
                    "opened read-only.")  # fmt: skip
            if older and read_only:
                return _snapshot(engine, location, revision, cannot_write)
            upgraded_from = backup = None
            if older:
                upgraded_from, backup = revision, _upgrade(engine, location, name, revision)
            with engine.begin() as conn:
                if not read_only:
                    changes.forget_old(conn)
                seen = changes.newest(conn)
        return ServerWorkshop(location, engine, read_only, head_revision(), upgraded_from, backup,
                              seen)  # fmt: skip
    except BaseException:
        engine.dispose()
        raise


@dataclass
class ServerSnapshot(ServerWorkshop):
    """A workshop of an older schema opened read-only: as it stood, upgraded in memory.

    Reading never changes what is on the server; only someone who may change the
    workshop upgrades it there, by opening it for editing (``docs/server.md``).
    """

    copy: OpenWorkshop = field(kw_only=True)
    cannot_write: str | None = field(default=None, kw_only=True)

    def listen(self, on_notice: Callable[[changes.Notice], None],
               on_connection: Callable[[bool], None]) -> None:  # fmt: skip
        """Hear nothing: the copy does not change."""

    def catch_up(self) -> list[tuple[int, Changes]]:
        """Return nothing: the copy does not change."""
        return []

    @contextmanager
    def serialised(self, purpose: str) -> Iterator[None]:
        """Hold nothing: nothing is written through a copy."""
        yield

    def writable_problem(self) -> str | None:
        """Say why the role cannot change the workshop on the server (None when it can)."""
        return self.cannot_write

    def save_copy(self, target: Path) -> None:
        """Write the workshop as it was taken, upgraded, to the file ``target``."""
        self.copy.save_copy(target)

    def close(self) -> None:
        """Let the copy go."""
        self.copy.close()


def _snapshot(engine: Engine, location: ServerLocation, revision: str,
              cannot_write: str | None) -> ServerSnapshot:  # fmt: skip
    """Take the older workshop at ``location`` to a file, and open it upgraded in memory.

    The file is read and checked as any file opened read-only is, then removed: the
    copy in memory is all the window shows.
    """
    with tempfile.TemporaryDirectory(prefix="bigdesk-snapshot-") as scratch:
        taken = Path(scratch) / f"{_workshop(location)}.bigdesk"
        ServerWorkshop(location, engine, True, revision).save_copy(taken)
        engine.dispose()
        copy = open_file(taken, read_only=True)
    return ServerSnapshot(location, copy.engine, True, copy.revision, revision, copy=copy,
                          cannot_write=cannot_write)  # fmt: skip


def _inspect(conn: Connection, location: ServerLocation, name: str) -> str:
    """Return the workshop's revision once its schema proves to be one BIG Desk wrote."""
    if not _schema_exists(conn, name) or not _is_workshop(conn, name):
        raise NotAWorkshopError(
            f"{location}: there is no workshop called “{name}” in the database "
            f"{location.database}; bigdesk list shows the workshops there."
        )
    revision = _revision(conn)
    if revision is None:
        raise NotAWorkshopError(f"{location} has no schema revision; it is not a usable workshop.")
    refuse_unknown(conn, location, revision)
    if revision == head_revision():
        difference = schema_difference(conn, name)
        if difference:
            raise _unexpected(location, difference)
    return revision


def _unexpected(location: ServerLocation, difference: str) -> UnexpectedSchemaError:
    return UnexpectedSchemaError(
        f"{location} {difference}: it was changed outside BIG Desk and is not opened."
    )


def backup_path(location: ServerLocation, why: str) -> Path:
    """Return a new file in the user's backups folder for a copy of the workshop at ``location``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = paths.backups_dir() / "server"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"{location.database}-{_workshop(location)}.{why}-{stamp}.bigdesk"


def _upgrade(engine: Engine, location: ServerLocation, name: str, revision: str) -> Path:
    """Back the workshop up to a file, then upgrade it in one transaction; return the copy."""
    backup = backup_path(location, f"before-upgrade-{revision}")
    ServerWorkshop(location, engine, True, revision).save_copy(backup)
    with engine.begin() as conn:
        # -- two people opening the same old workshop: the second waits, then finds it done
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                     {"key": f"bigdesk-upgrade:{name}"})  # fmt: skip
        if _revision(conn) == revision:
            upgrade_schema(conn)
            if not inspect(conn).has_table(changes.LOG, schema=name):
                conn.exec_driver_sql(changes.CREATE_LOG)
            difference = schema_difference(conn, name)
            if difference:
                raise _unexpected(location, difference)
    return backup


@dataclass(frozen=True)
class ListedWorkshop:
    """One workshop in a database, as ``bigdesk list`` shows it."""

    name: str
    revision: str
    elements: int | None


def list_workshops(location: ServerLocation) -> list[ListedWorkshop]:
    """Return the workshops in the database at ``location``, by name."""
    engine = server_engine(replace(location, workshop=None))
    listed = []
    try:
        with _talking_to(location), engine.connect() as conn:
            names = conn.execute(text(
                "SELECT table_schema FROM information_schema.tables WHERE table_name IN "
                "('alembic_version', 'file_property') GROUP BY table_schema "
                "HAVING count(*) = 2 ORDER BY 1")).scalars().all()  # fmt: skip
            for name in names:
                schema = quoted(str(name))
                revision = conn.execute(
                    text(f"SELECT version_num FROM {schema}.alembic_version")).scalar()
                elements = None
                if revision == head_revision():
                    elements = conn.execute(text(f"SELECT count(*) FROM {schema}.element")).scalar()
                listed.append(ListedWorkshop(str(name), str(revision), elements))
    finally:
        engine.dispose()
    return listed
