"""The optimal portfolio under a budget, capacities, must-do, must-not and dependencies.

Exact: a mixed-integer programme solved by HiGHS through ``scipy.optimize.milp``,
maximising total weighted value. Every initiative left out gets a reason an
executive can read, found by asking the solver what including it would cost.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from bigdesk.analysis.prioritisation.data import PrioritisationData
from bigdesk.analysis.prioritisation.errors import InfeasiblePortfolioError, PrioritisationError
from bigdesk.analysis.prioritisation.scoring import Ranking
from bigdesk.domain.values import number_text
from bigdesk.model import Portfolio, SelectionRule, TargetMode

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float64]
    Mask = npt.NDArray[np.bool_]

# -- up to this many initiatives the solver must prove the optimum exactly (gap 0);
#    above it HiGHS's default tolerance applies: within 0.01 % of the best total value
EXACT_SIZE = 60
DEFAULT_GAP = 1e-4
# -- above EXACT_SIZE the solver stops after this long with the best portfolio found and
#    the gap it has proven (multi-constraint knapsacks of hundreds of items can take minutes
#    to close the last fraction of a percent; a room cannot wait for that)
TIME_LIMIT_S = 0.9
# -- reasons with "what it would displace" take one extra solve each: given for portfolios
#    of up to EXACT_SIZE initiatives and this many left-out initiatives (highest value first);
#    otherwise the reason names the binding constraints only
EXPLAIN_LIMIT = 40
CURRENCY = "£"
# -- all the dots together are worth this many points when they break ties: far below a
#    difference in value the room can see (values are shown to one decimal)
TIE_BREAK = 1e-2
TOLERANCE = 1e-6


def money(amount: float) -> str:
    """Return an amount of money as an executive reads it: £1.2m, £450k, £900."""
    if not math.isfinite(amount):
        # -- only a damaged file holds one; said as a gap, never as "£nan"
        return "—"
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount < 1e4:
        return f"{sign}{CURRENCY}{amount:,.0f}"
    # -- rounded before the scale is chosen, so £999,950 reads £1m, not £1,000k
    rounded = float(f"{amount:.3g}")
    scale, suffix = next((s, x) for s, x in ((1e9, "bn"), (1e6, "m"), (1e3, "k")) if rounded >= s)
    return f"{sign}{CURRENCY}{number_text(rounded / scale)}{suffix}"


def quantity(amount: float, unit: str) -> str:
    """Return an amount of a resource with its unit: 120 person-days."""
    return f"{amount:,.4g} {unit}".strip()


@dataclass(frozen=True)
class ResourceLimit:
    """One capacity constraint: a resource, its capacity and each initiative's demand."""

    name: str
    unit: str
    capacity: float | None
    demands: Vector


@dataclass(frozen=True)
class SplitTarget:
    """The Run, Grow and Transform target as a constraint on the portfolio's budget."""

    # -- per initiative: its class (None: not classed)
    classes: list[Portfolio | None]
    # -- percent of the portfolio's budget per class, for the classes with a target
    targets: dict[Portfolio, float]
    # -- each share may miss its target by this many percentage points (0: exactly)
    tolerance: float

    def rows(self, costs: Vector) -> list[Vector]:
        """Return rows that keep every class's share within its band when each is at most 0."""
        import numpy as np

        out = []
        for portfolio, target in self.targets.items():
            member = np.array([c is portfolio for c in self.classes], dtype=float)
            out.append(costs * (member - (target + self.tolerance) / 100))
            if target - self.tolerance > 0:
                out.append(costs * ((target - self.tolerance) / 100 - member))
        return out


