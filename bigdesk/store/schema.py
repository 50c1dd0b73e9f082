"""Schema revisions: which ones this BIG Desk knows, and how a file is brought up to date."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import Connection, delete, insert, text

from bigdesk import __version__
from bigdesk.model import Base, FileProperty
from bigdesk.store.errors import MigrationError, TooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@cache
def known_revisions() -> tuple[str, ...]:
    """Return the revision ids this version knows, oldest first.

    Each revision file is named after its id (``0002_cascade.py`` is revision
    ``0002``), so the list is read without importing Alembic; a test checks that
    Alembic agrees.
    """
    names = (p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return tuple(sorted(name[:4] for name in names))


def head_revision() -> str:
    """Return the newest schema revision this version writes."""
    return known_revisions()[-1]


def file_revision(conn: Connection) -> str | None:
    """Return the schema revision recorded in an open file, or None when there is none."""
    try:
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except Exception:
        return None
    return None if row is None else str(row[0])


def file_properties(conn: Connection) -> dict[str, str]:
    """Return the facts the file records about itself (which BIG Desk wrote it, and so on)."""
    try:
        rows = conn.execute(text("SELECT key, value FROM file_property")).all()
    except Exception:
        return {}
    return {str(key): str(value) for key, value in rows}


def refuse_unknown(conn: Connection, where: object, revision: str) -> None:
    """Refuse, naming the version it needs, a workshop of a revision this BIG Desk lacks."""
    if revision in known_revisions():
        return
    writer = file_properties(conn).get("schema_written_by", "a newer version")
    raise TooNewError(
        f"{where} was saved by BIG Desk {writer} (schema {revision}); this is BIG Desk "
        f"{__version__}, which knows schemas up to {head_revision()}. "
        f"Install BIG Desk {writer} or later to open it."
    )


def record_writer(conn: Connection) -> None:
    """Record which BIG Desk last changed the schema of the file."""
    conn.execute(delete(FileProperty).where(FileProperty.key == "schema_written_by"))
    conn.execute(insert(FileProperty).values(key="schema_written_by", value=__version__))


def create_schema(conn: Connection) -> None:
    """Create every table of the current schema and stamp it with the head revision."""
    Base.metadata.create_all(conn)
    conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                      "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
    conn.execute(text("INSERT INTO alembic_version VALUES (:rev)"), {"rev": head_revision()})
    record_writer(conn)


def upgrade_schema(conn: Connection, revision: str = "head") -> None:
    """Run the Alembic revisions that bring the file on ``conn`` to ``revision`` (the head)."""
    # -- Alembic is imported only here: most opens need no migration
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    try:
        command.upgrade(config, revision)
        # -- SQLite checks references only when asked; PostgreSQL checked each as it went
        problems = (conn.execute(text("PRAGMA foreign_key_check")).all()
                    if conn.dialect.name == "sqlite" else [])
        if problems:
            raise MigrationError(
                f"The upgrade left {len(problems)} broken references "
                f"(first in table {problems[0][0]}); the file was left as it was."
            )
        record_writer(conn)
    except MigrationError:
        raise
    except Exception as error:
        raise MigrationError(f"The workshop could not be upgraded: {error}") from error
