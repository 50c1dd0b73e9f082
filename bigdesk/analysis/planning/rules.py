"""Findings about the plan: the room's voice in conflict, a missed split, milestones, staleness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from sqlalchemy import Connection, select

from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.analysis.planning.calendar import Horizon
from bigdesk.analysis.planning.stored import PlannedMilestone, QuarterLoad, stored_plan
from bigdesk.analysis.planning.timing import load_timings, profile
from bigdesk.analysis.prioritisation.data import Settings, load
from bigdesk.analysis.prioritisation.selection import money
from bigdesk.analysis.prioritisation.split import CLASS_NAMES
from bigdesk.analysis.prioritisation.voice import voice
from bigdesk.model import Dependency, Initiative, Portfolio, TargetMode, YearBudget

CODES = {
    "moscow-conflict": "the room's MoSCoW class and a rule, or a must-do and what it needs, clash",
    "split-target-missed": "the plan's Run, Grow and Transform split misses its target",
    "milestone-outside-plan": "a milestone falls outside the quarters its initiative is planned",
    "plan-outdated": "the accepted plan no longer keeps a dependency, capacity or budget",
    # -- reported by ``bigdesk plan`` when no plan can be made
    "plan-infeasible": "no plan meets the must-do initiatives and the limits",
}


def _element(element_id: int) -> str:
    return f"element:{element_id}"


def split_misses(settings: Settings, budgets: Mapping[int, float],
                 classes: Mapping[int, Portfolio | None], chosen: Iterable[int]) -> list[Finding]:
    """Return a finding for each class whose share of the chosen budget misses its target."""
    chosen = list(chosen)
    total = sum(budgets.get(i, 0.0) for i in chosen)
    if not total:
        return []
    tolerance = 0.0 if settings.target_mode is TargetMode.HARD else settings.target_tolerance
    out = []
    for kind, target in settings.target().items():
        if target is None:
            continue
        amount = sum(budgets.get(i, 0.0) for i in chosen if classes.get(i) is kind)
        share = 100 * amount / total
        if abs(share - target) <= max(tolerance, 0.5):
            continue
        wanted = target / 100 * total
        direction = "short" if amount < wanted else "over"
        out.append(Finding(
            "split-target-missed", Severity.WARNING,
            f"{CLASS_NAMES[kind]} is {share:.0f} % of the plan's budget ({money(amount)}) against "
            f"a target of {target:g} %: {money(abs(wanted - amount))} {direction}. Adjust the "
            "target, or make it a constraint in the Plan tab."))
    return out


def milestones_outside(schedule: Mapping[int, tuple[dt.date, dt.date]],
                       milestones: Mapping[int, list[PlannedMilestone]],
                       labels: Mapping[int, str]) -> list[Finding]:
    """Return a finding for each dated milestone outside its initiative's planned quarters."""
    out = []
    for initiative, (start, finish) in schedule.items():
        for milestone in milestones.get(initiative, []):
            if milestone.due is not None and not start <= milestone.due <= finish:
                out.append(Finding(
                    "milestone-outside-plan", Severity.WARNING,
                    f"The milestone “{milestone.name}” of {labels.get(initiative, '')} is due "
                    f"{milestone.due:%d %b %Y}, but the plan runs it from {start:%d %b %Y} to "
                    f"{finish:%d %b %Y}. Move the milestone, or the work.",
                    _element(initiative)))
    return out


@rule
def planning_findings(conn: Connection) -> Iterator[Finding]:
    """Flag clashes in the room's voice, and an accepted plan that no longer holds."""
    data = load(conn)
    for clash in voice(data).clashes:
        yield Finding("moscow-conflict", Severity.WARNING, clash.message,
                      _element(clash.initiative_id))
    plan = stored_plan(conn)
    if plan is None:
        return
    labels = {i.id: i.label for i in data.initiatives}
    info = {row.id: row for row in conn.execute(
        select(Initiative.id, Initiative.budget, Initiative.portfolio))}  # fmt: skip
    yield from split_misses(data.settings, {i: r.budget or 0.0 for i, r in info.items()},
                            {i: r.portfolio for i, r in info.items()}, plan.selected)
    yield from milestones_outside(plan.schedule, plan.milestones, labels)
    for problem in _stale(conn, plan.schedule, plan.load, plan.horizon):
        yield Finding("plan-outdated", Severity.WARNING,
                      f"The accepted plan no longer holds: {problem} Work out the plan again "
                      "and accept it.")
        break


def _stale(conn: Connection, schedule: Mapping[int, tuple[dt.date, dt.date]],
           load: Iterable[QuarterLoad], horizon: Horizon | None) -> Iterator[str]:
    """Say where a stored schedule breaks today's dependencies, capacities or budgets."""
    for dependent, prerequisite, kind in conn.execute(
            select(Dependency.dependent_id, Dependency.prerequisite_id, Dependency.kind)):
        if dependent not in schedule:
            continue
        if prerequisite not in schedule:
            yield "an initiative in it now depends on one that is not."
            continue
        (d_start, d_end), (p_start, p_end) = schedule[dependent], schedule[prerequisite]
        broken = {"start-to-start": d_start < p_start,
                  "finish-to-finish": d_end < p_end}.get(kind, d_start <= p_end)
        if broken:
            yield "a dependency added or changed since breaks its order."
    for line in load:
        if line.capacity is not None and line.used > line.capacity + 1e-6:
            yield f"{line.resource} is over capacity in {line.quarter}."
    budgets = dict(conn.execute(select(YearBudget.year, YearBudget.budget)).all())
    if budgets and horizon is not None:
        yield from _years_over(conn, schedule, budgets, horizon)


def _years_over(conn: Connection, schedule: Mapping[int, tuple[dt.date, dt.date]],
                budgets: Mapping[int, float], horizon: Horizon) -> Iterator[str]:
    timings = load_timings(conn, schedule, horizon)
    costs = dict(conn.execute(select(Initiative.id, Initiative.budget)).all())
    spend: dict[int, float] = {}
    for initiative, (start, end) in schedule.items():
        first, last = horizon.index(start), horizon.index(end)
        spread = timings[initiative].spread
        for offset, share in enumerate(profile(spread, last - first + 1)):
            year = horizon.year(first + offset)
            spend[year] = spend.get(year, 0.0) + (costs.get(initiative) or 0.0) * share
    for year, amount in sorted(spend.items()):
        if year in budgets and amount > budgets[year] + 1e-6:
            yield f"{horizon.year_label(year)} spends {money(amount)} of {money(budgets[year])}."
