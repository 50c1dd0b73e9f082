"""Services of the Run session step: table groups and key points, the RAID log.

The session as it runs (the current block and its timer) is ``bigdesk.app.session``; the
sponsor pitch and mandate are ``bigdesk.app.pitch``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.analysis.room import key_points, visible_to_room
from bigdesk.app.rows import next_position
from bigdesk.app.tables import OrderedTable
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import field_of
from bigdesk.model import (
    AccountabilityNode,
    Base,
    Element,
    GovernanceBody,
    KeyPoint,
    RaidItem,
    RaidKind,
    RaidLink,
    TableGroup,
    TableGroupMember,
)
from bigdesk.store import (
    Batch,
    DeleteRow,
    Edit,
    InsertRow,
    SetValues,
    TableRef,
    Workspace,
    fetch,
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
    return save_raid_item(workspace, None, {
        "kind": kind, "title": title, "owner_id": owner_id, "due_date": due_date,
        "description": description})  # fmt: skip


def update_raid_item(workspace: Workspace, item_id: int, values: Mapping[str, Any]) -> None:
    """Change a RAID item's fields as one undoable edit."""
    save_raid_item(workspace, item_id, values)


# -- what a RAID item can concern, and the column of ``RaidLink`` that points at it
TARGET_COLUMNS: dict[type[Base], str] = {
    Element: "element_id", AccountabilityNode: "node_id", GovernanceBody: "body_id"}
Target = tuple[type[Base], int]


def raid_targets(conn: Connection) -> list[tuple[Target, str]]:
    """Return everything a RAID item can concern, as people read it: bodies, nodes, elements."""
    bodies = conn.execute(select(GovernanceBody.id, GovernanceBody.name)
                          .order_by(GovernanceBody.position, GovernanceBody.id)).all()
    nodes = conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)
                         .order_by(AccountabilityNode.position, AccountabilityNode.id)).all()
    elements = conn.execute(select(Element.id, Element.ref, Element.title)
                            .order_by(Element.position, Element.id)).all()
    return ([((GovernanceBody, i), name or "(unnamed)") for i, name in bodies]
            + [((AccountabilityNode, i), name or "(unnamed)") for i, name in nodes]
            + [((Element, i), " ".join(filter(None, (ref, title))) or "(untitled)")
               for i, ref, title in elements])  # fmt: skip


def raid_links(conn: Connection, item_id: int) -> dict[Target, int]:
    """Return what a RAID item concerns, each with the id of its link."""
    found: dict[Target, int] = {}
    for link in fetch(conn, select(RaidLink).where(RaidLink.raid_item_id == item_id)):
        for kind, column in TARGET_COLUMNS.items():
            if getattr(link, column) is not None:
                found[(kind, getattr(link, column))] = link.id
    return found


def save_raid_item(workspace: Workspace, item_id: int | None, values: Mapping[str, Any],
                   concerns: list[Target] | None = None) -> int:
    """Log a new RAID item (``item_id`` None) or change one, with what it concerns, as one
    undoable edit; return its id."""
    # -- checked against the log's fields first: a refusal says what is wrong, writes nothing
    values = {key: field_of(RaidItem, key).clean(value) for key, value in values.items()}
    kind = values.get("kind", RaidKind.ACTION)
    with workspace.read() as conn:
        if item_id is not None and conn.execute(
                select(RaidItem.id).where(RaidItem.id == item_id)).first() is None:
            raise EditRejectedError("That RAID item no longer exists.")
        links = raid_links(conn, item_id) if item_id is not None else {}
        new_id = item_id or int(conn.execute(select(func.max(RaidItem.id))).scalar() or 0) + 1
        position = next_position(conn, RaidItem) if item_id is None else 0
    edits: list[Edit] = []
    if item_id is None:
        label = f"Log {RAID_NOUNS[kind]}"
        edits.append(InsertRow(RaidItem, {
            "id": new_id, "position": position, "created_at":
            dt.datetime.now().replace(microsecond=0), **values}, label))  # fmt: skip
    else:
        label = "Change RAID item"
        if values:
            edits.append(SetValues(RaidItem, item_id, dict(values), label))
    if concerns is not None:
        wanted = list(dict.fromkeys(concerns))
        edits += [DeleteRow(RaidLink, link_id, label) for target, link_id in links.items()
                  if target not in wanted]
        edits += [InsertRow(RaidLink, {"raid_item_id": new_id, TARGET_COLUMNS[kind_]: target},
                            label) for kind_, target in wanted if (kind_, target) not in links]
    if edits:
        workspace.do(Batch(tuple(edits), label))
    return new_id


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
