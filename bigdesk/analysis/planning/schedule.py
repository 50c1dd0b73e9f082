"""Choose the portfolio and place it in quarters at once: an exact time-indexed programme.

One binary variable says "initiative i starts in quarter t". The initiative then runs
its duration, spending its budget and each resource by its profile. The programme
maximises the portfolio's total value (dot votes can break ties) within the portfolio's
budget and capacities, every quarter's capacity, every financial year's budget, the
Run/Grow/Transform target when it is a constraint, and the dependencies: a dependent
starts only once its prerequisite has finished (finish-to-start), started
(start-to-start) or will finish no later than it (finish-to-finish). A tiny reward for
starting early, far below the value shown to the room, puts valuable work first.
HiGHS solves it through ``scipy.optimize.milp``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bigdesk.analysis.planning.calendar import Horizon
from bigdesk.analysis.prioritisation.errors import InfeasiblePortfolioError, PrioritisationError
from bigdesk.analysis.prioritisation.selection import (
    EXACT_SIZE,
    TOLERANCE,
    PortfolioProblem,
    _names,
    check,
    money,
    quantity,
    x_rows,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float64]

FINISH_TO_START = "finish-to-start"
START_TO_START = "start-to-start"
FINISH_TO_FINISH = "finish-to-finish"
# -- the whole reward for starting early is below this many points, so it never outweighs
#    a difference in value the room can see (values are shown to one decimal)
EARLY_REWARD = 1e-3
# -- the solver stops after this long with the best plan found and the gap it proved
TIME_LIMIT_S = 1.5
LARGE_TIME_LIMIT_S = 8.0
LARGE_SIZE = 500
DEFAULT_GAP = 1e-4
# -- a limit used to this share or more is reported as binding
BINDING_SHARE = 0.98


def lag(kind: str, prerequisite: int, dependent: int) -> int:
    """Return the least number of quarters between the two starts that a dependency asks."""
    if kind == START_TO_START:
        return 0
    if kind == FINISH_TO_FINISH:
        return prerequisite - dependent
    return prerequisite


@dataclass(frozen=True)
class PlanProblem:
    """The portfolio problem, with when and how each initiative runs and what each period offers."""

    portfolio: PortfolioProblem
    horizon: Horizon
    # -- per initiative: quarters, and the share of its work in each of them
    durations: list[int]
    profiles: list[list[float]]
    # -- (dependent, prerequisite, kind) index triples
    links: list[tuple[int, int, str]]
    # -- per resource of the portfolio problem, per quarter: the capacity (None: not limited)
    quarter_capacity: list[list[float | None]]
    # -- financial year (the calendar year it starts in) -> budget; a year not listed is free
    year_budget: dict[int, float]
    # -- added to the values to choose between portfolios of equal value (None: no tie-break)
    tie_break: Vector | None = None

    @property
    def size(self) -> int:
        """Return the number of initiatives."""
        return self.portfolio.size

    @cached_property
    def links_of(self) -> dict[int, list[tuple[int, int, str]]]:
        """Return the dependencies each initiative takes part in, either way round."""
        out: dict[int, list[tuple[int, int, str]]] = {}
        for link in self.links:
            out.setdefault(link[0], []).append(link)
            out.setdefault(link[1], []).append(link)
        return out

    def lag(self, dependent: int, prerequisite: int, kind: str) -> int:
        """Return the quarters the dependent's start must follow the prerequisite's."""
        return lag(kind, self.durations[prerequisite], self.durations[dependent])

    def earliest(self) -> list[int | None]:
        """Return each initiative's earliest start by its dependencies (None: never fits)."""
        prerequisites: dict[int, list[tuple[int, str]]] = {}
        for dependent, prerequisite, kind in self.links:
            prerequisites.setdefault(dependent, []).append((prerequisite, kind))
        out: dict[int, int | None] = {}

        def visit(index: int, trail: frozenset[int]) -> int | None:
            if index in out:
                return out[index]
            start = 0
            for prerequisite, kind in prerequisites.get(index, []):
                if prerequisite in trail:
                    return None
                before = visit(prerequisite, trail | {index})
                if before is None:
                    out[index] = None
                    return None
                start = max(start, before + self.lag(index, prerequisite, kind))
            fits = start + self.durations[index] <= self.horizon.quarters
            out[index] = start if fits else None
            return out[index]

        return [visit(i, frozenset()) for i in range(self.size)]


