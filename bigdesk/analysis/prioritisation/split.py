"""Run and Change: how budget and effort divide between Run, Grow and Transform."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bigdesk.analysis.prioritisation.data import InitiativeInfo
from bigdesk.model import Portfolio

# -- the order of the split in every table and chart; None is "not classed yet"
CLASSES: tuple[Portfolio | None, ...] = (Portfolio.RUN, Portfolio.GROW, Portfolio.TRANSFORM, None)
CLASS_NAMES = {Portfolio.RUN: "Run", Portfolio.GROW: "Grow", Portfolio.TRANSFORM: "Transform",
               None: "Not classed"}  # fmt: skip


@dataclass(frozen=True)
class SplitLine:
    """One class of work: its budget and effort, and their shares in percent."""

    portfolio: Portfolio | None
    budget: float
    effort: float
    budget_share: float
    effort_share: float

    @property
    def name(self) -> str:
        """Return the class's name: Run, Grow, Transform or Not classed."""
        return CLASS_NAMES[self.portfolio]


def split(initiatives: Sequence[InitiativeInfo]) -> list[SplitLine]:
    """Return the budget and effort of ``initiatives`` by class, with percentages."""
    budget = {c: 0.0 for c in CLASSES}
    effort = {c: 0.0 for c in CLASSES}
    for initiative in initiatives:
        budget[initiative.portfolio] += initiative.budget or 0.0
        effort[initiative.portfolio] += initiative.effort or 0.0
    total_budget = sum(budget.values())
    total_effort = sum(effort.values())
    return [
        SplitLine(c, budget[c], effort[c],
                  100 * budget[c] / total_budget if total_budget else 0.0,
                  100 * effort[c] / total_effort if total_effort else 0.0)
        for c in CLASSES
        if c is not None or budget[c] or effort[c]
    ]  # fmt: skip


@dataclass(frozen=True)
class RunChange:
    """The split of all initiatives in scope, of the selected portfolio, and the target."""

    current: list[SplitLine]
    selected: list[SplitLine] | None
    # -- percent per class as the executives set it (None: not set)
    target: dict[Portfolio, float | None]

    def target_problem(self) -> str | None:
        """Return what is wrong with the target split, if anything."""
        given = [v for v in self.target.values() if v is not None]
        if not given:
            return None
        if any(v < 0 for v in given):
            return "A target share is negative."
        total = sum(given)
        if len(given) == len(self.target) and abs(total - 100) > 0.5:
            return f"The target split adds up to {total:g} %, not 100 %."
        return None
