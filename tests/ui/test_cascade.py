"""The Map and Accountability steps, driven as a facilitator would: keyboard, drag, map, panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from bigdesk.app import accountability, cascade
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType
from bigdesk.store import create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.accountability import AccountabilityPage
from bigdesk.ui.steps.map import MapPage
from bigdesk.ui.steps.map.outline_model import WEIGHT

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def blank_path(tmp_path: Path) -> Path:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    return path


@pytest.fixture
def page(window: MainWindow, blank_path: Path) -> MapPage:
    found = open_step(window, blank_path, "map")
    assert isinstance(found, MapPage)
    return found


@pytest.fixture
def sample_page(window: MainWindow, sample_path: Path) -> MapPage:
    found = open_step(window, sample_path, "map")
    assert isinstance(found, MapPage)
    return found


def outline(page: MapPage, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    """Return the outline as indented "title (type)" lines, sections left out."""
    model = page.outline.model
    parent = parent or QModelIndex()
    lines = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        element = model.element_at(index)
        if element is None:
            lines += outline(page, index, depth)
            continue
        kind = model.elements[element].type.value
        lines.append("  " * depth + f"{model.data(index)} ({kind})")
        lines += outline(page, index, depth + 1)
    return lines


def type_title(qtbot: Any, text: str) -> QLineEdit:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)
    return editor


def build(page: MapPage) -> dict[str, int]:
    """A purpose with two objectives; the first has two key results."""
    doc = page.document
    ids = {"P": cascade.add_element(doc, ElementType.PURPOSE, title="Move goods reliably")}
    ids["O1"] = cascade.add_element(doc, ElementType.OBJECTIVE, ids["P"], title="On time")
    ids["O2"] = cascade.add_element(doc, ElementType.OBJECTIVE, ids["P"], title="Greener")
    ids["K1"] = cascade.add_element(doc, ElementType.KEY_RESULT, ids["O1"], title="95% on time")
    ids["K2"] = cascade.add_element(doc, ElementType.KEY_RESULT, ids["O1"], title="Claims halved")
    return ids


def test_every_model_passes_the_qt_model_tester(
    window: MainWindow, sample_path: Path, qtmodeltester: Any
) -> None:
    page = open_step(window, sample_path, "map")
    qtmodeltester.check(page.outline.model)
    assert window.workspace is not None
    window.workspace.show_step("accountability")
    accountability = window.workspace.current_page()
    assert isinstance(accountability, AccountabilityPage)
    qtmodeltester.check(accountability.model)
    qtmodeltester.check(accountability.matrix_model)


def test_model_tester_follows_edits_that_reshape_the_outline(
    page: MapPage, qtmodeltester: Any
) -> None:
    ids = build(page)
    qtmodeltester.check(page.outline.model)
    cascade.indent(page.document, ids["K2"], cascade.Place(ids["O1"]))
    cascade.delete_elements(page.document, [ids["O2"]])
    page.document.undo_stack.undo()
    qtmodeltester.check(page.outline.model)


def test_building_an_outline_from_the_keyboard(
    page: MapPage, window: MainWindow, qtbot: Any
) -> None:
    view = page.outline.view
    qtbot.mouseClick(page.outline.buttons["purpose"], Qt.MouseButton.LeftButton)
    type_title(qtbot, "Move goods reliably")
    # -- Enter in the title saves it and goes straight on to a new sibling
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(outline(page)) == 2)
    type_title(qtbot, "Deliver on time")
    # -- Tab in the title saves it and makes it serve the purpose above: an objective
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert outline(page) == ["Move goods reliably (purpose)", "  Deliver on time (objective)"]
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    type_title(qtbot, "95% on time")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert outline(page) == ["Move goods reliably (purpose)", "  Deliver on time (objective)",
                             "    New key result (key_result)"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    # -- Shift+Tab brings it up a level, after its parent; a key result cannot serve a
    #    purpose, so it becomes an objective
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert outline(page) == ["Move goods reliably (purpose)", "  Deliver on time (objective)",
                             "  New objective (objective)"]
    window.undo()
    assert outline(page)[-1] == "    New key result (key_result)"


def test_delete_removes_the_element_and_its_links_in_one_undo_step(
    page: MapPage, window: MainWindow, qtbot: Any
) -> None:
    ids = build(page)
    cascade.link(page.document, ids["O2"], ids["K1"], weight=50)
    before = outline(page)
    count = page.document.undo_stack.count()
    page.outline.reveal(ids["O1"])
    page.outline.view.setFocus()
    qtbot.keyClick(page.outline.view, Qt.Key.Key_Delete)
    assert page.document.undo_stack.count() == count + 1
    assert outline(page) == ["Move goods reliably (purpose)", "  Greener (objective)",
                             "    95% on time (key_result)",
                             "Claims halved (key_result)"]
    window.undo()
    assert outline(page) == before


def test_title_edit_repaints_without_reshaping_and_keeps_the_current_row(
    page: MapPage, qtbot: Any
) -> None:
    ids = build(page)
    page.outline.reveal(ids["K2"])
    model = page.outline.model
    reshaped: list[object] = []
    model.layoutChanged.connect(lambda *_: reshaped.append(1))
    model.modelReset.connect(lambda *_: reshaped.append(1))
    cascade.set_field(page.document, ids["K2"], "title", "Claims down by half")
    assert reshaped == []
    current = page.outline.view.currentIndex()
    assert model.element_at(current) == ids["K2"]
    assert current.data() == "Claims down by half"
    # -- an edit elsewhere that reshapes the tree keeps the current row and what is open
    page.outline.view.collapse(model.find(ids["O1"]))
    cascade.add_element(page.document, ElementType.OBJECTIVE, ids["P"], title="Safer")
    assert reshaped == [1]
    assert model.element_at(page.outline.view.currentIndex()) == ids["K2"]
    assert not page.outline.view.isExpanded(model.find(ids["O1"]))


def test_drag_and_drop_re_parents_and_ctrl_adds_a_parent(page: MapPage) -> None:
    ids = build(page)
    model = page.outline.model
    data = model.mimeData([model.find(ids["K2"], ids["O1"])])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0,
                                  model.find(ids["O2"]))
    assert outline(page) == ["Move goods reliably (purpose)", "  On time (objective)",
                             "    95% on time (key_result)", "  Greener (objective)",
                             "    Claims halved (key_result)"]
    data = model.mimeData([model.find(ids["K1"], ids["O1"])])
    model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, model.find(ids["O2"]))
    assert outline(page)[-2:] == ["    95% on time (key_result)", "    Claims halved (key_result)"]
    assert "2 parents" in model.find(ids["K1"]).siblingAtColumn(1).data()
    assert page.document.undo_stack.count() == 7


def test_a_drop_that_would_loop_is_refused_with_the_loop_named(
    page: MapPage, dialogs: Dialogs
) -> None:
    ids = build(page)
    sub = cascade.add_element(page.document, ElementType.OBJECTIVE, ids["O1"], title="Depots")
    model = page.outline.model
    before = outline(page)
    count = page.document.undo_stack.count()
    data = model.mimeData([model.find(ids["O1"], ids["P"])])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.find(sub))
    assert "“Depots” → “On time” → “Depots”" in dialogs.messages()
    assert outline(page) == before and page.document.undo_stack.count() == count


def test_weights_are_edited_in_the_outline(page: MapPage) -> None:
    ids = build(page)
    model = page.outline.model
    index = model.find(ids["K1"], ids["O1"]).siblingAtColumn(WEIGHT)
    assert model.setData(index, "60")
    assert index.data() == "60%"
    assert not model.setData(index, "160")


def show_map(page: MapPage) -> None:
    """Bring the map's tab forward: the map is drawn when first shown."""
    page.tabs.setCurrentWidget(page.map)


