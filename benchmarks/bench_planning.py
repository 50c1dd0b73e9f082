"""Time the plan: choose and schedule 200 initiatives over 12 quarters with 3 resources, and
the large workshop; compare HiGHS (scipy.optimize.milp) with OR-Tools CP-SAT on the same
time-indexed model.

Targets: 200 initiatives under 2 s; the large workshop (about 3,000 initiatives) under
10 s with the proven gap reported. CP-SAT is measured only when ``ortools`` is installed
(it is not a dependency of BIG Desk: ``pip install ortools`` to compare).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import large_workshop
from sqlalchemy import Connection, insert, select, update

from bigdesk.analysis.planning import PlanProblem, plan, solve_plan
from bigdesk.analysis.planning.schedule import lag
from bigdesk.analysis.prioritisation import analyse
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    Criterion,
    CriterionScore,
    Dependency,
    ElementType,
    Initiative,
    InitiativeTiming,
    PlanningSettings,
    Portfolio,
    PrioritisationSettings,
    QuarterCapacity,
    ResourceDemand,
    ResourceType,
    ScoreScale,
    Spread,
    Workshop,
    YearBudget,
)
from bigdesk.store import Batch, InsertRow, WorkshopStore, create_workshop, open_workshop
from bigdesk.store.edits import table_of

INITIATIVES, QUARTERS, RESOURCES, DEPENDENCIES = 200, 12, 3, 40
RUNS = 5
FIRST = dt.date(2027, 1, 1)
# -- CP-SAT takes whole numbers: amounts are scaled by this and rounded
SCALE = 1000


def _quarters(first: dt.date, count: int) -> list[dt.date]:
    return [dt.date(first.year + (first.month - 1 + 3 * q) // 12,
                    (first.month - 1 + 3 * q) % 12 + 1, 1) for q in range(count)]


def _populate(conn: Connection) -> None:
    """A workshop of 200 scored initiatives with timings, 3 resources limited by quarter."""
    populate_blank(conn)
    rng = random.Random(13)
    conn.execute(update(Workshop).values(session_date=dt.date(2026, 12, 3)))
    table = table_of("element")
    conn.execute(table.insert(), [
        {"type": ElementType.INITIATIVE, "ref": f"I{n + 1}", "position": n,
         "title": f"Initiative {n + 1}", "portfolio": rng.choice(list(Portfolio)),
         "budget": round(rng.lognormvariate(12, 0.8), -3),
         "effort": float(round(rng.lognormvariate(6, 0.6)))}
        for n in range(INITIATIVES)])  # fmt: skip
    ids = list(conn.execute(select(Initiative.id).order_by(Initiative.id)).scalars())
    criteria = list(conn.execute(select(Criterion.id).where(
        Criterion.scale == ScoreScale.ANCHORED, Criterion.computed.is_(False))).scalars())
    conn.execute(insert(CriterionScore), [
        {"initiative_id": i, "criterion_id": c, "value": float(rng.randint(1, 5))}
        for i in ids for c in criteria])  # fmt: skip
    pairs = {(ids[d], ids[rng.randrange(d)]) for d in rng.sample(range(1, len(ids)),
                                                                 DEPENDENCIES)}  # fmt: skip
    conn.execute(insert(Dependency), [
        {"dependent_id": d, "prerequisite_id": p,
         "kind": rng.choice(("finish-to-start", "finish-to-start", "start-to-start"))}
        for d, p in sorted(pairs)])  # fmt: skip
    conn.execute(insert(InitiativeTiming), [
        {"initiative_id": i, "duration": rng.randint(1, 4), "spread": rng.choice(list(Spread))}
        for i in ids])  # fmt: skip
    quarters = _quarters(FIRST, QUARTERS)
    for position, name in enumerate(("Engineers", "Data analysts", "Designers")):
        amounts = {i: float(round(rng.lognormvariate(4, 0.8))) for i in ids}
        resource = conn.execute(insert(ResourceType).values(
            position=position, name=name)).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(ResourceDemand), [
            {"initiative_id": i, "resource_type_id": resource, "amount": a}
            for i, a in amounts.items()])  # fmt: skip
        # -- each quarter offers about a third of what running everything at once would need
        per_quarter = sum(amounts.values()) / QUARTERS * 0.35
        conn.execute(insert(QuarterCapacity), [
            {"resource_type_id": resource, "quarter": q, "capacity": round(per_quarter)}
            for q in quarters])  # fmt: skip
    # -- every initiative above has a budget; the column itself may be empty
    budgets = sum(b for b in conn.execute(select(Initiative.budget)).scalars() if b is not None)
    conn.execute(insert(PrioritisationSettings).values(id=1, budget=0.6 * budgets))
    conn.execute(insert(PlanningSettings).values(
        id=1, horizon_quarters=QUARTERS, year_start_month=4, must_is_must_do=True,
        wont_is_must_not=True, votes_break_ties=False, target_tolerance=5.0))
    conn.execute(insert(YearBudget), [{"year": year, "budget": 0.2 * budgets}
                                      for year in range(2026, 2030)])


def _median_s(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cp_sat(problem: PlanProblem, time_limit: float) -> tuple[float, float, bool]:
    """Solve the same time-indexed model with CP-SAT; return (value, seconds, proven)."""
    from ortools.sat.python import cp_model

    portfolio, quarters = problem.portfolio, problem.horizon.quarters
    earliest = problem.earliest()
    barred = portfolio.barred()
    model = cp_model.CpModel()
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    for i in range(problem.size):
        if i in barred or earliest[i] is None:
            continue
        for t in range(earliest[i] or 0, quarters - problem.durations[i] + 1):
            y[(i, t)] = model.NewBoolVar(f"y{i}_{t}")
    starts: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
    for (i, t), var in y.items():
        starts.setdefault(i, []).append((t, var))
    required = set(portfolio.required())
    for i, options in starts.items():
        total = sum(var for _, var in options)
        if i in required:
            model.Add(total == 1)
        else:
            model.Add(total <= 1)
    if required - set(starts):
        # -- a must-do that cannot be placed: no plan exists
        model.AddBoolOr([])
    x = {i: sum(var for _, var in options) for i, options in starts.items()}
    if portfolio.budget is not None:
        model.Add(sum(round(SCALE * portfolio.costs[i]) * x[i] for i in x)
                  <= round(SCALE * portfolio.budget))
    for resource in portfolio.resources:
        if resource.capacity is not None:
            model.Add(sum(round(SCALE * resource.demands[i]) * x[i] for i in x)
                      <= round(SCALE * resource.capacity))
    for dependent, prerequisite, kind in problem.links:
        delay = lag(kind, problem.durations[prerequisite], problem.durations[dependent])
        for s, _ in starts.get(dependent, []):
            before = [var for t, var in starts[dependent] if t <= s]
            allowed = [var for t, var in starts.get(prerequisite, []) if t <= s - delay]
            model.Add(sum(before) <= sum(allowed))
    for r, capacities in enumerate(problem.quarter_capacity):
        demands = portfolio.resources[r].demands
        for q, capacity in enumerate(capacities):
            if capacity is None:
                continue
            terms = [round(SCALE * demands[i] * problem.profiles[i][q - t]) * var
                     for (i, t), var in y.items() if t <= q < t + problem.durations[i]]
            model.Add(sum(terms) <= round(SCALE * capacity))
    for year, budget in problem.year_budget.items():
        terms = []
        for (i, t), var in y.items():
            share = sum(problem.profiles[i][k] for k in range(problem.durations[i])
                        if problem.horizon.year(t + k) == year)
            if share:
                terms.append(round(SCALE * portfolio.costs[i] * share) * var)
        model.Add(sum(terms) <= round(SCALE * budget))
    model.Maximize(sum(round(SCALE * portfolio.values[i]) * x[i] for i in x))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    # -- the same two cores the app has
    solver.parameters.num_workers = 2
    start = time.perf_counter()
    status = solver.Solve(model)
    seconds = time.perf_counter() - start
    return solver.ObjectiveValue() / SCALE, seconds, status == cp_model.OPTIMAL


def main() -> int:
    """Run the planning benchmarks and print their table."""
    # -- a measure, its median in seconds and its target (None: reported only)
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        store = create_workshop(Path(scratch) / "plan.bigdesk", _populate)
        try:
            with store.read() as conn:
                planned = plan(conn)
                whole = _median_s(lambda: plan(conn))
                problem = planned.problem
        finally:
            store.close()
        assert problem is not None and planned.plan is not None
        result = planned.plan
        rows.append((f"plan {INITIATIVES} x {QUARTERS} quarters x {RESOURCES} resources: read, "
                     "rank, choose and schedule", whole, 2.0))
        highs = _median_s(lambda: solve_plan(problem))
        rows.append(("  of which the HiGHS solve with reasons and compaction", highs, None))
        print(f"{INITIATIVES} initiatives: {len(result.starts)} planned, value "
              f"{result.objective:.1f}, proven gap {result.gap:.4%}")
        try:
            import ortools  # noqa: F401
        except ImportError:
            print("CP-SAT: ortools is not installed; skipped")
        else:
            for limit in (2.0, 10.0):
                value, seconds, proven = cp_sat(problem, limit)
                print(f"CP-SAT ({limit:g} s limit, 2 workers): value {value:.1f} in "
                      f"{seconds:.2f} s, {'proven optimal' if proven else 'not proven'}")
        large = Path(scratch) / "large.bigdesk"
        large_workshop.build_large_workshop(large)
        store = open_workshop(large)
        try:
            _limit_large(store)
            with store.read() as conn:
                count = len(analyse(conn, explain=False).data.initiatives)
                start = time.perf_counter()
                planned = plan(conn)
                seconds = time.perf_counter() - start
        finally:
            store.close()
        assert planned.plan is not None, planned.errors
        rows.append((f"plan the large workshop ({count:,} initiatives, 8 quarters)", seconds,
                     10.0))
        print(f"Large: {len(planned.plan.starts):,} planned, proven gap {planned.plan.gap:.4%}")
    print(f"{'measure':<80} {'median s':>9} {'target':>7}")
    for name, value, target in rows:
        verdict = "" if target is None else ("ok" if value < target else "OVER")
        print(f"{name:<80} {value:>9.2f} {'' if target is None else f'{target:g}':>7} "
              f"{verdict}")
    return 0


def _limit_large(store: WorkshopStore) -> None:
    """Give the large workshop's own resources a capacity in every quarter of its horizon."""
    with store.read() as conn:
        taken = set(conn.execute(select(QuarterCapacity.resource_type_id,
                                        QuarterCapacity.quarter)).all())
        resources = conn.execute(select(ResourceType.id, ResourceType.capacity)).all()
    # -- a sixth of the whole portfolio's capacity each quarter: it binds over eight
    edits = tuple(InsertRow(QuarterCapacity, {"resource_type_id": r, "quarter": q,
                                              "capacity": capacity / 6})
                  for r, capacity in resources if capacity
                  for q in _quarters(FIRST, 8) if (r, q) not in taken)  # fmt: skip
    if edits:
        store.do(Batch(edits, "Limit quarters"))


if __name__ == "__main__":
    sys.exit(main())
