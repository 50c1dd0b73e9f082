"""Read a plan's inputs from a workshop: the ranked portfolio, timings, quarters and years."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from bigdesk.analysis.planning.calendar import Horizon, load_horizon
from bigdesk.analysis.planning.schedule import (
    FINISH_TO_START,
    Plan,
    PlanProblem,
    solve_plan,
)
from bigdesk.analysis.planning.timing import load_timings, profile
from bigdesk.analysis.prioritisation import Analysis, analyse, problem_from
from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.model import Dependency, QuarterCapacity, YearBudget


@dataclass
class Planned:
    """A plan with the analysis it came from (None when no plan could be made, and why)."""

    analysis: Analysis
    problem: PlanProblem | None
    plan: Plan | None
    errors: list[str]

    def initiative_id(self, index: int) -> int:
        """Return the id of the initiative at ``index`` of the problem."""
        assert self.analysis.ranking is not None
        return self.analysis.ranking.initiatives[index].id


def plan_problem(conn: Connection, analysis: Analysis, horizon: Horizon) -> PlanProblem:
    """Return the plan problem of an analysed scope within ``horizon``."""
    if analysis.ranking is None:
        raise PrioritisationError(" ".join(analysis.errors) or "Nothing to plan yet.")
    initiatives = analysis.ranking.initiatives
    portfolio = analysis.problem or problem_from(analysis.data, analysis.ranking)
    index = {initiative.id: n for n, initiative in enumerate(initiatives)}
    timings = load_timings(conn, index, horizon)
    durations = [timings[i.id].duration for i in initiatives]
    profiles = [profile(timings[i.id].spread, d) for i, d in zip(initiatives, durations,
                                                                  strict=True)]
    links = [(index[row.dependent_id], index[row.prerequisite_id], row.kind or FINISH_TO_START)
             for row in conn.execute(select(Dependency.dependent_id, Dependency.prerequisite_id,
                                            Dependency.kind).order_by(Dependency.id))
             if row.dependent_id in index and row.prerequisite_id in index]  # fmt: skip
    capacity: dict[tuple[int, object], float] = {
        (row.resource_type_id, row.quarter): row.capacity
        for row in conn.execute(select(QuarterCapacity.resource_type_id, QuarterCapacity.quarter,
                                       QuarterCapacity.capacity))}  # fmt: skip
    quarter_capacity = [[capacity.get((resource.id, horizon.start(q)))
                         for q in range(horizon.quarters)]
                        for resource in analysis.data.resources]  # fmt: skip
    years = set(horizon.years())
    year_budget = {row.year: row.budget for row in conn.execute(
        select(YearBudget.year, YearBudget.budget)) if row.year in years}  # fmt: skip
    return PlanProblem(portfolio, horizon, durations, profiles, links, quarter_capacity,
                       year_budget, portfolio.tie_break)


def plan(conn: Connection, scope: int | None = None,
         time_limit: float | None = None) -> Planned:
    """Analyse a scope and choose and schedule its portfolio; say why when it cannot."""
    analysis = analyse(conn, scope, explain=False, choose=False)
    try:
        problem = plan_problem(conn, analysis, load_horizon(conn))
        return Planned(analysis, problem, solve_plan(problem, time_limit), [])
    except PrioritisationError as error:
        return Planned(analysis, None, None, [str(error)])
