"""Services of the Prioritise step: one small function per user action, each one undoable edit."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.analysis.people import participant_labels
from bigdesk.analysis.prioritisation import (
    ALIGNMENT_KEY,
    INITIATIVE_FIELDS,
    Analysis,
    PrioritisationError,
    ahp,
    analyse,
    pairwise_matrix,
)
from bigdesk.analysis.prioritisation.data import ANCHOR_MAX, ANCHOR_MIN, SETTINGS_ID
from bigdesk.analysis.prioritisation.weights import check_size
from bigdesk.app.rows import next_position
from bigdesk.domain.fields import MAX_AMOUNT, MAX_EFFORT
from bigdesk.exchange.prioritisation_export import MAX_SCENARIOS, scenario_sheet, scenario_snapshot
from bigdesk.exchange.tabular import Sheet
from bigdesk.model import (
    Criterion,
    CriterionDirection,
    CriterionScore,
    DotVote,
    Element,
    ElementType,
    InitiativePriority,
    MoSCoW,
    PairwiseComparison,
    PrioritisationSettings,
    ResourceDemand,
    ResourceType,
    Scenario,
    ScoreScale,
    SelectionRule,
)
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, Workspace, fetch, reorder
from bigdesk.store.errors import EditRejectedError

# -- the range of a pairwise judgement on Saaty's scale
JUDGEMENT_MIN, JUDGEMENT_MAX = 1 / 9, 9.0
# -- each setting: (lowest, highest, may be left empty)
SETTING_LIMITS: dict[str, tuple[float, float, bool]] = {
    "budget": (0.0, MAX_AMOUNT, True),
    "dots_per_participant": (0, 100, False),
    "top_n": (1, 1000, False),
    "perturbation": (0.0, 0.95, False),
    "samples": (10, 100_000, False),
    "seed": (0, 2**31 - 1, False),
    "target_run": (0.0, 100.0, True),
    "target_grow": (0.0, 100.0, True),
    "target_transform": (0.0, 100.0, True),
}


def _number(value: Any, what: str, low: float, high: float, optional: bool = False) -> Any:
    if value is None:
        if optional:
            return None
        raise EditRejectedError(f"Enter a number for {what}.")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditRejectedError(f"Enter a number for {what}.")
    if not low <= value <= high:
        # -- a cap far beyond any real amount is not worth saying
        upper = "" if high >= MAX_EFFORT else f" and {high:g}"
        raise EditRejectedError(f"Enter {what} between {low:g}{upper}." if upper else
                                f"Enter {what} of {low:g} or more.")
    return value


# ---------------------------------------------------------------- what the step shows


@dataclass(frozen=True)
class Snapshot:
    """Everything the Prioritise step shows, read at once: the analysis and the rows beside it."""

    analysis: Analysis
    # -- participants' ids in their listed order, with the names the room may see
    participants: dict[int, str]
    # -- the stored criteria by id, for what the analysis leaves out (their anchors)
    criteria: dict[int, Criterion]
    resources: list[ResourceType]
    scenarios: list[Scenario]
    # -- the saved scenarios side by side
    comparison: Sheet


def snapshot(conn: Connection, scope: int | None = None) -> Snapshot:
    """Analyse the portfolio (of one accountability node, or all) and read what goes with it.

    Raises PrioritisationError when the inputs cannot be analysed.
    """
    return Snapshot(analyse(conn, scope), participant_labels(conn),
                    {c.id: c for c in criteria(conn)}, resource_types(conn),
                    saved_scenarios(conn), scenario_sheet(conn))


# ---------------------------------------------------------------- settings


def settings_edit(conn: Connection, values: Mapping[str, Any], label: str) -> Edit:
    """Return the edit that sets some settings, creating the settings row if there is none."""
    exists = conn.execute(select(PrioritisationSettings.id)
                          .where(PrioritisationSettings.id == SETTINGS_ID)).first()  # fmt: skip
    if exists is None:
        return InsertRow(PrioritisationSettings, {"id": SETTINGS_ID, **values}, label)
    return SetValues(PrioritisationSettings, SETTINGS_ID, values, label)


def set_setting(workspace: Workspace, column: str, value: Any, label: str) -> None:
    """Change the budget, dots per participant, top N, sensitivity or a target share."""
    if column not in SETTING_LIMITS:
        raise EditRejectedError(f"There is no prioritisation setting called {column!r}.")
    low, high, optional = SETTING_LIMITS[column]
    value = _number(value, column.replace("_", " "), low, high, optional)
    with workspace.read() as conn:
        edit = settings_edit(conn, {column: value}, label)
    workspace.do(edit)


# ---------------------------------------------------------------- criteria


def criteria(conn: Connection) -> list[Criterion]:
    """Return the criteria in their order."""
    return fetch(conn, select(Criterion).order_by(Criterion.position, Criterion.id))


def add_criterion(workspace: Workspace) -> int:
    """Add a 1-to-5 benefit criterion with no weight yet and return its id."""
    with workspace.read() as conn:
        position = next_position(conn, Criterion)
    inverse = workspace.do(InsertRow(Criterion, {
        "position": position, "name": "", "key": "", "weight": 0.0,
        "direction": CriterionDirection.BENEFIT, "scale": ScoreScale.ANCHORED,
        "anchors": "1: \n3: \n5: ", "computed": False}, "Add criterion"))  # fmt: skip
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def set_criterion(workspace: Workspace, criterion: int, column: str, value: Any) -> None:
    """Change a criterion's name, direction, weight, scale, unit or anchors."""
    with workspace.read() as conn:
        row = conn.execute(select(Criterion.key, Criterion.computed)
                           .where(Criterion.id == criterion)).first()  # fmt: skip
    if row is None:
        raise EditRejectedError("That criterion no longer exists.")
    if column == "weight":
        value = _number(value, "a weight", 0.0, MAX_EFFORT)
    elif column == "direction":
        value = CriterionDirection(value)
    elif column == "scale":
        value = ScoreScale(value)
        if row.computed or row.key in INITIATIVE_FIELDS:
            raise EditRejectedError("This criterion's numbers come from the initiatives "
                                    "themselves, so its scale is fixed.")  # fmt: skip
    elif column in ("name", "unit", "anchors"):
        value = str(value).strip()
    else:
        raise EditRejectedError(f"A criterion has no field called {column!r}.")
    if column == "direction" and row.computed:
        raise EditRejectedError("Strategic alignment is computed from the cascade: more is "
                                "always better.")  # fmt: skip
    workspace.do(SetValues(Criterion, criterion, {column: value},
                           f"Change criterion {column}"))  # fmt: skip


