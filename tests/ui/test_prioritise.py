"""The Prioritise step, driven as a facilitator would: keyboard scoring, pairwise weights,
the optimal portfolio with its reasons, scenarios, sensitivity and undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt

from bigdesk.exchange.sample_cascade import ELEMENTS
from bigdesk.model import ElementType
from bigdesk.store import open_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.prioritise import PrioritisePage

from tests.ui.conftest import Dialogs, open_step


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> PrioritisePage:
    found = open_step(window, sample_path, "prioritise")
    assert isinstance(found, PrioritisePage)
    return found


def stored(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the file through a second, read-only connection."""
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql).all()]
    finally:
        store.close()


def _column(model: Any, header: str) -> int:
    return [c.header for c in model.columns].index(header)


def test_models_pass_the_qt_model_tester(page: PrioritisePage, qtmodeltester: Any) -> None:
    for model in (page.criteria.model, page.criteria.pair_model, page.scoring.model,
                  page.votes.model, page.ranking.model, page.portfolio.model,
                  page.portfolio.resource_model, page.scenarios.model):
        qtmodeltester.check(model)


def test_digits_score_and_move_down_and_undo_restores(
    page: PrioritisePage, window: MainWindow, sample_path: Path, qtbot: Any
) -> None:
    page.tabs.setCurrentIndex(1)
    view, model = page.scoring.view, page.scoring.model
    column = _column(model, "Urgency")
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_2)
    # -- a 7 is not a score: nothing changes and the cursor stays
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert view.currentIndex().row() == 2
    sql = ("SELECT e.ref, s.value FROM criterion_score s JOIN element e ON e.id = s.initiative_id "
           "JOIN criterion c ON c.id = s.criterion_id WHERE c.key = 'urgency' "
           "AND e.ref IN ('I1', 'I2') ORDER BY e.ref")
    assert stored(sample_path, sql) == [("I1", 1.0), ("I2", 2.0)]
    window.undo()
    window.undo()
    assert stored(sample_path, sql) == [("I1", 4.0), ("I2", 4.0)]
    page.reload()
    assert model.index(0, column).data() == "4"


def test_alignment_column_is_read_only(page: PrioritisePage, qtbot: Any,
                                       sample_path: Path) -> None:
    model = page.scoring.model
    column = _column(model, "Strategic alignment")
    index = model.index(0, column)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert index.data().endswith("%")


def test_pairwise_judgements_show_live_ratio_and_name_the_worst(
    page: PrioritisePage, window: MainWindow
) -> None:
    page.tabs.setCurrentIndex(0)
    page.criteria.weight_modes.setCurrentIndex(2)
    model = page.criteria.pair_model
    assert "No comparisons yet" in page.criteria.cr_label.text()
    # -- value over urgency 9, urgency over cost 9, cost over value 9: circular
    value, urgency, cost = 1, 2, 4
    assert model.setData(model.index(value, urgency), 9.0)
    assert model.setData(model.index(urgency, cost), 9.0)
    assert model.setData(model.index(cost, value), 9.0)
    page.reload()
    assert "Consistency ratio:" in page.criteria.cr_label.text()
    warning = page.criteria.cr_warning.text()
    assert "contradict" in warning
    assert "against" in warning and "entered 9" in warning
    shares = {c.name: c.weight for c in page.snapshot.analysis.data.criteria}  # type: ignore[union-attr]
    assert abs(sum(shares.values()) - 100) < 0.1
    window.undo()
    window.undo()
    window.undo()
    page.reload()
    assert page.criteria.cr_warning.text() == ""


