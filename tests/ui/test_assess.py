"""The Assess step, driven from the keyboard as a facilitator would in the room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bigdesk.app import prepare
from bigdesk.exchange.framework import default_framework, save_framework
from bigdesk.store import open_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.assess import AssessPage

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> AssessPage:
    found = open_step(window, sample_path, "assess")
    assert isinstance(found, AssessPage)
    return found


def stored(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the file through a second, read-only connection: what a crash would leave."""
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql, params).all()]
    finally:
        store.close()


def score(path: Path, person: str, key: str) -> tuple[Any, ...] | None:
    rows = stored(path, "SELECT s.current, s.target FROM score s JOIN person p ON p.id = "
                  "s.person_id JOIN dimension d ON d.id = s.dimension_id WHERE p.name = ? "
                  "AND d.key = ?", person, key)
    return rows[0] if rows else None


def cell(page: AssessPage) -> tuple[str, str, str]:
    """Return the current cell as (dimension key, column kind, which)."""
    index = page.grid.currentIndex()
    row, column = page.model.row(index.row()), page.model.column(index.column())
    assert row.dimension is not None
    return row.dimension.key, column.header if column.kind == "participant" else column.kind, \
        column.which


def test_grid_model_passes_the_model_tester(page: AssessPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.model)


def test_scoring_with_digits_n_delete_arrows_tab_and_undo(
    page: AssessPage, sample_path: Path, window: MainWindow, qtbot: Any
) -> None:
    grid = page.grid
    grid.setFocus()
    assert cell(page) == ("clarity-of-purpose", "Amara Okafor", "current")
    qtbot.keyClick(grid, Qt.Key.Key_4)
    assert score(sample_path, "Amara Okafor", "clarity-of-purpose") == (4, 5)
    assert cell(page) == ("clarity-of-purpose", "Amara Okafor", "target")
    qtbot.keyClick(grid, Qt.Key.Key_N)
    assert score(sample_path, "Amara Okafor", "clarity-of-purpose") == (4, 0)
    assert cell(page) == ("clarity-of-purpose", "Daniel Reyes", "current")
    assert grid.currentIndex().siblingAtColumn(1).data() == "4"
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert cell(page) == ("clarity-of-purpose", "Daniel Reyes", "target")
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert cell(page) == ("strategic-process", "Daniel Reyes", "target")
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert score(sample_path, "Daniel Reyes", "strategic-process") == (2, None)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)
    # -- a score left with neither level is removed
    assert score(sample_path, "Daniel Reyes", "strategic-process") is None
    # -- letters other than N are ignored on a level cell
    qtbot.keyClick(grid, Qt.Key.Key_X)
    assert score(sample_path, "Daniel Reyes", "strategic-process") is None
    assert window.undo_action.text() == "&Undo Score current clear"
    for _ in range(4):
        window.undo()
    assert score(sample_path, "Amara Okafor", "clarity-of-purpose") == (3, 5)
    assert score(sample_path, "Daniel Reyes", "strategic-process") == (2, 4)
    assert page.model.index(1, 1).data() == "3"


def test_last_participant_wraps_to_the_next_dimension_and_headings_are_skipped(
    page: AssessPage, sample_path: Path, qtbot: Any
) -> None:
    grid, model = page.grid, page.model
    support = model.row_of(next(d.id for d in model.assessment.dimensions
                                if d.key == "business-support"))
    assert support is not None
    last = max(i for i, c in enumerate(model.columns) if c.kind == "participant")
    grid.setCurrentIndex(model.index(support, last))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_5)
    assert score(sample_path, "Grace Liu", "business-support") == (3, 5)
    # -- the Technology heading row is passed over
    assert cell(page) == ("corporate-raid-log", "Amara Okafor", "current")
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert cell(page) == ("business-support", "Amara Okafor", "current")


def test_statistics_and_flag_update_as_scores_change(
    page: AssessPage, qtbot: Any
) -> None:
    model, grid = page.model, page.grid
    row = model.row_of(next(d.id for d in model.assessment.dimensions
                            if d.key == "strategic-process"))
    assert row is not None
    columns = {c.which: i for i, c in enumerate(model.columns) if c.kind == "stat"}
    assert model.index(row, columns["median"]).data() == "2 → 4"
    assert model.index(row, columns["flag"]).data() == ""
    grid.setCurrentIndex(model.index(row, 1))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_5)
    assert model.index(row, columns["range"]).data() == "1–5 → 3–4"
    assert model.index(row, columns["flag"]).data() == "⚑ 4"
    assert model.index(row, columns["n"]).data() == "6"
    page.sort_by_disagreement()
    first = model.row(0).dimension
    assert first is not None and first.key == "strategic-process"
    assert all(r.dimension is not None for r in model.rows)
    page.framework_order()
    assert model.row(0).dimension is None  # the Enablers heading


