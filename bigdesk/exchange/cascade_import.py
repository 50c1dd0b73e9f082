"""Turn cascade elements read from any file into one all-or-nothing edit.

The register and the Viva Goals importers read their files into
``ImportedElement`` rows; this module checks them against each other and the
workshop (ids, parents, cycles), lists every problem at once, and otherwise
builds a single ``Batch`` of inserts: the app pushes it as one undoable step and
the command line applies it in one transaction.

Ids are chosen here, above the largest in use, so that links can point at rows
the same batch creates; apply the edit straight after planning it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    ElementType,
    NodeKind,
    Period,
    Person,
    PersonKind,
)
from bigdesk.model.cascade import Element
from bigdesk.store import Batch, Edit, InsertRow

# -- plural names for the summary line, in the cascade's order
PLURALS = {
    ElementType.PURPOSE: "purposes",
    ElementType.VISION: "visions",
    ElementType.DRIVER: "drivers",
    ElementType.OBJECTIVE: "objectives",
    ElementType.KEY_RESULT: "key results",
    ElementType.INITIATIVE: "initiatives",
}
SINGULARS = {
    "purposes": "purpose", "visions": "vision", "drivers": "driver", "objectives": "objective",
    "key results": "key result", "initiatives": "initiative", "alignment links": "alignment link",
    "accountability nodes": "accountability node", "people": "person", "periods": "period",
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, and where it is."""

    message: str
    row: int | None = None
    column: str | None = None
    # -- where the problem is when the file has no rows, such as "objectives.json, item 3"
    place: str | None = None

    def __str__(self) -> str:
        if self.place:
            return f"{self.place}: {self.message}"
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class RegisterError(ValueError):
    """A file that cannot be imported; the message lists every problem with its row and column."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(
            f"{source} was not imported ({count} problem{'s' if count != 1 else ''}; "
            f"nothing was changed):\n{lines}"
        )


@dataclass(frozen=True)
class ParentLink:
    """A link from an imported element up to a parent, by the parent's id in the file."""

    key: str
    weight: float | None = None


@dataclass
class ImportedElement:
    """One element read from a file, before it is checked against the workshop."""

    # -- the id in the file; becomes the element's ref
    key: str
    type: ElementType
    title: str
    # -- where the element was read, for messages (None: not from a row, such as a placeholder)
    row: int | None = None
    parents: list[ParentLink] = field(default_factory=list)
    node: str | None = None
    owner: str | None = None
    period: str | None = None
    # -- other columns of the element table, by column name
    values: dict[str, Any] = field(default_factory=dict)
    placeholder: bool = False


@dataclass(frozen=True)
class ImportedNode:
    """An accountability node a file defines explicitly (such as a Viva Goals team)."""

    name: str
    kind: NodeKind = NodeKind.DEPARTMENT
    parent: str | None = None
    accountable: str | None = None
    description: str = ""


@dataclass(frozen=True)
class CascadeImport:
    """The planned import: the one edit to apply and the line that reports it."""

    edit: Batch
    summary: str
    # -- how many rows of each kind the edit creates
    created: dict[str, int]
    warnings: tuple[str, ...] = ()


def _fold(name: str) -> str:
    # -- names match whatever their case and spacing
    return " ".join(name.split()).casefold()


def _next_id(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.max(column))).scalar() or 0) + 1


