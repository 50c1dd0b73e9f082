"""Everything prioritisation reads from a workshop, for the whole portfolio or one node."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from bigdesk.analysis.prioritisation.alignment import Link, strategic_alignment
from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Criterion,
    CriterionDirection,
    CriterionScore,
    Dependency,
    DotVote,
    Element,
    ElementType,
    Initiative,
    InitiativePriority,
    MoSCoW,
    PairwiseComparison,
    PlanningSettings,
    Portfolio,
    PrioritisationSettings,
    ResourceDemand,
    ResourceType,
    ScoreScale,
    SelectionRule,
    TargetMode,
)

SETTINGS_ID = 1
# -- the criterion computed from the cascade, never typed in
ALIGNMENT_KEY = "strategic-alignment"
# -- the criterion computed from the room's dot votes, when the votes count as a criterion
DOTS_KEY = "dot-votes"
# -- criteria whose raw numbers are the initiative's own budget and effort (one truth)
INITIATIVE_FIELDS = {"cost": "budget", "effort": "effort"}
ANCHOR_MIN, ANCHOR_MAX = 1, 5


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion as the maths needs it."""

    id: int
    key: str
    name: str
    direction: CriterionDirection
    weight: float
    scale: ScoreScale
    unit: str
    computed: bool

    @property
    def is_cost(self) -> bool:
        """Return whether less of this criterion is better."""
        return self.direction is CriterionDirection.COST


@dataclass(frozen=True)
class InitiativeInfo:
    """An initiative as the maths needs it."""

    id: int
    ref: str
    title: str
    portfolio: Portfolio | None
    budget: float | None
    effort: float | None
    node_id: int | None
    moscow: MoSCoW | None = None
    rule: SelectionRule | None = None

    @property
    def label(self) -> str:
        """Return the reference and title an executive reads, such as "I3 Live tracking"."""
        title = self.title or "(untitled initiative)"
        return f"{self.ref} {title}" if self.ref else title

    def short_label(self, length: int) -> str:
        """Return what a chart writes beside the initiative: its reference, else its title cut
        to ``length`` characters."""
        return self.ref or self.title[:length] or "(untitled)"


@dataclass(frozen=True)
class ResourceInfo:
    """A scarce resource with its capacity (None: not limited)."""

    id: int
    name: str
    unit: str
    capacity: float | None


@dataclass(frozen=True)
class Settings:
    """The workshop's prioritisation settings, with defaults when none are stored."""

    budget: float | None = None
    dots_per_participant: int = 5
    top_n: int = 5
    perturbation: float = 0.2
    samples: int = 1000
    seed: int = 1
    target_run: float | None = None
    target_grow: float | None = None
    target_transform: float | None = None
    # -- the room's voice and the target as a constraint (planning settings)
    must_is_must_do: bool = True
    wont_is_must_not: bool = True
    votes_break_ties: bool = False
    target_mode: TargetMode = TargetMode.SHOWN
    target_tolerance: float = 5.0

    def target(self) -> dict[Portfolio, float | None]:
        """Return the target split in percent by portfolio."""
        return {Portfolio.RUN: self.target_run, Portfolio.GROW: self.target_grow,
                Portfolio.TRANSFORM: self.target_transform}  # fmt: skip


@dataclass
class PrioritisationData:
    """The inputs of prioritisation within one scope."""

    scope: int | None
    scope_name: str
    criteria: list[CriterionInfo]
    initiatives: list[InitiativeInfo]
    scores: dict[tuple[int, int], float]
    alignment: dict[int, float]
    votes: dict[tuple[int, int], int]
    resources: list[ResourceInfo]
    demands: dict[tuple[int, int], float]
    # -- (dependent, prerequisite) between initiatives in scope
    dependencies: list[tuple[int, int]]
    comparisons: dict[tuple[int, int], float]
    settings: Settings
    # -- inputs that could not be used as they are, in words
    problems: list[str] = field(default_factory=list)
    _dots: dict[int, int] | None = field(default=None, repr=False, compare=False)

    def raw_value(self, initiative: InitiativeInfo, criterion: CriterionInfo) -> float | None:
        """Return the number entered (or computed) for one initiative against one criterion."""
        if criterion.key == ALIGNMENT_KEY:
            return self.alignment.get(initiative.id, 0.0)
        if criterion.key == DOTS_KEY:
            return float(self.dots(initiative.id))
        field_name = INITIATIVE_FIELDS.get(criterion.key)
        if field_name is not None:
            value: float | None = getattr(initiative, field_name)
            return value
        return self.scores.get((initiative.id, criterion.id))

    def dots(self, initiative_id: int) -> int:
        """Return the dots all participants put on one initiative."""
        if self._dots is None:
            self._dots = {}
            for (_, i), d in self.votes.items():
                self._dots[i] = self._dots.get(i, 0) + d
        return self._dots.get(initiative_id, 0)


def load_settings(conn: Connection) -> Settings:
    """Return the stored settings, or the defaults when the workshop has none yet."""
    names = Settings.__dataclass_fields__
    values = {}
    for table in (PrioritisationSettings, PlanningSettings):
        row = conn.execute(select(table.__table__).where(table.id == SETTINGS_ID)
                           ).mappings().first()  # fmt: skip
        if row is not None:
            values.update({k: v for k, v in row.items() if k in names})
    return Settings(**values)


