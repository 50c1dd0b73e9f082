"""Services for reporting periods: list them, and give elements one by its name."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from bigdesk.app.cascade import set_fields
from bigdesk.app.rows import next_id, next_position
from bigdesk.domain.errors import EditRejectedError
from bigdesk.model import Element, Period
from bigdesk.store import Batch, Edit, InsertRow, SetValues, Workspace, fetch

NAME_LENGTH = int(Period.__table__.c.name.type.length)  # type: ignore[attr-defined]


def periods(conn: Connection) -> list[Period]:
    """Return every reporting period in order."""
    return fetch(conn, select(Period).order_by(Period.position, Period.id))


def set_period_named(workspace: Workspace, element_ids: Sequence[int], name: str) -> bool:
    """Give elements the period called ``name`` as one undo step, adding the period when it
    is new (an empty name clears it); return whether anything changed."""
    name = " ".join(name.split())
    if not name:
        return set_fields(workspace, element_ids, "period_id", None)
    if len(name) > NAME_LENGTH:
        raise EditRejectedError(f"Keep the period's name to {NAME_LENGTH} characters "
                                f"(this one has {len(name)}).")
    ids = list(dict.fromkeys(element_ids))
    with workspace.read() as conn:
        known = {row.name.casefold(): row.id for row in periods(conn)}
        new_id, position = next_id(conn, Period), next_position(conn, Period)
        found = set(conn.execute(select(Element.id).where(Element.id.in_(ids))).scalars())
    if name.casefold() in known:
        return set_fields(workspace, ids, "period_id", known[name.casefold()])
    if len(found) < len(ids):
        raise EditRejectedError("That element no longer exists.")
    if not ids:
        return False
    label = f"Add period {name}"
    edits: list[Edit] = [InsertRow(Period, {"id": new_id, "name": name, "position": position},
                                   label)]
    edits += [SetValues(Element, i, {"period_id": new_id}, label) for i in ids]
    workspace.do(Batch(tuple(edits), label))
    return True