def test_consensus_levels_confidence_and_evidence(
    page: AssessPage, sample_path: Path, window: MainWindow, qtbot: Any
) -> None:
    model, grid = page.model, page.grid
    row = model.row_of(next(d.id for d in model.assessment.dimensions
                            if d.key == "information-and-data"))
    assert row is not None
    agreed = next(i for i, c in enumerate(model.columns) if c.kind == "agreed")
    grid.setCurrentIndex(model.index(row, agreed))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_2)
    qtbot.keyClick(grid, Qt.Key.Key_4)
    consensus = ("SELECT c.current, c.target, c.confidence, c.evidence FROM consensus c "
                 "JOIN dimension d ON d.id = c.dimension_id WHERE d.key = ?")
    assert stored(sample_path, consensus, "information-and-data") == [(2, 4, None, "")]
    # -- after the agreed target the cursor moves to the next dimension's agreed level
    assert cell(page) == ("business-support", "agreed", "current")
    grid.setCurrentIndex(model.index(row, agreed + 2))
    qtbot.keyClick(grid, Qt.Key.Key_M)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert cell(page)[1] == "evidence"
    # -- the first key opens the note's editor; the rest go to the editor, as when typing
    qtbot.keyClicks(grid, "T")
    editor = grid.focusWidget()
    assert editor is not grid
    qtbot.keyClicks(editor, "hree reporting tools")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(sample_path, consensus, "information-and-data")[0][3] != "")
    assert stored(sample_path, consensus, "information-and-data") == [
        (2, 4, "medium", "Three reporting tools")]
    window.undo()
    window.undo()
    assert stored(sample_path, consensus, "information-and-data")[0][2:] == (None, "")


def test_anonymous_mode_shows_p1_p2_in_headers_and_charts(
    page: AssessPage, window: MainWindow, qtbot: Any
) -> None:
    model = page.model
    names = [c.header for c in model.columns if c.kind == "participant"]
    assert names[:2] == ["Amara Okafor", "Amara Okafor"]
    assert window.document is not None
    prepare.set_detail(window.document, "anonymous", True, "Turn anonymous mode on")
    headers = [model.headerData(i, Qt.Orientation.Horizontal)
               for i, c in enumerate(model.columns) if c.kind == "participant"]
    assert headers[::2] == [f"P{n}" for n in range(1, 7)]
    charts = page.show_charts()
    qtbot.waitUntil(lambda: bool(getattr(charts, "data", None)))
    assert charts.data["heatmap"].columns == [f"P{n}" for n in range(1, 7)]


def test_charts_are_rebuilt_after_a_score_changes(page: AssessPage, qtbot: Any) -> None:
    charts = page.show_charts()
    qtbot.waitUntil(lambda: bool(charts.data))
    before = charts.data["heatmap"].values[0][0]
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentWidget(page.tabs.widget(1))
    page.grid.setCurrentIndex(page.model.index(1, 1))
    page.model.set_level(page.model.index(1, 1), 1)
    qtbot.waitUntil(lambda: charts.data["heatmap"].values[0][0] == 1, timeout=3000)
    assert before == 3
    assert len(charts.canvases) == 3


def test_enabler_initiatives_for_the_largest_gaps_and_undo(
    page: AssessPage, sample_path: Path, window: MainWindow
) -> None:
    enablers = ("SELECT e.id, e.title, e.type, e.initiative_kind, e.portfolio, d.key "
                "FROM element e JOIN dimension d ON d.id = e.closes_dimension_id "
                "ORDER BY e.position, e.id")
    before = stored(sample_path, enablers)
    covered = {row[5] for row in before}
    ids = page.make_enablers(3)
    assert len(ids) == 3
    made = [row for row in stored(sample_path, enablers) if row[0] in ids]
    assert [row[2:5] for row in made] == [("initiative", "project", "transform")] * 3
    # -- the largest gaps (3 levels) come first, skipping dimensions already covered
    largest = [r.dimension.key for r in page.model.statistics()
               if r.gap == 3 and r.dimension.key not in covered]
    assert [row[5] for row in made] == largest[:3]
    names = {r.dimension.key: r.dimension.name for r in page.model.statistics()}
    assert [row[1] for row in made] == [f"Enabler: {names[row[5]]}" for row in made]
    # -- dimensions that already have an enabler are skipped next time
    more = page.make_enablers(2)
    keys = [row[5] for row in stored(sample_path, enablers)]
    assert len(more) == 2 and len(keys) == len(set(keys)) == len(before) + 5
    window.undo()
    window.undo()
    assert stored(sample_path, enablers) == before


