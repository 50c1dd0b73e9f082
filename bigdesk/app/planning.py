"""Services of the plan: the horizon and the room's voice, capacity by quarter, budget by
year, timings, milestones, enablers' links and estimates, and accepting a plan."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.planning import Planned
from bigdesk.analysis.planning.calendar import SETTINGS_ID, YEAR_STARTS
from bigdesk.analysis.prioritisation import DOTS_KEY
from bigdesk.app.rows import next_id, next_position
from bigdesk.domain.fields import field_of
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Criterion,
    CriterionDirection,
    Dimension,
    Element,
    ElementType,
    Initiative,
    InitiativeKind,
    InitiativeTiming,
    Milestone,
    PlanDecision,
    PlanEntry,
    PlanningSettings,
    QuarterCapacity,
    ScoreScale,
    Spread,
    YearBudget,
)
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, Workspace, fetch
from bigdesk.store.errors import EditRejectedError

# -- how the dot votes count: not at all, as a criterion, or to break ties
VOTES_IGNORED, VOTES_CRITERION, VOTES_TIE_BREAK = "not-counted", "as-criterion", "tie-breaker"
# -- the weight the dot-votes criterion starts with, in the same points as the others
DOTS_WEIGHT = 10.0


# ---------------------------------------------------------------- settings


def _settings_edit(conn: Connection, values: Mapping[str, Any], label: str) -> Edit:
    exists = conn.execute(select(PlanningSettings.id)
                          .where(PlanningSettings.id == SETTINGS_ID)).first()  # fmt: skip
    if exists is None:
        return InsertRow(PlanningSettings, {"id": SETTINGS_ID, **values}, label)
    return SetValues(PlanningSettings, SETTINGS_ID, values, label)


def set_planning(workspace: Workspace, column: str, value: Any) -> None:
    """Change the horizon, the financial year's start, a room's-voice switch or the target's use."""
    field = field_of(PlanningSettings, column)
    value = field.clean(value)
    if column == "year_start_month" and value not in YEAR_STARTS:
        raise EditRejectedError("A financial year here starts with a calendar quarter: January, "
                                "April, July or October, so no quarter falls in two years.")
    with workspace.read() as conn:
        edit = _settings_edit(conn, {column: value}, f"Change {field.label.lower()}")
    workspace.do(edit)


def set_votes_use(workspace: Workspace, use: str) -> None:
    """Make the dot votes count as a criterion, break ties, or count for nothing: one edit."""
    if use not in (VOTES_IGNORED, VOTES_CRITERION, VOTES_TIE_BREAK):
        raise EditRejectedError(f"Dot votes cannot be used as {use!r}.")
    label = "Change how dot votes count"
    with workspace.read() as conn:
        criterion = conn.execute(select(Criterion.id).where(Criterion.key == DOTS_KEY)).scalar()
        edits: list[Edit] = [_settings_edit(conn, {"votes_break_ties": use == VOTES_TIE_BREAK},
                                            label)]
        if use == VOTES_CRITERION and criterion is None:
            edits.append(InsertRow(Criterion, {
                "position": next_position(conn, Criterion), "key": DOTS_KEY,
                "name": "Dot votes", "direction": CriterionDirection.BENEFIT,
                "weight": DOTS_WEIGHT, "scale": ScoreScale.RAW, "unit": "dots",
                "anchors": "Computed from the room's dot votes", "computed": True}, label))
        if use != VOTES_CRITERION and criterion is not None:
            edits.append(DeleteRow(Criterion, criterion, label))
    workspace.do(Batch(tuple(edits), label))


# ---------------------------------------------------------------- capacity and budget


def set_quarter_capacity(workspace: Workspace, resource: int, quarters: Sequence[dt.date],
                         value: Any) -> None:
    """Set a resource's capacity in some quarters (empty: not limited), as one edit."""
    amount = field_of(QuarterCapacity, "capacity").clean(value)
    label = "Change capacity"
    with workspace.read() as conn:
        stored = {row.quarter: row.id for row in conn.execute(
            select(QuarterCapacity.id, QuarterCapacity.quarter)
            .where(QuarterCapacity.resource_type_id == resource))}  # fmt: skip
    edits: list[Edit] = []
    for quarter in quarters:
        existing = stored.get(quarter)
        if amount is None:
            if existing is not None:
                edits.append(DeleteRow(QuarterCapacity, existing, label))
        elif existing is None:
            edits.append(InsertRow(QuarterCapacity, {"resource_type_id": resource,
                                                     "quarter": quarter,
                                                     "capacity": amount}, label))  # fmt: skip
        else:
            edits.append(SetValues(QuarterCapacity, existing, {"capacity": amount}, label))
    if edits:
        workspace.do(Batch(tuple(edits), label))


