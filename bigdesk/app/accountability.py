"""Services of the Accountability step: nodes, what they need from each other, and on whom
they wait. One function per thing a facilitator does, each one undoable edit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.cascade import DEPENDENCY, cycle_message, node_dependency_cycle, node_labels
from bigdesk.app.cascade import refuse_self_or_twice
from bigdesk.app.rows import next_id, next_position, remove_rows
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import REFERENCES, node_field
from bigdesk.domain.words import quoted
from bigdesk.model import AccountabilityNode, InformationFlow, NodeDependency, NodeKind, Person
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, Workspace, fetch, fetch_one

FLOW_FIELDS = frozenset(column.key for column in (
    InformationFlow.information, InformationFlow.provider_id, InformationFlow.cadence,
    InformationFlow.note, InformationFlow.consumer_id))


# ---------------------------------------------------------------- reading


def nodes(conn: Connection) -> list[AccountabilityNode]:
    """Return every accountability node in tree order (parents before their children)."""
    rows = fetch(conn, select(AccountabilityNode)
                 .order_by(AccountabilityNode.position, AccountabilityNode.id))
    children: dict[int | None, list[AccountabilityNode]] = defaultdict(list)
    known = {row.id for row in rows}
    for row in rows:
        children[row.parent_id if row.parent_id in known else None].append(row)
    ordered: list[AccountabilityNode] = []

    def walk(parent: int | None) -> None:
        for row in children.get(parent, []):
            ordered.append(row)
            walk(row.id)

    walk(None)
    return ordered


def flows(conn: Connection) -> list[InformationFlow]:
    """Return every information flow in order."""
    return fetch(conn, select(InformationFlow)
                 .order_by(InformationFlow.position, InformationFlow.id))


def node_dependencies(conn: Connection) -> list[NodeDependency]:
    """Return every dependency between accountability nodes."""
    return fetch(conn, select(NodeDependency).order_by(NodeDependency.id))


def node_name(row: AccountabilityNode) -> str:
    """Return a node's name for messages."""
    return quoted(row.name, "the unnamed node")


# ---------------------------------------------------------------- nodes


def _node(conn: Connection, node_id: int) -> AccountabilityNode:
    found = fetch_one(conn, AccountabilityNode, node_id)
    if found is None:
        raise EditRejectedError("That accountability node no longer exists.")
    return found


def _node_children(conn: Connection, parent_id: int | None) -> list[int]:
    n = AccountabilityNode
    where = n.parent_id.is_(None) if parent_id is None else n.parent_id == parent_id
    return list(conn.execute(select(n.id).where(where).order_by(n.position, n.id)).scalars())


def _node_positions(conn: Connection, ids: Iterable[int]) -> dict[int, int]:
    n = AccountabilityNode
    statement = select(n.id, n.position).where(n.id.in_(list(ids)))
    return {r.id: r.position for r in conn.execute(statement)}


def _positions(order: Sequence[int], current: dict[int, int], label: str) -> list[Edit]:
    return [SetValues(AccountabilityNode, row_id, {"position": index}, label)
            for index, row_id in enumerate(order) if current.get(row_id) != index]


def add_node(
    workspace: Workspace, parent_id: int | None = None, name: str = "",
    kind: NodeKind = NodeKind.DEPARTMENT, after_id: int | None = None,
) -> int:
    """Add an accountability node under ``parent_id`` (None: at the top); return its id."""
    name = node_field("name").clean(name)
    with workspace.read() as conn:
        if parent_id is not None:
            _node(conn, parent_id)
        order = _node_children(conn, parent_id)
        new_id = next_id(conn, AccountabilityNode)
        index = order.index(after_id) + 1 if after_id in order else len(order)
        order.insert(index, new_id)
        label = "Add accountability node"
        edits: list[Edit] = [InsertRow(AccountabilityNode, {
            "id": new_id, "parent_id": parent_id, "name": name, "kind": kind,
            "position": index}, label)]
        edits += _positions(order, {**_node_positions(conn, order), new_id: index}, label)
    workspace.do(Batch(tuple(edits), label))
    return new_id


def set_node_field(workspace: Workspace, node_id: int, column: str, value: Any) -> bool:
    """Change a node's name, kind, accountable person, cadence, challenges or description."""
    return set_node_fields(workspace, [node_id], column, value)


def set_node_fields(workspace: Workspace, node_ids: Sequence[int], column: str,
                    value: Any) -> bool:
    """Give several nodes one value of a field as one undo step; return whether any changed."""
    field = node_field(column)
    value = field.clean(value)
    ids = list(dict.fromkeys(node_ids))
    with workspace.read() as conn:
        rows = [_node(conn, i) for i in ids]
        missing = field.kind in REFERENCES and value is not None
        if missing and fetch_one(conn, Person, value) is None:
            raise EditRejectedError(f"That {field.label.lower()} no longer exists.")
    changed = [row.id for row in rows if getattr(row, column) != value]
    if not changed:
        return False
    name = field.label.lower()
    label = f"Change node {name}" if len(ids) == 1 else f"Change {name} of {len(ids)} nodes"
    edits = tuple(SetValues(AccountabilityNode, i, {column: value}, label) for i in changed)
    workspace.do(edits[0] if len(edits) == 1 else Batch(edits, label))
    return True