def test_the_map_draws_every_element_and_link(sample_page: MapPage) -> None:
    board = sample_page.map
    assert board.boxes == {}
    show_map(sample_page)
    with sample_page.document.read() as conn:
        elements = cascade.elements(conn)
        links = cascade.alignments(conn)
    assert len(elements) > 30
    assert set(board.boxes) == set(elements)
    assert set(board.lines) == {(x.parent_id, x.child_id) for x in links}
    assert board.scene.parent() is board


def test_a_link_drawn_on_the_map_is_saved_and_can_be_removed(
    page: MapPage, window: MainWindow, qtbot: Any
) -> None:
    ids = build(page)
    show_map(page)
    board = page.map
    board.fit()
    view = board.view

    def centre(element_id: int) -> QPoint:
        box = board.boxes[element_id]
        return view.mapFromScene(box.sceneBoundingRect().center())

    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(ids["O2"]))
    QTest.mouseMove(viewport, centre(ids["O2"]) + QPoint(30, 30))
    QTest.mouseMove(viewport, centre(ids["K2"]))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       centre(ids["K2"]))
    with page.document.read() as conn:
        assert ids["K2"] in cascade.children_of(conn, ids["O2"])
    assert (ids["O2"], ids["K2"]) in board.lines
    board.scene.clearSelection()
    board.lines[(ids["O2"], ids["K2"])].setSelected(True)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert (ids["O2"], ids["K2"]) not in board.lines
    with page.document.read() as conn:
        assert ids["K2"] not in cascade.children_of(conn, ids["O2"])


def test_the_map_layout_stays_put_between_edits(page: MapPage) -> None:
    ids = build(page)
    show_map(page)
    board = page.map
    before = {i: box.pos() for i, box in board.boxes.items()}
    cascade.set_field(page.document, ids["O1"], "title", "Deliver every parcel on time")
    assert {i: box.pos() for i, box in board.boxes.items()} == before
    new = cascade.add_element(page.document, ElementType.KEY_RESULT, ids["O2"], title="CO2")
    after = {i: box.pos() for i, box in board.boxes.items()}
    assert {i: after[i] for i in before} == before
    assert all(not board.boxes[new].collidesWithItem(board.boxes[i]) for i in before)


