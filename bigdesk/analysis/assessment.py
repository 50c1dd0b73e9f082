"""Statistics of the current-state assessment: spread, disagreement, gaps and re-baselining."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.model import (
    NOT_APPLICABLE,
    Confidence,
    Consensus,
    Dimension,
    DimensionGroup,
    Initiative,
    Person,
    PersonKind,
    Score,
    Workshop,
)

# -- scores this many levels apart (or more) mean the room should talk before agreeing
DISAGREEMENT_LEVELS = 2


@dataclass(frozen=True)
class DimensionRef:
    """A dimension as the statistics see it: where it sits and what it is called."""

    id: int
    key: str
    name: str
    group_id: int
    group: str


@dataclass(frozen=True)
class Agreed:
    """The facilitator's consensus for one dimension."""

    current: int | None = None
    target: int | None = None
    evidence: str = ""
    confidence: Confidence | None = None


@dataclass
class Assessment:
    """Everything the statistics need, loaded once and updated cell by cell by the app."""

    groups: list[tuple[int, str]]
    dimensions: list[DimensionRef]
    # -- participants' ids in their listed order
    participants: list[int]
    # -- (person id, dimension id) -> (current, target); 0 means not applicable
    scores: dict[tuple[int, int], tuple[int | None, int | None]] = field(default_factory=dict)
    consensus: dict[int, Agreed] = field(default_factory=dict)

    def levels(self, dimension_id: int, which: str) -> list[int | None]:
        """Return every participant's ``which`` ("current" or "target") level for a dimension."""
        slot = 0 if which == "current" else 1
        return [self.scores.get((p, dimension_id), (None, None))[slot] for p in self.participants]


def load_assessment(conn: Connection) -> Assessment:
    """Read the workshop's framework, participants, scores and consensus."""
    groups = [(gid, name) for gid, name in conn.execute(
        select(DimensionGroup.id, DimensionGroup.name)
        .order_by(DimensionGroup.position, DimensionGroup.id))]
    group_names = dict(groups)
    group_order = {gid: i for i, (gid, _) in enumerate(groups)}
    rows = conn.execute(select(Dimension.id, Dimension.key, Dimension.name, Dimension.group_id,
                               Dimension.position)).all()
    rows = sorted(rows, key=lambda r: (group_order.get(r.group_id, len(groups)), r.position, r.id))
    dimensions = [DimensionRef(r.id, r.key, r.name, r.group_id, group_names.get(r.group_id, ""))
                  for r in rows]
    participants = list(conn.execute(
        select(Person.id).where(Person.kind == PersonKind.PARTICIPANT)
        .order_by(Person.position, Person.id)).scalars())
    return Assessment(groups, dimensions, participants, load_scores(conn),
                      load_consensus(conn))


def load_scores(conn: Connection, ids: Sequence[int] | None = None,
                ) -> dict[tuple[int, int], tuple[int | None, int | None]]:
    """Return (current, target) by (person id, dimension id): every score, or those of ``ids``."""
    statement = select(Score.person_id, Score.dimension_id, Score.current, Score.target)
    if ids is not None:
        statement = statement.where(Score.id.in_(list(ids)))
    return {(p, d): (c, t) for p, d, c, t in conn.execute(statement)}


def load_consensus(conn: Connection) -> dict[int, Agreed]:
    """Return the facilitator's consensus by dimension id."""
    return {r.dimension_id: Agreed(r.current, r.target, r.evidence, r.confidence)
            for r in conn.execute(select(Consensus.dimension_id, Consensus.current,
                                         Consensus.target, Consensus.evidence,
                                         Consensus.confidence))}


@dataclass(frozen=True)
class LevelStatistics:
    """The spread of one set of levels (not applicable and unscored left out)."""

    n: int = 0
    median: float | None = None
    low: int | None = None
    high: int | None = None
    iqr: float | None = None
    not_applicable: int = 0

    @property
    def spread(self) -> int | None:
        """Return the range: highest minus lowest level."""
        return None if self.low is None or self.high is None else self.high - self.low


