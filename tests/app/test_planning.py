"""Plan services: each is one undoable edit, refused whole when it cannot be; the room's voice
steers the portfolio; scenarios come back; enablers are scored and can win."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bigdesk.analysis.planning import plan, stored_plan
from bigdesk.analysis.prioritisation import analyse
from bigdesk.app import planning, prioritisation
from bigdesk.app.assessment import make_enabler_initiatives
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import (
    Initiative,
    MoSCoW,
    Portfolio,
    SelectionRule,
    TargetMode,
)
from bigdesk.store import EditRejectedError, WorkshopStore, create_workshop


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    made = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    yield made  # type: ignore[misc]
    made.close()


def _ids(store: WorkshopStore) -> dict[str, int]:
    with store.read() as conn:
        return dict(conn.execute(select(Initiative.ref, Initiative.id)).all())  # type: ignore[arg-type]


def _selected(store: WorkshopStore) -> set[str]:
    with store.read() as conn:
        result = analyse(conn)
    assert result.selection is not None and result.ranking is not None
    return {result.ranking.initiatives[i].ref for i in result.selection.chosen()}


def _rules(store: WorkshopStore) -> tuple[set[str], set[str]]:
    with store.read() as conn:
        result = analyse(conn, explain=False)
    assert result.problem is not None and result.ranking is not None
    refs = [i.ref for i in result.ranking.initiatives]
    return ({refs[i] for i in result.problem.must_do}, {refs[i] for i in result.problem.must_not})


def test_moscow_switches_turn_musts_and_wonts_into_rules(store: WorkshopStore) -> None:
    ids = _ids(store)
    prioritisation.set_moscow(store, ids["I5"], MoSCoW.MUST)
    assert "I5" in _rules(store)[0]
    # -- I5 needs I6 first (start-to-start): choosing I5 pulls I6 in
    assert {"I5", "I6"} <= _selected(store)
    planning.set_planning(store, "must_is_must_do", False)
    assert _rules(store)[0] == {"I9"}
    prioritisation.set_moscow(store, ids["I1"], MoSCoW.WONT)
    assert "I1" in _rules(store)[1]
    planning.set_planning(store, "wont_is_must_not", False)
    assert _rules(store)[1] == {"I12"}


def test_a_wont_needed_by_a_must_is_pulled_in_with_its_reason(store: WorkshopStore) -> None:
    ids = _ids(store)
    prioritisation.set_moscow(store, ids["I8"], MoSCoW.WONT)
    with store.read() as conn:
        planned = plan(conn)
    from bigdesk.analysis.prioritisation.voice import voice

    clashes = voice(planned.analysis.data).clashes
    assert any("pulled into the portfolio" in c.message and "I8" in c.message for c in clashes)
    assert planned.plan is not None
    assert ids["I8"] in {planned.initiative_id(i) for i in planned.plan.starts}


def test_votes_count_as_a_criterion_or_break_ties_and_undo(store: WorkshopStore) -> None:
    planning.set_votes_use(store, planning.VOTES_CRITERION)
    with store.read() as conn:
        result = analyse(conn)
    assert result.ranking is not None
    dots = [c.key for c in result.ranking.criteria].index("dot-votes")
    refs = [i.ref for i in result.ranking.initiatives]
    # -- I10 has the most dots in the sample: the full marks of the criterion
    assert result.ranking.scores[refs.index("I10"), dots] == 1.0
    planning.set_votes_use(store, planning.VOTES_TIE_BREAK)
    with store.read() as conn:
        data = analyse(conn, explain=False).data
    assert data.settings.votes_break_ties
    assert "dot-votes" not in {c.key for c in data.criteria}
    with pytest.raises(EditRejectedError):
        planning.set_votes_use(store, "loudest")


def test_the_split_target_as_a_constraint_keeps_every_share_in_its_band(
    store: WorkshopStore,
) -> None:
    planning.set_planning(store, "target_mode", TargetMode.TOLERANCE.value)
    planning.set_planning(store, "target_tolerance", 10)
    with store.read() as conn:
        result = analyse(conn)
    assert result.selection is not None and result.ranking is not None
    chosen = [result.ranking.initiatives[i] for i in result.selection.chosen()]
    total = sum(i.budget or 0 for i in chosen)
    for kind, target in ((Portfolio.RUN, 35), (Portfolio.GROW, 30), (Portfolio.TRANSFORM, 35)):
        share = 100 * sum(i.budget or 0 for i in chosen if i.portfolio is kind) / total
        assert abs(share - target) <= 10 + 1e-6
    with pytest.raises(EditRejectedError):
        planning.set_planning(store, "year_start_month", 5)
    with pytest.raises(EditRejectedError):
        planning.set_planning(store, "horizon_quarters", 21)


def test_scenarios_are_restored_as_saved(store: WorkshopStore) -> None:
    ids = _ids(store)
    with store.read() as conn:
        before = {c.id: c.weight for c in prioritisation.criteria(conn)}
        saved = next(s.id for s in prioritisation.saved_scenarios(conn))
    prioritisation.allocate_evenly(store)
    prioritisation.set_rule(store, ids["I3"], SelectionRule.MUST_DO)
    prioritisation.set_setting(store, "budget", 1_000_000.0, "Change budget")
    prioritisation.restore_scenario(store, saved)
    with store.read() as conn:
        after = {c.id: c.weight for c in prioritisation.criteria(conn)}
        data = analyse(conn, explain=False).data
    assert after == before
    assert data.settings.budget == 9_500_000.0
    assert {i.ref for i in data.initiatives if i.rule is SelectionRule.MUST_DO} == {"I9"}


def test_capacity_budget_timing_and_milestones_are_checked(store: WorkshopStore) -> None:
    ids = _ids(store)
    with store.read() as conn:
        resource = prioritisation.resource_types(conn)[0].id
    planning.set_quarter_capacity(store, resource, [dt.date(2027, 1, 1)], "300")
    with pytest.raises(EditRejectedError):
        planning.set_quarter_capacity(store, resource, [dt.date(2027, 1, 1)], -5)
    planning.set_year_budget(store, 2029, 1e6)
    planning.set_year_budget(store, 2029, None)
    planning.set_timing(store, ids["I1"], "duration", 2)
    planning.set_timing(store, ids["I1"], "spread", "back-loaded")
    with pytest.raises(EditRejectedError):
        planning.set_timing(store, ids["I1"], "duration", 0)
    milestone = planning.add_milestone(store, ids["I1"], "Pilot depot live", "2027-09-30")
    planning.set_milestone(store, milestone, "status", "at risk")
    with pytest.raises(EditRejectedError):
        planning.set_milestone(store, milestone, "name", "  ")
    with pytest.raises(EditRejectedError):
        planning.add_milestone(store, 999_999, "Nowhere")


def test_accepting_a_plan_replaces_the_one_before(store: WorkshopStore) -> None:
    with store.read() as conn:
        first = plan(conn)
    planning.accept_plan(store, first)
    planning.accept_plan(store, first)
    with store.read() as conn:
        accepted = stored_plan(conn)
        decisions = conn.execute(select(func.count()).select_from(
            planning.PlanDecision)).scalar()
    assert decisions == 1 and accepted is not None
    assert first.plan is not None and len(accepted.selected) == len(first.plan.starts)


def test_enablers_made_from_gaps_are_scored_and_can_win(store: WorkshopStore) -> None:
    made = make_enabler_initiatives(store, 3)
    with store.read() as conn:
        result = analyse(conn)
    assert result.ranking is not None and result.selection is not None
    index = {i.id: n for n, i in enumerate(result.ranking.initiatives)}
    assert all(result.ranking.values[index[i]] > 0 for i in made)
    chosen = {result.ranking.initiatives[i].id for i in result.selection.chosen()}
    assert chosen & set(made)
    with store.read() as conn:
        proposals = planning.enabler_proposals(conn, made)
    assert [p.initiative_id for p in proposals] == made
    assert all(p.enables and p.budget and p.effort for p in proposals)
