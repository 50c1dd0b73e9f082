"""The portfolio decision the deck reports: the ranking, the recommended portfolio, its schedule.

The ranking is cheap arithmetic and is worked out here. The portfolio is read,
never solved again: the plan the facilitator accepted holds the initiatives
chosen, how close to optimal they are proven, and when each runs. Why each other
initiative waits is read off that decision against the stored constraints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection

from bigdesk.analysis.planning import stored_plan
from bigdesk.analysis.prioritisation import (
    InitiativeInfo,
    PrioritisationData,
    PrioritisationError,
    Ranking,
    load,
    money,
    rank,
)
from bigdesk.model import SelectionRule


@dataclass(frozen=True)
class Waiting:
    """An initiative left out of the portfolio, and why."""

    initiative: InitiativeInfo
    reason: str


@dataclass(frozen=True)
class Decision:
    """What the deck says about priorities; a part not decided yet is None or empty."""

    data: PrioritisationData
    ranking: Ranking | None
    # -- initiative ids of the recommended portfolio, best value first (None: none decided)
    chosen: list[int] | None = None
    proven_optimal: bool = True
    # -- proven relative distance from the best portfolio (0: proven optimal)
    gap: float = 0.0
    waiting: list[Waiting] = field(default_factory=list)
    # -- initiative id -> first and last day, from the accepted plan
    schedule: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def picked(self) -> list[InitiativeInfo]:
        """Return the initiatives of the portfolio, best value first."""
        if self.chosen is None:
            return []
        by_id = {i.id: i for i in self.data.initiatives}
        return [by_id[i] for i in self.chosen if i in by_id]

    def total_cost(self) -> float:
        """Return what the portfolio costs."""
        return sum(i.budget or 0.0 for i in self.picked())

    def usage(self) -> list[tuple[str, str, float, float]]:
        """Return (resource, unit, used, capacity) for each resource with a capacity."""
        chosen = set(self.chosen or [])
        return [(r.name or "Unnamed resource", r.unit,
                 sum(self.data.demands.get((i, r.id), 0.0) for i in chosen), r.capacity)
                for r in self.data.resources if r.capacity is not None]


def load_decision(conn: Connection) -> Decision:
    """Return the ranking and the accepted portfolio of the workshop behind ``conn``."""
    data = load(conn)
    try:
        ranking = rank(data)
    except (PrioritisationError, ValueError, ArithmeticError) as error:
        # -- numbers the maths refuses (an infinite budget, say) must not stop the deck: the
        #    priorities are left out and say why
        return Decision(data, None, errors=[f"The prioritisation cannot be computed: {error}"])
    accepted = _accepted(conn)
    if accepted is None:
        return Decision(data, ranking)
    chosen, proven, gap, schedule = accepted
    order = {ranking.initiatives[i].id: n for n, i in enumerate(ranking.order)}
    chosen = sorted((i for i in chosen if i in order), key=order.__getitem__)
    decision = Decision(data, ranking, chosen, proven, gap, schedule=schedule)
    return Decision(data, ranking, chosen, proven, gap, why_waiting(decision), schedule)


def _accepted(conn: Connection) -> tuple[list[int], bool, float,
                                         dict[int, tuple[dt.date, dt.date]]] | None:
    """Return the plan the room accepted: its initiative ids, proof, gap and schedule."""
    accepted = stored_plan(conn)
    if accepted is None:
        return None
    return accepted.selected, accepted.proven_optimal, accepted.gap, accepted.schedule


def why_waiting(decision: Decision) -> list[Waiting]:
    """Return each initiative left out, best value first, with the constraint that keeps it out."""
    data, ranking = decision.data, decision.ranking
    if ranking is None or decision.chosen is None:
        return []
    chosen = set(decision.chosen)
    by_id = {i.id: i for i in data.initiatives}
    prerequisites: dict[int, list[int]] = {}
    for dependent, prerequisite in data.dependencies:
        prerequisites.setdefault(dependent, []).append(prerequisite)
    budget = data.settings.budget
    spent = decision.total_cost()
    used = {r.id: sum(data.demands.get((i, r.id), 0.0) for i in chosen) for r in data.resources}
    waiting = []
    for index in ranking.order:
        initiative = ranking.initiatives[index]
        if initiative.id in chosen:
            continue
        missing = [by_id[p].ref or by_id[p].title for p in prerequisites.get(initiative.id, [])
                   if p not in chosen and p in by_id]
        cost = initiative.budget or 0.0
        short = [(r, data.demands.get((initiative.id, r.id), 0.0)) for r in data.resources
                 if r.capacity is not None
                 and data.demands.get((initiative.id, r.id), 0.0) > r.capacity - used[r.id]]
        if initiative.rule is SelectionRule.MUST_NOT:
            reason = "Left out by the room's decision."
        elif missing:
            reason = (f"Waits on {', '.join(missing)}, which "
                      f"{'is' if len(missing) == 1 else 'are'} not in the portfolio.")
        elif budget is not None and cost > budget - spent:
            reason = (f"Needs {money(cost)}; {money(max(budget - spent, 0.0))} of the "
                      f"{money(budget)} budget is left.")
        elif short:
            resource, need = short[0]
            left = max((resource.capacity or 0.0) - used[resource.id], 0.0)
            reason = (f"Needs {need:,.0f} {resource.unit} of {resource.name}; "
                      f"{left:,.0f} are left.")
        elif float(ranking.values[index]) <= 0:
            reason = "Adds no value under the agreed criteria."
        else:
            reason = "Fits alone, but not beside the chosen initiatives, which give more value."
        waiting.append(Waiting(initiative, reason))
    return waiting
