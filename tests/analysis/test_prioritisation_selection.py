"""The optimal portfolio: against brute force, infeasible sets named, reasons, frontier."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bigdesk.analysis.prioritisation import (
    InfeasiblePortfolioError,
    PortfolioProblem,
    conflicts,
    frontier,
    money,
    solve,
)
from bigdesk.analysis.prioritisation.selection import ResourceLimit


def _problem(values: list[float], costs: list[float], budget: float | None = None,
             capacity: float | None = None, demands: list[float] | None = None,
             must_do: set[int] | None = None, must_not: set[int] | None = None,
             dependencies: list[tuple[int, int]] | None = None) -> PortfolioProblem:
    resources = []
    if capacity is not None:
        resources.append(ResourceLimit("Engineers", "person-days", capacity,
                                       np.asarray(demands, dtype=float)))
    return PortfolioProblem(
        labels=[f"I{n + 1}" for n in range(len(values))],
        values=np.asarray(values, dtype=float), costs=np.asarray(costs, dtype=float),
        budget=budget, resources=resources, must_do=frozenset(must_do or ()),
        must_not=frozenset(must_not or ()), dependencies=dependencies or [],
    )  # fmt: skip


def _brute_force(problem: PortfolioProblem) -> float | None:
    best = None
    for bits in itertools.product((0, 1), repeat=problem.size):
        x = np.array(bits, dtype=bool)
        if any(x[i] for i in problem.must_not) or not all(x[i] for i in problem.must_do):
            continue
        if any(x[d] and not x[p] for d, p in problem.dependencies):
            continue
        if problem.budget is not None and problem.costs[x].sum() > problem.budget + 1e-9:
            continue
        if any(r.capacity is not None and r.demands[x].sum() > r.capacity + 1e-9
               for r in problem.resources):
            continue
        value = float(problem.values[x].sum())
        best = value if best is None else max(best, value)
    return best


@st.composite
def problems(draw: st.DrawFn) -> PortfolioProblem:
    size = draw(st.integers(1, 8))
    values = draw(st.lists(st.floats(0, 100), min_size=size, max_size=size))
    costs = draw(st.lists(st.integers(0, 50), min_size=size, max_size=size))
    demands = draw(st.lists(st.integers(0, 20), min_size=size, max_size=size))
    budget = draw(st.one_of(st.none(), st.integers(0, 150)))
    capacity = draw(st.one_of(st.none(), st.integers(0, 60)))
    # -- dependencies only point to earlier initiatives, so they never loop
    pairs = [(d, p) for d in range(size) for p in range(d)]
    dependencies = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4)) if pairs else []
    rules = draw(st.lists(st.sampled_from([None, "do", "not"]), min_size=size, max_size=size))
    return _problem(values, [float(c) for c in costs], budget, capacity,
                    [float(d) for d in demands],
                    {i for i, r in enumerate(rules) if r == "do"},
                    {i for i, r in enumerate(rules) if r == "not"}, dependencies)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(problems())
def test_solver_matches_brute_force(problem: PortfolioProblem) -> None:
    """The solver's total equals the best of every subset; infeasible sets are named."""
    best = _brute_force(problem)
    if best is None:
        assert conflicts(problem), "an impossible set must be explained"
        with pytest.raises(InfeasiblePortfolioError):
            solve(problem)
        return
    assert conflicts(problem) == []
    selection = solve(problem)
    assert selection.total_value == pytest.approx(best, abs=1e-6)
    chosen = selection.selected
    assert all(chosen[i] for i in problem.must_do)
    assert not any(chosen[i] for i in problem.must_not)
    assert all(chosen[p] for d, p in problem.dependencies if chosen[d])
    assert set(selection.left_out) == {i for i in range(problem.size) if not chosen[i]}
    assert all(out.reason for out in selection.left_out.values())


def test_budget_reason_says_what_is_needed_and_what_is_left() -> None:
    problem = _problem([60, 50, 40], [800_000, 700_000, 1_200_000], budget=2_000_000)
    selection = solve(problem)
    assert selection.chosen() == [0, 1]
    reason = selection.left_out[2]
    assert reason.kind == "budget"
    assert "Needs £1.2m; only £500k of the budget is left" in reason.reason
    assert "dropping I2" in reason.reason
    assert reason.displaced == [1]
    assert reason.loss == pytest.approx(10.0)


def test_prerequisite_and_facilitator_reasons() -> None:
    problem = _problem([10, 90, 50], [1, 1, 1], budget=10, must_not={0},
                       dependencies=[(1, 0)])
    selection = solve(problem)
    assert selection.chosen() == [2]
    assert selection.left_out[0].reason == "Excluded by the facilitator."
    assert "Needs I1 first, which the facilitator has excluded" in selection.left_out[1].reason


def test_capacity_reason_names_the_resource() -> None:
    problem = _problem([50, 40], [0, 0], capacity=100, demands=[80, 30])
    selection = solve(problem)
    assert selection.chosen() == [0]
    assert "Needs 30 person-days of Engineers; only 20 person-days are left" in (
        selection.left_out[1].reason)


def test_must_do_over_budget_is_named() -> None:
    problem = _problem([10, 10, 10], [500_000, 700_000, 1], budget=1_000_000, must_do={0, 1})
    found = conflicts(problem)
    assert found == ["The must-do initiatives (I1 and I2) need £1.2m; the budget is £1m."]
    with pytest.raises(InfeasiblePortfolioError, match="must-do"):
        solve(problem)


def test_must_do_depending_on_must_not_is_named() -> None:
    problem = _problem([10, 10], [1, 1], must_do={1}, must_not={0}, dependencies=[(1, 0)])
    assert conflicts(problem) == [
        "I2 is a must-do but needs I1 first, which is a must-not."]


def test_dependency_cycle_is_named() -> None:
    problem = _problem([10, 10, 10], [1, 1, 1], dependencies=[(0, 1), (1, 2), (2, 0)])
    [message] = conflicts(problem)
    assert "loop (I1 → I2 → I3 → I1" in message


def test_negative_budget_is_named() -> None:
    assert conflicts(_problem([1], [1], budget=-5)) == [
        "The budget is negative (-£5): enter zero or more."]


def test_frontier_rises_with_budget_and_ends_with_everything() -> None:
    problem = _problem([30, 20, 10], [3, 2, 1], budget=2)
    points = frontier(problem, points=7)
    values = [p.value for p in points]
    assert values == sorted(values)
    assert points[0].budget == 0 and points[0].value == 0
    assert points[-1].budget == 6 and points[-1].value == 60
    assert all(p.spent <= p.budget + 1e-9 for p in points)


def test_money_reads_like_an_executive_would_say_it() -> None:
    assert money(1_200_000) == "£1.2m"
    assert money(450_000) == "£450k"
    assert money(900) == "£900"


def test_money_never_shows_an_exponent_or_a_thousand_thousands() -> None:
    assert money(999_950) == "£1m"
    assert money(999_600_000) == "£1bn"
    assert money(1.5e12) == "£1,500bn"
    assert money(-2_500_000) == "-£2.5m"
    assert all("e" not in money(10.0**n) for n in range(16))
    assert money(float("nan")) == money(float("inf")) == "—"