def test_findings_panel_follows_typing_and_a_click_selects_the_element(
    page: MapPage, qtbot: Any
) -> None:
    ids = build(page)
    panel = page.findings
    qtbot.waitUntil(lambda: "objective-without-key-result" in panel.codes())
    lonely = f"element:{ids['O2']}"
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == lonely)
    # -- the list lays out in batches: finish the layout before asking where the item is
    panel.list.doItemsLayout()
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert page.outline.model.element_at(page.outline.view.currentIndex()) == ids["O2"]
    # -- the map, drawn when first shown, shows the element the finding named
    show_map(page)
    assert page.map.boxes[ids["O2"]].isSelected()
    cascade.add_element(page.document, ElementType.KEY_RESULT, ids["O2"], title="CO2 down")
    qtbot.waitUntil(lambda: ("objective-without-key-result", lonely) not in {
        (f.code, f.element) for f in panel.findings})


def test_accountability_tree_details_and_matrix(
    window: MainWindow, blank_path: Path, qtmodeltester: Any
) -> None:
    page = open_step(window, blank_path, "accountability")
    assert isinstance(page, AccountabilityPage)
    doc = page.document
    ops = accountability.add_node(doc, name="Operations")
    finance = accountability.add_node(doc, name="Finance")
    road = accountability.add_node(doc, ops, name="Road network")
    objective = cascade.add_element(doc, ElementType.OBJECTIVE, title="On time")
    cascade.set_node(doc, objective, road)
    page.select_node(road)
    assert [page.owned.item(i).text() for i in range(page.owned.count())] == [
        "Objective: On time"]
    matrix = page.matrix_model
    qtmodeltester.check(matrix)
    assert [matrix.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Operations", "Road network", "Finance", "Nobody yet"]
    # -- a heading elided to its column still names its node whole in the tip
    assert matrix.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "Provided by: Road network"
    assert matrix.headerData(2, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == \
        "Needs: Finance"
    cell = matrix.index(matrix.order.index(road), matrix.order.index(finance))
    assert matrix.setData(cell, "Fuel spend; Cost per drop")
    with doc.read() as conn:
        assert sorted((f.consumer_id, f.provider_id, f.information)
                      for f in accountability.flows(conn)) == [
            (road, finance, "Cost per drop"), (road, finance, "Fuel spend")]
    assert cell.data() == "Fuel spend; Cost per drop"
    own = matrix.index(matrix.order.index(road), matrix.order.index(road))
    assert not matrix.flags(own) & Qt.ItemFlag.ItemIsEditable
    window.undo()
    assert cell.data() == ""
    # -- the node tree re-parents by drag and drop
    model = page.model
    data = model.mimeData([model.node_index(road)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.node_index(finance))
    assert model.node_index(road).parent() == model.node_index(finance)
    qtmodeltester.check(model)


def test_import_from_the_app_is_one_undo_step_and_problems_are_listed(
    page: MapPage, window: MainWindow, tmp_path: Path
) -> None:
    from bigdesk.ui.imports import ListDialog, import_into

    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,title,parents\nP1,purpose,Move goods,\n"
                   "O1,objective,On time,P9\nK1,key_result,95%,O1=lots\n", encoding="utf-8")
    assert import_into(page.document, bad, page) is None
    dialog = page.findChild(ListDialog)
    assert dialog is not None and dialog.lines.count() >= 2
    problems = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert any("row 3" in p for p in problems) and any("row 4" in p for p in problems)
    assert outline(page) == [] and page.document.undo_stack.count() == 0
    dialog.close()
    good = tmp_path / "good.csv"
    good.write_text("id,type,title,parents\nP1,purpose,Move goods,\n"
                    "O1,objective,On time,P1\nK1,key_result,95% on time,O1=100\n",
                    encoding="utf-8")
    preview = import_into(page.document, good, page)
    assert preview is not None and preview.lines.count() == 3
    assert outline(page) == [] and page.document.undo_stack.count() == 0
    preview.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert outline(page) == ["Move goods (purpose)", "  On time (objective)",
                             "    95% on time (key_result)"]
    assert page.document.undo_stack.count() == 1
    window.undo()
    assert outline(page) == []


def test_a_finding_about_another_step_opens_that_step_on_its_row(window: MainWindow,
                                                                  sample_path: Path) -> None:
    # -- the Map's panel lists findings about nodes, the Accountability step's about elements
    map_page = open_step(window, sample_path, "map")
    assert isinstance(map_page, MapPage) and window.workspace is not None
    with map_page.document.read() as conn:
        node = accountability.nodes(conn)[-1].id
        last = list(cascade.elements(conn))[-1]
    map_page.reveal("accountability_node", node)
    shown = window.workspace.current_page()
    assert isinstance(shown, AccountabilityPage) and shown.current_node() == node
    shown.reveal("element", last)
    assert window.workspace.current_page() is map_page
    assert map_page.outline.selected_ids() == [last]
