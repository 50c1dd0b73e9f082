"""SQLAlchemy engines over one workshop file, with the pragmas that keep it safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def make_engine(
    path: Path, *, read_only: bool, journal_mode: str = "WAL", foreign_keys: bool = True
) -> Engine:
    """Return an engine with one long-lived connection to ``path``.

    ``mode=ro`` for read-only use never creates or changes the file; ``rw`` never
    creates it either, so a typo cannot leave an empty file behind.
    """

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(
            _uri(path, "ro" if read_only else "rw"), uri=True, isolation_level=None
        )
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
