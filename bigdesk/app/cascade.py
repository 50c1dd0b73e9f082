"""Services of the Map step: one function per thing a facilitator does to the cascade.

Every function checks its edit against the method's rules (``bigdesk.domain``) first,
so a refused edit writes nothing, then makes exactly one edit through
``Workspace.do``: one undo step with a readable label.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.cascade import (
    ALIGNMENT,
    DEPENDENCY,
    LinkKind,
    creates_cycle,
    cycle_labels,
    cycle_message,
)
from bigdesk.app.rows import next_id, remove_rows
from bigdesk.domain.cascade import (
    ALLOWED_CHILDREN,
    DEFAULT_CHILD,
    NOUNS,
    SECTION_DEFAULT,
    SECTION_TYPES,
    Section,
    link_problem,
    section_of,
)
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import (
    REFERENCES,
    FieldKind,
    clean_element_value,
    element_field,
    fields_of,
)
from bigdesk.domain.words import a, quoted
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Dependency,
    Dimension,
    Element,
    ElementType,
    Period,
    Person,
)
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, Workspace, fetch, fetch_one

# -- the table each kind of reference points into
_REFERENCED = {FieldKind.PERSON: Person, FieldKind.NODE: AccountabilityNode,
               FieldKind.PERIOD: Period, FieldKind.DIMENSION: Dimension}  # fmt: skip


# ---------------------------------------------------------------- reading


def elements(conn: Connection) -> dict[int, Element]:
    """Return every element of the cascade by id, in outline order."""
    rows = fetch(conn, select(Element).order_by(Element.position, Element.id))
    return {row.id: row for row in rows}


def element(conn: Connection, element_id: int) -> Element | None:
    """Return one element, or None if it is gone."""
    return fetch_one(conn, Element, element_id)


def alignments(conn: Connection) -> list[Alignment]:
    """Return every alignment link, ordered as the outline shows children."""
    return fetch(conn, select(Alignment).order_by(Alignment.parent_id, Alignment.position,
                                                  Alignment.id))


def dependencies(conn: Connection) -> list[Dependency]:
    """Return every dependency between elements."""
    return fetch(conn, select(Dependency).order_by(Dependency.id))


def people(conn: Connection) -> list[Person]:
    """Return everyone who may own an element or be accountable for a node, in order."""
    return fetch(conn, select(Person).order_by(Person.position, Person.id))


def children_of(conn: Connection, parent_id: int) -> list[int]:
    """Return the ids of the elements aligned under ``parent_id``, in order."""
    statement = (select(Alignment.child_id).where(Alignment.parent_id == parent_id)
                 .order_by(Alignment.position, Alignment.id))
    return list(conn.execute(statement).scalars())


def top_level(conn: Connection, section: Section) -> list[int]:
    """Return the ids of the elements with no parent shown in ``section``, in order."""
    statement = (
        select(Element.id)
        .where(Element.type.in_(SECTION_TYPES[section]))
        .where(~Element.id.in_(select(Alignment.child_id)))
        .order_by(Element.position, Element.id)
    )
    return list(conn.execute(statement).scalars())


def describe(row: Element) -> str:
    """Return an element's title for messages, or its kind when it has none yet."""
    return quoted(row.title, f"the untitled {NOUNS[row.type]}")


# ---------------------------------------------------------------- checks


def _require(conn: Connection, element_id: int) -> Element:
    found = element(conn, element_id)
    if found is None:
        raise EditRejectedError("That element no longer exists.")
    return found


def _label(kind: ElementType, title: str, verb: str) -> str:
    title = title.strip()
    noun = NOUNS[kind]
    if not title:
        return f"{verb} {noun}"
    short = title if len(title) <= 40 else title[:39] + "…"
    return f"{verb} {noun} “{short}”"


def _refuse_cycle(conn: Connection, parent_id: int, child_id: int, kind: LinkKind) -> None:
    """Refuse a link that would close a loop, naming the loop, before anything is written."""
    cycle = creates_cycle(conn, parent_id, child_id, kind)
    if cycle is not None:
        raise EditRejectedError(cycle_message(cycle_labels(conn, cycle), kind))