def move_node(
    workspace: Workspace, node_id: int, parent_id: int | None, index: int | None = None
) -> None:
    """Move a node under ``parent_id`` (None: to the top) at ``index``; refuse loops."""
    with workspace.read() as conn:
        row = _node(conn, node_id)
        ancestor = parent_id
        while ancestor is not None:
            if ancestor == node_id:
                raise EditRejectedError(
                    f"{node_name(row)} cannot sit under one of its own sub-nodes.")
            ancestor = _node(conn, ancestor).parent_id
        order = [i for i in _node_children(conn, parent_id) if i != node_id]
        index = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(index, node_id)
        label = "Move accountability node"
        edits: list[Edit] = []
        if row.parent_id != parent_id:
            edits.append(SetValues(AccountabilityNode, node_id, {"parent_id": parent_id}, label))
        edits += _positions(order, _node_positions(conn, order), label)
    if edits:
        workspace.do(Batch(tuple(edits), label))


def delete_node(workspace: Workspace, node_id: int) -> None:
    """Delete a node with its sub-nodes and flows; its elements keep going, unassigned."""
    with workspace.read() as conn:
        row = _node(conn, node_id)
    workspace.do(DeleteRow(AccountabilityNode, node_id, f"Delete {node_name(row)}"))


# ---------------------------------------------------------------- node dependencies


def add_node_dependency(
    workspace: Workspace, dependent_id: int, prerequisite_id: int,
    kind: str = "needs-deliverable", note: str = "",
) -> int:
    """Record that node ``dependent_id`` waits on node ``prerequisite_id``; refuse loops."""
    with workspace.read() as conn:
        dependent, prerequisite = _node(conn, dependent_id), _node(conn, prerequisite_id)
        refuse_self_or_twice(conn, NodeDependency, dependent_id, prerequisite_id, "node",
                             node_name(dependent), node_name(prerequisite))
        cycle = node_dependency_cycle(conn, prerequisite_id, dependent_id)
        if cycle is not None:
            raise EditRejectedError(cycle_message(node_labels(conn, cycle), DEPENDENCY))
        new_id = next_id(conn, NodeDependency)
    workspace.do(InsertRow(NodeDependency, {
        "id": new_id, "dependent_id": dependent_id, "prerequisite_id": prerequisite_id,
        "kind": kind.strip(), "note": note.strip()}, "Add node dependency"))
    return new_id


def set_node_dependency(workspace: Workspace, dependency_id: int, kind: str, note: str) -> None:
    """Change a node dependency's kind and note."""
    workspace.do(SetValues(NodeDependency, dependency_id,
                           {"kind": kind.strip(), "note": note.strip()},
                           "Change node dependency"))


def remove_node_dependencies(workspace: Workspace, ids: Sequence[int]) -> None:
    """Remove one or several node dependencies as one undoable edit."""
    remove_rows(workspace, NodeDependency, ids)


# ---------------------------------------------------------------- information flows


def add_flow(
    workspace: Workspace, consumer_id: int, provider_id: int | None, information: str
) -> int:
    """Record that ``consumer_id`` needs ``information`` from ``provider_id`` (None: nobody)."""
    text = information.strip()
    if not text:
        raise EditRejectedError("Say what information the node needs.")
    with workspace.read() as conn:
        _node(conn, consumer_id)
        if provider_id is not None:
            _node(conn, provider_id)
        new_id = next_id(conn, InformationFlow)
        position = next_position(conn, InformationFlow)
    workspace.do(InsertRow(InformationFlow, {
        "id": new_id, "consumer_id": consumer_id, "provider_id": provider_id,
        "information": text, "position": position}, "Add information need"))
    return new_id


def set_flow(workspace: Workspace, flow_id: int, column: str, value: Any) -> None:
    """Change what a flow carries, who provides it, its cadence or its note."""
    if column not in FLOW_FIELDS:
        raise EditRejectedError(f"An information flow has no field called {column!r}.")
    if column == "cadence":
        value = node_field("cadence").clean(value)
    workspace.do(SetValues(InformationFlow, flow_id, {column: value},
                           "Change information flow"))


def remove_flow(workspace: Workspace, flow_id: int) -> None:
    """Remove an information flow."""
    workspace.do(DeleteRow(InformationFlow, flow_id, "Remove information need"))


def set_flows_between(
    workspace: Workspace, consumer_id: int, provider_id: int | None, lines: Sequence[str]
) -> bool:
    """Make the information ``consumer_id`` gets from ``provider_id`` exactly ``lines``
    (one item each), as one edit; return whether anything changed."""
    wanted = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    with workspace.read() as conn:
        consumer = _node(conn, consumer_id)
        provider = None if provider_id is None else _node(conn, provider_id)
        existing = [f for f in flows(conn)
                    if f.consumer_id == consumer_id and f.provider_id == provider_id]
        position = next_position(conn, InformationFlow)
        new_id = next_id(conn, InformationFlow)
    source = provider.name if provider else "nobody yet"
    label = f"Change what {consumer.name or 'the node'} needs from {source}"
    kept = {f.information for f in existing}
    edits: list[Edit] = [DeleteRow(InformationFlow, f.id, label)
                         for f in existing if f.information not in wanted]
    for text in wanted:
        if text not in kept:
            edits.append(InsertRow(InformationFlow, {
                "id": new_id, "consumer_id": consumer_id, "provider_id": provider_id,
                "information": text, "position": position}, label))
            new_id += 1
            position += 1
    if not edits:
        return False
    workspace.do(Batch(tuple(edits), label))
    return True