def remove_criteria(workspace: Workspace, ids: Sequence[int]) -> None:
    """Remove criteria with their scores and comparisons, as one undoable edit."""
    if not ids:
        return
    label = "Remove criterion" if len(ids) == 1 else f"Remove {len(ids)} criteria"
    workspace.do(Batch(tuple(DeleteRow(Criterion, i, label) for i in ids), label))


def move_criterion(workspace: Workspace, criterion: int, offset: int) -> bool:
    """Move a criterion up (negative offset) or down; return whether it moved."""
    with workspace.read() as conn:
        order = [row.id for row in criteria(conn)]
    index = order.index(criterion)
    target = max(0, min(len(order) - 1, index + offset))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    workspace.do(reorder(Criterion, order, "Move criterion"))
    return True


def set_comparison(workspace: Workspace, first: int, second: int, value: float) -> None:
    """Record how much more important ``first`` is than ``second`` and reweigh every criterion.

    The judgement and the new weights (the principal eigenvector, in points out of
    100) are one undoable edit.
    """
    value = _number(value, "a judgement", JUDGEMENT_MIN - 1e-9, JUDGEMENT_MAX + 1e-9)
    if first == second:
        raise EditRejectedError("A criterion is always as important as itself.")
    with workspace.read() as conn:
        ids = [row.id for row in criteria(conn)]
        try:
            check_size(len(ids))
        except PrioritisationError as error:
            raise EditRejectedError(str(error)) from None
        stored = {(r.first_id, r.second_id): (r.id, r.value)
                  for r in conn.execute(select(PairwiseComparison.id, PairwiseComparison.first_id,
                                               PairwiseComparison.second_id,
                                               PairwiseComparison.value))}  # fmt: skip
    label = "Change pairwise comparison"
    edits: list[Edit] = []
    reverse = stored.pop((second, first), None)
    if reverse is not None:
        edits.append(DeleteRow(PairwiseComparison, reverse[0], label))
    current = stored.get((first, second))
    if current is None:
        edits.append(InsertRow(PairwiseComparison,
                               {"first_id": first, "second_id": second, "value": value}, label))
    else:
        edits.append(SetValues(PairwiseComparison, current[0], {"value": value}, label))
    judgements = {pair: v for pair, (_, v) in stored.items()}
    judgements[(first, second)] = value
    result = ahp(pairwise_matrix(ids, judgements))
    edits += [SetValues(Criterion, criterion, {"weight": round(100 * weight, 2)}, label)
              for criterion, weight in zip(ids, result.weights, strict=True)]
    workspace.do(Batch(tuple(edits), label))


