"""Node dependency services: add, refuse self, duplicates and loops, change, remove, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication, QEvent

from bigdesk.app import accountability, cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType
from bigdesk.store import EditRejectedError, create_workshop


@pytest.fixture
def document(tmp_path: Path, qapp: Any) -> Iterator[WorkshopDocument]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    doc = WorkshopDocument(store)
    yield doc
    doc.close()
    doc.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def nodes(document: WorkshopDocument) -> dict[str, int]:
    return {name: accountability.add_node(document, name=name)
            for name in ("PMO", "Finance", "Board", "Operations")}


def stored(document: WorkshopDocument) -> list[tuple[int, int, str, str]]:
    with document.read() as conn:
        return [(r.dependent_id, r.prerequisite_id, r.kind, r.note)
                for r in accountability.node_dependencies(conn)]


def test_add_records_kind_and_note_as_one_undo_step(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    count = document.undo_stack.count()
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"],
                                       "needs-information", "  Budget data  ")
    assert stored(document) == [(nodes["PMO"], nodes["Finance"], "needs-information",
                                 "Budget data")]
    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.undoText() == "Add node dependency"
    document.undo_stack.undo()
    assert stored(document) == []


def test_self_and_duplicates_are_refused(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    with pytest.raises(EditRejectedError, match="cannot depend on itself"):
        accountability.add_node_dependency(document, nodes["PMO"], nodes["PMO"])
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    with pytest.raises(EditRejectedError, match="“PMO” already depends on “Finance”"):
        accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    assert len(stored(document)) == 1


def test_a_loop_is_refused_with_the_nodes_named(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    accountability.add_node_dependency(document, nodes["Finance"], nodes["Board"])
    count = document.undo_stack.count()
    with pytest.raises(EditRejectedError, match="would make the work wait on itself: "
                       "“PMO” → “Board” → “Finance” → “PMO”"):
        accountability.add_node_dependency(document, nodes["Board"], nodes["PMO"])
    assert document.undo_stack.count() == count
    # -- the same nodes the other way round is no loop
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Board"])


def test_element_dependencies_do_not_count_as_node_loops(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    first = cascade.add_element(document, ElementType.INITIATIVE, title="Chargers")
    second = cascade.add_element(document, ElementType.INITIATIVE, title="Vans")
    # -- element ids and node ids coincide here: the element dependency second → first
    #    would read as a loop if the two graphs were mixed up
    assert (first, second) == (nodes["PMO"], nodes["Finance"])
    cascade.add_dependency(document, second, first)
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    assert len(stored(document)) == 1


def test_change_kind_and_note(document: WorkshopDocument, nodes: dict[str, int]) -> None:
    new = accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    accountability.set_node_dependency(document, new, "needs-funding", "Capital approval")
    assert stored(document)[0][2:] == ("needs-funding", "Capital approval")
    document.undo_stack.undo()
    assert stored(document)[0][2:] == ("needs-deliverable", "")


def test_removing_several_is_one_undo_step(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    first = accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"])
    second = accountability.add_node_dependency(document, nodes["Board"], nodes["PMO"],
                                                note="Reports")
    before = stored(document)
    count = document.undo_stack.count()
    accountability.remove_node_dependencies(document, [first, second, first])
    assert stored(document) == []
    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.undoText() == "Remove 2 node dependencies"
    document.undo_stack.undo()
    assert stored(document) == before
    accountability.remove_node_dependencies(document, [second])
    assert document.undo_stack.undoText() == "Remove node dependency"


def test_deleting_a_node_takes_its_dependencies_and_undo_brings_them_back(
    document: WorkshopDocument, nodes: dict[str, int]
) -> None:
    accountability.add_node_dependency(document, nodes["PMO"], nodes["Finance"], note="Budgets")
    before = stored(document)
    accountability.delete_node(document, nodes["Finance"])
    assert stored(document) == []
    document.undo_stack.undo()
    assert stored(document) == before
