"""Services of the Prepare step: the workshop's details, its people and its agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.app.document import WorkshopDocument
from bigdesk.model import AgendaItem, Note, Person, PersonKind, Workshop
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, reorder
from bigdesk.store.errors import EditRejectedError

WORKSHOP_ID = 1
IRREGULAR_PLURALS = {"person": "people"}

# -- what a user may type into each column, checked before anything reaches the file
LIMITS: dict[tuple[str, str], tuple[int, int]] = {
    ("person", "influence"): (1, 5),
    ("person", "interest"): (1, 5),
    ("agenda_item", "duration_minutes"): (0, 1440),
}


def workshop_details(conn: Connection) -> dict[str, Any]:
    """Return the workshop's own row as a dict."""
    row = conn.execute(select(Workshop.__table__).where(Workshop.id == WORKSHOP_ID)).mappings()
    return dict(row.one())


def rows(conn: Connection, table: str) -> list[dict[str, Any]]:
    """Return the rows of an ordered table (people, agenda, notes) in their order."""
    model = _ordered[table]
    statement = select(model.__table__).order_by(model.position, model.id)
    return [dict(row) for row in conn.execute(statement).mappings()]


def row(conn: Connection, table: str, row_id: int) -> dict[str, Any] | None:
    """Return one row of an ordered table, or None if it is gone."""
    model = _ordered[table]
    found = conn.execute(select(model.__table__).where(model.id == row_id)).mappings().first()
    return None if found is None else dict(found)


_ordered: dict[str, type[Person] | type[AgendaItem] | type[Note]] = {
    "person": Person,
    "agenda_item": AgendaItem,
    "note": Note,
}


def _check(table: str, column: str, value: Any) -> None:
    limits = LIMITS.get((table, column))
    if limits is None or value is None:
        return
    low, high = limits
    if not isinstance(value, int) or not low <= value <= high:
        raise EditRejectedError(f"Enter a whole number from {low} to {high}.")


def set_detail(document: WorkshopDocument, column: str, value: Any, label: str) -> None:
    """Change one of the workshop's details (title, client, date, …)."""
    document.do(SetValues("workshop", WORKSHOP_ID, {column: value}, label))


def set_value(document: WorkshopDocument, table: str, row_id: int, column: str, value: Any,
              label: str) -> None:
    """Change one cell of a person, an agenda item or a note."""
    _check(table, column, value)
    document.do(SetValues(table, row_id, {column: value}, label))


def _next_position(conn: Connection, table: str) -> int:
    model = _ordered[table]
    return int(conn.execute(select(func.coalesce(func.max(model.position), -1))).scalar_one()) + 1


def add_row(document: WorkshopDocument, table: str, values: dict[str, Any], label: str) -> int:
    """Append a row to an ordered table and return its id."""
    with document.read() as conn:
        position = _next_position(conn, table)
    inverse = document.do(InsertRow(table, {**values, "position": position}, label))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def add_person(document: WorkshopDocument, kind: PersonKind) -> int:
    """Add a participant or a stakeholder and return its id."""
    noun = "participant" if kind is PersonKind.PARTICIPANT else "stakeholder"
    return add_row(document, "person", {"kind": kind, "name": ""}, f"Add {noun}")


def add_agenda_item(document: WorkshopDocument) -> int:
    """Add an agenda item of a quarter of an hour and return its id."""
    return add_row(document, "agenda_item", {"title": "", "duration_minutes": 15},
                   "Add agenda item")


def add_note(document: WorkshopDocument, private: bool) -> int:
    """Add a note, private unless said otherwise, and return its id."""
    created = dt.datetime.now().replace(microsecond=0)
    values = {"text": "", "private": private, "created_at": created}
    return add_row(document, "note", values, "Add note")


def remove_rows(document: WorkshopDocument, table: str, ids: Sequence[int], noun: str) -> None:
    """Remove rows (and whatever depends on them) as one undoable edit."""
    if not ids:
        return
    plural = IRREGULAR_PLURALS.get(noun, f"{noun}s")
    label = f"Remove {noun}" if len(ids) == 1 else f"Remove {len(ids)} {plural}"
    edits: tuple[Edit, ...] = tuple(DeleteRow(table, row_id, label) for row_id in ids)
    document.do(Batch(edits, label))


def move_row(document: WorkshopDocument, table: str, row_id: int, offset: int, noun: str) -> bool:
    """Move a row up (negative offset) or down in its table; return whether it moved."""
    with document.read() as conn:
        order = [r["id"] for r in rows(conn, table)]
    index = order.index(row_id)
    target = max(0, min(len(order) - 1, index + offset))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    document.do(reorder(table, order, f"Move {noun}"))
    return True
