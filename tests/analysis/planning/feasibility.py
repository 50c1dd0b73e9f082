"""An independent check of any schedule: dependencies, capacity per quarter, budget per year.

Written from the problem's definition alone, sharing no code with the solver, so the
tests can hold every plan the solver gives against it.
"""

from __future__ import annotations

from bigdesk.analysis.planning import PlanProblem

SLACK = 1e-6


def problems(problem: PlanProblem, starts: dict[int, int]) -> list[str]:
    """Return every way ``starts`` (initiative index -> first quarter) breaks the problem."""
    found = []
    portfolio = problem.portfolio
    quarters = problem.horizon.quarters
    for i, start in starts.items():
        if start < 0 or start + problem.durations[i] > quarters:
            found.append(f"{i} runs outside the horizon")
        if i in portfolio.must_not:
            found.append(f"{i} is a must-not")
    for i in portfolio.must_do:
        if i not in starts:
            found.append(f"must-do {i} is missing")
    for dependent, prerequisite, kind in problem.links:
        if dependent not in starts:
            continue
        if prerequisite not in starts:
            found.append(f"{dependent} runs without its prerequisite {prerequisite}")
            continue
        d_start, p_start = starts[dependent], starts[prerequisite]
        d_end = d_start + problem.durations[dependent]
        p_end = p_start + problem.durations[prerequisite]
        ok = {"finish-to-start": d_start >= p_end, "start-to-start": d_start >= p_start,
              "finish-to-finish": d_end >= p_end}[kind]
        if not ok:
            found.append(f"{dependent} breaks its {kind} dependency on {prerequisite}")
    if portfolio.budget is not None:
        total = sum(portfolio.costs[i] for i in starts)
        if total > portfolio.budget + SLACK:
            found.append("over the budget")
    for r, resource in enumerate(portfolio.resources):
        if resource.capacity is not None and \
                sum(resource.demands[i] for i in starts) > resource.capacity + SLACK:
            found.append(f"over the total capacity of {resource.name}")
        for q in range(quarters):
            capacity = problem.quarter_capacity[r][q]
            used = sum(resource.demands[i] * problem.profiles[i][q - s]
                       for i, s in starts.items() if s <= q < s + problem.durations[i])
            if capacity is not None and used > capacity + SLACK:
                found.append(f"{resource.name} over capacity in quarter {q}")
    for year, budget in problem.year_budget.items():
        spent = sum(portfolio.costs[i] * problem.profiles[i][q - s]
                    for i, s in starts.items()
                    for q in range(s, s + problem.durations[i])
                    if problem.horizon.year(q) == year)
        if spent > budget + SLACK:
            found.append(f"over the budget of {year}")
    if portfolio.split is not None:
        total = sum(portfolio.costs[i] for i in starts)
        for kind, target in portfolio.split.targets.items():
            share = sum(portfolio.costs[i] for i in starts
                        if portfolio.split.classes[i] is kind)
            if total and abs(100 * share / total - target) > portfolio.split.tolerance + 1e-6:
                found.append(f"{kind.value} misses its target")
    return found