def _cycles(graph_edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Return one loop per knot of links that loop (parent → child keys)."""
    import networkx as nx

    graph = nx.DiGraph(graph_edges)
    loops = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            loop = [u for u, _ in nx.find_cycle(graph.subgraph(component))]
            loops.append(loop)
    return sorted(loops)


def plan_cascade_import(
    conn: Connection,
    elements: Sequence[ImportedElement],
    *,
    source: str,
    label: str,
    problems: Sequence[Problem] = (),
    nodes: Sequence[ImportedNode] = (),
    warnings: Sequence[str] = (),
    parents_column: str = "parents",
    id_column: str = "id",
) -> CascadeImport:
    """Check ``elements`` against each other and the workshop; return the edit that adds them.

    Raises RegisterError listing ``problems`` and every problem found here (a
    duplicate id, an id already in the workshop, an unknown parent, a loop)
    when there is any; nothing is changed then.
    """
    found = list(problems)
    e = Element.__table__.c
    existing = {
        ref: (element_id, title)
        for element_id, ref, title in conn.execute(
            select(e.id, e.ref, e.title).where(e.ref.is_not(None))
        )
    }
    first_row: dict[str, int | None] = {}
    for element in elements:
        if element.key in first_row:
            earlier = first_row[element.key]
            also = f" (also on row {earlier})" if earlier is not None else ""
            found.append(Problem(f"the id {element.key!r} is used twice{also}.", element.row,
                                 id_column))  # fmt: skip
            continue
        first_row[element.key] = element.row
        if element.key in existing:
            _, title = existing[element.key]
            found.append(Problem(
                f"the id {element.key!r} is already used in this workshop (by “{title}”); "
                "ids in the file become element ids and must be new.", element.row, id_column,
            ))  # fmt: skip
    edges: list[tuple[str, str]] = []
    for element in elements:
        seen: set[str] = set()
        for parent in element.parents:
            if parent.key == element.key:
                found.append(Problem(f"{element.key!r} cannot be its own parent.", element.row,
                                     parents_column))  # fmt: skip
            elif parent.key in seen:
                found.append(Problem(f"the parent {parent.key!r} is listed twice.", element.row,
                                     parents_column))  # fmt: skip
            elif parent.key not in first_row and parent.key not in existing:
                found.append(Problem(
                    f"the parent {parent.key!r} is neither in the file nor in the workshop.",
                    element.row, parents_column,
                ))  # fmt: skip
            else:
                edges.append((parent.key, element.key))
            seen.add(parent.key)
    if not found:
        # -- a loop can only close through the file's own links; the workshop's are acyclic
        #    or already reported by the health rules
        a = Alignment
        by_id = {element_id: ref for ref, (element_id, _) in existing.items()}
        inside = [
            (by_id[p], by_id[c])
            for p, c in conn.execute(select(a.parent_id, a.child_id))
            if p in by_id and c in by_id
        ]
        for loop in _cycles([*inside, *edges]):
            rows = sorted({r for k in loop if (r := first_row.get(k)) is not None})
            where = f" (rows {', '.join(map(str, rows))})" if len(rows) > 1 else ""
            found.append(Problem(
                f"the links go round in a circle: {' → '.join([*loop, loop[0]])}{where}.",
                rows[0] if rows else None, parents_column,
            ))  # fmt: skip
    if found:
        raise RegisterError(source, sorted(found, key=lambda p: (p.place or "", p.row or 0,
                                                               p.column or "")))
    return _build(conn, elements, existing, nodes, source, label, warnings)


def _build(
    conn: Connection,
    elements: Sequence[ImportedElement],
    existing: dict[str, tuple[int, str]],
    nodes: Sequence[ImportedNode],
    source: str,
    label: str,
    warnings: Sequence[str],
) -> CascadeImport:
    edits: list[Edit] = []
    created: Counter[str] = Counter()

    # -- people named as owners or accountable: matched by name, else added as stakeholders
    people = {_fold(n): i for i, n in conn.execute(select(Person.id, Person.name)) if n}
    next_person = _next_id(conn, Person.id)
    person_position = _next_id(conn, Person.position)

    def person(name: str | None) -> int | None:
        nonlocal next_person, person_position
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in people:
            people[key] = next_person
            edits.append(InsertRow("person", {
                "id": next_person, "name": " ".join(name.split()), "position": person_position,
                "kind": PersonKind.STAKEHOLDER,
                "role": "", "organisation_unit": "", "concerns": f"Named in {source}.",
            }, label))  # fmt: skip
            created["people"] += 1
            next_person += 1
            person_position += 1
        return people[key]

    n = AccountabilityNode
    node_ids = {_fold(name): i for i, name in conn.execute(select(n.id, n.name)) if name}
    next_node = _next_id(conn, n.id)
    node_position = _next_id(conn, n.position)

    def node(name: str | None, definition: ImportedNode | None = None) -> int | None:
        nonlocal next_node, node_position
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in node_ids:
            node_ids[key] = next_node
            values: dict[str, Any] = {
                "id": next_node, "name": " ".join(name.split()), "position": node_position,
                "kind": NodeKind.DEPARTMENT, "challenges": "", "description": "",
            }  # fmt: skip
            next_node += 1
            node_position += 1
            if definition is not None:
                # -- the parent first, so the tree is whole inside the batch
                values["parent_id"] = node(definition.parent, defined.get(_fold(
                    definition.parent or "")))
                values["kind"] = definition.kind
                values["accountable_id"] = person(definition.accountable)
                values["description"] = definition.description
            edits.append(InsertRow("accountability_node", values, label))
            created["accountability nodes"] += 1
        return node_ids[key]

    defined = {_fold(d.name): d for d in nodes}
    for definition in nodes:
        node(definition.name, definition)

    periods = {_fold(name): i for i, name in conn.execute(select(Period.id, Period.name))}
    next_period = _next_id(conn, Period.id)
    period_position = _next_id(conn, Period.position)

    def period(name: str | None) -> int | None:
        nonlocal next_period, period_position
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in periods:
            periods[key] = next_period
            edits.append(InsertRow("period", {"id": next_period, "name": name.strip(),
                                              "position": period_position}, label))  # fmt: skip
            created["periods"] += 1
            next_period += 1
            period_position += 1
        return periods[key]

    e = Element.__table__.c
    element_ids = {ref: element_id for ref, (element_id, _) in existing.items()}
    next_element = _next_id(conn, e.id)
    position = _next_id(conn, e.position)
    for element in elements:
        element_ids[element.key] = next_element
        values = {
            "id": next_element, "type": element.type, "ref": element.key,
            "position": position, "title": element.title,
            "node_id": node(element.node), "owner_id": person(element.owner),
            "period_id": period(element.period), "placeholder": element.placeholder,
            "description": "", "status": "",
        }  # fmt: skip
        values.update(element.values)
        edits.append(InsertRow("element", values, label))
        created[PLURALS[element.type]] += 1
        next_element += 1
        position += 1

    # -- new children go after the ones a parent already has
    a = Alignment
    siblings: defaultdict[int, int] = defaultdict(int)
    siblings.update(
        conn.execute(select(a.parent_id, func.max(a.position) + 1).group_by(a.parent_id))
        .all()
    )
    next_link = _next_id(conn, a.id)
    for element in elements:
        for parent in element.parents:
            parent_id = element_ids[parent.key]
            edits.append(InsertRow("alignment", {
                "id": next_link, "parent_id": parent_id,
                "child_id": element_ids[element.key], "weight": parent.weight,
                "position": siblings[parent_id],
            }, label))  # fmt: skip
            siblings[parent_id] += 1
            next_link += 1
            created["alignment links"] += 1
    return CascadeImport(
        Batch(tuple(edits), label), _summary(source, created, warnings), dict(created),
        tuple(warnings),
    )


def _summary(source: str, created: Counter[str], warnings: Sequence[str]) -> str:
    kinds = [f"{created[p]} {p if created[p] > 1 else SINGULARS[p]}"
             for p in PLURALS.values() if created[p]]  # fmt: skip
    total = sum(created[p] for p in PLURALS.values())
    line = f"Imported {total} element{'s' if total != 1 else ''} from {source}"
    if kinds:
        line += f" ({', '.join(kinds)})"
    extras = [f"{created[k]} {k if created[k] > 1 else SINGULARS[k]}"
              for k in ("alignment links",) if created[k]]
    extras += [f"{created[k]} new {k if created[k] > 1 else SINGULARS[k]}"
               for k in ("accountability nodes", "people", "periods") if created[k]]
    if extras:
        line += " with " + ", ".join(extras)
    line += "."
    return "\n".join([line, *(f"Warning: {w}" for w in warnings)])
