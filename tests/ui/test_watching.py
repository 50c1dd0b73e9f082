"""Views that declare the tables they watch: what refreshes them, when, and how."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from PySide6.QtWidgets import QWidget

from bigdesk.app import prepare
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Note, Person, PersonKind, Workshop
from bigdesk.store import Changes, SetValues, create_workshop

from bigdesk.ui.watching import WatchingView


@pytest.fixture
def document(tmp_path: Path, qapp: Any) -> Iterator[WorkshopDocument]:
    doc = WorkshopDocument(create_workshop(tmp_path / "w.bigdesk", populate_sample))
    yield doc
    doc.close()


class PeopleView(WatchingView, QWidget):
    """Lists the people; takes the workshop's title from the workshop's row."""

    watches = (Person,)
    reads = (Workshop,)

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__()
        self.reloads = 0
        self.repainted: list[Changes] = []
        self.watch(document)

    def reload(self) -> None:
        self.reloads += 1

    def repaint_rows(self, changes: Changes) -> None:
        self.repainted.append(changes)


class SlowView(PeopleView):
    refresh_delay_ms = 30


class LazyView(PeopleView):
    refresh_delay_ms = 30
    lazy = True


def _rename(document: WorkshopDocument, person: int, name: str) -> None:
    prepare.PEOPLE.set_value(document, person, "name", name)


def _first_person(document: WorkshopDocument) -> int:
    with document.read() as conn:
        return prepare.PEOPLE.rows(conn)[0].id


def test_a_reshaped_table_reloads_and_a_changed_row_repaints_with_its_id(
        document: WorkshopDocument, qtbot: Any) -> None:
    view = PeopleView(document)
    qtbot.addWidget(view)
    prepare.add_person(document, PersonKind.STAKEHOLDER)
    assert (view.reloads, view.repainted) == (1, [])
    person = _first_person(document)
    _rename(document, person, "Board chair")
    assert view.reloads == 1
    assert [c.rows_of(Person) for c in view.repainted] == [[person]]


def test_a_table_it_reads_repaints_and_one_it_does_not_show_is_ignored(
        document: WorkshopDocument, qtbot: Any) -> None:
    view = PeopleView(document)
    qtbot.addWidget(view)
    prepare.set_detail(document, "title", "Board away day", "Change title")
    assert len(view.repainted) == 1 and view.repainted[0].touches(Workshop)
    prepare.add_note(document, private=True)
    prepare.add_agenda_item(document)
    document.do(SetValues(Note, 1, {"text": "bring the projector"}, "Change note"))
    assert (view.reloads, len(view.repainted)) == (0, 1)


def test_undo_refreshes_like_the_edit(document: WorkshopDocument, qtbot: Any) -> None:
    view = PeopleView(document)
    qtbot.addWidget(view)
    prepare.add_person(document, PersonKind.PARTICIPANT)
    document.undo_stack.undo()
    document.undo_stack.redo()
    assert view.reloads == 3


def test_a_delayed_view_refreshes_once_after_a_burst_of_edits(
        document: WorkshopDocument, qtbot: Any) -> None:
    view = SlowView(document)
    qtbot.addWidget(view)
    view.show()
    person = _first_person(document)
    for name in ("A", "B", "C"):
        _rename(document, person, name)
    prepare.add_person(document, PersonKind.STAKEHOLDER)
    assert (view.reloads, view.repainted) == (0, [])
    qtbot.waitUntil(lambda: view.reloads == 1)
    qtbot.wait(60)
    assert (view.reloads, view.repainted) == (1, [])


def test_catch_up_refreshes_at_once_with_everything_still_waiting(
        document: WorkshopDocument, qtbot: Any) -> None:
    view = SlowView(document)
    qtbot.addWidget(view)
    view.show()
    person = _first_person(document)
    _rename(document, person, "A")
    prepare.set_detail(document, "title", "Away day", "Change title")
    view.catch_up()
    assert len(view.repainted) == 1
    assert view.repainted[0].rows_of(Person) == [person]
    assert view.repainted[0].touches(Workshop)
    qtbot.wait(60)
    assert len(view.repainted) == 1


def test_a_lazy_view_loads_when_first_shown_and_catches_up_when_shown_again(
        document: WorkshopDocument, qtbot: Any) -> None:
    view = LazyView(document)
    qtbot.addWidget(view)
    prepare.add_person(document, PersonKind.STAKEHOLDER)
    assert view.reloads == 0
    view.show()
    assert view.reloads == 1
    view.hide()
    _rename(document, _first_person(document), "Board chair")
    qtbot.wait(60)
    assert view.repainted == []
    view.show()
    assert len(view.repainted) == 1 and view.reloads == 1


def test_a_deleted_view_is_no_longer_called(document: WorkshopDocument, qtbot: Any) -> None:
    view = PeopleView(document)
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))
    prepare.add_person(document, PersonKind.STAKEHOLDER)
    assert view.reloads == 0
