"""The plan's solver against exhaustive enumeration; every plan against an independent check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bigdesk.analysis.planning import Horizon, PlanProblem, profile, solve_plan
from bigdesk.analysis.planning.schedule import EARLY_REWARD
from bigdesk.analysis.prioritisation import InfeasiblePortfolioError, PortfolioProblem
from bigdesk.analysis.prioritisation.selection import ResourceLimit, SplitTarget
from bigdesk.model import Portfolio, Spread

from tests.analysis.planning.feasibility import problems

KINDS = ("finish-to-start", "start-to-start", "finish-to-finish")


def _problem(values: list[float], durations: list[int], quarters: int = 4,
             costs: list[float] | None = None, demands: list[float] | None = None,
             capacity: list[float | None] | None = None,
             year_budget: dict[int, float] | None = None,
             links: list[tuple[int, int, str]] | None = None, must_do: set[int] | None = None,
             must_not: set[int] | None = None, budget: float | None = None,
             spreads: list[Spread] | None = None, year_start: int = 4) -> PlanProblem:
    n = len(values)
    costs = costs or [0.0] * n
    resource = ResourceLimit("Engineers", "person-days", None,
                             np.asarray(demands or [0.0] * n, dtype=float))
    portfolio = PortfolioProblem(
        labels=[f"I{k + 1}" for k in range(n)], values=np.asarray(values, dtype=float),
        costs=np.asarray(costs, dtype=float), budget=budget, resources=[resource],
        must_do=frozenset(must_do or ()), must_not=frozenset(must_not or ()),
        dependencies=[(d, p) for d, p, _ in links or []])
    spreads = spreads or [Spread.FLAT] * n
    return PlanProblem(portfolio, Horizon(dt.date(2027, 1, 1), quarters, year_start),
                       durations, [profile(s, d) for s, d in zip(spreads, durations, strict=True)],
                       links or [], [capacity or [None] * quarters], year_budget or {})


def _brute_force(problem: PlanProblem) -> float | None:
    """Return the best total value over every way to leave out or start each initiative."""
    quarters = problem.horizon.quarters
    options = [[None, *range(quarters - d + 1)] for d in problem.durations]
    best = None
    for choice in itertools.product(*options):
        starts = {i: s for i, s in enumerate(choice) if s is not None}
        if problems(problem, starts):
            continue
        value = float(sum(problem.portfolio.values[i] for i in starts))
        best = value if best is None else max(best, value)
    return best


def test_dependencies_order_the_work_and_capacity_spreads_it() -> None:
    problem = _problem([10, 8, 6], [2, 1, 2], quarters=4, demands=[10, 10, 10],
                       capacity=[10, 10, 10, 10],
                       links=[(1, 0, "finish-to-start"), (2, 0, "start-to-start")])
    plan = solve_plan(problem)
    assert plan.proven_optimal
    # -- I1 takes 5 a quarter for two quarters, so I3 (5 a quarter) may run beside it
    assert plan.starts == {0: 0, 1: 2, 2: 0}
    assert not problems(problem, plan.starts)


def test_what_binds_is_named_with_its_quarter_and_year() -> None:
    problem = _problem([10, 9], [1, 1], quarters=1, costs=[100, 100],
                       year_budget={2026: 150.0}, demands=[5, 5], capacity=[8])
    plan = solve_plan(problem)
    assert list(plan.starts) == [0]
    reason = plan.excluded[1]
    assert "2027-Q1" in reason and "Engineers" in reason and "FY2026/27" in reason, reason
    kinds = {(b.kind, b.period) for b in plan.binding}
    assert ("capacity", "2027-Q1") in kinds and ("year", "FY2026/27") in kinds


def test_work_too_long_for_the_horizon_is_left_out_with_its_reason() -> None:
    problem = _problem([10, 5], [3, 2], quarters=4, links=[(1, 0, "finish-to-start")])
    plan = solve_plan(problem)
    assert plan.starts == {0: 0}
    assert "horizon" in plan.excluded[1]


def test_a_must_do_that_cannot_fit_is_refused_in_words() -> None:
    problem = _problem([10], [2], quarters=2, demands=[30], capacity=[10, 10], must_do={0})
    try:
        solve_plan(problem)
    except InfeasiblePortfolioError as error:
        assert "I1" in str(error)
    else:
        raise AssertionError("an impossible must-do was planned")


@st.composite
def small_plans(draw: st.DrawFn) -> PlanProblem:
    n = draw(st.integers(1, 4))
    quarters = draw(st.integers(1, 4))
    durations = [draw(st.integers(1, min(3, quarters + 1))) for _ in range(n)]
    values = [float(draw(st.integers(0, 20))) for _ in range(n)]
    costs = [float(draw(st.integers(0, 10))) for _ in range(n)]
    demands = [float(draw(st.integers(0, 10))) for _ in range(n)]
    capacity = [draw(st.one_of(st.none(), st.integers(0, 15).map(float)))
                for _ in range(quarters)]
    year_start = draw(st.sampled_from((1, 4, 7, 10)))
    horizon = Horizon(dt.date(2027, 1, 1), quarters, year_start)
    year_budget = {year: float(draw(st.integers(0, 15))) for year in horizon.years()
                   if draw(st.booleans())}
    links = []
    for dependent in range(1, n):
        for prerequisite in range(dependent):
            if draw(st.integers(0, 3)) == 0:
                links.append((dependent, prerequisite, draw(st.sampled_from(KINDS))))
    must_do = {i for i in range(n) if draw(st.integers(0, 5)) == 0}
    must_not = {i for i in range(n) if i not in must_do and draw(st.integers(0, 5)) == 0}
    budget = draw(st.one_of(st.none(), st.integers(0, 30).map(float)))
    spreads = [draw(st.sampled_from(list(Spread))) for _ in range(n)]
    problem = _problem(values, durations, quarters, costs, demands, capacity, year_budget,
                       links, must_do, must_not, budget, spreads, year_start)
    if draw(st.integers(0, 3)) == 0:
        # -- the Run, Grow and Transform target as a constraint, within a tolerance
        split = SplitTarget([draw(st.sampled_from([*Portfolio, None])) for _ in range(n)],
                            {Portfolio.RUN: 40.0, Portfolio.TRANSFORM: 60.0},
                            float(draw(st.sampled_from((0, 10, 30)))))
        problem = dataclasses.replace(
            problem, portfolio=dataclasses.replace(problem.portfolio, split=split))
    return problem


@settings(max_examples=150, deadline=None)
@given(small_plans())
def test_the_plan_is_feasible_and_as_good_as_exhaustive_enumeration(problem: PlanProblem) -> None:
    best = _brute_force(problem)
    try:
        plan = solve_plan(problem)
    except InfeasiblePortfolioError:
        assert best is None
        return
    assert best is not None
    assert not problems(problem, plan.starts), problems(problem, plan.starts)
    assert plan.proven_optimal
    # -- the reward for starting early may only choose between plans of (nearly) equal value
    assert plan.objective >= best - 2 * EARLY_REWARD
    assert set(plan.starts) | set(plan.excluded) == set(range(problem.size))