@dataclass(frozen=True)
class Binding:
    """A limit that stops more work going into the plan."""

    # -- capacity (one resource in one quarter), year (one financial year's budget),
    #    budget or total (the portfolio's budget or a resource's total capacity)
    kind: str
    name: str
    period: str
    used: float
    limit: float


@dataclass
class Plan:
    """The chosen initiatives with their quarters, how near optimal, and what binds."""

    problem: PlanProblem
    # -- index -> first quarter
    starts: dict[int, int]
    objective: float
    gap: float
    # -- index -> why it is not in the plan
    excluded: dict[int, str]
    binding: list[Binding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def proven_optimal(self) -> bool:
        """Return whether the solver proved no better plan exists."""
        return self.gap <= TOLERANCE

    def finish(self, index: int) -> int:
        """Return the last quarter initiative ``index`` runs in."""
        return self.starts[index] + self.problem.durations[index] - 1

    def chosen(self) -> list[int]:
        """Return the chosen initiatives by start, then by their order."""
        return sorted(self.starts, key=lambda i: (self.starts[i], i))


def _spread_rows(problem: PlanProblem, i: int, start: int) -> dict[int, float]:
    """Return the share of initiative ``i``'s work falling in each quarter when it starts then."""
    return {start + k: share for k, share in enumerate(problem.profiles[i])}


class Loads:
    """What a set of placed initiatives uses: per resource and quarter, per year, in all."""

    def __init__(self, problem: PlanProblem, starts: dict[int, int]) -> None:
        import numpy as np

        self.problem = problem
        self.used = [np.zeros(problem.horizon.quarters) for _ in problem.portfolio.resources]
        self.spend: dict[int, float] = {}
        self.cost = 0.0
        self.totals = [0.0] * len(problem.portfolio.resources)
        self.years = [problem.horizon.year(q) for q in range(problem.horizon.quarters)]
        for i, start in starts.items():
            self.add(i, start)

    def add(self, i: int, start: int, sign: float = 1.0) -> None:
        """Add (or with ``sign`` -1 take away) initiative ``i`` starting in ``start``."""
        portfolio = self.problem.portfolio
        self.cost += sign * float(portfolio.costs[i])
        for r, resource in enumerate(portfolio.resources):
            self.totals[r] += sign * float(resource.demands[i])
        for quarter, share in _spread_rows(self.problem, i, start).items():
            for r, resource in enumerate(portfolio.resources):
                self.used[r][quarter] += sign * resource.demands[i] * share
            year = self.years[quarter]
            self.spend[year] = self.spend.get(year, 0.0) + sign * portfolio.costs[i] * share

    def breaks(self, index: int, start: int) -> list[tuple[tuple[str, str, str], str]]:
        """Return the limits that ``index`` starting in ``start`` would break, each in words."""
        problem = self.problem
        portfolio, horizon = problem.portfolio, problem.horizon
        broken = []
        shares = _spread_rows(problem, index, start)
        if portfolio.budget is not None and \
                self.cost + portfolio.costs[index] > portfolio.budget + TOLERANCE:
            broken.append((("budget", "Budget", ""),
                           f"{money(float(portfolio.costs[index]))} of the budget with "
                           f"{money(max(0.0, portfolio.budget - self.cost))} left"))
        for r, resource in enumerate(portfolio.resources):
            need = float(resource.demands[index])
            if not need:
                continue
            if resource.capacity is not None and \
                    self.totals[r] + need > resource.capacity + TOLERANCE:
                left = max(0.0, resource.capacity - self.totals[r])
                broken.append((("total", str(r), ""),
                               f"{quantity(need, resource.unit)} of {resource.name} in all with "
                               f"{quantity(left, resource.unit)} left"))
            for q, share in shares.items():
                capacity = problem.quarter_capacity[r][q]
                if capacity is not None and \
                        self.used[r][q] + need * share > capacity + TOLERANCE:
                    left = max(0.0, capacity - float(self.used[r][q]))
                    broken.append((("capacity", str(r), str(q)),
                                   f"{quantity(need * share, resource.unit)} of {resource.name} "
                                   f"in {horizon.label(q)} with {quantity(left, resource.unit)} "
                                   "left"))
        cost = float(portfolio.costs[index])
        by_year: dict[int, float] = {}
        for q, share in shares.items():
            by_year[self.years[q]] = by_year.get(self.years[q], 0.0) + cost * share
        for year, amount in sorted(by_year.items()):
            budget = problem.year_budget.get(year)
            spent = self.spend.get(year, 0.0)
            if budget is not None and amount and spent + amount > budget + TOLERANCE:
                broken.append((("year", str(year), ""),
                               f"{money(amount)} of {horizon.year_label(year)}'s budget with "
                               f"{money(max(0.0, budget - spent))} left"))
        return broken

    def current(self, key: tuple[str, str, str]) -> float:
        """Return how much of the limit ``key`` (as ``limits`` names it) is used."""
        kind, what, period = key
        if kind == "budget":
            return self.cost
        if kind == "total":
            return self.totals[int(what)]
        if kind == "capacity":
            return float(self.used[int(what)][int(period)])
        return self.spend.get(int(what), 0.0)


def _columns(problem: PlanProblem, earliest: list[int | None],
             barred: set[int]) -> list[tuple[int, int]]:
    """Return the (initiative, start) pair of every variable."""
    last = problem.horizon.quarters
    return [(i, t) for i in range(problem.size)
            if i not in barred and earliest[i] is not None
            for t in range(earliest[i] or 0, last - problem.durations[i] + 1)]  # fmt: skip


def _constraints(problem: PlanProblem, columns: list[tuple[int, int]]
                 ) -> tuple[Any, Vector, Vector]:
    """Return the programme's rows over ``columns`` as a sparse matrix with their bounds."""
    import numpy as np
    from scipy.sparse import coo_array

    portfolio = problem.portfolio
    where: dict[int, list[int]] = {}
    for k, (i, _) in enumerate(columns):
        where.setdefault(i, []).append(k)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    low: list[float] = []
    high: list[float] = []

    def add_row(entries: dict[int, float], lower: float, upper: float) -> None:
        row = len(low)
        for k, v in entries.items():
            if v:
                rows.append(row)
                cols.append(k)
                vals.append(v)
        low.append(lower)
        high.append(upper)

    required = set(portfolio.required())
    for i, ks in where.items():
        add_row(dict.fromkeys(ks, 1.0), 1.0 if i in required else 0.0, 1.0)
    # -- the portfolio's own limits (budget, total capacities, the split target), per start
    x_matrix, x_limits = x_rows(portfolio)
    for coefficients, limit in zip(x_matrix, x_limits, strict=True):
        add_row({k: float(coefficients[i]) for k, (i, _) in enumerate(columns)}, -np.inf,
                float(limit) + TOLERANCE)
    # -- a dependent started by quarter s needs its prerequisite started by s - lag
    start_of = {(i, t): k for k, (i, t) in enumerate(columns)}
    for dependent, prerequisite, kind in problem.links:
        if dependent not in where:
            continue
        delay = problem.lag(dependent, prerequisite, kind)
        for s in sorted(columns[k][1] for k in where[dependent]):
            entries = {start_of[(dependent, t)]: 1.0 for t in range(s + 1)
                       if (dependent, t) in start_of}
            entries.update({start_of[(prerequisite, t)]: -1.0 for t in range(s - delay + 1)
                            if (prerequisite, t) in start_of})
            add_row(entries, -np.inf, 0.0)
    for r, capacities in enumerate(problem.quarter_capacity):
        demands = portfolio.resources[r].demands
        for q, capacity in enumerate(capacities):
            if capacity is None:
                continue
            entries = {}
            for k, (i, t) in enumerate(columns):
                if t <= q < t + problem.durations[i] and demands[i]:
                    entries[k] = float(demands[i] * problem.profiles[i][q - t])
            add_row(entries, -np.inf, capacity + TOLERANCE)
    years = {q: problem.horizon.year(q) for q in range(problem.horizon.quarters)}
    for year, budget in sorted(problem.year_budget.items()):
        entries = {}
        for k, (i, t) in enumerate(columns):
            share = sum(s for q, s in _spread_rows(problem, i, t).items() if years[q] == year)
            if share and portfolio.costs[i]:
                entries[k] = float(portfolio.costs[i] * share)
        add_row(entries, -np.inf, budget + TOLERANCE)

    matrix = coo_array((vals, (rows, cols)), shape=(len(low), len(columns))).tocsr()
    return matrix, np.asarray(low), np.asarray(high)


def solve_plan(problem: PlanProblem, time_limit: float | None = None) -> Plan:
    """Return the best plan, or raise InfeasiblePortfolioError naming what clashes."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    portfolio = problem.portfolio
    check(portfolio)
    earliest = problem.earliest()
    barred = portfolio.barred()
    # -- what cannot fit in the horizon cannot be chosen, nor can anything needing it
    unfit = {i for i in range(problem.size) if earliest[i] is None}
    unfit |= {i for i in range(problem.size) if any(p in unfit for p in
                                                    portfolio.prerequisites(i))}
    for i in range(problem.size):
        if i in unfit:
            earliest[i] = None
    stuck = [i for i in portfolio.required() if i in unfit]
    if stuck:
        raise InfeasiblePortfolioError([
            f"{_names(portfolio, stuck)} must be in the plan but cannot fit in the "
            f"{problem.horizon.quarters}-quarter horizon with what it waits for: lengthen the "
            "horizon or shorten the work."])
    columns = _columns(problem, earliest, barred)
    count = len(columns)
    matrix, low, high = _constraints(problem, columns)

    values = portfolio.values + (problem.tie_break if problem.tie_break is not None else 0.0)
    top = float(np.max(np.abs(values))) if len(values) else 0.0
    reward = np.zeros(count)
    for k, (i, t) in enumerate(columns):
        weight = 1.0 + (abs(values[i]) / top if top else 0.0)
        reward[k] = EARLY_REWARD * weight * (t + problem.durations[i]) / (
            2.0 * problem.horizon.quarters * max(1, problem.size))
    objective = -np.array([values[i] for i, _ in columns], dtype=float) + reward
    if count == 0:
        return _finish(problem, {}, 0.0, earliest, unfit)
    size = problem.size
    options: dict[str, float] = {"mip_rel_gap": 0.0}
    if size > EXACT_SIZE:
        options = {"mip_rel_gap": DEFAULT_GAP, "time_limit": TIME_LIMIT_S if size <= LARGE_SIZE
                   else LARGE_TIME_LIMIT_S}
    if time_limit is not None:
        options["time_limit"] = time_limit
    result = milp(objective, constraints=[LinearConstraint(matrix, low, high)],
                  integrality=np.ones(count), bounds=Bounds(0, 1), options=options)
    if result.status == 2:
        raise InfeasiblePortfolioError([
            f"The must-do initiatives and what they wait for "
            f"({_names(portfolio, portfolio.required())}) cannot all be placed: together "
            "they need more capacity or budget in some quarter or year than it offers, or "
            "the Run, Grow and Transform target rules them out. Raise a limit, lengthen the "
            "horizon, or make one of them optional."])
    if result.x is None:
        raise PrioritisationError(
            f"The solver found no plan within its time for {size} initiatives: plan within "
            "one accountability node, or fix more initiatives as must-do or must-not.")
    chosen = {columns[k][0]: columns[k][1] for k in np.flatnonzero(result.x > 0.5)}
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0) if result.status in (0, 1) else 1.0
    if result.status == 0 and size <= EXACT_SIZE:
        gap = 0.0
    return _finish(problem, chosen, max(0.0, gap), earliest, unfit)


def _finish(problem: PlanProblem, starts: dict[int, int], gap: float,
            earliest: list[int | None], unfit: set[int]) -> Plan:
    portfolio = problem.portfolio
    starts = compact(problem, starts, earliest)
    objective = float(sum(portfolio.values[i] for i in starts))
    plan = Plan(problem, starts, objective, gap, {})
    loads = Loads(problem, starts)
    named: Counter[tuple[str, str, str]] = Counter()
    for i in range(problem.size):
        if i not in starts:
            reason, hits = _why_out(problem, plan, i, unfit, earliest, loads)
            plan.excluded[i] = reason
            named.update(hits)
    for key, (kind, name, period, limit) in limits(problem).items():
        used = loads.current(key)
        if key in named or (limit > 0 and used >= BINDING_SHARE * limit):
            plan.binding.append(Binding(kind, name, period, used, limit))
    if gap > TOLERANCE:
        plan.notes.append(f"Best plan the solver found in its time; proven within {gap:.2%} "
                          "of the best possible total value.")
    return plan


def limits(problem: PlanProblem) -> dict[tuple[str, str, str], tuple[str, str, str, float]]:
    """Return every limit the plan meets as (kind, name, period, limit), keyed as Loads counts."""
    portfolio, horizon = problem.portfolio, problem.horizon
    out: dict[tuple[str, str, str], tuple[str, str, str, float]] = {}
    if portfolio.budget is not None:
        out[("budget", "Budget", "")] = ("budget", "Budget", "", portfolio.budget)
    for r, resource in enumerate(portfolio.resources):
        if resource.capacity is not None:
            out[("total", str(r), "")] = ("total", resource.name, "", resource.capacity)
        for q, capacity in enumerate(problem.quarter_capacity[r]):
            if capacity is not None:
                out[("capacity", str(r), str(q))] = ("capacity", resource.name,
                                                     horizon.label(q), capacity)
    for year, budget in sorted(problem.year_budget.items()):
        out[("year", str(year), "")] = ("year", "Budget", horizon.year_label(year), budget)
    return out


def _start_window(problem: PlanProblem, starts: dict[int, int], index: int,
                  earliest: int) -> range:
    """Return the starts ``index`` could take beside the chosen plan, by its dependencies."""
    first = earliest
    last = problem.horizon.quarters - problem.durations[index]
    for dependent, prerequisite, kind in problem.links_of.get(index, []):
        if dependent == index and prerequisite in starts:
            first = max(first, starts[prerequisite] + problem.lag(index, prerequisite, kind))
        if prerequisite == index and dependent in starts:
            last = min(last, starts[dependent] - problem.lag(dependent, index, kind))
    return range(first, last + 1)


def _why_out(problem: PlanProblem, plan: Plan, index: int, unfit: set[int],
             earliest: list[int | None], loads: Loads
             ) -> tuple[str, list[tuple[str, str, str]]]:
    portfolio = problem.portfolio
    if index in portfolio.must_not:
        return "Excluded by the facilitator.", []
    prerequisites = portfolio.prerequisites(index)
    banned = [p for p in prerequisites if p in portfolio.must_not]
    if banned:
        return (f"Needs {_names(portfolio, banned)} first, which the facilitator has "
                "excluded."), []
    if index in unfit:
        return (f"Does not fit in the {problem.horizon.quarters}-quarter horizon: it runs "
                f"{problem.durations[index]} quarters, after what it waits for."), []
    if portfolio.values[index] <= TOLERANCE:
        return ("Scores nothing on the current criteria and weights, so it adds no "
                "value."), []
    missing = [p for p in prerequisites if p not in plan.starts]
    if missing:
        return (f"Needs {_names(portfolio, missing)} first, which "
                f"{'is' if len(missing) == 1 else 'are'} not in the plan either."), []
    window = _start_window(problem, plan.starts, index, earliest[index] or 0)
    if not window:
        return (f"It could start only in {problem.horizon.label(window.start)} or later, "
                f"after what it waits for, and its {problem.durations[index]} quarters would "
                "then run past the horizon or past the start of what waits for it."), []
    best: list[tuple[tuple[str, str, str], str]] | None = None
    best_start = window.start
    for start in window:
        broken = loads.breaks(index, start)
        if best is None or len(broken) < len(best):
            best, best_start = broken, start
        if not broken:
            break
    if not best:
        if portfolio.split is not None:
            return ("Taking it would move the Run, Grow and Transform split away from the "
                    "target."), []
        return "Adds too little value to change the best plan the solver found.", []
    parts = "; ".join(text for _, text in best[:3])
    more = f" (and {len(best) - 3} more limits)" if len(best) > 3 else ""
    return (f"No room for it: starting in {problem.horizon.label(best_start)} it would need "
            f"{parts}{more}."), [key for key, _ in best]


def compact(problem: PlanProblem, starts: dict[int, int],
            earliest: list[int | None]) -> dict[int, int]:
    """Move each chosen initiative as early as every limit and dependency lets it, in turn."""
    starts = dict(starts)
    loads = Loads(problem, starts)
    moved = True
    while moved:
        moved = False
        for i in sorted(starts, key=lambda n: (starts[n], n)):
            current = starts.pop(i)
            loads.add(i, current, -1.0)
            window = _start_window(problem, starts, i, earliest[i] or 0)
            new = next((s for s in window if s < current and not loads.breaks(i, s)), current)
            starts[i] = new
            loads.add(i, new)
            moved = moved or new != current
    return starts