def _check_link(conn: Connection, parent: Element, child_id: int, child_kind: ElementType,
                child_title: str, new: bool = False) -> None:
    """Refuse a link that the cascade cannot hold, before anything is written.

    A ``new`` element serves nothing yet, so linking it cannot close a loop.
    """
    if parent.id == child_id:
        raise EditRejectedError("An element cannot serve itself.")
    problem = link_problem(parent.type, child_kind)
    if problem is not None:
        raise EditRejectedError(
            f"{problem} ({quoted(child_title, 'the untitled ' + NOUNS[child_kind])} under "
            f"{describe(parent)})")
    if not new:
        _refuse_cycle(conn, parent.id, child_id, ALIGNMENT)


def _weight(value: float | str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise EditRejectedError("Enter a number for the weight, such as 40.") from None
    if not 0 <= number <= 100:
        raise EditRejectedError(f"Enter a weight from 0 to 100 (it was {number:g}).")
    return number


def _link_row(conn: Connection, parent_id: int, child_id: int) -> Alignment | None:
    found = fetch(conn, select(Alignment).where(Alignment.parent_id == parent_id,
                                                Alignment.child_id == child_id))
    return found[0] if found else None


def _positions(ids: Sequence[int], table: type[Element] | type[Alignment],
               current: dict[int, int], label: str) -> list[Edit]:
    """Return edits giving ``ids`` the positions 0, 1, 2, … where they differ."""
    return [SetValues(table, row_id, {"position": index}, label)
            for index, row_id in enumerate(ids) if current.get(row_id) != index]


def _order_under(
    conn: Connection, parent_id: int | None, section: Section | None
) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """Return the children's ids in order, their positions and the rows that hold them."""
    if parent_id is None:
        assert section is not None
        ids = top_level(conn, section)
        statement = select(Element.id, Element.position).where(Element.id.in_(ids))
        positions = {r.id: r.position for r in conn.execute(statement)}
        return ids, positions, {i: i for i in ids}
    rows = conn.execute(
        select(Alignment.id, Alignment.child_id, Alignment.position)
        .where(Alignment.parent_id == parent_id)
        .order_by(Alignment.position, Alignment.id)
    ).all()
    return ([r.child_id for r in rows], {r.child_id: r.position for r in rows},
            {r.child_id: r.id for r in rows})


def _reorder(conn: Connection, parent_id: int | None, section: Section | None,
             order: list[int], label: str) -> list[Edit]:
    _, positions, rows = _order_under(conn, parent_id, section)
    table = Element if parent_id is None else Alignment
    return [SetValues(table, rows[child], {"position": index}, label)
            for index, child in enumerate(order)
            if child in rows and positions.get(child) != index]


# ---------------------------------------------------------------- elements


def add_element(
    workspace: Workspace,
    kind: ElementType,
    parent_id: int | None = None,
    after_id: int | None = None,
    title: str = "",
) -> int:
    """Add an element, under ``parent_id`` (linked) or at the top, after ``after_id`` if given;
    return its id."""
    title = element_field("title").clean(title)
    label = _label(kind, title, "Add")
    with workspace.read() as conn:
        new_id = next_id(conn, Element)
        row = {"id": new_id, "type": kind, "title": title}
        edits: list[Edit] = []
        if parent_id is None:
            section = section_of(kind)
            order, _, _ = _order_under(conn, None, section)
            index = order.index(after_id) + 1 if after_id in order else len(order)
            order.insert(index, new_id)
            edits.append(InsertRow(Element, {**row, "position": index}, label))
            edits += _reorder(conn, None, section, order, label)
        else:
            parent = _require(conn, parent_id)
            _check_link(conn, parent, new_id, kind, title, new=True)
            order, _, _ = _order_under(conn, parent_id, None)
            index = order.index(after_id) + 1 if after_id in order else len(order)
            order.insert(index, new_id)
            edits += _reorder(conn, parent_id, None, order, label)
            edits.insert(0, InsertRow(Element, {**row, "position": 0}, label))
            edits.append(InsertRow(Alignment, {"parent_id": parent_id, "child_id": new_id,
                                               "position": index}, label))
    workspace.do(Batch(tuple(edits), label))
    return new_id


def add_child(workspace: Workspace, parent_id: int, kind: ElementType | None = None) -> int:
    """Add an element at the end of ``parent_id``'s children (of the natural kind by default)."""
    with workspace.read() as conn:
        parent = _require(conn, parent_id)
    return add_element(workspace, kind or DEFAULT_CHILD[parent.type], parent_id)


def add_sibling(workspace: Workspace, element_id: int, parent_id: int | None) -> int:
    """Add an element of the same kind right after ``element_id`` under the same parent."""
    with workspace.read() as conn:
        row = _require(conn, element_id)
    return add_element(workspace, row.type, parent_id, after_id=element_id)


def _field_edit(conn: Connection, row: Element, column: str, value: Any,
                label: str) -> SetValues | None:
    """Return the edit that sets one field of ``row``, checked, or None when it is unchanged."""
    if column == "type":
        return _type_edit(conn, row, ElementType(value), label)
    field = element_field(column)
    value = clean_element_value(row.type, column, value)
    if column == "ref":
        value = value or None
        _refuse_taken_ref(conn, row.id, value)
    missing = field.kind in REFERENCES and value is not None
    if missing and fetch_one(conn, _REFERENCED[field.kind], value) is None:
        raise EditRejectedError(f"That {field.label.lower()} no longer exists.")
    start = value if column == "starts_on" else getattr(row, "starts_on", None)
    end = value if column == "ends_on" else getattr(row, "ends_on", None)
    if start is not None and end is not None and end < start:
        raise EditRejectedError(f"The end ({end:%d %b %Y}) cannot come before the start "
                                f"({start:%d %b %Y}).")
    if getattr(row, column) == value:
        return None
    return SetValues(Element, row.id, {column: value}, label)


def _refuse_taken_ref(conn: Connection, element_id: int, ref: str | None) -> None:
    if ref is None:
        return
    other = fetch(conn, select(Element).where(Element.ref == ref, Element.id != element_id))
    if other:
        raise EditRejectedError(f"The reference {ref!r} is already used by {describe(other[0])}.")


def _type_edit(conn: Connection, row: Element, kind: ElementType, label: str,
               leaving: Collection[int] = ()) -> SetValues | None:
    """Return the edit that makes ``row`` another kind, if its links allow it.

    Parents in ``leaving`` are not checked: the same edit unlinks them. Fields the new
    kind does not have are cleared in the same edit (undo brings them back).
    """
    if kind is row.type:
        return None
    for parent_id in conn.execute(select(Alignment.parent_id)
                                  .where(Alignment.child_id == row.id)).scalars():
        if parent_id in leaving:
            continue
        parent = _require(conn, parent_id)
        problem = link_problem(parent.type, kind)
        if problem:
            raise EditRejectedError(f"{problem} ({describe(row)} under {describe(parent)})")
    for child_id in children_of(conn, row.id):
        child = _require(conn, child_id)
        problem = link_problem(kind, child.type)
        if problem:
            raise EditRejectedError(f"{problem} ({describe(child)} under {describe(row)})")
    kept = {f.key for f in fields_of(kind)}
    cleared = {f.key: None for f in fields_of(row.type)
               if f.key not in kept and getattr(row, f.key) not in (None, "")}
    return SetValues(Element, row.id, {"type": kind, **cleared}, label)


def set_field(workspace: Workspace, element_id: int, column: str, value: Any) -> bool:
    """Change one field of an element; return whether anything changed."""
    return set_fields(workspace, [element_id], column, value)


def set_fields(workspace: Workspace, element_ids: Sequence[int], column: str, value: Any) -> bool:
    """Give several elements one value of a field as one undo step; return whether any changed.

    Refused whole, naming the element, when the value does not suit one of them.
    """
    ids = list(dict.fromkeys(element_ids))
    name = "kind" if column == "type" else element_field(column).label.lower()
    with workspace.read() as conn:
        rows = [_require(conn, i) for i in ids]
        if not rows:
            return False
        label = (f"Change {NOUNS[rows[0].type]} {name}" if len(rows) == 1
                 else f"Change {name} of {len(rows)} elements")
        edits: list[Edit] = []
        for row in rows:
            try:
                edit = _field_edit(conn, row, column, value, label)
            except EditRejectedError as error:
                if len(rows) == 1:
                    raise
                raise EditRejectedError(f"{describe(row)}: {error}") from None
            if edit is not None:
                edits.append(edit)
    if not edits:
        return False
    workspace.do(edits[0] if len(edits) == 1 else Batch(tuple(edits), label))
    return True


def set_node(workspace: Workspace, element_id: int, node_id: int | None) -> bool:
    """Make ``node_id`` accountable for the element (None: no node)."""
    return set_field(workspace, element_id, "node_id", node_id)


def set_weight(
    workspace: Workspace, parent_id: int, child_id: int, weight: float | str | None
) -> bool:
    """Give the link from ``child_id`` up to ``parent_id`` a weight in percent (None: none)."""
    value = _weight(weight)
    with workspace.read() as conn:
        link_row = _link_row(conn, parent_id, child_id)
        if link_row is None:
            raise EditRejectedError("Those elements are not linked.")
        if link_row.weight == value:
            return False
    workspace.do(SetValues(Alignment, link_row.id, {"weight": value}, "Change alignment weight"))
    return True


def delete_elements(workspace: Workspace, ids: Sequence[int]) -> None:
    """Delete elements with all their links as one undoable edit."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return
    with workspace.read() as conn:
        rows = [_require(conn, i) for i in unique]
    label = (_label(rows[0].type, rows[0].title, "Delete") if len(rows) == 1
             else f"Delete {len(rows)} elements")
    workspace.do(Batch(tuple(DeleteRow(Element, i, label) for i in unique), label))


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
    workspace: Workspace,
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
    with workspace.read() as conn:
        row = _require(conn, element_id)
        kind = row.type
        if target.parent_id is not None:
            parent = _require(conn, target.parent_id)
            if kind not in ALLOWED_CHILDREN[parent.type]:
                kind = DEFAULT_CHILD[parent.type]
            if source.parent_id != target.parent_id:
                _check_link(conn, parent, element_id, kind, row.title)
        else:
            assert target.section is not None
            if kind not in SECTION_TYPES[target.section]:
                kind = SECTION_DEFAULT[target.section]
        label = _label(row.type, row.title, verb)
        edits: list[Edit] = []
        old_link = None if source.parent_id is None else _link_row(
            conn, source.parent_id, element_id)
        unlinked: set[int] = (
            set(conn.execute(select(Alignment.parent_id)
                             .where(Alignment.child_id == element_id)).scalars())
            if target.parent_id is None else
            {old_link.parent_id} if old_link and not keep_source else set())
        retype = _type_edit(conn, row, kind, label, unlinked)
        if retype is not None:
            edits.append(retype)
        order, _, _ = _order_under(conn, target.parent_id, target.section)
        if element_id in order:
            order.remove(element_id)
        index = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(index, element_id)
        if target.parent_id is not None:
            moving = source.parent_id != target.parent_id
            if moving and old_link is not None and not keep_source:
                edits.append(DeleteRow(Alignment, old_link.id, label))
            if _link_row(conn, target.parent_id, element_id) is None:
                weight = old_link.weight if old_link and not keep_source else None
                edits.append(InsertRow(Alignment, {
                    "parent_id": target.parent_id, "child_id": element_id,
                    "position": index, "weight": weight}, label))
            edits += _reorder(conn, target.parent_id, None, order, label)
        else:
            edits += [DeleteRow(Alignment, i, label) for i in conn.execute(
                select(Alignment.id).where(Alignment.child_id == element_id)).scalars()]
            statement = select(Element.id, Element.position).where(Element.id.in_(order))
            current = {r.id: r.position for r in conn.execute(statement)}
            edits += _positions(order, Element, current, label)
    if edits:
        workspace.do(Batch(tuple(edits), label))


def indent(workspace: Workspace, element_id: int, place: Place) -> int:
    """Make the element a child of the sibling above it (Tab); return the new parent's id."""
    with workspace.read() as conn:
        order, _, _ = _order_under(conn, place.parent_id, place.section)
    if element_id not in order or order.index(element_id) == 0:
        raise EditRejectedError("There is nothing above it to indent it under.")
    new_parent = order[order.index(element_id) - 1]
    move_element(workspace, element_id, place, Place(new_parent), verb="Indent")
    return new_parent


def outdent(workspace: Workspace, element_id: int, place: Place, parent_place: Place) -> Place:
    """Move the element up a level, right after its parent (Shift+Tab); return where it went.

    ``parent_place`` says where the parent itself sits in the outline.
    """
    if place.parent_id is None:
        raise EditRejectedError("It is already at the top level.")
    with workspace.read() as conn:
        order, _, _ = _order_under(conn, parent_place.parent_id, parent_place.section)
    index = order.index(place.parent_id) + 1 if place.parent_id in order else None
    if index is not None and element_id in order and order.index(element_id) < index:
        index -= 1
    move_element(workspace, element_id, place, parent_place, index, verb="Outdent")
    return parent_place


# ---------------------------------------------------------------- links


def link(workspace: Workspace, parent_id: int, child_id: int, weight: float | None = None) -> None:
    """Align ``child_id`` under ``parent_id`` (one more parent), refusing loops and odd kinds."""
    value = _weight(weight)
    with workspace.read() as conn:
        parent, child = _require(conn, parent_id), _require(conn, child_id)
        if _link_row(conn, parent_id, child_id) is not None:
            raise EditRejectedError(f"{describe(child)} already serves {describe(parent)}.")
        _check_link(conn, parent, child.id, child.type, child.title)
        position = len(children_of(conn, parent_id))
    label = f"Link {NOUNS[child.type]} to {NOUNS[parent.type]}"
    workspace.do(InsertRow(Alignment, {"parent_id": parent_id, "child_id": child_id,
                                       "weight": value, "position": position}, label))


def link_either_way(workspace: Workspace, first_id: int, second_id: int) -> tuple[int, int]:
    """Link two elements with the one that can hold the other as the parent (``first_id``
    when either can); return the (parent, child) pair."""
    with workspace.read() as conn:
        first, second = _require(conn, first_id), _require(conn, second_id)
    parent, child = first, second
    if (second.type not in ALLOWED_CHILDREN[first.type]
            and first.type in ALLOWED_CHILDREN[second.type]):
        parent, child = second, first
    link(workspace, parent.id, child.id)
    return parent.id, child.id


def unlink(workspace: Workspace, parent_id: int, child_id: int) -> None:
    """Remove the link from ``child_id`` up to ``parent_id``."""
    with workspace.read() as conn:
        found = _link_row(conn, parent_id, child_id)
        if found is None:
            raise EditRejectedError("Those elements are not linked.")
        child = _require(conn, child_id)
    workspace.do(DeleteRow(Alignment, found.id, f"Unlink {NOUNS[child.type]}"))


# ---------------------------------------------------------------- dependencies


def refuse_self_or_twice(
    conn: Connection, model: type[Any], dependent_id: int, prerequisite_id: int,
    noun: str, dependent: str, prerequisite: str,
) -> None:
    """Refuse a dependency of something on itself, or one that is already recorded."""
    if dependent_id == prerequisite_id:
        raise EditRejectedError(f"{a(noun).capitalize()} cannot depend on itself.")
    exists = conn.execute(select(model.id).where(
        model.dependent_id == dependent_id, model.prerequisite_id == prerequisite_id
    )).first()
    if exists is not None:
        raise EditRejectedError(f"{dependent} already depends on {prerequisite}.")


def add_dependency(
    workspace: Workspace, dependent_id: int, prerequisite_id: int,
    kind: str = "finish-to-start", note: str = "",
) -> int:
    """Record that ``dependent_id`` needs ``prerequisite_id`` first; refuse loops."""
    with workspace.read() as conn:
        dependent, prerequisite = _require(conn, dependent_id), _require(conn, prerequisite_id)
        refuse_self_or_twice(conn, Dependency, dependent_id, prerequisite_id, Element.noun,
                             describe(dependent), describe(prerequisite))
        _refuse_cycle(conn, prerequisite_id, dependent_id, DEPENDENCY)
        new_id = next_id(conn, Dependency)
    workspace.do(InsertRow(Dependency, {
        "id": new_id, "dependent_id": dependent_id, "prerequisite_id": prerequisite_id,
        "kind": kind.strip() or "finish-to-start", "note": note.strip()}, "Add dependency"))
    return new_id


def set_dependency(workspace: Workspace, dependency_id: int, kind: str, note: str) -> None:
    """Change a dependency's kind and note."""
    workspace.do(SetValues(Dependency, dependency_id,
                           {"kind": kind.strip(), "note": note.strip()}, "Change dependency"))


def remove_dependencies(workspace: Workspace, ids: Sequence[int]) -> None:
    """Remove one or several dependencies as one undoable edit."""
    remove_rows(workspace, Dependency, ids)