def load_criteria(conn: Connection) -> list[CriterionInfo]:
    """Return the criteria in their order."""
    rows = conn.execute(
        select(Criterion.id, Criterion.key, Criterion.name, Criterion.direction, Criterion.weight,
               Criterion.scale, Criterion.unit, Criterion.computed)
        .order_by(Criterion.position, Criterion.id)
    ).all()  # fmt: skip
    return [CriterionInfo(*row) for row in rows]


def scope_names(conn: Connection) -> list[tuple[int | None, str]]:
    """Return the scopes prioritisation can work in: the whole portfolio, then every node."""
    nodes = conn.execute(
        select(AccountabilityNode.id, AccountabilityNode.name)
        .order_by(AccountabilityNode.position, AccountabilityNode.id)
    ).all()
    return [(None, "Whole portfolio"), *((n, name or f"Node {n}") for n, name in nodes)]


def load(conn: Connection, scope: int | None = None) -> PrioritisationData:
    """Read the inputs of prioritisation for the whole portfolio or one accountability node.

    In a node's scope only its own initiatives compete, and strategic alignment is
    measured against the objectives the node owns.
    """
    scope_name = "Whole portfolio"
    if scope is not None:
        name = conn.execute(
            select(AccountabilityNode.name).where(AccountabilityNode.id == scope)
        ).scalar()
        if name is None:
            raise PrioritisationError("That accountability node no longer exists.")
        scope_name = name or f"Node {scope}"
    priorities = {
        row.initiative_id: (row.moscow, row.rule)
        for row in conn.execute(select(InitiativePriority.initiative_id, InitiativePriority.moscow,
                                       InitiativePriority.rule))
    }  # fmt: skip
    query = select(Initiative.id, Initiative.ref, Initiative.title, Initiative.portfolio,
                   Initiative.budget, Initiative.effort, Initiative.node_id
                   ).order_by(Initiative.position, Initiative.id)  # fmt: skip
    if scope is not None:
        query = query.where(Initiative.node_id == scope)
    initiatives = [
        InitiativeInfo(row.id, row.ref or "", row.title, row.portfolio, row.budget, row.effort,
                       row.node_id, *priorities.get(row.id, (None, None)))
        for row in conn.execute(query)
    ]  # fmt: skip
    ids = {i.id for i in initiatives}
    problems: list[str] = []
    alignment = _alignment(conn, scope, [i.id for i in initiatives], problems)
    scores = {
        (row.initiative_id, row.criterion_id): row.value
        for row in conn.execute(select(CriterionScore.initiative_id, CriterionScore.criterion_id,
                                       CriterionScore.value))
        if row.initiative_id in ids and row.value is not None and math.isfinite(row.value)
    }  # fmt: skip
    votes = {
        (row.person_id, row.initiative_id): row.dots
        for row in conn.execute(select(DotVote.person_id, DotVote.initiative_id, DotVote.dots))
        if row.initiative_id in ids
    }
    resources = [
        ResourceInfo(*row)
        for row in conn.execute(
            select(ResourceType.id, ResourceType.name, ResourceType.unit, ResourceType.capacity)
            .order_by(ResourceType.position, ResourceType.id)
        )
    ]
    demands = {
        (row.initiative_id, row.resource_type_id): row.amount
        for row in conn.execute(select(ResourceDemand.initiative_id,
                                       ResourceDemand.resource_type_id, ResourceDemand.amount))
        if row.initiative_id in ids
    }  # fmt: skip
    dependencies = [
        (row.dependent_id, row.prerequisite_id)
        for row in conn.execute(select(Dependency.dependent_id, Dependency.prerequisite_id))
        if row.dependent_id in ids and row.prerequisite_id in ids
    ]
    comparisons = {
        (row.first_id, row.second_id): row.value
        for row in conn.execute(select(PairwiseComparison.first_id, PairwiseComparison.second_id,
                                       PairwiseComparison.value))
    }  # fmt: skip
    return PrioritisationData(
        scope, scope_name, load_criteria(conn), initiatives, scores, alignment, votes, resources,
        demands, dependencies, comparisons, load_settings(conn), problems,
    )  # fmt: skip


def _alignment(
    conn: Connection, scope: int | None, initiatives: list[int], problems: list[str]
) -> dict[int, float]:
    links = [Link(*row) for row in conn.execute(
        select(Alignment.parent_id, Alignment.child_id, Alignment.weight))]  # fmt: skip
    if scope is None:
        children = {link.child for link in links}
        roots = [
            element_id
            for element_id, kind in conn.execute(select(Element.id, Element.type)
                                                 .order_by(Element.position, Element.id))
            if kind is not ElementType.INITIATIVE and element_id not in children
        ]  # fmt: skip
    else:
        roots = list(conn.execute(
            select(Element.id).where(Element.type == ElementType.OBJECTIVE,
                                     Element.node_id == scope)
            .order_by(Element.position, Element.id)).scalars())  # fmt: skip
        if initiatives and not roots:
            problems.append("This accountability node owns no objectives, so no initiative "
                            "scores on strategic alignment here.")
    if not roots:
        return dict.fromkeys(initiatives, 0.0)
    try:
        return strategic_alignment(roots, links, initiatives)
    except PrioritisationError as error:
        problems.append(str(error))
        return dict.fromkeys(initiatives, 0.0)