def test_framework_editing_is_undoable_and_removal_asks_first(
    page: AssessPage, sample_path: Path, window: MainWindow, dialogs: Dialogs
) -> None:
    from bigdesk.ui.steps.assess.framework_editor import DIMENSION, FrameworkEditor

    editor = page.show_framework()
    assert isinstance(editor, FrameworkEditor)
    first = page.model.assessment.dimensions[0]
    editor.select(DIMENSION, first.id)
    editor.name_edit.setText("Clarity of purpose")
    editor.name_edit.editingFinished.emit()
    assert page.model.index(1, 0).data() == "Clarity of purpose"
    editor.move_current(1)
    assert page.model.row(2).dimension is not None
    assert page.model.row(2).dimension.id == first.id
    dialogs.answer = QMessageBox.StandardButton.Cancel
    editor.remove()
    assert "holds 6 scores" in dialogs.messages()
    assert page.model.row_of(first.id) is not None
    dialogs.answer = QMessageBox.StandardButton.Yes
    editor.remove()
    assert page.model.row_of(first.id) is None
    assert stored(sample_path, "SELECT count(*) FROM score WHERE dimension_id = ?",
                  first.id) == [(0,)]
    for _ in range(3):
        window.undo()
    assert page.model.index(1, 0).data() == "Clarity of purpose(s)"
    assert stored(sample_path, "SELECT count(*) FROM score WHERE dimension_id = ?",
                  first.id) == [(6,)]


def test_framework_import_asks_before_deleting_scores(
    page: AssessPage, sample_path: Path, tmp_path: Path, window: MainWindow, dialogs: Dialogs
) -> None:
    from bigdesk.exchange.framework import Framework

    default = default_framework()
    smaller = Framework("Smaller", default.groups[:1])
    path = tmp_path / "smaller.json"
    save_framework(smaller, path)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not page.import_framework(path, replace=True)
    assert "Corporate RAID log (5 scores)" in dialogs.messages()
    assert len(page.model.assessment.dimensions) == 18
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert page.import_framework(path, replace=True)
    assert len(page.model.assessment.dimensions) == 5
    assert "13 removed" in page.status.text()
    window.undo()
    assert len(page.model.assessment.dimensions) == 18
    assert stored(sample_path, "SELECT count(*) FROM score") == [(107,)]
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert not page.import_framework(bad, replace=True)
    assert "bad.json is not valid JSON" in dialogs.messages()


def test_rebaseline_shows_the_change_per_dimension(
    page: AssessPage, tmp_path: Path, window: MainWindow
) -> None:
    assert window.document is not None
    earlier = tmp_path / "earlier.bigdesk"
    window.document.store.save_copy(earlier)
    page.model.set_level(page.model.index(1, 1), 5)  # Amara: clarity of purpose now 5
    assert page.rebaseline.compare(earlier)
    table = page.rebaseline.table
    assert table.rowCount() == 18
    assert [table.item(0, c).text() for c in range(1, 5)] == ["Clarity of purpose(s)", "2", "2",
                                                              "0"]
    assert "18 dimensions matched" in page.rebaseline.summary.text()


def test_export_from_the_step(page: AssessPage, tmp_path: Path) -> None:
    assert page.export_assessment(tmp_path / "a.xlsx")
    assert page.export_framework(tmp_path / "f.json")
    assert (tmp_path / "a.xlsx").stat().st_size > 0 and (tmp_path / "f.json").exists()


def test_enablers_are_linked_and_estimated_and_confirmed_in_one_dialog(
    page: AssessPage, sample_path: Path, window: MainWindow
) -> None:
    ids = page.make_enablers(1)
    links = ("SELECT p.ref FROM alignment a JOIN element p ON p.id = a.parent_id "
             f"WHERE a.child_id = {ids[0]} ORDER BY p.ref")
    proposed = stored(sample_path, links)
    # -- proposed from the cascade and estimated at once, so the enabler is scored
    assert proposed
    sql = f"SELECT budget, effort FROM element WHERE id = {ids[0]}"
    budget, effort = stored(sample_path, sql)[0]
    assert budget and effort
    dialog = page.confirm_enablers(ids)
    assert dialog is not None and len(dialog.boxes) == 1
    box = dialog.boxes[0]
    for n in range(box.targets.count()):
        item = box.targets.item(n)
        item.setCheckState(Qt.CheckState.Checked if n == 0 else Qt.CheckState.Unchecked)
    box.budget.setValue(250_000)
    box.duration.setValue(3)
    dialog.confirm()
    assert len(stored(sample_path, links)) == 1
    assert stored(sample_path, f"SELECT budget FROM element WHERE id = {ids[0]}") == [
        (250_000.0,)]
    assert stored(sample_path, "SELECT duration FROM initiative_timing "
                               f"WHERE initiative_id = {ids[0]}") == [(3,)]
    # -- the confirmation is one undo step
    window.undo()
    assert stored(sample_path, links) == proposed