def allocate_evenly(workspace: Workspace) -> None:
    """Share the 100 points equally between the criteria (a starting point for the room)."""
    with workspace.read() as conn:
        ids = [row.id for row in criteria(conn)]
    if not ids:
        return
    label = "Share points equally"
    share = round(100 / len(ids), 2)
    workspace.do(Batch(tuple(SetValues(Criterion, i, {"weight": share}, label) for i in ids),
                       label))  # fmt: skip


# ---------------------------------------------------------------- scores


def set_score(workspace: Workspace, initiative: int, criterion: int,
              value: float | None) -> None:
    """Enter (or clear, with None) one initiative's score against one criterion.

    Cost and effort are the initiative's own budget and effort, so entering them
    changes the initiative; strategic alignment is computed and cannot be entered.
    """
    with workspace.read() as conn:
        row = conn.execute(select(Criterion.key, Criterion.scale, Criterion.computed,
                                  Criterion.name).where(Criterion.id == criterion)).first()
        existing = conn.execute(select(CriterionScore.id).where(
            CriterionScore.initiative_id == initiative,
            CriterionScore.criterion_id == criterion)).scalar()  # fmt: skip
    if row is None:
        raise EditRejectedError("That criterion no longer exists.")
    name = row.name or "this criterion"
    if row.computed or row.key == ALIGNMENT_KEY:
        raise EditRejectedError(f"{name} is computed from the cascade: change the alignment "
                                "links in the Map step instead.")  # fmt: skip
    label = f"Score {name.lower()}"
    field = INITIATIVE_FIELDS.get(row.key)
    if field is not None:
        value = _number(value, f"the {field}", 0.0,
                        MAX_AMOUNT if field == "budget" else MAX_EFFORT, optional=True)
        workspace.do(SetValues(Element, initiative, {field: value}, label))
        return
    if value is not None and row.scale is ScoreScale.ANCHORED:
        value = _number(value, "a score", ANCHOR_MIN, ANCHOR_MAX)
        if value != int(value):
            raise EditRejectedError(f"Enter a whole score from {ANCHOR_MIN} to {ANCHOR_MAX}.")
    elif value is not None:
        value = _number(value, "a number", -MAX_AMOUNT, MAX_AMOUNT)
    if value is None:
        if existing is not None:
            workspace.do(DeleteRow(CriterionScore, existing, label))
        return
    if existing is None:
        workspace.do(InsertRow(CriterionScore, {"initiative_id": initiative,
                                                "criterion_id": criterion,
                                                "value": float(value)}, label))  # fmt: skip
    else:
        workspace.do(SetValues(CriterionScore, existing, {"value": float(value)}, label))


def set_budget(workspace: Workspace, initiative: int, value: float | None) -> None:
    """Change an initiative's budget (None: not known)."""
    value = _number(value, "the budget", 0.0, MAX_AMOUNT, optional=True)
    workspace.do(SetValues(Element, initiative, {"budget": value}, "Change budget"))


# ---------------------------------------------------------------- votes and classes