def set_year_budget(workspace: Workspace, year: int, value: Any) -> None:
    """Set the budget of one financial year (empty: not limited)."""
    amount = field_of(YearBudget, "budget").clean(value)
    label = "Change yearly budget"
    with workspace.read() as conn:
        existing = conn.execute(select(YearBudget.id).where(YearBudget.year == year)).scalar()
    if amount is None:
        if existing is not None:
            workspace.do(DeleteRow(YearBudget, existing, label))
    elif existing is None:
        workspace.do(InsertRow(YearBudget, {"year": year, "budget": amount}, label))
    else:
        workspace.do(SetValues(YearBudget, existing, {"budget": amount}, label))


# ---------------------------------------------------------------- timing and milestones


def _timing_edit(conn: Connection, initiative: int, values: Mapping[str, Any],
                 label: str) -> Edit:
    existing = conn.execute(select(InitiativeTiming.id)
                            .where(InitiativeTiming.initiative_id == initiative)).scalar()
    if existing is None:
        return InsertRow(InitiativeTiming, {"initiative_id": initiative, "spread": Spread.FLAT,
                                            **values}, label)  # fmt: skip
    return SetValues(InitiativeTiming, existing, values, label)


def set_timing(workspace: Workspace, initiative: int, column: str, value: Any) -> None:
    """Set how many quarters an initiative runs (empty: by default) or how it spreads."""
    field = field_of(InitiativeTiming, column)
    value = field.clean(value)
    with workspace.read() as conn:
        edit = _timing_edit(conn, initiative, {column: value},
                            "Change duration" if column == "duration" else "Change spread")
    workspace.do(edit)


def milestones(conn: Connection) -> list[Milestone]:
    """Return every milestone, each initiative's in its order."""
    return fetch(conn, select(Milestone).order_by(Milestone.initiative_id, Milestone.position,
                                                  Milestone.id))


def add_milestone(workspace: Workspace, initiative: int, name: str,
                  due: dt.date | str | None = None) -> int:
    """Add a planned milestone to an initiative and return its id."""
    values = {"name": field_of(Milestone, "name").clean(name),
              "due": field_of(Milestone, "due").clean(due)}
    with workspace.read() as conn:
        kind = conn.execute(select(Element.type).where(Element.id == initiative)).scalar()
        if kind is not ElementType.INITIATIVE:
            raise EditRejectedError("Milestones belong to initiatives: choose an initiative.")
        position = next_position(conn, Milestone, initiative_id=initiative)
    inverse = workspace.do(InsertRow(Milestone, {"initiative_id": initiative,
                                                 "position": position, **values},
                                     "Add milestone"))  # fmt: skip
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def set_milestone(workspace: Workspace, milestone: int, column: str, value: Any) -> None:
    """Change a milestone's name, date or status."""
    field = field_of(Milestone, column)
    workspace.do(SetValues(Milestone, milestone, {column: field.clean(value)},
                           f"Change milestone {field.label.lower()}"))  # fmt: skip


def remove_milestone(workspace: Workspace, milestone: int) -> None:
    """Remove a milestone."""
    workspace.do(DeleteRow(Milestone, milestone, "Remove milestone"))


# ---------------------------------------------------------------- enablers first


@dataclass(frozen=True)
class EnablerProposal:
    """An enabler initiative with the objectives and key results it would enable, and estimates."""

    initiative_id: int
    title: str
    dimension: str
    # -- (element id, label) of every objective and key result it could enable
    choices: list[tuple[int, str]]
    # -- the ids it enables now (as stored, or proposed from the cascade when none is)
    enables: list[int]
    budget: float | None
    effort: float | None
    duration: int


