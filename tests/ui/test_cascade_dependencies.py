"""The Dependencies tab of the Map step, driven as a facilitator would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit

from bigdesk.analysis.cascade import ElementRow
from bigdesk.app import cascade
from bigdesk.model import ElementType

from bigdesk.ui.dependencies import (
    DEPENDENT,
    KIND,
    NOTE,
    PREREQUISITE,
    AddDependencyDialog,
    DependencyEditor,
    choosable,
)
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.map import MapPage

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def editor(window: MainWindow, sample_path: Path) -> DependencyEditor:
    page = open_step(window, sample_path, "map")
    assert isinstance(page, MapPage)
    page.tabs.setCurrentWidget(page.dependencies)
    return page.dependencies


def ids_by_ref(editor: DependencyEditor) -> dict[str, int]:
    return {row.ref: row.id for row in editor.model.ends.values() if row.ref}


def table(editor: DependencyEditor) -> list[tuple[str, str, str, str]]:
    """Return the table as the facilitator reads it: refs, kind label and note."""
    model = editor.model
    rows = []
    for row in range(model.rowCount()):
        cells = [str(model.index(row, column).data()) for column in range(4)]
        rows.append((cells[DEPENDENT].split()[0], cells[PREREQUISITE].split()[0],
                     cells[KIND], cells[NOTE]))
    return rows


def open_dialog(qtbot: Any, editor: DependencyEditor) -> AddDependencyDialog:
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def press_add(qtbot: Any, dialog: AddDependencyDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_sample_dependencies_show_refs_titles_kinds_and_notes(
    editor: DependencyEditor, qtmodeltester: Any
) -> None:
    qtmodeltester.check(editor.model)
    rows = table(editor)
    assert ("I3", "I4", "Finish to start",
            "Vans cannot go into service before depots can charge them.") in rows
    assert ("I5", "I6", "Start to start",
            "The hub opens on the new warehouse system, not the old three.") in rows
    first = editor.model.index(0, DEPENDENT).data()
    assert "  " in first and len(first.split("  ", 1)[1]) > 3  # -- ref, then the title


def test_adding_through_the_dialog_is_one_undo_step(
    qtbot: Any, editor: DependencyEditor, window: MainWindow
) -> None:
    refs = ids_by_ref(editor)
    count = editor.document.undo_stack.count()
    dialog = open_dialog(qtbot, editor)
    # -- initiatives come first in the list of dependents
    first = dialog.dependent.itemData(0)
    assert editor.model.ends[first].type is ElementType.INITIATIVE
    choose(dialog.dependent, refs["I2"])
    choose(dialog.prerequisite, refs["I9"])
    choose(dialog.kind, "shares-resource")
    qtbot.keyClicks(dialog.note, "Same depot team")
    press_add(qtbot, dialog)
    assert not dialog.isVisible()
    assert ("I2", "I9", "Shares a resource", "Same depot team") in table(editor)
    assert editor.document.undo_stack.count() == count + 1
    current = editor.view.currentIndex()
    assert editor.model.record(current.row()).id == dialog.added
    window.undo()
    assert all(row[:2] != ("I2", "I9") for row in table(editor))


def test_a_dependency_that_loops_is_refused_with_the_loop_named(
    qtbot: Any, editor: DependencyEditor, dialogs: Dialogs
) -> None:
    refs = ids_by_ref(editor)
    before = table(editor)
    count = editor.document.undo_stack.count()
    dialog = open_dialog(qtbot, editor)
    # -- I3 already waits on I4, so I4 waiting on I3 would close a loop
    choose(dialog.dependent, refs["I4"])
    choose(dialog.prerequisite, refs["I3"])
    press_add(qtbot, dialog)
    assert "would make the work wait on itself" in dialogs.messages()
    assert "→" in dialogs.messages()
    assert dialog.isVisible(), "the dialog stays open to choose again"
    assert table(editor) == before and editor.document.undo_stack.count() == count
    dialog.reject()


def test_editing_a_note_and_a_kind_in_place(qtbot: Any, editor: DependencyEditor) -> None:
    count = editor.document.undo_stack.count()
    index = editor.model.index(0, NOTE)
    editor.view.setFocus()
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Agreed at the board")
    QTest.keyClick(line, Qt.Key.Key_Return)
    # -- the delegate commits a line edit's text once the event loop runs
    qtbot.waitUntil(lambda: editor.model.index(0, NOTE).data() == "Agreed at the board")
    assert editor.model.setData(editor.model.index(0, KIND), "needs-information")
    assert editor.model.index(0, KIND).data() == "Needs information"
    assert editor.document.undo_stack.count() == count + 2
    with editor.document.read() as conn:
        stored = cascade.dependencies(conn)[0]
    assert (stored.kind, stored.note) == ("needs-information", "Agreed at the board")


def test_kind_editor_offers_the_short_list(editor: DependencyEditor) -> None:
    index = editor.model.index(0, KIND)
    editor.view.edit(index)
    combo = editor.view.findChild(QComboBox)
    assert combo is not None
    assert [combo.itemData(i) for i in range(combo.count())][:2] == [
        "finish-to-start", "start-to-start"]
    assert combo.currentData() == editor.model.record(0).kind


def test_delete_removes_the_selection_and_undo_restores_it(
    qtbot: Any, editor: DependencyEditor, window: MainWindow
) -> None:
    before = table(editor)
    count = editor.document.undo_stack.count()
    editor.view.setFocus()
    editor.view.selectRow(0)
    editor.view.selectionModel().select(
        editor.model.index(1, 0),
        editor.view.selectionModel().SelectionFlag.Select
        | editor.view.selectionModel().SelectionFlag.Rows)
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert table(editor) == before[2:]
    assert editor.document.undo_stack.count() == count + 1
    window.undo()
    assert table(editor) == before


def test_titles_follow_edits_to_the_elements(editor: DependencyEditor) -> None:
    refs = ids_by_ref(editor)
    cascade.set_field(editor.document, refs["I4"], "title", "Depot chargers")
    assert "I4  Depot chargers" in [editor.model.index(r, PREREQUISITE).data()
                                    for r in range(editor.model.rowCount())]


def test_dependency_ends_sort_every_kind_and_any_digits() -> None:
    rows = {n: ElementRow(n, kind, ref, title, None, None, None, False)
            for n, (kind, ref, title) in enumerate([
                (ElementType.BENEFIT, "B1", "Fewer agency hours"),
                (ElementType.OBJECTIVE, "O2", "Reach x² growth"),
                (ElementType.INITIATIVE, "I10", "Tenth"),
                (ElementType.INITIATIVE, "I2", "Second"),
                (ElementType.KEY_RESULT, None, "Cut costs ²³"),
            ])}
    assert [r.ref or r.title for r in choosable(rows)] == [
        "I2", "I10", "B1", "Cut costs ²³", "O2"]