@dataclass(frozen=True)
class PortfolioProblem:
    """What the solver chooses from and the constraints it must respect."""

    labels: list[str]
    values: Vector
    costs: Vector
    budget: float | None
    resources: list[ResourceLimit] = field(default_factory=list)
    must_do: frozenset[int] = frozenset()
    must_not: frozenset[int] = frozenset()
    # -- (dependent, prerequisite) index pairs
    dependencies: list[tuple[int, int]] = field(default_factory=list)
    # -- initiatives with no budget given (counted as free), for a note
    uncosted: list[int] = field(default_factory=list)
    # -- the Run, Grow and Transform target, when it is a constraint
    split: SplitTarget | None = None
    # -- added to the values only to choose between portfolios of equal value (dot votes)
    tie_break: Vector | None = None

    @property
    def size(self) -> int:
        """Return the number of initiatives."""
        return len(self.labels)

    def with_values(self, values: Vector) -> PortfolioProblem:
        """Return the same problem with other values (for sensitivity)."""
        return dataclasses.replace(self, values=values)

    def with_budget(self, budget: float | None) -> PortfolioProblem:
        """Return the same problem with another budget (for the frontier)."""
        return dataclasses.replace(self, budget=budget)

    @cached_property
    def direct_prerequisites(self) -> dict[int, list[int]]:
        """Return what each initiative needs first directly (read once per problem)."""
        direct: dict[int, list[int]] = {}
        for dependent, prerequisite in self.dependencies:
            direct.setdefault(dependent, []).append(prerequisite)
        return direct

    def prerequisites(self, index: int) -> list[int]:
        """Return every initiative ``index`` needs first, directly or through others."""
        direct = self.direct_prerequisites
        seen: list[int] = []
        stack = list(direct.get(index, []))
        while stack:
            item = stack.pop()
            if item in seen or item == index:
                continue
            seen.append(item)
            stack.extend(direct.get(item, []))
        return seen

    def required(self) -> list[int]:
        """Return the must-do initiatives with all their prerequisites."""
        out = dict.fromkeys(sorted(self.must_do))
        for index in sorted(self.must_do):
            out.update(dict.fromkeys(self.prerequisites(index)))
        return list(out)

    def barred(self) -> set[int]:
        """Return the must-not initiatives and every initiative that needs one of them."""
        return {i for i in range(self.size)
                if i in self.must_not or any(p in self.must_not for p in self.prerequisites(i))}


def problem_from(data: PrioritisationData, ranking: Ranking,
                 budget: float | None = None, use_budget: bool = True) -> PortfolioProblem:
    """Return the portfolio problem for the ranked initiatives and the stored constraints.

    The room's voice applies: MoSCoW classes as rules, the dots as a tie-break, and the
    Run, Grow and Transform target as a constraint, as the settings say.
    """
    import numpy as np

    from bigdesk.analysis.prioritisation.voice import voice

    settings = data.settings
    index = {initiative.id: n for n, initiative in enumerate(ranking.initiatives)}
    costs = np.array([i.budget or 0.0 for i in ranking.initiatives], dtype=float)
    resources = [
        ResourceLimit(r.name or "Unnamed resource", r.unit, r.capacity,
                      np.array([data.demands.get((i.id, r.id), 0.0)
                                for i in ranking.initiatives], dtype=float))
        for r in data.resources
    ]  # fmt: skip
    rules = voice(data).rules
    tie_break = None
    if settings.votes_break_ties:
        dots = np.array([data.dots(i.id) for i in ranking.initiatives], dtype=float)
        if dots.sum() > 0:
            tie_break = TIE_BREAK * dots / dots.sum()
    split = None
    targets = {c: t for c, t in settings.target().items() if t is not None}
    if settings.target_mode is not TargetMode.SHOWN and targets:
        tolerance = 0.0 if settings.target_mode is TargetMode.HARD else settings.target_tolerance
        split = SplitTarget([i.portfolio for i in ranking.initiatives], targets, tolerance)
    return PortfolioProblem(
        labels=[i.label for i in ranking.initiatives],
        values=np.asarray(ranking.values, dtype=float),
        costs=costs,
        budget=(settings.budget if budget is None else budget) if use_budget else None,
        resources=resources,
        must_do=frozenset(n for n, i in enumerate(ranking.initiatives)
                          if rules.get(i.id) is SelectionRule.MUST_DO),
        must_not=frozenset(n for n, i in enumerate(ranking.initiatives)
                           if rules.get(i.id) is SelectionRule.MUST_NOT),
        dependencies=[(index[d], index[p]) for d, p in data.dependencies
                      if d in index and p in index],
        uncosted=[n for n, i in enumerate(ranking.initiatives) if i.budget is None],
        split=split,
        tie_break=tie_break,
    )  # fmt: skip