def test_portfolio_shows_a_reason_for_every_initiative_left_out(page: PrioritisePage) -> None:
    page.tabs.setCurrentIndex(4)
    model = page.portfolio.model
    selected = _column(model, "Selected")
    reason = _column(model, "Why it is left out")
    rows = [(model.index(r, 0).data(), model.index(r, selected).data(),
             model.index(r, reason).data()) for r in range(model.rowCount())]
    left_out = [row for row in rows if row[1] == "Left out"]
    assert left_out and all(row[2] for row in left_out)
    reasons = dict((name, why) for name, _, why in left_out)
    assert reasons["I12 Head office refurbishment"] == "Excluded by the facilitator."
    assert "of the budget is left" in reasons["I3 Urban fleet electrification"]
    assert "Optimal portfolio" in page.portfolio.summary.text()


def test_budget_and_rule_edits_are_undoable(
    page: PrioritisePage, window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    page.portfolio.budget_edit.setText("-5")
    page.portfolio.budget_edit.editingFinished.emit()
    assert "0 or more" in dialogs.messages()
    page.portfolio.budget_edit.setText("£4m")
    page.portfolio.budget_edit.editingFinished.emit()
    assert stored(sample_path, "SELECT budget FROM prioritisation_settings") == [(4_000_000.0,)]
    page.reload()
    assert "£4m budget" in page.portfolio.summary.text()
    window.undo()
    assert stored(sample_path, "SELECT budget FROM prioritisation_settings") == [(9_500_000.0,)]


def test_infeasible_constraints_are_named_on_screen(page: PrioritisePage) -> None:
    page.portfolio.budget_edit.setText("1000")
    page.portfolio.budget_edit.editingFinished.emit()
    page.reload()
    assert "No portfolio" in page.portfolio.summary.text()
    assert "must-do" in page.portfolio.summary.text()
    assert "I9 Customer service operations" in page.status.text()


def test_scenarios_save_compare_and_cap(page: PrioritisePage, dialogs: Dialogs,
                                        window: MainWindow) -> None:
    page.tabs.setCurrentIndex(5)
    before = page.scenarios.model.columnCount()
    page.scenarios.name.setText("Tighter budget")
    page.scenarios.name.returnPressed.emit()
    page.reload()
    assert page.scenarios.model.columnCount() == before + 1
    headers = [c.header for c in page.scenarios.model.columns]
    assert "Tighter budget" in headers
    for n in range(6):
        page.scenarios.name.setText(f"S{n}")
        page.scenarios.name.returnPressed.emit()
    assert "Up to 6 scenarios" in dialogs.messages()
    window.undo()
    page.reload()
    assert page.scenarios.model.columnCount() == 6


def test_sensitivity_reports_its_method(page: PrioritisePage) -> None:
    page.tabs.setCurrentIndex(6)
    page.sensitivity.run()
    assert page.sensitivity.model.rowCount() == sum(1 for e in ELEMENTS
                                                    if e[1] is ElementType.INITIATIVE)
    assert "exact" in page.sensitivity.note.text()
    assert "seed 1" in page.sensitivity.note.text()


def test_votes_are_anonymous_in_anonymous_mode(page: PrioritisePage, sample_path: Path) -> None:
    headers = [c.header for c in page.votes.model.columns]
    assert "Amara Okafor" in headers
    from bigdesk.app import prepare

    prepare.set_detail(page.document, "anonymous", True, "Turn anonymous mode on")
    page.reload()
    headers = [c.header for c in page.votes.model.columns]
    assert "Amara Okafor" not in headers and "P1" in headers


def test_dots_typed_with_digits_and_refused_over_the_limit(
    page: PrioritisePage, qtbot: Any, dialogs: Dialogs
) -> None:
    page.tabs.setCurrentIndex(2)
    view, model = page.votes.view, page.votes.model
    column = _column(model, "Amara Okafor")
    view.setFocus()
    # -- she has spent all five dots: one more is refused with the reason
    view.setCurrentIndex(model.index(4, column))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert "has 0 of 5 dots left" in dialogs.messages()
    view.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(view, Qt.Key.Key_0)
    page.reload()
    assert "Amara Okafor 2" in page.votes.dots_left.text()
