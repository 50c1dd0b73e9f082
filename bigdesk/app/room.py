"""Services of the Run session step: table groups and key points, the RAID log.

The session as it runs (the current block and its timer) is ``bigdesk.app.session``; the
sponsor pitch and mandate are ``bigdesk.app.pitch``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.room import key_points, visible_to_room
from bigdesk.app.rows import next_position
from bigdesk.app.tables import OrderedTable
from bigdesk.model import KeyPoint, RaidItem, RaidKind, TableGroup, TableGroupMember
from bigdesk.store import (
    Batch,
    DeleteRow,
    Edit,
    InsertRow,
    SetValues,
    TableRef,
    Workspace,
)

RAID = OrderedTable(RaidItem)
GROUPS = OrderedTable(TableGroup)
POINTS = OrderedTable(KeyPoint)
RAID_NOUNS = {RaidKind.RISK: "risk", RaidKind.ACTION: "action", RaidKind.ISSUE: "issue",
              RaidKind.DECISION: "decision"}  # fmt: skip


# ---------------------------------------------------------------- capture services


def _insert(workspace: Workspace, table: TableRef, values: Mapping[str, Any], label: str,
            **scope: Any) -> int:
    with workspace.read() as conn:
        position = next_position(conn, table, **scope)
    inverse = workspace.do(InsertRow(table, {**values, **scope, "position": position}, label))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def add_table_group(workspace: Workspace, name: str = "", question: str = "") -> int:
    """Add a table group and return its id."""
    return _insert(workspace, TableGroup, {"name": name, "question": question},
                   "Add table group")


def set_members(workspace: Workspace, group_id: int, person_ids: list[int]) -> None:
    """Seat exactly ``person_ids`` at a table group, as one undoable edit."""
    from bigdesk.analysis.room import group_members

    with workspace.read() as conn:
        current = set(group_members(conn, group_id))
        rows = conn.execute(
            select(TableGroupMember.id, TableGroupMember.person_id)
            .where(TableGroupMember.table_group_id == group_id)
        ).all()
    wanted = set(person_ids)
    if wanted == current:
        return
    label = "Change table members"
    edits: list[Edit] = [DeleteRow(TableGroupMember, r.id, label)
                         for r in rows if r.person_id not in wanted]
    edits += [InsertRow(TableGroupMember, {"table_group_id": group_id, "person_id": p},
                        label) for p in person_ids if p not in current]  # fmt: skip
    workspace.do(Batch(tuple(edits), label))


def add_key_point(workspace: Workspace, group_id: int | None, text: str,
                  silent: bool) -> int:
    """Capture a key point for a table group (or the parking lot); a silent one stays hidden."""
    created = dt.datetime.now().replace(microsecond=0)
    where = "parking lot" if group_id is None else "key point"
    label = f"Add {'silent ' if silent else ''}{where}"
    return _insert(workspace, KeyPoint,
                   {"text": text.strip(), "silent": silent, "revealed": False,
                    "created_at": created}, label, table_group_id=group_id)  # fmt: skip


def hidden_points(conn: Connection, group_id: int | None) -> list[int]:
    """Return the ids of a group's points still hidden from the room."""
    return [p.id for p in key_points(conn, group_id) if not visible_to_room(p)]


def reveal_points(workspace: Workspace, group_id: int | None) -> int:
    """Show the room every point of a silent round for one group; return how many."""
    with workspace.read() as conn:
        ids = hidden_points(conn, group_id)
    if ids:
        label = "Reveal 1 point" if len(ids) == 1 else f"Reveal {len(ids)} points"
        workspace.do(Batch(tuple(SetValues(KeyPoint, i, {"revealed": True}, label)
                                for i in ids), label))
    return len(ids)


def add_raid_item(workspace: Workspace, kind: RaidKind, title: str,
                  owner_id: int | None = None, due_date: dt.date | None = None,
                  description: str = "") -> int:
    """Log a risk, action, issue or decision with its owner and due date; return its id."""
    values = {"kind": kind, "title": title.strip(), "owner_id": owner_id, "due_date": due_date,
              "description": description.strip(),
              "created_at": dt.datetime.now().replace(microsecond=0)}  # fmt: skip
    return _insert(workspace, RaidItem, values, f"Log {RAID_NOUNS[kind]}")


def update_raid_item(workspace: Workspace, item_id: int, values: Mapping[str, Any]) -> None:
    """Change a RAID item's fields as one undoable edit."""
    workspace.do(SetValues(RaidItem, item_id, dict(values), "Change RAID item"))


def point_count_text(points: list[KeyPoint], target: tuple[int, int]) -> str:
    """Return a group's point count against the three-to-five target."""
    count = sum(1 for p in points if p.text.strip())
    low, high = target
    if count < low:
        return f"{count} of {low}\u2013{high} key points: {low - count} more to go"
    if count > high:
        return f"{count} key points: more than {high}, choose the strongest"
    return f"{count} key points: on target ({low}\u2013{high})"



def plural(count: int, one: str, many: str) -> str:
    """Return ``count`` with the singular or plural noun (``1 point``, ``3 points``)."""
    return f"{count} {one if count == 1 else many}"
