"""Services of the Map and Accountability steps: one function per thing a facilitator does.

Every function makes exactly one edit through ``WorkshopDocument.do`` (one undo step
with a readable label) and checks it first, so a refused edit writes nothing.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, select

from bigdesk.analysis.cascade import (
    LinkKind,
    creates_cycle,
    cycle_labels,
    cycle_message,
    node_dependency_cycle,
    node_labels,
)
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Cadence,
    Dependency,
    Element,
    ElementType,
    InformationFlow,
    NodeDependency,
    NodeKind,
    Person,
)
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues
from bigdesk.store.errors import EditRejectedError

if TYPE_CHECKING:
    from bigdesk.exchange.cascade_import import CascadeImport

# -- why before how: the strategic elements, then objectives, key results and initiatives
RANK = {
    ElementType.PURPOSE: 0,
    ElementType.VISION: 0,
    ElementType.DRIVER: 0,
    ElementType.OBJECTIVE: 1,
    ElementType.KEY_RESULT: 2,
    ElementType.INITIATIVE: 3,
}
STRATEGIC = frozenset({ElementType.PURPOSE, ElementType.VISION, ElementType.DRIVER})

# -- what may sit under what, from why to how; an objective may have sub-objectives and a
#    programme its projects; nothing sits above a purpose
ALLOWED_CHILDREN: dict[ElementType, frozenset[ElementType]] = {
    ElementType.PURPOSE: frozenset(
        {ElementType.VISION, ElementType.DRIVER, ElementType.OBJECTIVE}
    ),
    ElementType.VISION: frozenset({ElementType.DRIVER, ElementType.OBJECTIVE}),
    ElementType.DRIVER: frozenset({ElementType.OBJECTIVE}),
    ElementType.OBJECTIVE: frozenset(
        {ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE}
    ),
    ElementType.KEY_RESULT: frozenset({ElementType.INITIATIVE}),
    ElementType.INITIATIVE: frozenset({ElementType.INITIATIVE}),
}
# -- the kind an element becomes when the outline moves it under a parent that cannot hold it
DEFAULT_CHILD = {
    ElementType.PURPOSE: ElementType.OBJECTIVE,
    ElementType.VISION: ElementType.OBJECTIVE,
    ElementType.DRIVER: ElementType.OBJECTIVE,
    ElementType.OBJECTIVE: ElementType.KEY_RESULT,
    ElementType.KEY_RESULT: ElementType.INITIATIVE,
    ElementType.INITIATIVE: ElementType.INITIATIVE,
}
NOUNS = {
    ElementType.PURPOSE: "purpose",
    ElementType.VISION: "vision",
    ElementType.DRIVER: "business driver",
    ElementType.OBJECTIVE: "objective",
    ElementType.KEY_RESULT: "key result",
    ElementType.INITIATIVE: "initiative",
}


class Section(enum.Enum):
    """The top-level groups of the outline, each holding elements with no parent."""

    PURPOSES = "purposes"
    DRIVERS = "drivers"
    UNALIGNED = "unaligned"


SECTION_TYPES = {
    Section.PURPOSES: frozenset({ElementType.PURPOSE}),
    Section.DRIVERS: frozenset({ElementType.VISION, ElementType.DRIVER}),
    Section.UNALIGNED: frozenset(
        {ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE}
    ),
}
SECTION_DEFAULT = {
    Section.PURPOSES: ElementType.PURPOSE,
    Section.DRIVERS: ElementType.DRIVER,
    Section.UNALIGNED: ElementType.OBJECTIVE,
}

# -- what a user may type into an element's number columns, checked before any write
NUMBER_LIMITS = {"progress": (0.0, 100.0), "weight": (0.0, 100.0)}
ELEMENT_COLUMNS = frozenset(
    {"title", "description", "ref", "node_id", "owner_id", "period_id", "status", "progress",
     "due", "type", "driver_kind", "metric", "unit", "baseline", "target", "current",
     "direction", "initiative_kind", "portfolio", "budget", "effort", "starts_on", "ends_on",
     "closes_dimension_id"}
)  # fmt: skip
COLUMN_NAMES = {
    "title": "title", "node_id": "accountable node", "owner_id": "owner", "status": "status",
    "progress": "progress", "type": "type", "ref": "reference", "due": "due date",
    "description": "description", "period_id": "period", "driver_kind": "driver kind",
    "initiative_kind": "kind", "closes_dimension_id": "dimension it closes",
    "starts_on": "start", "ends_on": "end",
}  # fmt: skip
NODE_COLUMNS = frozenset({"name", "kind", "accountable_id", "cadence", "challenges", "description"})


# ---------------------------------------------------------------- reading


def section_of(kind: ElementType) -> Section:
    """Return the outline section an element of ``kind`` sits in when it has no parent."""
    return next(s for s, kinds in SECTION_TYPES.items() if kind in kinds)


def elements(conn: Connection) -> dict[int, dict[str, Any]]:
    """Return every element of the cascade by id, in outline order."""
    table = _table(Element)
    statement = select(table).order_by(table.c.position, table.c.id)
    return {row["id"]: dict(row) for row in conn.execute(statement).mappings()}


def element(conn: Connection, element_id: int) -> dict[str, Any] | None:
    """Return one element, or None if it is gone."""
    table = _table(Element)
    found = conn.execute(select(table).where(table.c.id == element_id)).mappings().first()
    return None if found is None else dict(found)


def alignments(conn: Connection) -> list[dict[str, Any]]:
    """Return every alignment link, ordered as the outline shows children."""
    table = _table(Alignment)
    statement = select(table).order_by(table.c.parent_id, table.c.position, table.c.id)
    return [dict(row) for row in conn.execute(statement).mappings()]


def dependencies(conn: Connection) -> list[dict[str, Any]]:
    """Return every dependency between elements."""
    table = _table(Dependency)
    return [dict(row) for row in conn.execute(select(table).order_by(table.c.id)).mappings()]


def nodes(conn: Connection) -> list[dict[str, Any]]:
    """Return every accountability node in tree order (parents before their children)."""
    table = _table(AccountabilityNode)
    statement = select(table).order_by(table.c.position, table.c.id)
    rows = [dict(row) for row in conn.execute(statement).mappings()]
    children: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    known = {row["id"] for row in rows}
    for row in rows:
        parent = row["parent_id"] if row["parent_id"] in known else None
        children[parent].append(row)
    ordered: list[dict[str, Any]] = []

    def walk(parent: int | None) -> None:
        for row in children.get(parent, []):
            ordered.append(row)
            walk(row["id"])

    walk(None)
    return ordered


def flows(conn: Connection) -> list[dict[str, Any]]:
    """Return every information flow in order."""
    table = _table(InformationFlow)
    statement = select(table).order_by(table.c.position, table.c.id)
    return [dict(row) for row in conn.execute(statement).mappings()]


def people(conn: Connection) -> list[dict[str, Any]]:
    """Return everyone who may own an element or be accountable for a node, in order."""
    table = _table(Person)
    statement = select(table.c.id, table.c.name, table.c.kind).order_by(
        table.c.position, table.c.id
    )
    return [dict(row) for row in conn.execute(statement).mappings()]


def children_of(conn: Connection, parent_id: int) -> list[int]:
    """Return the ids of the elements aligned under ``parent_id``, in order."""
    table = _table(Alignment)
    statement = (
        select(table.c.child_id)
        .where(table.c.parent_id == parent_id)
        .order_by(table.c.position, table.c.id)
    )
    return list(conn.execute(statement).scalars())


def top_level(conn: Connection, section: Section) -> list[int]:
    """Return the ids of the elements with no parent shown in ``section``, in order."""
    table = _table(Element)
    links = _table(Alignment)
    statement = (
        select(table.c.id)
        .where(table.c.type.in_(SECTION_TYPES[section]))
        .where(~table.c.id.in_(select(links.c.child_id)))
        .order_by(table.c.position, table.c.id)
    )
    return list(conn.execute(statement).scalars())


# ---------------------------------------------------------------- checks


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _next_id(conn: Connection, model: Any) -> int:
    table = _table(model)
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _require(conn: Connection, element_id: int) -> dict[str, Any]:
    found = element(conn, element_id)
    if found is None:
        raise EditRejectedError("That element no longer exists.")
    return found


def describe(row: dict[str, Any]) -> str:
    """Return an element's title for messages, or its kind when it has none yet."""
    title = (row.get("title") or "").strip()
    return f"“{title}”" if title else f"the untitled {NOUNS[row['type']]}"