def level_statistics(levels: Iterable[int | None]) -> LevelStatistics:
    """Return the median, range and interquartile range of ``levels``."""
    given = [level for level in levels if level is not None]
    values = sorted(level for level in given if level != NOT_APPLICABLE)
    not_applicable = len(given) - len(values)
    if not values:
        return LevelStatistics(not_applicable=not_applicable)
    if len(values) == 1:
        iqr = 0.0
    else:
        # -- "inclusive" interpolates like a spreadsheet's QUARTILE.INC
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        iqr = q3 - q1
    return LevelStatistics(len(values), float(statistics.median(values)), values[0], values[-1],
                           iqr, not_applicable)


def _level(value: int | None) -> int | None:
    return None if value is None or value == NOT_APPLICABLE else value


@dataclass(frozen=True)
class DimensionStatistics:
    """The room's view of one dimension: spread, consensus and the gap to close."""

    dimension: DimensionRef
    current: LevelStatistics
    target: LevelStatistics
    agreed: Agreed | None

    @property
    def disagreement(self) -> int:
        """Return the widest range of current or target levels."""
        return max(self.current.spread or 0, self.target.spread or 0)

    @property
    def flagged(self) -> bool:
        """Return whether scores differ by two levels or more."""
        return self.disagreement >= DISAGREEMENT_LEVELS

    @property
    def has_consensus(self) -> bool:
        """Return whether the room agreed a current level (not applicable counts)."""
        return self.agreed is not None and self.agreed.current is not None

    @property
    def current_level(self) -> float | None:
        """Return the agreed current level, else the median."""
        if self.agreed is not None and self.agreed.current is not None:
            return _level(self.agreed.current)
        return self.current.median

    @property
    def target_level(self) -> float | None:
        """Return the agreed target level, else the median."""
        if self.agreed is not None and self.agreed.target is not None:
            return _level(self.agreed.target)
        return self.target.median

    @property
    def gap(self) -> float | None:
        """Return target minus current level, when both are known."""
        current, target = self.current_level, self.target_level
        return None if current is None or target is None else target - current


def dimension_statistics(assessment: Assessment, dimension: DimensionRef) -> DimensionStatistics:
    """Return the statistics of one dimension."""
    return DimensionStatistics(
        dimension,
        level_statistics(assessment.levels(dimension.id, "current")),
        level_statistics(assessment.levels(dimension.id, "target")),
        assessment.consensus.get(dimension.id),
    )


def assessment_statistics(assessment: Assessment) -> list[DimensionStatistics]:
    """Return the statistics of every dimension, in framework order."""
    return [dimension_statistics(assessment, d) for d in assessment.dimensions]


def by_disagreement(rows: Sequence[DimensionStatistics]) -> list[DimensionStatistics]:
    """Return ``rows`` widest disagreement first (ties: wider IQR, then framework order)."""
    order = {id(row): i for i, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (-r.disagreement,
                                       -max(r.current.iqr or 0, r.target.iqr or 0),
                                       order[id(r)]))


def by_gap(rows: Sequence[DimensionStatistics]) -> list[DimensionStatistics]:
    """Return the rows that have a gap, largest first (ties keep framework order)."""
    with_gap = [r for r in rows if r.gap is not None]
    return sorted(with_gap, key=lambda r: -(r.gap or 0.0))


# ---------------------------------------------------------------- re-baselining


@dataclass(frozen=True)
class DimensionChange:
    """How one dimension moved between an earlier assessment and this one."""

    key: str
    name: str
    group: str
    # -- "both": in both workshops; "new": only in this one; "dropped": only in the other
    status: str
    before_current: float | None
    now_current: float | None
    before_target: float | None
    now_target: float | None

    @property
    def current_change(self) -> float | None:
        """Return this workshop's current level minus the other's."""
        if self.before_current is None or self.now_current is None:
            return None
        return self.now_current - self.before_current

    @property
    def target_change(self) -> float | None:
        """Return this workshop's target level minus the other's."""
        if self.before_target is None or self.now_target is None:
            return None
        return self.now_target - self.before_target