def set_dots(workspace: Workspace, person: int, initiative: int, dots: int,
             label_of_person: str = "This participant") -> None:
    """Put ``dots`` of one participant's dots on one initiative (0 takes them all back)."""
    dots = int(_number(dots, "a number of dots", 0, 1000))
    with workspace.read() as conn:
        allowed = conn.execute(select(PrioritisationSettings.dots_per_participant)).scalar()
        allowed = 5 if allowed is None else int(allowed)
        votes = {r.initiative_id: (r.id, r.dots) for r in conn.execute(
            select(DotVote.id, DotVote.initiative_id, DotVote.dots)
            .where(DotVote.person_id == person))}  # fmt: skip
    used = sum(d for i, (_, d) in votes.items() if i != initiative)
    if used + dots > allowed:
        left = max(0, allowed - used)
        raise EditRejectedError(f"{label_of_person} has {left} of {allowed} dots left.")
    label = "Place dots" if dots else "Take dots back"
    current = votes.get(initiative)
    if current is None:
        if dots:
            workspace.do(InsertRow(DotVote, {"person_id": person, "initiative_id": initiative,
                                             "dots": dots}, label))  # fmt: skip
    elif dots:
        workspace.do(SetValues(DotVote, current[0], {"dots": dots}, label))
    else:
        workspace.do(DeleteRow(DotVote, current[0], label))


def _priority_edit(conn: Connection, initiative: int, values: Mapping[str, Any],
                   label: str) -> Edit:
    existing = conn.execute(select(InitiativePriority.id)
                            .where(InitiativePriority.initiative_id == initiative)).scalar()
    if existing is None:
        return InsertRow(InitiativePriority, {"initiative_id": initiative, **values}, label)
    return SetValues(InitiativePriority, existing, values, label)


def set_moscow(workspace: Workspace, initiative: int, moscow: MoSCoW | None) -> None:
    """Class an initiative as must, should, could or won't have (None: not classed)."""
    with workspace.read() as conn:
        edit = _priority_edit(conn, initiative, {"moscow": moscow}, "Change MoSCoW class")
    workspace.do(edit)


def set_rule(workspace: Workspace, initiative: int, rule: SelectionRule | None) -> None:
    """Make an initiative a must-do or a must-not for the portfolio (None: free choice)."""
    with workspace.read() as conn:
        edit = _priority_edit(conn, initiative, {"rule": rule}, "Change selection rule")
    workspace.do(edit)


# ---------------------------------------------------------------- resources


def resource_types(conn: Connection) -> list[ResourceType]:
    """Return the resource types in their order."""
    return fetch(conn, select(ResourceType).order_by(ResourceType.position, ResourceType.id))


def add_resource_type(workspace: Workspace) -> int:
    """Add a resource type with no capacity limit yet and return its id."""
    with workspace.read() as conn:
        position = next_position(conn, ResourceType)
    inverse = workspace.do(InsertRow(ResourceType, {"position": position, "name": "",
                                                    "unit": "person-days"},
                                     "Add resource type"))  # fmt: skip
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def set_resource(workspace: Workspace, resource: int, column: str, value: Any) -> None:
    """Change a resource type's name, unit or capacity (None: not limited)."""
    if column == "capacity":
        value = _number(value, "a capacity", 0.0, MAX_EFFORT, optional=True)
    elif column in ("name", "unit"):
        value = str(value).strip()
    else:
        raise EditRejectedError(f"A resource type has no field called {column!r}.")
    workspace.do(SetValues(ResourceType, resource, {column: value},
                           f"Change resource {column}"))  # fmt: skip


def remove_resource_types(workspace: Workspace, ids: Sequence[int]) -> None:
    """Remove resource types and their demands as one undoable edit."""
    if ids:
        label = "Remove resource type"
        workspace.do(Batch(tuple(DeleteRow(ResourceType, i, label) for i in ids), label))


def set_demand(workspace: Workspace, initiative: int, resource: int,
               amount: float | None) -> None:
    """Set how much of a resource an initiative needs (None or 0: none)."""
    amount = _number(amount, "an amount", 0.0, MAX_AMOUNT, optional=True)
    with workspace.read() as conn:
        existing = conn.execute(select(ResourceDemand.id).where(
            ResourceDemand.initiative_id == initiative,
            ResourceDemand.resource_type_id == resource)).scalar()  # fmt: skip
    label = "Change resource demand"
    if not amount:
        if existing is not None:
            workspace.do(DeleteRow(ResourceDemand, existing, label))
        return
    if existing is None:
        workspace.do(InsertRow(ResourceDemand, {"initiative_id": initiative,
                                                "resource_type_id": resource,
                                                "amount": float(amount)}, label))  # fmt: skip
    else:
        workspace.do(SetValues(ResourceDemand, existing, {"amount": float(amount)}, label))


# ---------------------------------------------------------------- scenarios


