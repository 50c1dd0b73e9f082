"""What every service needs: the next free id and position, and several deletes as one edit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.domain.words import count
from bigdesk.model import Base
from bigdesk.store import Batch, DeleteRow, TableRef, Workspace
from bigdesk.store.edits import ORDER_COLUMN, table_of


def next_id(conn: Connection, table: TableRef) -> int:
    """Return an id above every one ``table`` holds, so one batch can insert and link rows."""
    ids = table_of(table).c.id
    return int(conn.execute(select(func.coalesce(func.max(ids), 0))).scalar_one()) + 1


def next_position(conn: Connection, table: TableRef, **where: Any) -> int:
    """Return the position after the last row of ``table`` (among rows matching ``where``)."""
    model = table_of(table)
    statement = select(func.coalesce(func.max(model.c[ORDER_COLUMN]), -1))
    for column, value in where.items():
        statement = statement.where(
            model.c[column].is_(None) if value is None else model.c[column] == value)
    return int(conn.execute(statement).scalar_one()) + 1


def remove_rows(workspace: Workspace, model: type[Base], ids: Sequence[int]) -> None:
    """Delete rows of ``model`` (with what depends on them) as one edit."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return
    noun = model.noun
    label = f"Remove {noun}" if len(unique) == 1 else f"Remove {count(len(unique), noun)}"
    edits = tuple(DeleteRow(model, row_id, label) for row_id in unique)
    workspace.do(edits[0] if len(edits) == 1 else Batch(edits, label))
