"""SQLAlchemy engines over one workshop file, with the pragmas that keep it safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

# -- SQLite cannot open a file in a folder it may not write to when it would need to
#    create the shared-memory file of the write-ahead log there
_READ_ONLY_PLACE = ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN", "SQLITE_READONLY")


def sqlite_uri(path: Path, mode: str, *, immutable: bool = False) -> str:
    """Return the SQLite URI that opens exactly ``path``, whatever characters it holds."""
    # -- a path is not a URI: '#', '?' or '%41' in a folder name would cut it short or
    #    change it, and SQLite would open (or create) another file
    uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
    return f"{uri}&immutable=1" if immutable else uri


def wal_file(path: Path) -> Path:
    """Return the write-ahead log that SQLite keeps beside ``path``."""
    return path.with_name(f"{path.name}-wal")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` for reading only, also where its folder cannot be written."""
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as error:
        conn.close()
        # -- with no log or journal beside it nothing is being written, so the file can
        #    be read as it stands, without the shared memory SQLite cannot create there
        cut_short = (wal_file(path), path.with_name(f"{path.name}-journal"))
        if getattr(error, "sqlite_errorname", "") not in _READ_ONLY_PLACE or any(
            p.exists() for p in cut_short
        ):
            raise
        conn = sqlite3.connect(sqlite_uri(path, "ro", immutable=True), uri=True,
                               isolation_level=None)  # fmt: skip
    return conn


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def make_engine(
    path: Path, *, read_only: bool, journal_mode: str = "WAL", foreign_keys: bool = True
) -> Engine:
    """Return an engine with one long-lived connection to ``path``.

    ``mode=ro`` for read-only use never creates or changes the file; ``rw`` never
    creates it either, so a typo cannot leave an empty file behind.
    """

    def connect() -> sqlite3.Connection:
        if read_only:
            conn = connect_read_only(path)
        else:
            conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True, isolation_level=None)
        # -- a damaged byte in stored text shows as a replacement character instead of
        #    making the whole workshop unreadable
        conn.text_factory = _lenient_text
        # -- files come from other people: never run SQL functions stored in the schema
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA cell_size_check=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if not read_only:
            conn.execute(f"PRAGMA journal_mode={journal_mode}")
            # -- FULL: a commit the user saw survives a power cut, in WAL mode too
            conn.execute("PRAGMA synchronous=FULL")
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)

    # -- pysqlite's own transaction handling defers BEGIN and skips DDL; take control
    #    so each edit and each migration is one real SQLite transaction
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if not read_only else "BEGIN")

    return engine
