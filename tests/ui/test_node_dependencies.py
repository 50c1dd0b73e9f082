"""The Node dependencies tab of the Accountability step, driven as a facilitator would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit

from bigdesk.app import accountability

from bigdesk.ui.dependencies import (
    DEPENDENT,
    KIND,
    NOTE,
    PREREQUISITE,
    AddDependencyDialog,
    DependencyEditor,
)
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.accountability import AccountabilityPage

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def editor(window: MainWindow, sample_path: Path) -> DependencyEditor:
    page = open_step(window, sample_path, "accountability")
    assert isinstance(page, AccountabilityPage)
    page.lower_tabs.setCurrentWidget(page.dependencies)
    return page.dependencies


def node_ids(editor: DependencyEditor) -> dict[str, int]:
    return {row.name: row.id for row in editor.model.ends.values()}


def table(editor: DependencyEditor) -> list[tuple[str, ...]]:
    """Return the table as the facilitator reads it."""
    model = editor.model
    return [tuple(str(model.index(row, column).data()) for column in range(4))
            for row in range(model.rowCount())]


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
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_the_sample_node_dependencies_show_names_kinds_and_notes(
    editor: DependencyEditor, qtmodeltester: Any
) -> None:
    qtmodeltester.check(editor.model)
    model = editor.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Dependent node", "Prerequisite node", "Kind", "Note"]
    rows = table(editor)
    assert rows[0][:3] == ("Portfolio Management Office", "Finance", "Needs information")
    assert ("Fleet Electrification Programme", "Transformation Board", "Needs a decision",
            "Each van order over £1m waits for the board's approval.") in rows
    assert model.index(0, DEPENDENT).data(Qt.ItemDataRole.ToolTipRole) == \
        "Support office: Portfolio Management Office"


def test_adding_through_the_dialog_is_one_undo_step(
    qtbot: Any, editor: DependencyEditor, window: MainWindow
) -> None:
    nodes = node_ids(editor)
    count = editor.document.undo_stack.count()
    dialog = open_dialog(qtbot, editor)
    assert dialog.windowTitle() == "Add node dependency"
    # -- the nodes are offered in tree order
    assert dialog.dependent.itemText(0) == "Transformation Board"
    choose(dialog.dependent, nodes["Customer Service"])
    choose(dialog.prerequisite, nodes["Road Network"])
    choose(dialog.kind, "needs-information")
    qtbot.keyClicks(dialog.note, "Live arrival estimates")
    press_add(qtbot, dialog)
    assert not dialog.isVisible()
    assert ("Customer Service", "Road Network", "Needs information",
            "Live arrival estimates") in table(editor)
    assert editor.document.undo_stack.count() == count + 1
    assert editor.model.record(editor.view.currentIndex().row()).id == dialog.added
    window.undo()
    assert all(row[:2] != ("Customer Service", "Road Network") for row in table(editor))


def test_a_loop_is_refused_with_the_nodes_named(
    qtbot: Any, editor: DependencyEditor, dialogs: Dialogs
) -> None:
    nodes = node_ids(editor)
    before = table(editor)
    count = editor.document.undo_stack.count()
    dialog = open_dialog(qtbot, editor)
    # -- the PMO already waits on Finance, so Finance waiting on the PMO would close a loop
    choose(dialog.dependent, nodes["Finance"])
    choose(dialog.prerequisite, nodes["Portfolio Management Office"])
    press_add(qtbot, dialog)
    assert ("would make the work wait on itself: “Portfolio Management Office” → “Finance” → "
            "“Portfolio Management Office”") in dialogs.messages()
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
    qtbot.keyClicks(line, "Actuals by the fifth working day")
    QTest.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: editor.model.index(0, NOTE).data() == "Actuals by the fifth working day")
    editor.view.edit(editor.model.index(0, KIND))
    combo = editor.view.findChild(QComboBox)
    assert combo is not None and combo.currentData() == "needs-information"
    assert combo.itemData(0) == "needs-deliverable"
    assert editor.model.setData(editor.model.index(0, KIND), "needs-funding")
    assert editor.model.index(0, KIND).data() == "Needs funding"
    assert editor.document.undo_stack.count() == count + 2
    with editor.document.read() as conn:
        first = accountability.node_dependencies(conn)[0]
    assert (first.kind, first.note) == ("needs-funding", "Actuals by the fifth working day")


def test_delete_removes_the_selection_and_undo_restores_it(
    editor: DependencyEditor, window: MainWindow
) -> None:
    before = table(editor)
    count = editor.document.undo_stack.count()
    editor.view.setFocus()
    editor.view.selectAll()
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert table(editor) == []
    assert editor.document.undo_stack.count() == count + 1
    window.undo()
    assert table(editor) == before


def test_names_follow_renamed_and_deleted_nodes(editor: DependencyEditor) -> None:
    nodes = node_ids(editor)
    accountability.set_node_field(editor.document, nodes["Finance"], "name",
                                  "Finance and Procurement")
    assert editor.model.index(0, PREREQUISITE).data() == "Finance and Procurement"
    accountability.delete_node(editor.document, nodes["Finance"])
    assert [row[0] for row in table(editor)] == ["Fleet Electrification Programme"]
