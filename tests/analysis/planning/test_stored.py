"""The accepted plan as the deck and the command line read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select

from bigdesk.analysis.planning import Horizon, stored_plan
from bigdesk.analysis.planning.calendar import first_quarter_from
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import (
    Initiative,
    InitiativeTiming,
    Milestone,
    MilestoneStatus,
    PlanDecision,
    PlanEntry,
    QuarterCapacity,
    ResourceType,
    Spread,
)
from bigdesk.store import create_workshop


def test_calendar_quarters_and_financial_years() -> None:
    assert first_quarter_from(dt.date(2026, 12, 3)) == dt.date(2027, 1, 1)
    assert first_quarter_from(dt.date(2027, 4, 1)) == dt.date(2027, 4, 1)
    horizon = Horizon(dt.date(2027, 1, 1), 6, 4)
    assert [horizon.label(q) for q in range(6)] == [
        "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2"]
    assert horizon.end(0) == dt.date(2027, 3, 31)
    # -- a financial year starting in April: January to March belongs to the year before
    assert [horizon.year(q) for q in range(6)] == [2026, 2027, 2027, 2027, 2027, 2028]
    assert horizon.year_label(2027) == "FY2027/28"
    assert horizon.index(dt.date(2027, 8, 15)) == 2
    assert Horizon(dt.date(2027, 1, 1), 4, 1).year_label(2027) == "FY2027"


def test_no_plan_until_one_is_accepted(tmp_path: Path) -> None:
    def build(conn):  # type: ignore[no-untyped-def]
        # -- the sample comes with the plan its room accepted
        populate_sample(conn)
        conn.execute(delete(PlanDecision))

    store = create_workshop(tmp_path / "w.bigdesk", build)
    try:
        with store.read() as conn:
            assert stored_plan(conn) is None
    finally:
        store.close()


def test_the_accepted_plan_reads_back_with_milestones_and_load(tmp_path: Path) -> None:
    def build(conn):  # type: ignore[no-untyped-def]
        populate_sample(conn)
        ids = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
        engineers = conn.execute(select(ResourceType.id).where(
            ResourceType.name == "Engineers")).scalar_one()
        decision = conn.execute(insert(PlanDecision).values(
            scope="", proven_optimal=True, gap=0.0, objective=238.8,
            horizon_start=dt.date(2027, 1, 1), horizon_quarters=8)).inserted_primary_key[0]
        conn.execute(insert(PlanEntry), [
            {"decision_id": decision, "initiative_id": ids["I8"],
             "starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 6, 30)},
            {"decision_id": decision, "initiative_id": ids["I7"],
             "starts_on": dt.date(2027, 7, 1), "ends_on": dt.date(2027, 12, 31)}])
        for table in (InitiativeTiming, Milestone, QuarterCapacity):
            conn.execute(delete(table))
        conn.execute(insert(InitiativeTiming).values(initiative_id=ids["I8"], duration=2,
                                                     spread=Spread.FRONT_LOADED))
        conn.execute(insert(Milestone).values(initiative_id=ids["I8"], name="Data live",
                                              due=dt.date(2027, 5, 31)))
        conn.execute(insert(QuarterCapacity).values(resource_type_id=engineers,
                                                    quarter=dt.date(2027, 1, 1), capacity=900))

    store = create_workshop(tmp_path / "w.bigdesk", build)
    try:
        with store.read() as conn:
            plan = stored_plan(conn)
            ids = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
    finally:
        store.close()
    assert plan is not None
    assert plan.selected == [ids["I8"], ids["I7"]]
    assert plan.proven_optimal and plan.gap == 0 and plan.objective == 238.8
    assert plan.schedule[ids["I7"]] == (dt.date(2027, 7, 1), dt.date(2027, 12, 31))
    assert [m.name for m in plan.milestones[ids["I8"]]] == ["Data live"]
    assert plan.milestones[ids["I8"]][0].status is MilestoneStatus.PLANNED
    engineers = {line.quarter: line for line in plan.load if line.resource == "Engineers"}
    # -- I8 needs 800 engineer-days over two quarters, front-loaded: two thirds, then a third
    assert engineers["2027-Q1"].used == pytest.approx(800 * 2 / 3)
    assert engineers["2027-Q1"].capacity == 900
    assert engineers["2027-Q2"].used == pytest.approx(800 / 3)
    assert engineers["2027-Q2"].capacity is None
    # -- I7 takes 500 over the two quarters of its entry, evenly
    assert engineers["2027-Q3"].used == pytest.approx(250)
