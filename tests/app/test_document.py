"""The open workshop document: undo stack, change signal, backups; no widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bigdesk.analysis.cascade import load_cascade
from bigdesk.app import cascade, prepare
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import ElementType, PersonKind
from bigdesk.store import Changes, EditRejectedError, SetValues, create_workshop, open_workshop


@pytest.fixture
def document(tmp_path: Path, qapp: Any) -> Any:
    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    doc = WorkshopDocument(store)
    yield doc
    doc.close()


def names(document: WorkshopDocument) -> list[str]:
    with document.read() as conn:
        return [row.name for row in prepare.PEOPLE.rows(conn)]


def test_each_edit_is_one_undo_step_with_its_label(document: WorkshopDocument) -> None:
    seen: list[Changes] = []
    document.changed.connect(seen.append)
    person = prepare.add_person(document, PersonKind.STAKEHOLDER)
    prepare.PEOPLE.set_value(document, person, "name", "Board chair")
    assert document.undo_stack.count() == 2
    assert document.undo_stack.undoText() == "Change person name"
    assert seen[0].reshaped == {"person"} and seen[1].rows == {("person", person)}
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert "Board chair" not in names(document) and len(names(document)) == 9
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert names(document)[-1] == "Board chair"


def test_a_refused_edit_leaves_no_undo_step(document: WorkshopDocument) -> None:
    with pytest.raises(EditRejectedError, match="outside 1 to 5"):
        prepare.PEOPLE.set_value(document, 1, "interest", 6)
    assert document.undo_stack.count() == 0


def test_removing_several_rows_is_one_step(document: WorkshopDocument) -> None:
    prepare.PEOPLE.remove(document, [2, 3, 4])
    assert document.undo_stack.undoText() == "Remove 3 people"
    assert len(names(document)) == 6
    document.undo_stack.undo()
    assert len(names(document)) == 9


def test_an_undo_that_cannot_be_replayed_is_reported_not_raised(
    document: WorkshopDocument, tmp_path: Path
) -> None:
    failures: list[str] = []
    document.failed.connect(failures.append)
    document.do(SetValues("person", 2, {"name": "Temp"}, "Rename"))
    # -- another writer removed the row behind the document's back
    with document.store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM person WHERE id = 2")
    document.undo_stack.undo()
    assert failures and "could not be undone" in failures[0]
    assert document.undo_stack.count() == 0


def test_every_edit_is_on_disk_before_do_returns(document: WorkshopDocument) -> None:
    prepare.AGENDA.move(document, 1, 2)
    reader = open_workshop(document.place, read_only=True)
    with reader.read() as conn:
        order = [r.id for r in prepare.AGENDA.rows(conn)]
    reader.close()
    assert order[:3] == [2, 3, 1]


def test_opening_starts_rotating_backups(document: WorkshopDocument, tmp_path: Path) -> None:
    from bigdesk import paths

    document.start_backups()
    copies = list(paths.backups_dir().rglob("*.bigdesk"))
    assert {p.name.split("-")[0] for p in copies} == {"daily", "weekly"}


def test_the_shared_cascade_follows_edits_undo_and_redo(document: WorkshopDocument) -> None:
    def fresh() -> Any:
        with document.read() as conn:
            return load_cascade(conn)

    first = document.cascade()
    objective = next(e.id for e in first.of_type(ElementType.OBJECTIVE))
    cascade.set_field(document, objective, "title", "Win back the night freight")
    cascade.add_child(document, objective)
    seen = document.cascade()
    assert seen == fresh() and seen.elements[objective].title == "Win back the night freight"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.cascade() == fresh() == first
    document.undo_stack.redo()
    assert document.cascade() == fresh()
