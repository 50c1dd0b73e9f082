"""Cascade services: each user action is one undoable edit, refused whole when it cannot be."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication, QEvent

from bigdesk.app import accountability, cascade
from bigdesk.app.cascade import Place, Section
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType, NodeKind
from bigdesk.store import EditRejectedError, create_workshop

P, OBJ, K, INIT = (ElementType.PURPOSE, ElementType.OBJECTIVE, ElementType.KEY_RESULT,
                 ElementType.INITIATIVE)


@pytest.fixture
def document(tmp_path: Path, qapp: Any) -> Iterator[WorkshopDocument]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    doc = WorkshopDocument(store)
    yield doc
    doc.close()
    # -- destroy the QObject now, while the application exists, not at interpreter exit
    doc.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def snapshot(document: WorkshopDocument) -> tuple[Any, ...]:
    """Return everything the cascade holds, to compare before and after undo."""
    with document.read() as conn:
        return (
            sorted((r.id, r.type.value, r.title, r.position, r.node_id)
                   for r in cascade.elements(conn).values()),
            sorted((r.parent_id, r.child_id, r.weight, r.position)
                   for r in cascade.alignments(conn)),
            sorted((r.dependent_id, r.prerequisite_id, r.kind)
                   for r in cascade.dependencies(conn)),
            sorted((r.id, r.parent_id, r.name) for r in accountability.nodes(conn)),
            sorted((r.consumer_id, r.provider_id, r.information)
                   for r in accountability.flows(conn)),
        )


def children(document: WorkshopDocument, parent: int) -> list[str]:
    with document.read() as conn:
        rows = cascade.elements(conn)
        return [rows[i].title for i in cascade.children_of(conn, parent)]


def kind(document: WorkshopDocument, element_id: int) -> ElementType:
    with document.read() as conn:
        row = cascade.element(conn, element_id)
    assert row is not None
    return ElementType(row.type)


@pytest.fixture
def tree(document: WorkshopDocument) -> dict[str, int]:
    """A purpose with two objectives; the first has two key results and an initiative."""
    ids = {"P": cascade.add_element(document, P, title="Move goods reliably")}
    ids["O1"] = cascade.add_element(document, OBJ, ids["P"], title="On time")
    ids["O2"] = cascade.add_element(document, OBJ, ids["P"], title="Greener fleet")
    ids["K1"] = cascade.add_element(document, K, ids["O1"], title="95% on time")
    ids["K2"] = cascade.add_element(document, K, ids["O1"], title="Claims halved")
    ids["I"] = cascade.add_element(document, INIT, ids["K1"], title="Route planning")
    document.undo_stack.clear()
    return ids


def test_adding_under_a_parent_links_it_in_one_undo_step(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    before = snapshot(document)
    new = cascade.add_sibling(document, tree["K1"], tree["O1"])
    assert children(document, tree["O1"]) == ["95% on time", "", "Claims halved"]
    assert kind(document, new) is K
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add key result"
    document.undo_stack.undo()
    assert snapshot(document) == before


def test_a_kind_that_cannot_serve_the_parent_is_refused(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    with pytest.raises(EditRejectedError, match="key result cannot sit under a purpose"):
        cascade.add_element(document, K, tree["P"])
    assert document.undo_stack.count() == 0


def test_set_field_checks_numbers_and_labels_the_step(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    assert cascade.set_field(document, tree["O1"], "title", "  Deliver on time  ")
    assert document.undo_stack.undoText() == "Change objective title"
    assert children(document, tree["P"])[0] == "Deliver on time"
    assert not cascade.set_field(document, tree["O1"], "title", "Deliver on time")
    with pytest.raises(EditRejectedError, match="Progress 140 is outside 0 to 100"):
        cascade.set_field(document, tree["K1"], "progress", 140)
    with pytest.raises(EditRejectedError, match="'lots' is not a number"):
        cascade.set_field(document, tree["K1"], "target", "lots")
    assert document.undo_stack.count() == 1


def test_indent_makes_it_a_child_of_the_sibling_above_and_adapts_its_kind(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    before = snapshot(document)
    # -- a key result indented under a key result cannot stay one: it becomes an initiative
    parent = cascade.indent(document, tree["K2"], Place(tree["O1"]))
    assert parent == tree["K1"]
    assert children(document, tree["K1"]) == ["Route planning", "Claims halved"]
    assert kind(document, tree["K2"]) is INIT
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert snapshot(document) == before
    with pytest.raises(EditRejectedError, match="nothing above"):
        cascade.indent(document, tree["K1"], Place(tree["O1"]))


def test_outdent_moves_it_after_its_parent_keeping_the_weight(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    cascade.set_weight(document, tree["O1"], tree["K1"], 60)
    before = snapshot(document)
    cascade.outdent(document, tree["K1"], Place(tree["O1"]), Place(tree["P"]))
    # -- a key result cannot serve a purpose, so it becomes an objective after its old parent
    assert children(document, tree["P"]) == ["On time", "95% on time", "Greener fleet"]
    assert kind(document, tree["K1"]) is OBJ
    with document.read() as conn:
        link = next(r for r in cascade.alignments(conn) if r.child_id == tree["K1"])
    assert link.weight == 60
    document.undo_stack.undo()
    assert snapshot(document) == before


def test_outdent_to_the_top_makes_a_purpose(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    cascade.outdent(document, tree["O2"], Place(tree["P"]), Place.top(Section.PURPOSES))
    with document.read() as conn:
        assert cascade.top_level(conn, Section.PURPOSES) == [tree["P"], tree["O2"]]
    assert kind(document, tree["O2"]) is P


def test_move_reorders_and_re_parents_and_copy_adds_a_parent(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    cascade.move_element(document, tree["K2"], Place(tree["O1"]), Place(tree["O1"]), 0)
    assert children(document, tree["O1"]) == ["Claims halved", "95% on time"]
    cascade.move_element(document, tree["K2"], Place(tree["O1"]), Place(tree["O2"]))
    assert children(document, tree["O1"]) == ["95% on time"]
    assert children(document, tree["O2"]) == ["Claims halved"]
    cascade.move_element(document, tree["I"], Place(tree["K1"]), Place(tree["K2"]),
                         keep_source=True)
    assert children(document, tree["K1"]) == children(document, tree["K2"]) == ["Route planning"]
    assert document.undo_stack.count() == 3


def test_move_to_the_unaligned_section_removes_every_parent(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    cascade.link(document, tree["K2"], tree["I"])
    cascade.move_element(document, tree["I"], Place(tree["K1"]), Place.top(Section.UNALIGNED))
    with document.read() as conn:
        assert cascade.top_level(conn, Section.UNALIGNED) == [tree["I"]]
        assert not any(r.child_id == tree["I"] for r in cascade.alignments(conn))


def test_a_link_that_would_make_a_loop_is_refused_naming_it(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    sub = cascade.add_element(document, OBJ, tree["O1"], title="Depot punctuality")
    before = snapshot(document)
    count = document.undo_stack.count()
    with pytest.raises(EditRejectedError) as refused:
        cascade.link(document, sub, tree["O1"])
    assert str(refused.value) == (
        "That link would make the cascade go round in a circle: "
        "“Depot punctuality” → “On time” → “Depot punctuality”."
    )
    assert snapshot(document) == before and document.undo_stack.count() == count


def test_a_longer_loop_through_a_drag_is_refused_too(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    sub = cascade.add_element(document, OBJ, tree["O1"], title="Depot punctuality")
    deeper = cascade.add_element(document, OBJ, sub, title="Night shifts")
    with pytest.raises(EditRejectedError, match="“Night shifts” → “On time” → "
                       "“Depot punctuality” → “Night shifts”"):
        cascade.move_element(document, tree["O1"], Place(tree["P"]), Place(deeper))


def test_links_carry_weights_and_can_be_removed(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    cascade.link(document, tree["O2"], tree["K2"], weight=40)
    with document.read() as conn:
        assert (tree["O2"], tree["K2"], 40.0) in {
            (r.parent_id, r.child_id, r.weight) for r in cascade.alignments(conn)}
    with pytest.raises(EditRejectedError, match="already serves"):
        cascade.link(document, tree["O2"], tree["K2"])
    with pytest.raises(EditRejectedError, match="weight from 0 to 100"):
        cascade.set_weight(document, tree["O2"], tree["K2"], 150)
    cascade.unlink(document, tree["O2"], tree["K2"])
    assert children(document, tree["O2"]) == []
    assert document.undo_stack.undoText() == "Unlink key result"


def test_link_either_way_puts_the_higher_element_on_top(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    assert cascade.link_either_way(document, tree["I"], tree["K2"]) == (tree["K2"], tree["I"])


def test_delete_removes_links_and_undo_restores_everything(
    document: WorkshopDocument, tree: dict[str, int]
) -> None:
    node = accountability.add_node(document, name="Operations")
    cascade.set_node(document, tree["O1"], node)
    cascade.add_dependency(document, tree["I"], tree["K2"], note="needs data")
    cascade.link(document, tree["O2"], tree["K1"], weight=30)
    before = snapshot(document)
    count = document.undo_stack.count()
    cascade.delete_elements(document, [tree["O1"]])
    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.undoText() == "Delete objective “On time”"
    with document.read() as conn:
        assert tree["O1"] not in cascade.elements(conn)
        assert all(tree["O1"] not in (r.parent_id, r.child_id)
                   for r in cascade.alignments(conn))
    document.undo_stack.undo()
    assert snapshot(document) == before
    document.undo_stack.redo()
    document.undo_stack.undo()
    assert snapshot(document) == before


def test_dependencies_refuse_loops(document: WorkshopDocument, tree: dict[str, int]) -> None:
    second = cascade.add_element(document, INIT, tree["K2"], title="Telematics")
    cascade.add_dependency(document, second, tree["I"])
    with pytest.raises(EditRejectedError, match="work wait on itself: "
                       "“Telematics” → “Route planning” → “Telematics”"):
        cascade.add_dependency(document, tree["I"], second)


def test_nodes_form_a_tree_without_loops(document: WorkshopDocument) -> None:
    ops = accountability.add_node(document, name="Operations")
    road = accountability.add_node(document, ops, name="Road network", kind=NodeKind.DEPARTMENT)
    board = accountability.add_node(document, name="Board", kind=NodeKind.GOVERNANCE_BODY)
    with pytest.raises(EditRejectedError, match="its own sub-nodes"):
        accountability.move_node(document, ops, road)
    accountability.move_node(document, board, None, 0)
    with document.read() as conn:
        assert [n.name for n in accountability.nodes(conn)] == ["Board", "Operations",
                                                            "Road network"]
    assert accountability.set_node_field(document, road, "cadence", "weekly")
    assert document.undo_stack.undoText() == "Change node cadence"
    with pytest.raises(ValueError):
        accountability.set_node_field(document, road, "cadence", "fortnightly")


def test_flows_between_two_nodes_are_set_as_one_edit(document: WorkshopDocument) -> None:
    ops = accountability.add_node(document, name="Operations")
    finance = accountability.add_node(document, name="Finance")
    accountability.add_flow(document, ops, finance, "Monthly cost per drop")
    before = snapshot(document)
    count = document.undo_stack.count()
    assert accountability.set_flows_between(document, ops, finance,
                                     ["Fuel spend", "Monthly cost per drop", "", "Fuel spend"])
    assert document.undo_stack.count() == count + 1
    with document.read() as conn:
        assert sorted(f.information for f in accountability.flows(conn)) == [
            "Fuel spend", "Monthly cost per drop"]
    assert not accountability.set_flows_between(document, ops, finance,
                                         ["Monthly cost per drop", "Fuel spend"])
    accountability.set_flows_between(document, ops, None, ["Customer churn"])
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert snapshot(document) == before