def _label(ref: str | None, title: str, element_id: int) -> str:
    return f"{ref} {title}".strip() if ref else title or f"E{element_id}"


class EnablerContext:
    """What proposing an enabler's links and estimates reads from the cascade, read once."""

    def __init__(self, conn: Connection) -> None:
        self.targets = {row.id: row for row in conn.execute(
            select(Element.id, Element.ref, Element.title, Element.type, Element.node_id)
            .where(Element.type.in_((ElementType.OBJECTIVE, ElementType.KEY_RESULT)))
            .order_by(Element.position, Element.id))}  # fmt: skip
        self.serves: dict[int, list[int]] = {}
        for parent, child in conn.execute(select(Alignment.parent_id, Alignment.child_id)):
            if parent in self.targets:
                self.serves.setdefault(child, []).append(parent)
        self.initiatives = conn.execute(
            select(Initiative.id, Initiative.ref, Initiative.title, Initiative.budget,
                   Initiative.effort, Initiative.node_id, Initiative.closes_dimension_id,
                   Initiative.initiative_kind)
            .order_by(Initiative.position, Initiative.id)).all()
        projects = [i for i in self.initiatives if i.initiative_kind is not InitiativeKind.BAU]
        budgets = [i.budget for i in projects if i.budget]
        efforts = [i.effort for i in projects if i.effort]
        self.budget = round(statistics.median(budgets), -3) if budgets else None
        self.effort = float(round(statistics.median(efforts))) if efforts else None

    def choices(self) -> list[tuple[int, str]]:
        """Return every objective and key result an enabler could enable, in outline order."""
        return [(row.id, _label(row.ref, row.title, row.id)) for row in self.targets.values()]

    def links_for(self, dimension: int | None, node: int | None, enabler: int) -> list[int]:
        """Return what an enabler closing ``dimension`` should enable, from the cascade.

        The key results served by initiatives that build the same capability rely on it;
        when nothing builds it yet, the objectives owned where the enabler sits (or, when
        it sits nowhere, every owned objective) need it.
        """
        builders = [i.id for i in self.initiatives
                    if i.id != enabler and dimension is not None
                    and i.closes_dimension_id == dimension]
        found = [p for b in builders for p in self.serves.get(b, [])
                 if self.targets[p].type is ElementType.KEY_RESULT]
        if not found:
            nodes = {node} if node else {row.node_id for row in self.targets.values()
                                         if row.node_id}
            found = [row.id for row in self.targets.values()
                     if row.type is ElementType.OBJECTIVE and row.node_id in nodes]
        return list(dict.fromkeys(found))

    @staticmethod
    def duration(gap: float | None) -> int:
        """Return a first duration: a quarter per level of gap, from two quarters to two years."""
        return max(2, min(8, round(gap or 0)))


def enabler_proposals(conn: Connection, ids: Sequence[int] | None = None) -> list[EnablerProposal]:
    """Return each enabler made from a gap with what it enables and its estimates.

    What it enables is what is stored, or the cascade's proposal when nothing is; a
    missing estimate is the median of the workshop's costed projects, and a quarter per
    level of gap.
    """
    context = EnablerContext(conn)
    dimensions = dict(conn.execute(select(Dimension.id, Dimension.name)).all())
    timings = dict(conn.execute(select(InitiativeTiming.initiative_id,
                                       InitiativeTiming.duration)).all())
    out = []
    for row in context.initiatives:
        if row.closes_dimension_id is None or (ids is not None and row.id not in ids):
            continue
        stored = context.serves.get(row.id, [])
        gap = _gap_levels(conn, row.id)
        out.append(EnablerProposal(
            row.id, _label(row.ref, row.title, row.id),
            dimensions.get(row.closes_dimension_id, ""), context.choices(),
            stored or context.links_for(row.closes_dimension_id, row.node_id, row.id),
            row.budget if row.budget is not None else context.budget,
            row.effort if row.effort is not None else context.effort,
            timings.get(row.id) or context.duration(gap)))  # fmt: skip
    return out


