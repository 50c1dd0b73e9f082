"""The Plan tab of Prioritise: the room's voice and the horizon, the Gantt and the load,
capacity and budget typed in, milestones, and accepting the plan as one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QComboBox

from bigdesk.exchange.sample_cascade import ELEMENTS
from bigdesk.model import ElementType
from bigdesk.store import open_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.prioritise import PrioritisePage

from tests.ui.conftest import open_step


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> PrioritisePage:
    found = open_step(window, sample_path, "prioritise")
    assert isinstance(found, PrioritisePage)
    found.tabs.setCurrentWidget(found.plan)
    found.plan.draw_charts()
    return found


def _stored(path: Path, sql: str) -> list[tuple[Any, ...]]:
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql).all()]
    finally:
        store.close()


def _pick(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_models_pass_the_qt_model_tester(page: PrioritisePage, qtmodeltester: Any) -> None:
    tab = page.plan
    for model in (tab.schedule_model, tab.capacity_model, tab.budget_model,
                  tab.milestone_model):
        qtmodeltester.check(model)


def test_the_plan_shows_and_is_accepted_as_one_undo_step(
    page: PrioritisePage, window: MainWindow, sample_path: Path
) -> None:
    tab = page.plan
    assert "proven optimal" in tab.summary.text()
    assert tab.quarters.value() == 8 and tab.year_start.currentData() == 4
    assert tab.schedule_model.rowCount() == sum(1 for e in ELEMENTS
                                                if e[1] is ElementType.INITIATIVE)
    tab.parts.setCurrentWidget(tab.load_chart)
    assert tab.load_chart.canvas is not None
    # -- the sample comes with the plan its room accepted; accepting replaces it
    before = _stored(sample_path, "SELECT id FROM plan_decision")
    tab._accept()
    rows = _stored(sample_path, "SELECT count(*) FROM plan_entry")
    assert rows[0][0] == len(tab.view_data.planned.plan.starts)  # type: ignore[union-attr]
    window.undo()
    assert _stored(sample_path, "SELECT id FROM plan_decision") == before


def test_capacity_typed_for_every_quarter_and_settings_change_the_plan(
    page: PrioritisePage, sample_path: Path
) -> None:
    tab = page.plan
    model = tab.capacity_model
    every = [c.header for c in model.columns].index("Every quarter")
    assert model.setData(model.index(0, every), "250")
    assert _stored(sample_path, "SELECT DISTINCT q.capacity FROM quarter_capacity q JOIN "
                                "resource_type r ON r.id = q.resource_type_id WHERE "
                                "r.name = 'Engineers'") == [(250.0,)]
    _pick(tab.votes, "as-criterion")
    assert _stored(sample_path, "SELECT name FROM criterion WHERE key = 'dot-votes'") == [
        ("Dot votes",)]
    _pick(tab.year_start, 1)
    page.reload()
    tab.draw_charts()
    assert tab.year_start.currentData() == 1
    assert tab.budget_model.index(0, 0).data() == "FY2027"


def test_a_milestone_is_added_named_and_removed(page: PrioritisePage, sample_path: Path) -> None:
    tab = page.plan
    before = tab.milestone_model.rowCount()
    tab.milestone_for.setCurrentIndex(0)
    tab._add_milestone()
    page.reload()
    tab.draw_charts()
    assert tab.milestone_model.rowCount() == before + 1
    model = tab.milestone_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "New milestone")
    assert model.setData(model.index(row, 2), "2027-05-31")
    assert not model.setData(model.index(row, 2), "31 Febtember")
    assert ("2027-05-31",) in _stored(sample_path, "SELECT due FROM milestone")


def test_a_clash_in_the_room_s_voice_shows_where_the_votes_are(
    page: PrioritisePage, sample_path: Path
) -> None:
    from bigdesk.app.prioritisation import set_moscow
    from bigdesk.model import MoSCoW

    rows = _stored(sample_path, "SELECT id FROM element WHERE ref = 'I12'")
    set_moscow(page.document, rows[0][0], MoSCoW.MUST)
    page.reload()
    assert page.votes.clashes.isVisibleTo(page.votes)
    assert "I12" in page.votes.clashes.text()