def _names(problem: PortfolioProblem, indices: Iterable[int], limit: int = 6) -> str:
    labels = [problem.labels[i] for i in indices]
    if len(labels) > limit:
        labels = [*labels[: limit - 1], f"{len(labels) - limit + 1} more"]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def dependency_cycle(problem: PortfolioProblem) -> list[int] | None:
    """Return one loop of dependencies (first item repeated at the end), or None."""
    graph: dict[int, list[int]] = {}
    for dependent, prerequisite in problem.dependencies:
        graph.setdefault(dependent, []).append(prerequisite)
    state: dict[int, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        path: list[int] = []
        stack: list[tuple[int, Iterable[int]]] = [(start, iter(graph.get(start, [])))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(iter(children), None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                return [*path[path.index(child):], child]
            if not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return None


def conflicts(problem: PortfolioProblem) -> list[str]:
    """Return every reason no portfolio can meet the constraints, in plain words."""
    found: list[str] = []
    if problem.budget is not None and problem.budget < 0:
        found.append(f"The budget is negative ({money(problem.budget)}): enter zero or more.")
    for resource in problem.resources:
        if resource.capacity is not None and resource.capacity < 0:
            found.append(f"The capacity of {resource.name} is negative: enter zero or more.")
    negative = [i for i in range(problem.size) if problem.costs[i] < 0]
    if negative:
        found.append(f"{_names(problem, negative)} has a negative budget: enter zero or more.")
    cycle = dependency_cycle(problem)
    if cycle is not None:
        loop = " → ".join(problem.labels[i] for i in cycle)
        found.append(f"The dependencies form a loop ({loop}, each needing the next first), "
                     "so none of them can start. Remove one dependency of the loop.")
        return found
    for index in sorted(problem.must_do):
        if index in problem.must_not:
            found.append(f"{problem.labels[index]} is both a must-do and a must-not.")
            continue
        banned = [p for p in problem.prerequisites(index) if p in problem.must_not]
        if banned:
            found.append(f"{problem.labels[index]} is a must-do but needs "
                         f"{_names(problem, banned)} first, which is a must-not.")
    if found:
        return found
    required = problem.required()
    if not required:
        return found
    what = ("The must-do initiatives" if required == sorted(problem.must_do)
            else "The must-do initiatives and their prerequisites")
    if problem.budget is not None:
        need = float(problem.costs[required].sum())
        if need > problem.budget + TOLERANCE:
            found.append(f"{what} ({_names(problem, required)}) need {money(need)}; "
                         f"the budget is {money(problem.budget)}.")
    for resource in problem.resources:
        if resource.capacity is None:
            continue
        need = float(resource.demands[required].sum())
        if need > resource.capacity + TOLERANCE:
            found.append(f"{what} ({_names(problem, required)}) need "
                         f"{quantity(need, resource.unit)} of {resource.name}; the capacity is "
                         f"{quantity(resource.capacity, resource.unit)}.")
    return found


def check(problem: PortfolioProblem) -> None:
    """Raise InfeasiblePortfolioError naming the conflicting constraints, if any."""
    found = conflicts(problem)
    if found:
        raise InfeasiblePortfolioError(found)


def x_rows(problem: PortfolioProblem) -> tuple[Vector, Vector]:
    """Return the rows on the selection (budget, capacities, split target) and their limits."""
    import numpy as np

    rows, limits = [], []
    if problem.budget is not None:
        rows.append(problem.costs)
        limits.append(problem.budget)
    for resource in problem.resources:
        if resource.capacity is not None:
            rows.append(resource.demands)
            limits.append(resource.capacity)
    if problem.split is not None:
        for row in problem.split.rows(problem.costs):
            rows.append(row)
            limits.append(0.0)
    if not rows:
        return np.zeros((0, problem.size)), np.zeros(0)
    return np.vstack(rows), np.asarray(limits, dtype=float)


def _dependency_rows(problem: PortfolioProblem) -> Vector:
    import numpy as np

    rows = np.zeros((len(problem.dependencies), problem.size))
    for k, (dependent, prerequisite) in enumerate(problem.dependencies):
        rows[k, dependent] += 1.0
        rows[k, prerequisite] -= 1.0
    return rows


def optimise(
    problem: PortfolioProblem,
    forced_in: Iterable[int] = (),
    forced_out: Iterable[int] = (),
) -> tuple[Mask, float] | None:
    """Return the best selection and the proven relative gap, or None if none is feasible."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    size = problem.size
    if size == 0:
        return np.zeros(0, dtype=bool), 0.0
    lower = np.zeros(size)
    upper = np.ones(size)
    lower[list(problem.must_do)] = 1.0
    lower[list(forced_in)] = 1.0
    upper[list(problem.must_not)] = 0.0
    upper[list(forced_out)] = 0.0
    if np.any(lower > upper):
        return None
    constraints = []
    rows, limits = x_rows(problem)
    if len(limits):
        constraints.append(LinearConstraint(rows, -np.inf, limits + TOLERANCE))
    if problem.dependencies:
        constraints.append(LinearConstraint(_dependency_rows(problem), -np.inf, 0.0))
    options: dict[str, float] = {"mip_rel_gap": 0.0}
    if size > EXACT_SIZE:
        options = {"mip_rel_gap": DEFAULT_GAP, "time_limit": TIME_LIMIT_S}
    values = problem.values if problem.tie_break is None else problem.values + problem.tie_break
    result = milp(-values, constraints=constraints, integrality=np.ones(size),
                  bounds=Bounds(lower, upper), options=options)  # fmt: skip
    if result.status == 2:
        return None
    if result.status == 1 and result.x is not None:
        # -- the time limit: keep the best portfolio found, with the gap proven so far
        return np.asarray(result.x > 0.5), float(getattr(result, "mip_gap", 1.0) or 0.0)
    if result.status == 1:
        raise PrioritisationError(
            f"The solver found no portfolio within its {TIME_LIMIT_S:g} s limit for "
            f"{size} initiatives: choose within one accountability node, or fix more "
            "initiatives as must-do or must-not.")
    if result.status != 0 or result.x is None:
        raise PrioritisationError(f"The solver could not finish: {result.message}")
    proven = float(getattr(result, "mip_gap", 0.0) or 0.0)
    return np.asarray(result.x > 0.5), proven


@dataclass(frozen=True)
class LeftOut:
    """Why one initiative is not in the portfolio."""

    index: int
    # -- excluded, prerequisite, no-value, budget, capacity, outranked
    kind: str
    reason: str
    # -- selected initiatives that would have to go to make room for it
    displaced: list[int] = field(default_factory=list)
    # -- points of total value lost by forcing it in (None: not computed)
    loss: float | None = None


@dataclass(frozen=True)
class Selection:
    """The optimal portfolio, what it uses, and why each other initiative is out."""

    selected: Mask
    total_value: float
    total_cost: float
    budget: float | None
    # -- (name, unit, used, capacity) per resource
    usage: list[tuple[str, str, float, float | None]]
    left_out: dict[int, LeftOut]
    # -- proven relative optimality gap (0: proven exactly optimal)
    gap: float
    notes: list[str]

    def chosen(self) -> list[int]:
        """Return the indices of the selected initiatives."""
        return [int(i) for i in self.selected.nonzero()[0]]


def solve(problem: PortfolioProblem, explain: bool = True) -> Selection:
    """Return the optimal portfolio with a reason for every initiative left out.

    Raises InfeasiblePortfolioError naming the conflicting constraints when none exists.
    """
    import numpy as np

    check(problem)
    found = optimise(problem)
    if found is None:
        if problem.split is not None:
            raise InfeasiblePortfolioError([
                "No portfolio with the must-do initiatives meets the Run, Grow and Transform "
                "target: widen its tolerance, or show the target without enforcing it."])
        raise InfeasiblePortfolioError(["The constraints together leave no possible portfolio."])
    selected, gap = found
    total = float(problem.values[selected].sum())
    usage = [(r.name, r.unit, float(r.demands[selected].sum()), r.capacity)
             for r in problem.resources]  # fmt: skip
    notes = []
    if problem.uncosted:
        notes.append(f"{_names(problem, problem.uncosted)} "
                     f"{'has' if len(problem.uncosted) == 1 else 'have'} no budget given and "
                     "count as costing nothing.")
    if gap > 0:
        notes.append(f"Best portfolio the solver found in its time; proven within {gap:.2%} "
                     "of the best possible total value.")
    out = [int(i) for i in np.argsort(-problem.values, kind="stable") if not selected[i]]
    left_out = {
        index: _explain(problem, selected, total, index,
                        explain and problem.size <= EXACT_SIZE and n < EXPLAIN_LIMIT)
        for n, index in enumerate(out)
    }
    return Selection(selected, total, float(problem.costs[selected].sum()), problem.budget,
                     usage, left_out, gap, notes)  # fmt: skip


def _explain(problem: PortfolioProblem, selected: Mask, total: float, index: int,
             displace: bool) -> LeftOut:
    if index in problem.must_not:
        return LeftOut(index, "excluded", "Excluded by the facilitator.")
    prerequisites = problem.prerequisites(index)
    banned = [p for p in prerequisites if p in problem.must_not]
    if banned:
        return LeftOut(index, "prerequisite", f"Needs {_names(problem, banned)} first, which "
                       "the facilitator has excluded.")  # fmt: skip
    if problem.values[index] <= TOLERANCE:
        return LeftOut(index, "no-value", "Scores nothing on the current criteria and weights, "
                       "so it adds no value.")  # fmt: skip
    missing = [p for p in prerequisites if not selected[p]]
    need = [index, *missing]
    parts: list[str] = []
    kind = "outranked"
    with_prerequisites = " with its prerequisites" if missing else ""
    if missing:
        parts.append(f"Needs {_names(problem, missing)} first, which "
                     f"{'is' if len(missing) == 1 else 'are'} not selected either.")
        kind = "prerequisite"
    if problem.budget is not None:
        cost = float(problem.costs[need].sum())
        left = problem.budget - float(problem.costs[selected].sum())
        if cost > left + TOLERANCE:
            parts.append(f"Needs {money(cost)}{with_prerequisites}; only {money(max(left, 0.0))} "
                         "of the budget is left after the selected initiatives.")
            kind = "budget"
    for resource in problem.resources:
        if resource.capacity is None:
            continue
        amount = float(resource.demands[need].sum())
        left = resource.capacity - float(resource.demands[selected].sum())
        if amount > left + TOLERANCE:
            parts.append(f"Needs {quantity(amount, resource.unit)} of {resource.name}"
                         f"{with_prerequisites}; only {quantity(max(left, 0.0), resource.unit)} "
                         "are left.")
            kind = "capacity" if kind != "budget" else kind
    displaced: list[int] = []
    loss: float | None = None
    if displace:
        forced = optimise(problem, forced_in=[index])
        if forced is None:
            parts.append(_cannot_fit(problem, index))
        else:
            mask = forced[0]
            displaced = [int(i) for i in (selected & ~mask).nonzero()[0]]
            loss = max(0.0, total - float(problem.values[mask].sum()))
            if displaced:
                parts.append(f"Making room for it would mean dropping "
                             f"{_names(problem, displaced)}; the portfolio would be worth "
                             f"{loss:.1f} points less.")
            elif loss > TOLERANCE:
                parts.append(f"Taking it would leave the portfolio worth {loss:.1f} points less.")
    if not parts and problem.split is not None and not displace:
        parts.append("Taking it may move the Run, Grow and Transform split away from the "
                     "target.")
    if not parts:
        parts.append("Adds too little value to change the best portfolio.")
    return LeftOut(index, kind, " ".join(parts), displaced, loss)


def _cannot_fit(problem: PortfolioProblem, index: int) -> str:
    """Say which limit even the bare minimum around ``index`` breaks."""
    need = sorted({index, *problem.prerequisites(index), *problem.required()})
    others = [i for i in need if i != index]
    context = f"with {_names(problem, others)}, which must come too, " if others else ""
    broken = []
    if problem.budget is not None and problem.costs[need].sum() > problem.budget + TOLERANCE:
        broken.append(f"{money(float(problem.costs[need].sum()))} against a budget of "
                      f"{money(problem.budget)}")
    for resource in problem.resources:
        amount = float(resource.demands[need].sum())
        if resource.capacity is not None and amount > resource.capacity + TOLERANCE:
            broken.append(f"{quantity(amount, resource.unit)} of {resource.name} against "
                          f"{quantity(resource.capacity, resource.unit)}")
    what = "; ".join(broken) or "more than the constraints allow"
    return f"It cannot fit even if everything optional is dropped: {context}it needs {what}."


@dataclass(frozen=True)
class FrontierPoint:
    """The best total value at one budget."""

    budget: float
    value: float
    spent: float
    selected: Mask


def frontier(problem: PortfolioProblem, points: int = 15) -> list[FrontierPoint]:
    """Return the best total value at each budget on a grid from the must-do cost to the total.

    The other constraints (capacities, must-do, must-not, dependencies) stay in force.
    """
    import numpy as np

    check(problem.with_budget(None))
    barred = problem.barred()
    low = float(problem.costs[problem.required()].sum()) if problem.must_do else 0.0
    high = float(sum(problem.costs[i] for i in range(problem.size) if i not in barred))
    grid: Sequence[float] = sorted({float(b) for b in np.linspace(low, max(high, low),
                                                                  max(points, 2))})
    out = []
    for budget in grid:
        found = optimise(problem.with_budget(budget))
        if found is None:
            continue
        mask = found[0]
        out.append(FrontierPoint(budget, float(problem.values[mask].sum()),
                                 float(problem.costs[mask].sum()), mask))  # fmt: skip
    return out
