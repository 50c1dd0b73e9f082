"""The inspector beside the Map outline, the map and the Accountability tree, driven from
the keyboard: every kind of field, several elements at once, refusals and read-only files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from bigdesk.app import accountability, cascade, periods
from bigdesk.domain.fields import FieldKind
from bigdesk.exchange.deck.build import build_plan
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    Cadence,
    Direction,
    ElementType,
    InitiativeKind,
    NodeKind,
    Portfolio,
)
from bigdesk.store import create_workshop, open_workshop

from bigdesk.ui.field_editors import DateEditor, ListEditor
from bigdesk.ui.inspector import FOCUS_KEYS
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.accountability import AccountabilityPage
from bigdesk.ui.steps.map import MapPage

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> MapPage:
    found = open_step(window, sample_path, "map")
    assert isinstance(found, MapPage)
    return found


def add(page: MapPage, kind: ElementType, parent: int | None = None, title: str = "") -> int:
    return cascade.add_element(page.document, kind, parent, title=title)


def stored(page: MapPage, element_id: int, key: str) -> Any:
    with page.document.read() as conn:
        row = cascade.element(conn, element_id)
    assert row is not None
    return getattr(row, key)


def select(page: MapPage, *ids: int) -> None:
    """Select ``ids`` in the outline, as Ctrl+click would."""
    outline = page.outline
    outline.select(outline.model.find(ids[0]))
    for element_id in ids[1:]:
        outline.view.selectionModel().select(
            outline.model.find(element_id), QItemSelectionModel.SelectionFlag.Select
            | QItemSelectionModel.SelectionFlag.Rows)


def line(page: Any, key: str) -> QLineEdit:
    editor = page.inspector.editors[key]
    widget = editor.focusProxy()
    assert isinstance(widget, QLineEdit), key
    return widget


def type_into(qtbot: Any, widget: Any, text: str, enter: bool = True) -> None:
    """Focus ``widget``, replace what it holds with ``text`` and press Enter."""
    widget.setFocus()
    widget.selectAll()
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def pick(qtbot: Any, page: Any, key: str, label: str) -> None:
    """Browse a list field with the arrow keys to the entry called ``label``; Enter."""
    combo = page.inspector.editors[key].focusProxy()
    assert isinstance(combo, QComboBox), key
    combo.setFocus()
    wanted = combo.findText(label)
    assert wanted >= 0, f"{label!r} is not offered for {key}"
    while combo.currentIndex() != wanted:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < wanted else Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Return)


def test_every_kind_of_field_is_edited_through_the_inspector_and_undone(
    page: MapPage, qtbot: Any, dialogs: Dialogs,
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    result = add(page, ElementType.KEY_RESULT, objective, title="On-time deliveries")
    select(page, result)
    stack = page.document.undo_stack
    steps = stack.count()
    inspector = page.inspector
    with page.document.read() as conn:
        references = inspector._references(conn)
    person, person_name = references[FieldKind.PERSON][0]
    node = references[FieldKind.NODE][0]

    edits: list[tuple[str, Any, Any]] = []

    def check(key: str, expected: Any, before: Any) -> None:
        assert stored(page, result, key) == expected, key
        edits.append((key, expected, before))

    type_into(qtbot, line(page, "metric"), "Deliveries on the promised day")
    check("metric", "Deliveries on the promised day", None)
    type_into(qtbot, line(page, "unit"), "%")
    check("unit", "%", None)
    type_into(qtbot, line(page, "current"), "91.5%")
    check("current", 91.5, None)
    pick(qtbot, page, "direction", "Increase")
    check("direction", Direction.INCREASE, None)
    type_into(qtbot, line(page, "baseline"), "87")
    check("baseline", 87.0, None)
    type_into(qtbot, line(page, "target"), "1,250.5")
    check("target", 1250.5, None)
    assert line(page, "target").text() == "1,250.5"
    type_into(qtbot, line(page, "due"), "31/03/2027")
    check("due", dt.date(2027, 3, 31), None)
    assert line(page, "due").text() == "2027-03-31"
    pick(qtbot, page, "owner_id", person_name)
    check("owner_id", person, None)
    pick(qtbot, page, "node_id", node[1])
    check("node_id", node[0], None)
    # -- a period typed by name is added with the element's new value, as one step
    period_box = inspector.editors["period_id"].focusProxy()
    type_into(qtbot, period_box.lineEdit(), "FY31Q1")
    with page.document.read() as conn:
        new_period = next(p.id for p in periods.periods(conn) if p.name == "FY31Q1")
    check("period_id", new_period, None)
    description = inspector.editors["description"].focusProxy()
    assert isinstance(description, QPlainTextEdit)
    description.setFocus()
    qtbot.keyClicks(description, "Counted at the customer's door")
    qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    check("description", "Counted at the customer's door", "")
    assert not dialogs.shown
    # -- one undo step per field, each with a readable label
    assert stack.count() == steps + len(edits)
    assert stack.undoText() == "Change key result description"

    for key, expected, before in reversed(edits):
        assert stored(page, result, key) == expected
        stack.undo()
        assert stored(page, result, key) == before, key
    # -- the inspector follows the undo: every field shows the stored value again
    assert line(page, "metric").text() == ""
    assert inspector.editors["direction"].focusProxy().currentText() == "Not set"
    with page.document.read() as conn:
        assert "FY31Q1" not in [p.name for p in periods.periods(conn)]


# -- the calendar opens as a popup, which grabs the keyboard on a real screen only
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_initiative_fields_and_the_calendar(page: MapPage, qtbot: Any) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    initiative = add(page, ElementType.INITIATIVE, objective, title="Route planning")
    select(page, initiative)
    inspector = page.inspector
    assert inspector.heading.text() == "Initiative"
    pick(qtbot, page, "initiative_kind", "Programme")
    pick(qtbot, page, "portfolio", "Transform")
    type_into(qtbot, line(page, "budget"), "£420,000")
    type_into(qtbot, line(page, "effort"), "900")
    type_into(qtbot, line(page, "starts_on"), "2026-09-01")
    with page.document.read() as conn:
        dimension = inspector._references(conn)[FieldKind.DIMENSION][0]
    pick(qtbot, page, "closes_dimension_id", dimension[1])
    end = inspector.editors["ends_on"]
    assert isinstance(end, DateEditor)
    end.button.click()
    assert end.calendar is not None
    end.calendar.clicked.emit(QDate(2027, 6, 30))
    assert {key: stored(page, initiative, key) for key in (
        "initiative_kind", "portfolio", "budget", "effort", "starts_on", "ends_on",
        "closes_dimension_id")} == {
        "initiative_kind": InitiativeKind.PROGRAMME, "portfolio": Portfolio.TRANSFORM,
        "budget": 420000.0, "effort": 900.0, "starts_on": dt.date(2026, 9, 1),
        "ends_on": dt.date(2027, 6, 30), "closes_dimension_id": dimension[0]}
    assert line(page, "budget").text() == "420,000"
    # -- a sum in the trillions is written out in full, never as 2.5e+12, and reads back
    type_into(qtbot, line(page, "budget"), "2,500,000,000,000")
    assert line(page, "budget").text() == "2,500,000,000,000"
    assert stored(page, initiative, "budget") == 2.5e12
    # -- an empty date is "not set"
    type_into(qtbot, line(page, "ends_on"), "")
    assert stored(page, initiative, "ends_on") is None
    assert page.document.undo_stack.undoText() == "Change initiative end"


def test_a_cascade_built_in_the_app_gets_a_roadmap_slide(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    found = open_step(window, path, "map")
    assert isinstance(found, MapPage)
    objective = add(found, ElementType.OBJECTIVE, title="Deliver on time")
    initiative = add(found, ElementType.INITIATIVE, objective, title="Route planning")
    with found.document.read() as conn:
        assert "roadmap" not in [s.section for s in build_plan(conn).slides]
    select(found, initiative)
    type_into(qtbot, line(found, "starts_on"), "2026-09-01")
    type_into(qtbot, line(found, "ends_on"), "31/03/2027")
    with found.document.read() as conn:
        assert "roadmap" in [s.section for s in build_plan(conn).slides]


def test_a_driver_shows_its_kind_and_not_the_fields_of_other_kinds(
    page: MapPage, qtbot: Any
) -> None:
    driver = add(page, ElementType.DRIVER, title="Competitors offer next-day delivery")
    select(page, driver)
    keys = list(page.inspector.editors)
    assert "driver_kind" in keys and "metric" not in keys and "budget" not in keys
    assert keys[:2] == ["title", "ref"] and keys[-1] == "description"
    pick(qtbot, page, "driver_kind", "Threat")
    assert stored(page, driver, "driver_kind").value == "threat"


def test_several_elements_get_a_common_value_in_one_undo_step(
    page: MapPage, qtbot: Any
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    first = add(page, ElementType.KEY_RESULT, objective, title="On time")
    second = add(page, ElementType.KEY_RESULT, objective, title="Claims halved")
    cascade.set_field(page.document, first, "unit", "%")
    stack = page.document.undo_stack
    select(page, first, second)
    inspector = page.inspector
    assert inspector.ids == [first, second]
    assert inspector.heading.text() == "2 elements: 2 key results"
    # -- they differ in title and unit: "(mixed)"; they agree on no direction
    assert line(page, "unit").text() == "" and line(page, "unit").placeholderText() == "(mixed)"
    assert line(page, "title").placeholderText() == "(mixed)"
    assert inspector.editors["direction"].focusProxy().currentText() == "Not set"
    steps = stack.count()
    type_into(qtbot, line(page, "unit"), "days")
    assert stack.count() == steps + 1
    assert stack.undoText() == "Change unit of 2 elements"
    assert stored(page, first, "unit") == stored(page, second, "unit") == "days"
    assert line(page, "unit").text() == "days"
    pick(qtbot, page, "direction", "Decrease")
    assert stored(page, first, "direction") is stored(page, second, "direction") \
        is Direction.DECREASE
    stack.undo()
    stack.undo()
    assert (stored(page, first, "unit"), stored(page, second, "unit")) == ("%", None)
    assert line(page, "unit").placeholderText() == "(mixed)"

    # -- with the objective too, only the fields all three have are shown
    select(page, objective, first, second)
    keys = set(inspector.editors)
    assert "unit" not in keys and "metric" not in keys and {"status", "due"} <= keys
    type_into(qtbot, line(page, "status"), "At risk")
    assert stack.undoText() == "Change status of 3 elements"
    assert {stored(page, i, "status") for i in (objective, first, second)} == {"At risk"}


def test_the_map_selection_drives_the_inspector_too(page: MapPage, qtbot: Any) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    result = add(page, ElementType.KEY_RESULT, objective, title="On time")
    page.tabs.setCurrentWidget(page.map)
    page.map.scene.clearSelection()
    page.map.boxes[objective].setSelected(True)
    page.map.boxes[result].setSelected(True)
    assert sorted(page.inspector.ids) == sorted([objective, result])
    assert "metric" not in page.inspector.editors
    page.map.scene.clearSelection()
    page.map.boxes[result].setSelected(True)
    assert page.inspector.ids == [result]
    assert "metric" in page.inspector.editors


def test_a_refused_value_is_explained_beside_its_field_and_nothing_is_written(
    page: MapPage, qtbot: Any, dialogs: Dialogs,
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    initiative = add(page, ElementType.INITIATIVE, objective, title="Route planning")
    cascade.set_field(page.document, initiative, "starts_on", "2026-09-01")
    select(page, initiative)
    stack = page.document.undo_stack
    steps = stack.count()
    inspector = page.inspector
    type_into(qtbot, line(page, "progress"), "150")
    error = inspector.errors["progress"]
    assert not error.isHidden()
    assert error.text() == "Progress 150 is outside 0 to 100."
    assert line(page, "progress").text() == ""
    type_into(qtbot, line(page, "ends_on"), "2026-01-31")
    assert "cannot come before the start" in inspector.errors["ends_on"].text()
    type_into(qtbot, line(page, "due"), "next Tuesday")
    assert "is not a date" in inspector.errors["due"].text()
    assert stack.count() == steps
    assert stored(page, initiative, "progress") is None
    assert stored(page, initiative, "ends_on") is None
    assert not dialogs.shown
    # -- a good value clears the message
    type_into(qtbot, line(page, "progress"), "40")
    assert error.isHidden()
    assert stored(page, initiative, "progress") == 40.0


def test_the_keyboard_moves_commits_and_reverts(
    page: MapPage, window: MainWindow, qtbot: Any
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    result = add(page, ElementType.KEY_RESULT, objective, title="On time")
    select(page, result)
    inspector = page.inspector
    assert FOCUS_KEYS in inspector.toolTip()
    page.outline.view.setFocus()
    qtbot.keyClick(page.outline.view, Qt.Key.Key_F6)
    title = line(page, "title")
    assert QApplication.focusWidget() is title
    # -- Tab goes from field to field, in the order shown, and commits on the way
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is line(page, "ref")
    qtbot.keyClicks(line(page, "ref"), "KR9")
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_Tab)
    assert stored(page, result, "ref") == "KR9"
    assert QApplication.focusWidget() is inspector.editors["node_id"].focusProxy()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is line(page, "ref")
    # -- Esc puts back the stored value and writes nothing
    steps = page.document.undo_stack.count()
    qtbot.keyClicks(line(page, "ref"), "0")
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_Escape)
    assert line(page, "ref").text() == "KR9"
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_Tab)
    assert page.document.undo_stack.count() == steps
    # -- in a long text Enter is a new line, Ctrl+Enter commits
    description = inspector.editors["description"].focusProxy()
    description.setFocus()
    qtbot.keyClicks(description, "First")
    qtbot.keyClick(description, Qt.Key.Key_Return)
    qtbot.keyClicks(description, "Second")
    assert stored(page, result, "description") == ""
    qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(page, result, "description") == "First\nSecond"
    # -- with nothing typed to take back, Ctrl+Z undoes the workshop's last change
    qtbot.keyClick(description, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(page, result, "description") == ""
    assert description.toPlainText() == ""
    qtbot.keyClicks(line(page, "ref"), "X")
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line(page, "ref").text() == "KR9" and stored(page, result, "ref") == "KR9"
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(page, result, "ref") is None and line(page, "ref").text() == ""
    qtbot.keyClick(line(page, "ref"), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is page.outline.view


def test_a_list_is_browsed_with_the_keys_and_stored_on_enter_or_a_pick(
    page: MapPage, qtbot: Any
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    result = add(page, ElementType.KEY_RESULT, objective, title="On time")
    select(page, result)
    steps = page.document.undo_stack.count()
    direction = page.inspector.editors["direction"].focusProxy()
    assert isinstance(direction, QComboBox)
    direction.setFocus()
    qtbot.keyClick(direction, Qt.Key.Key_Down)
    qtbot.keyClick(direction, Qt.Key.Key_Down)
    assert direction.currentText() == "Decrease"
    assert stored(page, result, "direction") is None
    qtbot.keyClick(direction, Qt.Key.Key_Escape)
    assert direction.currentText() == "Not set"
    qtbot.keyClick(direction, Qt.Key.Key_Down)
    # -- leaving the list stores what the keys reached
    qtbot.keyClick(direction, Qt.Key.Key_Tab)
    assert stored(page, result, "direction") is Direction.INCREASE
    assert page.document.undo_stack.count() == steps + 1
    # -- a pick from the open list is stored at once
    direction.setCurrentIndex(direction.findText("Maintain"))
    direction.activated.emit(direction.currentIndex())
    assert stored(page, result, "direction") is Direction.MAINTAIN
    assert page.document.undo_stack.count() == steps + 2


def test_a_period_is_picked_by_name_or_cleared(page: MapPage, qtbot: Any) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    select(page, objective)
    box = page.inspector.editors["period_id"].focusProxy()
    assert isinstance(box, QComboBox)
    with page.document.read() as conn:
        known = periods.periods(conn)
    assert len(known) > 1
    box.setFocus()
    while box.currentText() != known[1].name:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert stored(page, objective, "period_id") == known[1].id
    type_into(qtbot, box.lineEdit(), known[0].name.lower())
    assert stored(page, objective, "period_id") == known[0].id
    assert box.currentText() == known[0].name
    type_into(qtbot, box.lineEdit(), "")
    assert stored(page, objective, "period_id") is None
    with page.document.read() as conn:
        assert len(periods.periods(conn)) == len(known)


def test_the_inspector_follows_edits_elsewhere_and_empties_on_delete(
    page: MapPage, qtbot: Any
) -> None:
    objective = add(page, ElementType.OBJECTIVE, title="Deliver on time")
    result = add(page, ElementType.KEY_RESULT, objective, title="On time")
    select(page, result)
    cascade.set_field(page.document, result, "title", "Always on time")
    assert line(page, "title").text() == "Always on time"
    page.document.undo_stack.undo()
    assert line(page, "title").text() == "On time"
    # -- a change of kind shows the new kind's fields
    cascade.set_field(page.document, result, "type", ElementType.INITIATIVE.value)
    assert "budget" in page.inspector.editors and "metric" not in page.inspector.editors
    page.document.undo_stack.undo()
    cascade.delete_elements(page.document, [result])
    assert page.inspector.ids == [] and page.inspector.editors == {}
    assert page.inspector.heading.text() == "Nothing selected"


def test_a_read_only_workshop_shows_values_without_editing(
    window: MainWindow, sample_path: Path, qtbot: Any, dialogs: Dialogs,
) -> None:
    holder = open_workshop(sample_path)
    try:
        dialogs.answer = QMessageBox.StandardButton.Open
        found = open_step(window, sample_path, "map")
        assert isinstance(found, MapPage) and found.document.read_only
        with found.document.read() as conn:
            result = next(r for r in cascade.elements(conn).values()
                          if r.type is ElementType.KEY_RESULT)
        select(found, result.id)
        title = line(found, "title")
        assert title.text() == result.title and title.isReadOnly()
        assert "read-only" in found.inspector.note.text()
        for editor in found.inspector.editors.values():
            if isinstance(editor, ListEditor):
                assert not editor.focusProxy().isEnabled()
        qtbot.keyClicks(title, "changed")
        qtbot.keyClick(title, Qt.Key.Key_Return)
        assert stored(found, result.id, "title") == result.title
        assert found.document.undo_stack.count() == 0
    finally:
        window.close_workshop()
        holder.close()


def test_a_node_is_edited_beside_the_accountability_tree(
    window: MainWindow, sample_path: Path, qtbot: Any, dialogs: Dialogs,
) -> None:
    page = open_step(window, sample_path, "accountability")
    assert isinstance(page, AccountabilityPage)
    node = accountability.add_node(page.document, name="Finance office")
    page.select_node(node)
    inspector = page.inspector
    assert inspector.ids == [node]
    assert [f.key for f in inspector.fields] == [
        "name", "kind", "accountable_id", "cadence", "challenges", "description"]
    # -- a node always has a kind: no "Not set" to pick
    kinds = inspector.editors["kind"].focusProxy()
    assert kinds.findText("Not set") < 0
    pick(qtbot, page, "kind", "Support office")
    pick(qtbot, page, "cadence", "Quarterly")
    people = inspector.editors["accountable_id"].focusProxy()
    pick(qtbot, page, "accountable_id", people.itemText(1))
    challenges = inspector.editors["challenges"].focusProxy()
    challenges.setFocus()
    qtbot.keyClicks(challenges, "Month-end closes late")
    # -- leaving the field commits it
    page.tree.setFocus()
    with page.document.read() as conn:
        row = next(n for n in accountability.nodes(conn) if n.id == node)
    assert (row.kind, row.cadence, row.accountable_id, row.challenges) == (
        NodeKind.SUPPORT_OFFICE, Cadence.QUARTERLY, people.itemData(1),
        "Month-end closes late")
    assert page.document.undo_stack.undoText() == "Change node challenges"
    page.document.undo_stack.undo()
    assert challenges.toPlainText() == ""
    accountability.delete_node(page.document, node)
    assert inspector.editors == {} and inspector.ids == []
