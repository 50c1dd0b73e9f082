"""The plan the facilitator accepted, as the deck and the command line read it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from bigdesk.analysis.planning.calendar import Horizon, load_horizon
from bigdesk.analysis.planning.timing import load_timings, profile
from bigdesk.model import (
    Milestone,
    MilestoneStatus,
    PlanDecision,
    PlanEntry,
    QuarterCapacity,
    ResourceDemand,
    ResourceType,
)


@dataclass(frozen=True)
class PlannedMilestone:
    """A milestone of a planned initiative."""

    initiative_id: int
    name: str
    due: dt.date | None
    status: MilestoneStatus


@dataclass(frozen=True)
class QuarterLoad:
    """How much of one resource the plan uses in one quarter, against what the quarter offers."""

    quarter: str
    starts_on: dt.date
    resource: str
    unit: str
    used: float
    # -- None: the quarter's capacity is not limited
    capacity: float | None


@dataclass(frozen=True)
class StoredPlan:
    """The accepted plan: the chosen initiatives, how near optimal, and when each runs."""

    accepted_at: dt.datetime | None
    # -- the accountability node it was chosen within ("" for the whole portfolio)
    scope: str
    # -- initiative ids, by start then by id
    selected: list[int]
    proven_optimal: bool
    gap: float
    objective: float
    # -- initiative id -> (first day, last day)
    schedule: dict[int, tuple[dt.date, dt.date]]
    # -- initiative id -> its milestones by date
    milestones: dict[int, list[PlannedMilestone]]
    load: list[QuarterLoad] = field(default_factory=list)
    horizon: Horizon | None = None


def milestones_of(conn: Connection, ids: set[int]) -> dict[int, list[PlannedMilestone]]:
    """Return the milestones of the initiatives in ``ids``, each initiative's in date order."""
    out: dict[int, list[PlannedMilestone]] = defaultdict(list)
    rows = conn.execute(select(Milestone.initiative_id, Milestone.name, Milestone.due,
                               Milestone.status)
                        .order_by(Milestone.initiative_id, Milestone.position, Milestone.id))
    for row in rows:
        if row.initiative_id in ids:
            out[row.initiative_id].append(PlannedMilestone(*row))
    for items in out.values():
        items.sort(key=lambda m: (m.due is None, m.due or dt.date.min))
    return dict(out)


def schedule_load(conn: Connection, horizon: Horizon,
                  schedule: dict[int, tuple[int, int]]) -> list[QuarterLoad]:
    """Return each resource's use in each quarter for ``schedule`` (id -> first, last quarter)."""
    timings = load_timings(conn, schedule, horizon)
    demands: dict[int, dict[int, float]] = defaultdict(dict)
    for row in conn.execute(select(ResourceDemand.initiative_id, ResourceDemand.resource_type_id,
                                   ResourceDemand.amount)):
        if row.initiative_id in schedule:
            demands[row.resource_type_id][row.initiative_id] = row.amount
    capacity = {(row.resource_type_id, row.quarter): row.capacity
                for row in conn.execute(select(QuarterCapacity.resource_type_id,
                                               QuarterCapacity.quarter,
                                               QuarterCapacity.capacity))}  # fmt: skip
    out = []
    for resource in conn.execute(select(ResourceType.id, ResourceType.name, ResourceType.unit)
                                 .order_by(ResourceType.position, ResourceType.id)):
        used = [0.0] * horizon.quarters
        for initiative, amount in demands.get(resource.id, {}).items():
            first, last = schedule[initiative]
            for offset, share in enumerate(profile(timings[initiative].spread,
                                                   last - first + 1)):
                if 0 <= first + offset < horizon.quarters:
                    used[first + offset] += amount * share
        limited = [capacity.get((resource.id, horizon.start(q))) for q in range(horizon.quarters)]
        if not any(used) and all(c is None for c in limited):
            continue
        out += [QuarterLoad(horizon.label(q), horizon.start(q), resource.name or "Resource",
                            resource.unit, used[q], limited[q]) for q in range(horizon.quarters)]
    return out


def stored_plan(conn: Connection) -> StoredPlan | None:
    """Return the plan the facilitator last accepted, or None when none has been accepted."""
    decision = conn.execute(select(PlanDecision.__table__)
                            .order_by(PlanDecision.id.desc()).limit(1)).mappings().first()
    if decision is None:
        return None
    entries = conn.execute(select(PlanEntry.initiative_id, PlanEntry.starts_on, PlanEntry.ends_on)
                           .where(PlanEntry.decision_id == decision["id"])
                           .order_by(PlanEntry.starts_on, PlanEntry.initiative_id)).all()
    current = load_horizon(conn)
    first = decision["horizon_start"] or current.first
    horizon = Horizon(first, decision["horizon_quarters"], current.year_start_month)
    schedule = {row.initiative_id: (row.starts_on, row.ends_on) for row in entries}
    quarters = {i: (horizon.index(start), horizon.index(end))
                for i, (start, end) in schedule.items()}  # fmt: skip
    return StoredPlan(
        accepted_at=decision["accepted_at"], scope=decision["scope"],
        selected=[row.initiative_id for row in entries],
        proven_optimal=bool(decision["proven_optimal"]), gap=float(decision["gap"]),
        objective=float(decision["objective"]), schedule=schedule,
        milestones=milestones_of(conn, set(schedule)),
        load=schedule_load(conn, horizon, quarters), horizon=horizon,
    )  # fmt: skip
