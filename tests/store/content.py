"""Read a workshop's rows back as plain data, to compare files with expectations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from bigdesk.store import WorkshopStore
from bigdesk.store.edits import table_of

EDITED_TABLES = ("workshop", "person", "agenda_item", "note")


def rows(conn: Connection, table: str) -> dict[int, dict[str, Any]]:
    """Return every row of ``table`` keyed by id."""
    found = conn.execute(select(table_of(table))).mappings().all()
    return {row["id"]: dict(row) for row in found}


def content(store: WorkshopStore, tables: tuple[str, ...] = EDITED_TABLES) -> dict[str, Any]:
    """Return the rows of every edited table of an open workshop."""
    with store.read() as conn:
        return {table: rows(conn, table) for table in tables}
