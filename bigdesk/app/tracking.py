"""Services of check-ins: record, correct and remove readings of key results and initiatives.

Each action is one edit that also makes the element show its latest check-in (its
current value, progress and status), so undoing it puts both back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from bigdesk.analysis.tracking import history, latest_edits
from bigdesk.app.rows import next_id
from bigdesk.domain.cascade import CHECKED_IN, NOUNS, percent_problem
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import CHECK_IN_FIELDS, field_of
from bigdesk.domain.words import count
from bigdesk.model import CheckIn, Element
from bigdesk.store import (
    Batch,
    DeleteRows,
    Edit,
    InsertRows,
    SetValues,
    Workspace,
    fetch,
    fetch_one,
)

KEYS = tuple(field.key for field in CHECK_IN_FIELDS)


def clean_check_in(element: Element, values: Mapping[str, Any]) -> dict[str, Any]:
    """Return a check-in's values as stored, or raise EditRejectedError saying what is wrong."""
    if element.type not in CHECKED_IN:
        raise EditRejectedError(
            f"Check-ins are for key results and initiatives, not {NOUNS[element.type]}s.")
    unknown = set(values) - set(KEYS)
    if unknown:
        raise EditRejectedError(f"A check-in has no {', '.join(sorted(unknown))}.")
    cleaned = {key: field_of(CheckIn, key).clean(values.get(key)) for key in KEYS}
    problem = percent_problem(element.type, cleaned["value"])
    if problem:
        raise EditRejectedError(problem[0].upper() + problem[1:])
    return cleaned


def record_check_ins(workspace: Workspace, entries: Sequence[tuple[int, Mapping[str, Any]]],
                     label: str | None = None) -> list[int]:
    """Record check-ins (element id and values each) as one edit; return their ids.

    Used for one check-in and for a node's monthly review of all its key results alike.
    """
    if not entries:
        return []
    label = label or ("Record check-in" if len(entries) == 1
                      else f"Record {count(len(entries), 'check-in')}")
    with workspace.read() as conn:
        wanted = list(dict.fromkeys(i for i, _ in entries))
        elements = {e.id: e for e in fetch(conn, select(Element).where(Element.id.in_(wanted)))}
        first = next_id(conn, CheckIn)
        after: dict[int, list[Any]] = {}
        rows: list[dict[str, Any]] = []
        for offset, (element_id, values) in enumerate(entries):
            if element_id not in elements:
                raise EditRejectedError("That element no longer exists.")
            row = {**clean_check_in(elements[element_id], values), "id": first + offset,
                   "element_id": element_id}
            if element_id not in after:
                after[element_id] = list(history(conn, element_id))
            after[element_id].append(SimpleNamespace(**row))
            rows.append(row)
        edits = [InsertRows(CheckIn, tuple(rows), label), *latest_edits(conn, after, label)]
    workspace.do(Batch(tuple(edits), label))
    return [first + offset for offset in range(len(entries))]


def add_check_in(workspace: Workspace, element_id: int, values: Mapping[str, Any]) -> int:
    """Record one check-in of an element and return its id."""
    return record_check_ins(workspace, [(element_id, values)])[0]


def change_check_in(workspace: Workspace, check_in_id: int, key: str, value: Any) -> None:
    """Correct one field of a check-in (and what its element shows, if it is the latest)."""
    with workspace.read() as conn:
        row = fetch_one(conn, CheckIn, check_in_id)
        if row is None:
            raise EditRejectedError("That check-in no longer exists.")
        element = fetch_one(conn, Element, row.element_id)
        assert element is not None
        current = {k: getattr(row, k) for k in KEYS}
        cleaned = clean_check_in(element, {**current, key: value})
        if cleaned[key] == current[key]:
            return
        label = f"Change check-in {field_of(CheckIn, key).label.lower()}"
        rows = [SimpleNamespace(**{**{k: getattr(r, k) for k in KEYS}, "id": r.id,
                                   **(cleaned if r.id == check_in_id else {})})
                for r in history(conn, row.element_id)]
        edits: list[Edit] = [SetValues(CheckIn, check_in_id, {key: cleaned[key]}, label)]
        edits += latest_edits(conn, {row.element_id: rows}, label)
    workspace.do(Batch(tuple(edits), label))


def remove_check_ins(workspace: Workspace, ids: Sequence[int]) -> None:
    """Remove check-ins as one edit; each element then shows its latest remaining one."""
    unique = set(ids)
    if not unique:
        return
    label = "Remove check-in" if len(unique) == 1 else f"Remove {count(len(unique), 'check-in')}"
    with workspace.read() as conn:
        owners = set(conn.execute(select(CheckIn.element_id)
                                  .where(CheckIn.id.in_(unique))).scalars())
        after = {e: [r for r in history(conn, e) if r.id not in unique] for e in owners}
        edits = [DeleteRows(CheckIn, tuple(sorted(unique)), label),
                 *latest_edits(conn, after, label)]
    workspace.do(Batch(tuple(edits), label))