def compare_assessments(before: Assessment, now: Assessment) -> list[DimensionChange]:
    """Match dimensions by key and report each one's change (consensus, else median)."""
    then = {s.dimension.key: s for s in assessment_statistics(before)}
    changes = []
    seen = set()
    for stat in assessment_statistics(now):
        key = stat.dimension.key
        seen.add(key)
        old = then.get(key)
        changes.append(DimensionChange(
            key, stat.dimension.name, stat.dimension.group, "both" if old else "new",
            old.current_level if old else None, stat.current_level,
            old.target_level if old else None, stat.target_level,
        ))  # fmt: skip
    for key, old in then.items():
        if key not in seen:
            changes.append(DimensionChange(key, old.dimension.name, old.dimension.group,
                                           "dropped", old.current_level, None,
                                           old.target_level, None))
    return changes


@dataclass(frozen=True)
class Rebaseline:
    """A comparison with another workshop file's assessment."""

    other_path: Path
    other_title: str
    other_client: str
    other_date: str
    changes: list[DimensionChange]


def rebaseline(conn: Connection, other: Path | str) -> Rebaseline:
    """Compare this workshop's assessment with the one in the workshop file ``other``.

    The other file is opened read-only and never changed; raises the store's
    WorkshopFileError when it cannot be opened.
    """
    from bigdesk.store import open_workshop

    other = Path(other)
    store = open_workshop(other, read_only=True)
    try:
        with store.read() as other_conn:
            before = load_assessment(other_conn)
            title, client, when = other_conn.execute(
                select(Workshop.title, Workshop.client_organisation, Workshop.session_date)
                .where(Workshop.id == 1)).one()
    finally:
        store.close()
    return Rebaseline(other, title, client, when.isoformat() if when else "",
                      compare_assessments(before, load_assessment(conn)))


# ---------------------------------------------------------------- enablers first


def enabler_candidates(conn: Connection, rows: Sequence[DimensionStatistics],
                       count: int) -> list[DimensionStatistics]:
    """Return the ``count`` dimensions with the largest positive gaps and no enabler yet."""
    covered = set(conn.execute(select(Initiative.closes_dimension_id)
                               .where(Initiative.closes_dimension_id.is_not(None))).scalars())
    open_gaps = [r for r in by_gap(rows) if (r.gap or 0) > 0 and r.dimension.id not in covered]
    return open_gaps[:count]


# ---------------------------------------------------------------- findings


def _range_text(stat: LevelStatistics) -> str:
    return f"{stat.low}–{stat.high}"


@rule
def assessment_findings(conn: Connection) -> Iterator[Finding]:
    """Flag scored dimensions with no consensus yet and dimensions whose scores disagree."""
    assessment = load_assessment(conn)
    for stat in assessment_statistics(assessment):
        name = stat.dimension.name or stat.dimension.key
        element = f"dimension:{stat.dimension.id}"
        scored = (stat.current.n + stat.current.not_applicable
                  + stat.target.n + stat.target.not_applicable) > 0
        if scored and not stat.has_consensus:
            yield Finding("dimension-without-consensus", Severity.INFO,
                          f"“{name}” has scores but no agreed level yet.", element)
        if stat.flagged:
            parts = [f"{label} {_range_text(s)}" for label, s in
                     (("current", stat.current), ("target", stat.target))
                     if (s.spread or 0) >= DISAGREEMENT_LEVELS]
            detail = ", ".join(parts)
            if stat.has_consensus:
                yield Finding("dimension-disagreement", Severity.INFO,
                              f"Scores for “{name}” differ by {stat.disagreement} levels "
                              f"({detail}); the room has agreed a level.", element)
            else:
                yield Finding("dimension-disagreement", Severity.WARNING,
                              f"Scores for “{name}” differ by {stat.disagreement} levels "
                              f"({detail}); discuss before agreeing a level.", element)
