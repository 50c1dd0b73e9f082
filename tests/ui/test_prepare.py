"""The Prepare step, driven as a facilitator would: keyboard, buttons, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from bigdesk.store import open_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.prepare import PreparePage

from tests.ui.conftest import Dialogs


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> PreparePage:
    assert window.open_path(sample_path)
    assert window.workspace is not None
    prepare_page = window.workspace.current_page()
    assert isinstance(prepare_page, PreparePage)
    return prepare_page


def stored(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the file through a second, read-only connection: what a crash would leave."""
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql).all()]
    finally:
        store.close()


def test_models_pass_the_qt_model_tester(page: PreparePage, qtmodeltester: Any) -> None:
    for editor in (page.people, page.agenda, page.notes):
        qtmodeltester.check(editor.model)


def test_detail_is_saved_when_the_field_is_left(
    page: PreparePage, sample_path: Path, window: MainWindow, qtbot: Any
) -> None:
    title = page.details.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Integrated governance kick-off")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    saved = stored(sample_path, "SELECT title FROM workshop")
    assert saved == [("Integrated governance kick-off",)]
    window.undo()
    assert title.text() == "First Steps conversation"
    assert stored(sample_path, "SELECT title FROM workshop") == [("First Steps conversation",)]


def test_session_date_and_anonymous_mode_are_saved(page: PreparePage, sample_path: Path) -> None:
    page.details.date.setDate(page.details.date.date().addDays(7))
    page.details.date.editingFinished.emit()
    page.details.anonymous.setChecked(True)
    assert stored(sample_path, "SELECT session_date, anonymous FROM workshop") == [
        (str(dt.date(2026, 12, 10)), 1)
    ]


def test_typing_a_participant_from_the_keyboard(
    page: PreparePage, sample_path: Path, window: MainWindow, qtbot: Any
) -> None:
    people = page.people
    page.setCurrentWidget(people)
    people.view.setFocus()
    qtbot.keyClick(people.view, Qt.Key.Key_Insert)
    assert people.model.rowCount() == 10
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Olu Bankole")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # -- Qt commits a line edit's text on Return from the event loop
    qtbot.waitUntil(lambda: people.model.record(9).name == "Olu Bankole")
    assert stored(sample_path, "SELECT name, kind FROM person WHERE position = 9") == [
        ("Olu Bankole", "participant")
    ]
    window.undo()  # the name
    window.undo()  # the new row
    assert people.model.rowCount() == 9


def test_remove_then_undo_restores_the_same_person(
    page: PreparePage, sample_path: Path, window: MainWindow, qtbot: Any
) -> None:
    before = stored(sample_path, "SELECT * FROM person ORDER BY id")
    people = page.people
    page.setCurrentWidget(people)
    people.select_id(3)
    people.view.setFocus()
    qtbot.keyClick(people.view, Qt.Key.Key_Delete)
    assert people.model.row_of(3) is None
    assert window.undo_action.text() == "&Undo Remove person"
    window.undo()
    assert stored(sample_path, "SELECT * FROM person ORDER BY id") == before
    assert people.model.row_of(3) == 2


def test_reordering_the_agenda_moves_start_times(
    page: PreparePage, window: MainWindow, qtbot: Any
) -> None:
    agenda = page.agenda
    page.setCurrentWidget(agenda)
    model = agenda.model
    assert model.index(1, 2).data() == "13:40"
    agenda.select_id(model.row_id(0))
    agenda.view.setFocus()
    qtbot.keyClick(agenda.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert model.record(1).title == "Welcome and aims of the session"
    assert model.index(1, 2).data() == "13:50"
    assert agenda.view.currentIndex().row() == 1
    window.undo()
    assert model.record(0).title == "Welcome and aims of the session"


def test_durations_change_the_schedule_and_total(page: PreparePage) -> None:
    model = page.agenda.model
    assert page.agenda.total.text() == "Total: 2 h 45 min"
    assert model.setData(model.index(0, 1), 25)
    assert model.index(1, 2).data() == "13:55"
    assert page.agenda.total.text() == "Total: 3 h 00 min"


def test_start_time_moves_the_whole_agenda(page: PreparePage) -> None:
    page.details.time.setTime(page.details.time.time().addSecs(-3600))
    page.details.time.editingFinished.emit()
    assert page.agenda.model.index(0, 2).data() == "12:30"


def test_out_of_range_scores_are_refused_with_a_message(
    page: PreparePage, sample_path: Path, dialogs: Dialogs
) -> None:
    people = page.people.model
    assert not people.setData(people.index(0, 4), 9)
    assert "outside 1 to 5" in dialogs.messages()
    assert stored(sample_path, "SELECT influence FROM person WHERE id = 1") == [(5,)]


def test_influence_can_be_cleared(page: PreparePage, sample_path: Path) -> None:
    people = page.people.model
    assert people.setData(people.index(0, 4), None)
    assert people.index(0, 4).data() == ""
    assert stored(sample_path, "SELECT influence FROM person WHERE id = 1") == [(None,)]


def test_kind_is_chosen_from_a_list(page: PreparePage, sample_path: Path) -> None:
    people = page.people.model
    assert people.setData(people.index(1, 1), "stakeholder")
    assert people.index(1, 1).data() == "Stakeholder"
    assert stored(sample_path, "SELECT kind FROM person WHERE id = 2") == [("stakeholder",)]


def test_notes_are_private_unless_marked_shareable(page: PreparePage, sample_path: Path) -> None:
    notes = page.notes.model
    private = notes.index(0, 1)
    assert private.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert notes.setData(private, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert stored(sample_path, "SELECT private FROM note WHERE id = 1") == [(1,)]


def test_every_widget_a_user_can_reach_has_an_accessible_name(page: PreparePage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    for widget_type in (QLineEdit, QAbstractButton, QAbstractItemView):
        for widget in page.findChildren(widget_type):
            if widget.isVisibleTo(page) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert widget.accessibleName() or widget.text(), widget