def _gap_levels(conn: Connection, initiative: int) -> float | None:
    """Return the gap an enabler's description records ("a gap of N"), if it does."""
    text = conn.execute(select(Element.description).where(Element.id == initiative)).scalar()
    found = re.search(r"a gap of (\d+(?:\.\d+)?)", text or "")
    return float(found.group(1)) if found else None


def confirm_enablers(workspace: Workspace,
                     choices: Mapping[int, tuple[Sequence[int], float | None, float | None,
                                                 int | None]]) -> None:
    """Link each enabler to what it enables and give it its estimates, as one undoable edit.

    ``choices`` maps an enabler's id to (objectives and key results it enables, budget,
    effort, duration in quarters). Each link is an alignment link from the enabler up to
    the element it enables, so strategic alignment scores it like any other initiative.
    """
    from bigdesk.domain.cascade import link_problem
    from bigdesk.domain.fields import element_field

    label = "Confirm enablers"
    edits: list[Edit] = []
    with workspace.read() as conn:
        kinds = dict(conn.execute(select(Element.id, Element.type)).all())
        existing = {(p, c): i for i, p, c in conn.execute(
            select(Alignment.id, Alignment.parent_id, Alignment.child_id))}  # fmt: skip
        for enabler, (targets, budget, effort, duration) in choices.items():
            if kinds.get(enabler) is not ElementType.INITIATIVE:
                raise EditRejectedError("An enabler is an initiative: that one no longer exists.")
            wanted = set(targets)
            for target in wanted:
                kind = kinds.get(target)
                if kind is None:
                    raise EditRejectedError("An objective or key result chosen no longer exists.")
                problem = link_problem(kind, ElementType.INITIATIVE)
                if problem:
                    raise EditRejectedError(problem)
                if (target, enabler) not in existing:
                    position = next_position(conn, Alignment, parent_id=target)
                    edits.append(InsertRow(Alignment, {"parent_id": target, "child_id": enabler,
                                                       "position": position}, label))
            for (parent, child), link in existing.items():
                if child == enabler and parent not in wanted and kinds.get(parent) in (
                        ElementType.OBJECTIVE, ElementType.KEY_RESULT):
                    edits.append(DeleteRow(Alignment, link, label))
            values = {"budget": element_field("budget").clean(budget),
                      "effort": element_field("effort").clean(effort)}
            edits.append(SetValues(Element, enabler, values, label))
            duration = field_of(InitiativeTiming, "duration").clean(duration)
            edits.append(_timing_edit(conn, enabler, {"duration": duration}, label))
    if edits:
        workspace.do(Batch(tuple(edits), label))


# ---------------------------------------------------------------- the decision


def decision_edit(conn: Connection, planned: Planned) -> Edit:
    """Return the edit that stores ``planned`` as the accepted plan, replacing any before it."""
    result = planned.plan
    if result is None:
        raise EditRejectedError(" ".join(planned.errors) or "There is no plan to accept.")
    label = "Accept plan"
    edits: list[Edit] = [DeleteRow(PlanDecision, old, label) for old in
                         conn.execute(select(PlanDecision.id)).scalars()]  # fmt: skip
    decision = next_id(conn, PlanDecision)
    horizon = result.problem.horizon
    scope = planned.analysis.data.scope
    scope_name = "" if scope is None else conn.execute(
        select(AccountabilityNode.name).where(AccountabilityNode.id == scope)).scalar() or ""
    edits.append(InsertRow(PlanDecision, {
        "id": decision, "accepted_at": dt.datetime.now().replace(microsecond=0),
        "scope": scope_name, "proven_optimal": result.proven_optimal, "gap": result.gap,
        "objective": round(result.objective, 6), "horizon_start": horizon.first,
        "horizon_quarters": horizon.quarters}, label))  # fmt: skip
    edits += [InsertRow(PlanEntry, {
        "decision_id": decision, "initiative_id": planned.initiative_id(i),
        "starts_on": horizon.start(result.starts[i]),
        "ends_on": horizon.end(result.finish(i))}, label) for i in result.chosen()]  # fmt: skip
    return Batch(tuple(edits), label)


def accept_plan(workspace: Workspace, planned: Planned) -> None:
    """Store the plan as the room's decision, replacing any accepted before, as one edit."""
    with workspace.read() as conn:
        edit = decision_edit(conn, planned)
    workspace.do(edit)