def scenario_count(conn: Connection) -> int:
    """Return how many scenarios are saved."""
    return int(conn.execute(select(func.count()).select_from(Scenario)).scalar_one())


def saved_scenarios(conn: Connection) -> list[Scenario]:
    """Return the saved scenarios in their order."""
    return fetch(conn, select(Scenario).order_by(Scenario.position, Scenario.id))


def save_scenario(workspace: Workspace, name: str, scope: int | None = None) -> int:
    """Save the current weights, constraints and optimal selection under ``name``."""
    name = name.strip()
    if not name:
        raise EditRejectedError("Give the scenario a name.")
    with workspace.read() as conn:
        if scenario_count(conn) >= MAX_SCENARIOS:
            raise EditRejectedError(f"Up to {MAX_SCENARIOS} scenarios can be saved: remove one "
                                    "first.")  # fmt: skip
        snapshot = scenario_snapshot(analyse(conn, scope, explain=False))
        position = next_position(conn, Scenario)
    created = dt.datetime.now().replace(microsecond=0)
    inverse = workspace.do(InsertRow(Scenario, {"position": position, "name": name,
                                                "created_at": created, **snapshot},
                                     "Save scenario"))  # fmt: skip
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def rename_scenario(workspace: Workspace, scenario: int, name: str) -> None:
    """Rename a saved scenario."""
    if not name.strip():
        raise EditRejectedError("Give the scenario a name.")
    workspace.do(SetValues(Scenario, scenario, {"name": name.strip()}, "Rename scenario"))


def restore_scenario(workspace: Workspace, scenario: int) -> None:
    """Put back a saved scenario's weights, budget, capacities and rules, as one edit.

    Criteria, resources and initiatives are matched by key, name or reference; what the
    scenario names but the workshop no longer holds is left alone.
    """
    from bigdesk.exchange.prioritisation_export import scenarios

    label = "Restore scenario"
    with workspace.read() as conn:
        saved = next((s for s in scenarios(conn) if s["id"] == scenario), None)
        if saved is None:
            raise EditRejectedError("That scenario no longer exists.")
        edits: list[Edit] = []
        stored = criteria(conn)
        for weight in saved["weights"] if isinstance(saved["weights"], list) else []:
            if not isinstance(weight, dict):
                continue
            match = next((c for c in stored if (weight.get("key") and c.key == weight["key"])
                          or (not c.key and c.name == weight.get("name"))), None)
            value = weight.get("weight")
            if match is not None and isinstance(value, int | float) and \
                    not isinstance(value, bool) and math.isfinite(value) and value >= 0:
                edits.append(SetValues(Criterion, match.id, {"weight": float(value)}, label))
        constraints = saved["constraints"] if isinstance(saved["constraints"], dict) else {}
        budget = constraints.get("budget")
        if budget is None or (isinstance(budget, int | float) and not isinstance(budget, bool)
                              and math.isfinite(budget) and budget >= 0):
            edits.append(settings_edit(conn, {"budget": budget}, label))
        resources = {r.name: r.id for r in resource_types(conn)}
        for resource in constraints.get("resources") or []:
            if not isinstance(resource, dict) or resource.get("name") not in resources:
                continue
            capacity = resource.get("capacity")
            if capacity is None or (isinstance(capacity, int | float) and
                                    not isinstance(capacity, bool) and capacity >= 0):
                edits.append(SetValues(ResourceType, resources[resource["name"]],
                                       {"capacity": capacity}, label))
        rules = {str(name): SelectionRule.MUST_DO for name in constraints.get("must_do") or []}
        rules.update({str(name): SelectionRule.MUST_NOT
                      for name in constraints.get("must_not") or []})
        priorities = {row.initiative_id: row for row in fetch(conn, select(InitiativePriority))}
        for element in fetch(conn, select(Element).where(Element.type == ElementType.INITIATIVE)):
            wanted = rules.get(element.ref or element.title)
            current = priorities.get(element.id)
            if (current.rule if current else None) is not wanted:
                edits.append(_priority_edit(conn, element.id, {"rule": wanted}, label))
    workspace.do(Batch(tuple(edits), label))


def remove_scenario(workspace: Workspace, scenario: int) -> None:
    """Remove a saved scenario."""
    workspace.do(DeleteRow(Scenario, scenario, "Remove scenario"))
