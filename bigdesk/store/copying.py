"""Copy a workshop's rows from one open workshop to another, whatever each lives in."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, MetaData, Table, delete, func, insert, select

from bigdesk.model import Base, FileProperty

# -- facts a copy keeps about where it came from; they describe one copy, not the workshop,
#    so they are never copied on and never part of its content
PROVENANCE_KEYS = ("taken_from", "taken_at", "taken_digest")
# -- tables of a workshop's own bookkeeping (its revision, a server's record of edits):
#    each copy keeps its own
BOOKKEEPING = ("alembic_version", "bigdesk_change")
# -- rows sent to the target per statement
CHUNK = 1000


def _self_references(table: Table) -> list[str]:
    return [key.parent.name for key in table.foreign_keys if key.column.table is table]


def _parents_first(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    """Order rows so that each comes after the rows of its own table it refers to."""
    by_id = {row["id"]: row for row in rows}
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    for start in rows:
        # -- walk up to the first ancestor not yet placed, then place the chain downwards
        chain: list[dict[str, Any]] = []
        row: dict[str, Any] | None = start
        while row is not None and row["id"] not in placed and row not in chain:
            chain.append(row)
            parents = [row[c] for c in columns if row[c] is not None]
            row = by_id.get(parents[0]) if parents else None
        for link in reversed(chain):
            placed.add(link["id"])
            ordered.append(link)
    return ordered


def _rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    order = [table.c[c.name] for c in table.primary_key.columns]
    rows = [dict(row) for row in conn.execute(select(table).order_by(*order)).mappings()]
    if table.name == FileProperty.__tablename__:
        rows = [row for row in rows if row["key"] not in PROVENANCE_KEYS]
    columns = _self_references(table)
    return _parents_first(rows, columns) if columns and "id" in table.c else rows


def copy_rows(source: Connection, target: Connection) -> None:
    """Copy every row of the workshop on ``source`` into the new, empty one on ``target``.

    The tables are those of the target, read from it: an older workshop is copied into
    a new one at its own revision, before any upgrade.
    """
    present = MetaData()
    present.reflect(target)
    # -- the new workshop records its own writer; every other fact comes from the source
    target.execute(delete(present.tables[FileProperty.__tablename__]))
    for table in present.sorted_tables:
        if table.name in BOOKKEEPING:
            continue
        rows = _rows(source, table)
        for start in range(0, len(rows), CHUNK):
            target.execute(insert(table), rows[start:start + CHUNK])


def copier(source: Connection) -> Callable[[Connection], None]:
    """Return what fills a new workshop with the rows on ``source`` (a ``populate``)."""
    return lambda target: copy_rows(source, target)


def _canonical(value: object) -> str:
    # -- the same value reads back as the same Python type from SQLite and PostgreSQL
    return "\x1f" if value is None else f"{type(value).__name__}:{value!r}"


def content_digest(conn: Connection) -> str:
    """Return a digest of every row of the workshop: equal digests, equal content."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        digest.update(f"\x1e{table.name}".encode())
        for row in _rows(conn, table):
            _feed(digest, table, row)
    return digest.hexdigest()


def _feed(digest: Any, table: Table, row: Mapping[str, Any]) -> None:
    digest.update("\x1d".join(_canonical(row[c.name]) for c in table.columns).encode())


def table_counts(conn: Connection) -> dict[str, int]:
    """Return how many rows each table of the workshop's content holds (its facts aside)."""
    return {
        table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables if table.name != FileProperty.__tablename__
    }