def _label(row: dict[str, Any], verb: str) -> str:
    title = (row.get("title") or "").strip()
    noun = NOUNS[row["type"]]
    if not title:
        return f"{verb} {noun}"
    short = title if len(title) <= 40 else title[:39] + "…"
    return f"{verb} {noun} “{short}”"


def _refuse_cycle(conn: Connection, parent_id: int, child_id: int, kind: LinkKind) -> None:
    """Refuse a link that would close a loop, naming the loop, before anything is written."""
    cycle = creates_cycle(conn, parent_id, child_id, kind)
    if cycle is not None:
        raise EditRejectedError(cycle_message(cycle_labels(conn, cycle), kind))


def _check_link(conn: Connection, parent: dict[str, Any], child: dict[str, Any]) -> None:
    """Refuse a link that the cascade cannot hold, before anything is written."""
    if parent["id"] == child["id"]:
        raise EditRejectedError("An element cannot serve itself.")
    if child["type"] not in ALLOWED_CHILDREN[parent["type"]]:
        raise EditRejectedError(
            f"A {NOUNS[child['type']]} cannot serve a {NOUNS[parent['type']]} "
            f"({describe(child)} under {describe(parent)})."
        )
    _refuse_cycle(conn, parent["id"], child["id"], "alignment")


def _number(column: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise EditRejectedError(f"Enter a number for the {column}, such as 42.") from None
    limits = NUMBER_LIMITS.get(column)
    if limits and not limits[0] <= number <= limits[1]:
        raise EditRejectedError(f"Enter a {column} from {limits[0]:g} to {limits[1]:g}.")
    return number


def _link_row(conn: Connection, parent_id: int, child_id: int) -> dict[str, Any] | None:
    table = _table(Alignment)
    found = conn.execute(
        select(table).where(table.c.parent_id == parent_id, table.c.child_id == child_id)
    ).mappings().first()
    return None if found is None else dict(found)


def _positions(ids: Sequence[int], table: str, current: dict[int, int], label: str) -> list[Edit]:
    """Return edits giving ``ids`` the positions 0, 1, 2, … where they differ."""
    return [SetValues(table, row_id, {"position": index}, label)
            for index, row_id in enumerate(ids) if current.get(row_id) != index]


def _order_under(
    conn: Connection, parent_id: int | None, section: Section | None
) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """Return the children's ids in order, their positions and their link ids."""
    if parent_id is None:
        assert section is not None
        table = _table(Element)
        ids = top_level(conn, section)
        statement = select(table.c.id, table.c.position).where(table.c.id.in_(ids))
        positions = {r.id: r.position for r in conn.execute(statement)}
        return ids, positions, {i: i for i in ids}
    links = _table(Alignment)
    rows = conn.execute(
        select(links.c.id, links.c.child_id, links.c.position)
        .where(links.c.parent_id == parent_id)
        .order_by(links.c.position, links.c.id)
    ).all()
    return ([r.child_id for r in rows], {r.child_id: r.position for r in rows},
            {r.child_id: r.id for r in rows})


def _reorder(
    conn: Connection, parent_id: int | None, section: Section | None, order: list[int], label: str
) -> list[Edit]:
    _, positions, rows = _order_under(conn, parent_id, section)
    table = "element" if parent_id is None else "alignment"
    return [SetValues(table, rows[child], {"position": index}, label)
            for index, child in enumerate(order)
            if child in rows and positions.get(child) != index]


# ---------------------------------------------------------------- elements


def add_element(
    document: WorkshopDocument,
    kind: ElementType,
    parent_id: int | None = None,
    after_id: int | None = None,
    title: str = "",
) -> int:
    """Add an element, under ``parent_id`` (linked) or at the top, after ``after_id`` if given;
    return its id."""
    with document.read() as conn:
        new_id = _next_id(conn, Element)
        row = {"id": new_id, "type": kind, "title": title.strip()}
        label = _label(row, "Add")
        edits: list[Edit] = []
        if parent_id is None:
            section = section_of(kind)
            order, _, _ = _order_under(conn, None, section)
            index = order.index(after_id) + 1 if after_id in order else len(order)
            order.insert(index, new_id)
            edits.append(InsertRow("element", {**row, "position": index}, label))
            edits += _reorder(conn, None, section, order, label)
        else:
            parent = _require(conn, parent_id)
            if kind not in ALLOWED_CHILDREN[parent["type"]]:
                raise EditRejectedError(
                    f"A {NOUNS[kind]} cannot serve a {NOUNS[parent['type']]}."
                )
            order, _, _ = _order_under(conn, parent_id, None)
            index = order.index(after_id) + 1 if after_id in order else len(order)
            order.insert(index, new_id)
            edits += _reorder(conn, parent_id, None, order, label)
            edits.insert(0, InsertRow("element", {**row, "position": 0}, label))
            edits.append(InsertRow("alignment", {"parent_id": parent_id, "child_id": new_id,
                                                 "position": index}, label))
    document.do(Batch(tuple(edits), label))
    return new_id


def add_child(document: WorkshopDocument, parent_id: int, kind: ElementType | None = None) -> int:
    """Add an element at the end of ``parent_id``'s children (of the natural kind by default)."""
    with document.read() as conn:
        parent = _require(conn, parent_id)
    return add_element(document, kind or DEFAULT_CHILD[parent["type"]], parent_id)


def add_sibling(document: WorkshopDocument, element_id: int, parent_id: int | None) -> int:
    """Add an element of the same kind right after ``element_id`` under the same parent."""
    with document.read() as conn:
        row = _require(conn, element_id)
    return add_element(document, row["type"], parent_id, after_id=element_id)


def set_field(document: WorkshopDocument, element_id: int, column: str, value: Any) -> bool:
    """Change one field of an element; return whether anything changed."""
    if column not in ELEMENT_COLUMNS:
        raise EditRejectedError(f"An element has no field called {column!r}.")
    with document.read() as conn:
        row = _require(conn, element_id)
    if column in ("title", "status", "description", "metric", "unit"):
        value = str(value or "").strip()
    elif column in ("progress", "baseline", "target", "current", "budget", "effort"):
        value = _number(column, value)
    elif column == "ref":
        value = str(value or "").strip() or None
    elif column == "type":
        value = ElementType(value)
    if row[column] == value:
        return False
    name = COLUMN_NAMES.get(column, column)
    label = f"Change {NOUNS[row['type']]} {name}"
    document.do(SetValues("element", element_id, {column: value}, label))
    return True


def set_node(document: WorkshopDocument, element_id: int, node_id: int | None) -> bool:
    """Make ``node_id`` accountable for the element (None: no node)."""
    return set_field(document, element_id, "node_id", node_id)


def set_weight(
    document: WorkshopDocument, parent_id: int, child_id: int, weight: float | None
) -> bool:
    """Give the link from ``child_id`` up to ``parent_id`` a weight in percent (None: none)."""
    value = _number("weight", weight)
    with document.read() as conn:
        link = _link_row(conn, parent_id, child_id)
        if link is None:
            raise EditRejectedError("Those elements are not linked.")
        if link["weight"] == value:
            return False
    document.do(SetValues("alignment", link["id"], {"weight": value}, "Change alignment weight"))
    return True


def delete_elements(document: WorkshopDocument, ids: Sequence[int]) -> None:
    """Delete elements with all their links as one undoable edit."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return
    with document.read() as conn:
        rows = [_require(conn, i) for i in unique]
    label = _label(rows[0], "Delete") if len(rows) == 1 else f"Delete {len(rows)} elements"
    document.do(Batch(tuple(DeleteRow("element", i, label) for i in unique), label))


# ---------------------------------------------------------------- moving in the outline


@dataclass(frozen=True)
class Place:
    """Where an element sits in the outline: under a parent, or at the top of a section."""

    parent_id: int | None
    section: Section | None = None

    @staticmethod
    def top(section: Section) -> Place:
        """Return the place at the top of ``section``."""
        return Place(None, section)


def move_element(
    document: WorkshopDocument,
    element_id: int,
    source: Place,
    target: Place,
    index: int | None = None,
    keep_source: bool = False,
    verb: str = "Move",
) -> None:
    """Re-parent (or reorder) an element as one edit, changing its kind if the new place
    cannot hold it; with ``keep_source`` the old link stays (one more parent).

    Moving to the top of a section removes every parent link: a top-level element
    has no parent by definition.
    """
    with document.read() as conn:
        row = _require(conn, element_id)
        kind: ElementType = row["type"]
        if target.parent_id is not None:
            parent = _require(conn, target.parent_id)
            if kind not in ALLOWED_CHILDREN[parent["type"]]:
                kind = DEFAULT_CHILD[parent["type"]]
            if source.parent_id != target.parent_id:
                _check_link(conn, parent, {**row, "type": kind})
        else:
            assert target.section is not None
            if kind not in SECTION_TYPES[target.section]:
                kind = SECTION_DEFAULT[target.section]
        label = _label(row, verb)
        edits: list[Edit] = []
        if kind is not row["type"]:
            edits.append(SetValues("element", element_id, {"type": kind}, label))
        old_link = None if source.parent_id is None else _link_row(
            conn, source.parent_id, element_id)
        order, _, _ = _order_under(conn, target.parent_id, target.section)
        if element_id in order:
            order.remove(element_id)
        index = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(index, element_id)
        if target.parent_id is not None:
            moving = source.parent_id != target.parent_id
            if moving and old_link is not None and not keep_source:
                edits.append(DeleteRow("alignment", old_link["id"], label))
            if _link_row(conn, target.parent_id, element_id) is None:
                weight = old_link["weight"] if old_link and not keep_source else None
                edits.append(InsertRow("alignment", {
                    "parent_id": target.parent_id, "child_id": element_id,
                    "position": index, "weight": weight}, label))
            edits += _reorder(conn, target.parent_id, None, order, label)
        else:
            links = _table(Alignment)
            edits += [DeleteRow("alignment", i, label) for i in conn.execute(
                select(links.c.id).where(links.c.child_id == element_id)).scalars()]
            edits += _top_positions(conn, order, label)
    if edits:
        document.do(Batch(tuple(edits), label))


def _top_positions(conn: Connection, order: list[int], label: str) -> list[Edit]:
    table = _table(Element)
    statement = select(table.c.id, table.c.position).where(table.c.id.in_(order))
    current = {r.id: r.position for r in conn.execute(statement)}
    return _positions(order, "element", current, label)


def indent(document: WorkshopDocument, element_id: int, place: Place) -> int:
    """Make the element a child of the sibling above it (Tab); return the new parent's id."""
    with document.read() as conn:
        order, _, _ = _order_under(conn, place.parent_id, place.section)
    if element_id not in order or order.index(element_id) == 0:
        raise EditRejectedError("There is nothing above it to indent it under.")
    new_parent = order[order.index(element_id) - 1]
    move_element(document, element_id, place, Place(new_parent), verb="Indent")
    return new_parent


def outdent(
    document: WorkshopDocument, element_id: int, place: Place, parent_place: Place
) -> Place:
    """Move the element up a level, right after its parent (Shift+Tab); return where it went.

    ``parent_place`` says where the parent itself sits in the outline.
    """
    if place.parent_id is None:
        raise EditRejectedError("It is already at the top level.")
    with document.read() as conn:
        order, _, _ = _order_under(conn, parent_place.parent_id, parent_place.section)
    index = order.index(place.parent_id) + 1 if place.parent_id in order else None
    if index is not None and element_id in order and order.index(element_id) < index:
        index -= 1
    move_element(document, element_id, place, parent_place, index, verb="Outdent")
    return parent_place


# ---------------------------------------------------------------- links


def link(
    document: WorkshopDocument, parent_id: int, child_id: int, weight: float | None = None
) -> None:
    """Align ``child_id`` under ``parent_id`` (one more parent), refusing loops and odd kinds."""
    value = _number("weight", weight)
    with document.read() as conn:
        parent, child = _require(conn, parent_id), _require(conn, child_id)
        if _link_row(conn, parent_id, child_id) is not None:
            raise EditRejectedError(f"{describe(child)} already serves {describe(parent)}.")
        _check_link(conn, parent, child)
        position = len(children_of(conn, parent_id))
    label = f"Link {NOUNS[child['type']]} to {NOUNS[parent['type']]}"
    document.do(InsertRow("alignment", {"parent_id": parent_id, "child_id": child_id,
                                        "weight": value, "position": position}, label))


def link_either_way(document: WorkshopDocument, first_id: int, second_id: int) -> tuple[int, int]:
    """Link two elements with the one that can hold the other as the parent (``first_id``
    when either can); return the (parent, child) pair."""
    with document.read() as conn:
        first, second = _require(conn, first_id), _require(conn, second_id)
    parent, child = first, second
    if (second["type"] not in ALLOWED_CHILDREN[first["type"]]
            and first["type"] in ALLOWED_CHILDREN[second["type"]]):
        parent, child = second, first
    link(document, parent["id"], child["id"])
    return parent["id"], child["id"]


def unlink(document: WorkshopDocument, parent_id: int, child_id: int) -> None:
    """Remove the link from ``child_id`` up to ``parent_id``."""
    with document.read() as conn:
        found = _link_row(conn, parent_id, child_id)
        if found is None:
            raise EditRejectedError("Those elements are not linked.")
        child = _require(conn, child_id)
    label = f"Unlink {NOUNS[child['type']]}"
    document.do(DeleteRow("alignment", found["id"], label))


def _refuse_self_or_twice(
    conn: Connection, model: type[Dependency] | type[NodeDependency], dependent_id: int,
    prerequisite_id: int, noun: str, dependent: str, prerequisite: str,
) -> None:
    """Refuse a dependency of something on itself, or one that is already recorded."""
    if dependent_id == prerequisite_id:
        raise EditRejectedError(f"{noun} cannot depend on itself.")
    table = _table(model)
    exists = conn.execute(select(table.c.id).where(
        table.c.dependent_id == dependent_id, table.c.prerequisite_id == prerequisite_id
    )).first()
    if exists is not None:
        raise EditRejectedError(f"{dependent} already depends on {prerequisite}.")


def add_dependency(
    document: WorkshopDocument, dependent_id: int, prerequisite_id: int,
    kind: str = "finish-to-start", note: str = "",
) -> int:
    """Record that ``dependent_id`` needs ``prerequisite_id`` first; refuse loops."""
    with document.read() as conn:
        dependent, prerequisite = _require(conn, dependent_id), _require(conn, prerequisite_id)
        _refuse_self_or_twice(conn, Dependency, dependent_id, prerequisite_id, "An element",
                              describe(dependent), describe(prerequisite))
        _refuse_cycle(conn, prerequisite_id, dependent_id, "dependency")
        new_id = _next_id(conn, Dependency)
    document.do(InsertRow("dependency", {
        "id": new_id, "dependent_id": dependent_id, "prerequisite_id": prerequisite_id,
        "kind": kind.strip() or "finish-to-start", "note": note.strip()}, "Add dependency"))
    return new_id


def set_dependency(document: WorkshopDocument, dependency_id: int, kind: str, note: str) -> None:
    """Change a dependency's kind and note."""
    document.do(SetValues("dependency", dependency_id,
                          {"kind": kind.strip(), "note": note.strip()}, "Change dependency"))


def remove_dependency(document: WorkshopDocument, dependency_id: int) -> None:
    """Remove a dependency."""
    document.do(DeleteRow("dependency", dependency_id, "Remove dependency"))


def remove_dependencies(document: WorkshopDocument, ids: Sequence[int]) -> None:
    """Remove several dependencies as one undoable edit."""
    _remove_rows(document, "dependency", ids, "Remove dependency", "Remove {} dependencies")


def _remove_rows(
    document: WorkshopDocument, table: str, ids: Sequence[int], one: str, several: str
) -> None:
    """Delete rows of ``table`` as one edit, labelled ``one`` or ``several`` (with the count)."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return
    label = one if len(unique) == 1 else several.format(len(unique))
    edits = tuple(DeleteRow(table, i, label) for i in unique)
    document.do(edits[0] if len(edits) == 1 else Batch(edits, label))


# ---------------------------------------------------------------- accountability nodes


def _node(conn: Connection, node_id: int) -> dict[str, Any]:
    table = _table(AccountabilityNode)
    found = conn.execute(select(table).where(table.c.id == node_id)).mappings().first()
    if found is None:
        raise EditRejectedError("That accountability node no longer exists.")
    return dict(found)


def _node_children(conn: Connection, parent_id: int | None) -> list[int]:
    table = _table(AccountabilityNode)
    where = table.c.parent_id.is_(None) if parent_id is None else table.c.parent_id == parent_id
    return list(conn.execute(select(table.c.id).where(where)
                             .order_by(table.c.position, table.c.id)).scalars())


def add_node(
    document: WorkshopDocument, parent_id: int | None = None, name: str = "",
    kind: NodeKind = NodeKind.DEPARTMENT, after_id: int | None = None,
) -> int:
    """Add an accountability node under ``parent_id`` (None: at the top); return its id."""
    with document.read() as conn:
        if parent_id is not None:
            _node(conn, parent_id)
        order = _node_children(conn, parent_id)
        new_id = _next_id(conn, AccountabilityNode)
        index = order.index(after_id) + 1 if after_id in order else len(order)
        order.insert(index, new_id)
        label = "Add accountability node"
        edits: list[Edit] = [InsertRow("accountability_node", {
            "id": new_id, "parent_id": parent_id, "name": name.strip(), "kind": kind,
            "position": index}, label)]
        current = {**_node_positions(conn, order), new_id: index}
        edits += _positions(order, "accountability_node", current, label)
    document.do(Batch(tuple(edits), label))
    return new_id


def _node_positions(conn: Connection, ids: Iterable[int]) -> dict[int, int]:
    table = _table(AccountabilityNode)
    statement = select(table.c.id, table.c.position).where(table.c.id.in_(list(ids)))
    return {r.id: r.position for r in conn.execute(statement)}


def set_node_field(document: WorkshopDocument, node_id: int, column: str, value: Any) -> bool:
    """Change a node's name, kind, accountable person, cadence, challenges or description."""
    if column not in NODE_COLUMNS:
        raise EditRejectedError(f"An accountability node has no field called {column!r}.")
    if column in ("name", "challenges", "description"):
        value = str(value or "").strip()
    elif column == "kind":
        value = NodeKind(value)
    elif column == "cadence":
        value = None if value in (None, "") else Cadence(value)
    with document.read() as conn:
        row = _node(conn, node_id)
    if row[column] == value:
        return False
    names = {"accountable_id": "accountable person"}
    label = f"Change node {names.get(column, column)}"
    document.do(SetValues("accountability_node", node_id, {column: value}, label))
    return True


def move_node(
    document: WorkshopDocument, node_id: int, parent_id: int | None, index: int | None = None
) -> None:
    """Move a node under ``parent_id`` (None: to the top) at ``index``; refuse loops."""
    with document.read() as conn:
        row = _node(conn, node_id)
        ancestor = parent_id
        while ancestor is not None:
            if ancestor == node_id:
                raise EditRejectedError(
                    f"“{row['name']}” cannot sit under one of its own sub-nodes.")
            ancestor = _node(conn, ancestor)["parent_id"]
        order = [i for i in _node_children(conn, parent_id) if i != node_id]
        index = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(index, node_id)
        label = "Move accountability node"
        edits: list[Edit] = []
        if row["parent_id"] != parent_id:
            edits.append(SetValues("accountability_node", node_id, {"parent_id": parent_id}, label))
        edits += _positions(order, "accountability_node", _node_positions(conn, order), label)
    if edits:
        document.do(Batch(tuple(edits), label))


def delete_node(document: WorkshopDocument, node_id: int) -> None:
    """Delete a node with its sub-nodes and flows; its elements keep going, unassigned."""
    with document.read() as conn:
        row = _node(conn, node_id)
    name = row["name"] or "accountability node"
    document.do(DeleteRow("accountability_node", node_id, f"Delete “{name}”"))


# ---------------------------------------------------------------- node dependencies


def node_dependencies(conn: Connection) -> list[dict[str, Any]]:
    """Return every dependency between accountability nodes."""
    table = _table(NodeDependency)
    return [dict(row) for row in conn.execute(select(table).order_by(table.c.id)).mappings()]


def _node_name(row: dict[str, Any]) -> str:
    name = (row.get("name") or "").strip()
    return f"“{name}”" if name else "the unnamed node"


def add_node_dependency(
    document: WorkshopDocument, dependent_id: int, prerequisite_id: int,
    kind: str = "needs-deliverable", note: str = "",
) -> int:
    """Record that node ``dependent_id`` waits on node ``prerequisite_id``; refuse loops."""
    with document.read() as conn:
        dependent, prerequisite = _node(conn, dependent_id), _node(conn, prerequisite_id)
        _refuse_self_or_twice(conn, NodeDependency, dependent_id, prerequisite_id, "A node",
                              _node_name(dependent), _node_name(prerequisite))
        cycle = node_dependency_cycle(conn, prerequisite_id, dependent_id)
        if cycle is not None:
            raise EditRejectedError(cycle_message(node_labels(conn, cycle), "dependency"))
        new_id = _next_id(conn, NodeDependency)
    document.do(InsertRow("node_dependency", {
        "id": new_id, "dependent_id": dependent_id, "prerequisite_id": prerequisite_id,
        "kind": kind.strip(), "note": note.strip()}, "Add node dependency"))
    return new_id


def set_node_dependency(
    document: WorkshopDocument, dependency_id: int, kind: str, note: str
) -> None:
    """Change a node dependency's kind and note."""
    document.do(SetValues("node_dependency", dependency_id,
                          {"kind": kind.strip(), "note": note.strip()},
                          "Change node dependency"))


def remove_node_dependencies(document: WorkshopDocument, ids: Sequence[int]) -> None:
    """Remove one or several node dependencies as one undoable edit."""
    _remove_rows(document, "node_dependency", ids, "Remove node dependency",
                 "Remove {} node dependencies")


# ---------------------------------------------------------------- information flows


def add_flow(
    document: WorkshopDocument, consumer_id: int, provider_id: int | None, information: str
) -> int:
    """Record that ``consumer_id`` needs ``information`` from ``provider_id`` (None: nobody)."""
    text = information.strip()
    if not text:
        raise EditRejectedError("Say what information the node needs.")
    with document.read() as conn:
        _node(conn, consumer_id)
        if provider_id is not None:
            _node(conn, provider_id)
        new_id = _next_id(conn, InformationFlow)
        table = _table(InformationFlow)
        position = int(conn.execute(select(func.coalesce(func.max(table.c.position), -1)))
                       .scalar_one()) + 1
    document.do(InsertRow("information_flow", {
        "id": new_id, "consumer_id": consumer_id, "provider_id": provider_id,
        "information": text, "position": position}, "Add information need"))
    return new_id


def set_flow(document: WorkshopDocument, flow_id: int, column: str, value: Any) -> None:
    """Change what a flow carries, who provides it, its cadence or its note."""
    if column not in ("information", "provider_id", "cadence", "note", "consumer_id"):
        raise EditRejectedError(f"An information flow has no field called {column!r}.")
    if column == "cadence":
        value = None if value in (None, "") else Cadence(value)
    document.do(SetValues("information_flow", flow_id, {column: value},
                          "Change information flow"))


def remove_flow(document: WorkshopDocument, flow_id: int) -> None:
    """Remove an information flow."""
    document.do(DeleteRow("information_flow", flow_id, "Remove information need"))


def set_flows_between(
    document: WorkshopDocument, consumer_id: int, provider_id: int | None, lines: Sequence[str]
) -> bool:
    """Make the information ``consumer_id`` gets from ``provider_id`` exactly ``lines``
    (one item each), as one edit; return whether anything changed."""
    wanted = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    with document.read() as conn:
        consumer = _node(conn, consumer_id)
        provider = None if provider_id is None else _node(conn, provider_id)
        existing = [f for f in flows(conn)
                    if f["consumer_id"] == consumer_id and f["provider_id"] == provider_id]
        table = _table(InformationFlow)
        position = int(conn.execute(select(func.coalesce(func.max(table.c.position), -1)))
                       .scalar_one()) + 1
        new_id = _next_id(conn, InformationFlow)
    source = provider["name"] if provider else "nobody yet"
    label = f"Change what {consumer['name'] or 'the node'} needs from {source}"
    edits: list[Edit] = []
    kept = {f["information"]: f for f in existing}
    for flow in existing:
        if flow["information"] not in wanted:
            edits.append(DeleteRow("information_flow", flow["id"], label))
    for text in wanted:
        if text not in kept:
            edits.append(InsertRow("information_flow", {
                "id": new_id, "consumer_id": consumer_id, "provider_id": provider_id,
                "information": text, "position": position}, label))
            new_id += 1
            position += 1
    if not edits:
        return False
    document.do(Batch(tuple(edits), label))
    return True


# ---------------------------------------------------------------- import


def import_cascade(document: WorkshopDocument, path: Path) -> CascadeImport:
    """Add a cascade register or a Viva Goals export to the workshop as one undoable step.

    Raises ``RegisterError`` (its ``problems`` list every row and column at fault) or
    ``TableFileError`` when the file cannot be read; nothing is written then.
    """
    from bigdesk.exchange import register, vivagoals

    with document.read() as conn:
        if path.suffix.lower() == ".zip":
            planned = vivagoals.plan_vivagoals_import(conn, path)
        else:
            planned = register.plan_register_import(conn, path)
    document.do(planned.edit)
    return planned
