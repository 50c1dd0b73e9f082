"""What moved since the last session: the Review step's numbers, read in one pass.

A follow-up session keeps its predecessor's baseline (``PreviousSession``); the review
sets it beside the session as it stands: key results against the straight line from
where they stood to their target, what is overdue, RAID items opened and closed,
capability medians then and now, the decisions recorded since, and what changed in the
sponsor pitch and mandate, with the versions agreed since.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.assessment import level_statistics, load_assessment
from bigdesk.analysis.cascade_health import DONE_STATUSES
from bigdesk.analysis.mandate import (
    MANDATE_PARTS,
    PITCH_PARTS,
    agreed_parts,
    mandate_versions,
    parts_changed,
)
from bigdesk.analysis.tracking import reference_day
from bigdesk.domain.cascade import MEASURED
from bigdesk.domain.fields import field_of
from bigdesk.model import (
    Direction,
    Element,
    ElementType,
    Mandate,
    Milestone,
    MilestoneStatus,
    PreviousSession,
    RaidItem,
    RaidKind,
    RaidStatus,
    SponsorPitch,
)

# -- the words for each part of the pitch and the mandate
PART_LABELS = {**{k: field_of(SponsorPitch, k).label for k in PITCH_PARTS},
               **{k: field_of(Mandate, k).label for k in MANDATE_PARTS}}
# -- how far from the line a reading may be, as a share of the whole distance, and still
#    count as on it
ON_LINE = 0.05
# -- the verdicts of a measure judged against its line, and those of one behind it
JUDGED_VERDICTS = frozenset({"ahead", "on track", "behind", "off target"})
LAGGING_VERDICTS = frozenset({"behind", "off target"})


@dataclass(frozen=True)
class Trajectory:
    """A key result or benefit beside the line from where it stood last time to its target."""

    element_id: int
    label: str
    unit: str
    then: float | None
    now: float | None
    expected: float | None
    target: float | None
    due: dt.date | None
    # -- "ahead", "on track", "behind", or why there is no verdict
    verdict: str


@dataclass(frozen=True)
class Overdue:
    """Something due before this session and not done."""

    kind: str
    label: str
    due: dt.date
    # -- "table:id", so the app can go to it
    where: str


@dataclass(frozen=True)
class RaidMove:
    """A RAID item opened or closed since the last session."""

    kind: str
    title: str
    status: str


@dataclass(frozen=True)
class Capability:
    """One dimension's median levels then and now."""

    key: str
    name: str
    then_current: float | None
    now_current: float | None
    then_target: float | None
    now_target: float | None


@dataclass(frozen=True)
class Review:
    """Everything the Review step shows."""

    previous_title: str
    previous_date: dt.date | None
    previous_path: str
    today: dt.date
    trajectories: list[Trajectory]
    overdue: list[Overdue]
    opened: list[RaidMove]
    closed: list[RaidMove]
    capabilities: list[Capability]
    decisions: list[RaidMove]
    # -- (part, then, now) of each part of the pitch or mandate changed since
    mandate_changes: list[tuple[str, str, str]]
    # -- (day, by whom) of each version of the mandate agreed since
    mandate_agreed: list[tuple[dt.date, str]]
    baseline: dict[str, Any]


def _label(ref: str | None, title: str) -> str:
    return f"{ref} {title}".strip() if ref else title


def previous_session(conn: Connection) -> PreviousSession | None:
    """Return the record of the session this one follows, if it follows one."""
    from bigdesk.store import fetch

    found = fetch(conn, select(PreviousSession).order_by(PreviousSession.id))
    return found[-1] if found else None


def review(conn: Connection) -> Review | None:
    """Return what moved since the session this one follows (None: it follows none)."""
    previous = previous_session(conn)
    if previous is None:
        return None
    try:
        baseline: dict[str, Any] = json.loads(previous.baseline or "{}")
    except ValueError:
        baseline = {}
    if not isinstance(baseline, dict):
        baseline = {}
    today = reference_day(conn)
    start = previous.session_date or previous.started_on or today
    then = baseline.get("mandate")
    changed = parts_changed({k: str(v) for k, v in then.items()}, agreed_parts(conn)) \
        if isinstance(then, dict) else []
    agreed = [(v.agreed_on, v.agreed_by) for v in mandate_versions(conn)
              if previous.session_date is None or v.agreed_on > previous.session_date]
    return Review(previous.title, previous.session_date, previous.path, today,
                  _trajectories(conn, baseline, start, today), _overdue(conn, today),
                  *_raid(conn, baseline), _capabilities(conn, baseline),
                  _decisions(conn, baseline), [(PART_LABELS[k], a, b) for k, a, b in changed],
                  agreed, baseline)


def _trajectories(conn: Connection, baseline: dict[str, Any], start: dt.date,
                  today: dt.date) -> list[Trajectory]:  # fmt: skip
    rows = baseline.get("rows", {}) if isinstance(baseline.get("rows"), dict) else {}
    e = Element.__table__.c
    found = []
    for row in conn.execute(select(e.id, e.ref, e.title, e.unit, e.baseline, e.target, e.current,
                                   e.due, e.direction)
                            .where(e.type.in_([k.value for k in MEASURED]))
                            .order_by(e.position, e.id)):
        then_row = rows.get(row.ref or f"E{row.id}", {})
        then = _number(then_row.get("current")) if isinstance(then_row, dict) else None
        if then is None:
            then = row.baseline
        expected = _on_line(then, row.target, start, row.due, today)
        found.append(Trajectory(row.id, _label(row.ref, row.title), row.unit or "", then,
                                row.current, expected, row.target, row.due,
                                _verdict(row, then, expected)))
    return found


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def _on_line(then: float | None, target: float | None, start: dt.date, due: dt.date | None,
             today: dt.date) -> float | None:  # fmt: skip
    """Return where the straight line from ``then`` at ``start`` to ``target`` at ``due``
    stands ``today``."""
    if then is None or target is None or due is None:
        return None
    if due <= start:
        return target
    share = min(1.0, max(0.0, (today - start).days / (due - start).days))
    return then + (target - then) * share


def _verdict(row: Any, then: float | None, expected: float | None) -> str:
    if row.target is None:
        return "no target"
    if row.current is None:
        return "no reading"
    if expected is None:
        return "no due date" if row.due is None else "no starting value"
    up = row.direction is not Direction.DECREASE and (
        row.direction is Direction.INCREASE or then is None or row.target >= then)
    distance = abs(row.target - then) if then is not None else 0.0
    if row.direction is Direction.MAINTAIN:
        return "on track" if abs(row.current - row.target) <= ON_LINE * max(
            abs(row.target), 1.0) else "off target"
    ahead = row.current - expected if up else expected - row.current
    if abs(ahead) <= ON_LINE * distance:
        return "on track"
    return "ahead" if ahead > 0 else "behind"


def _overdue(conn: Connection, today: dt.date) -> list[Overdue]:
    found = []
    e = Element.__table__.c
    for row in conn.execute(select(e.id, e.type, e.ref, e.title, e.due, e.ends_on, e.status,
                                   e.progress).order_by(e.position, e.id)):
        due = row.due or (row.ends_on if row.type == ElementType.INITIATIVE else None)
        done = (row.progress or 0) >= 100 or row.status.strip().casefold() in DONE_STATUSES
        if due is not None and due < today and not done:
            found.append(Overdue(row.type.value.replace("_", " "), _label(row.ref, row.title),
                                 due, f"element:{row.id}"))
    for item in conn.execute(select(RaidItem.id, RaidItem.kind, RaidItem.title,
                                    RaidItem.due_date)
                             .where(RaidItem.status != RaidStatus.CLOSED,
                                    RaidItem.due_date < today)):
        found.append(Overdue(item.kind.value, item.title, item.due_date,
                             f"raid_item:{item.id}"))
    for milestone in conn.execute(select(Milestone.id, Milestone.name, Milestone.due)
                                  .where(Milestone.status.in_([MilestoneStatus.PLANNED,
                                                               MilestoneStatus.AT_RISK]),
                                         Milestone.due < today)):
        found.append(Overdue("milestone", milestone.name, milestone.due,
                             f"milestone:{milestone.id}"))
    return sorted(found, key=lambda o: o.due)


def _raid(conn: Connection, baseline: dict[str, Any]) -> tuple[list[RaidMove], list[RaidMove]]:
    carried = {i for i in baseline.get("open_raid", []) if isinstance(i, int)}
    items = conn.execute(select(RaidItem.id, RaidItem.kind, RaidItem.title, RaidItem.status)
                         .order_by(RaidItem.position, RaidItem.id)).all()
    opened = [RaidMove(i.kind.value, i.title, i.status.value) for i in items
              if i.id not in carried and i.kind is not RaidKind.DECISION]
    closed = [RaidMove(i.kind.value, i.title, i.status.value) for i in items
              if i.id in carried and i.status is RaidStatus.CLOSED]
    return opened, closed


def _decisions(conn: Connection, baseline: dict[str, Any]) -> list[RaidMove]:
    carried = {i for i in baseline.get("open_raid", []) if isinstance(i, int)}
    return [RaidMove(i.kind.value, i.title, i.status.value) for i in conn.execute(
        select(RaidItem.id, RaidItem.kind, RaidItem.title, RaidItem.status)
        .where(RaidItem.kind == RaidKind.DECISION).order_by(RaidItem.position, RaidItem.id))
        if i.id not in carried]


def _capabilities(conn: Connection, baseline: dict[str, Any]) -> list[Capability]:
    then = baseline.get("medians", {}) if isinstance(baseline.get("medians"), dict) else {}
    assessment = load_assessment(conn)
    found = []
    for dimension in assessment.dimensions:
        old = then.get(dimension.key)
        levels = old[1] if isinstance(old, list) and len(old) == 2 and isinstance(
            old[1], dict) else {}
        found.append(Capability(
            dimension.key, dimension.name, _number(levels.get("current")),
            level_statistics(assessment.levels(dimension.id, "current")).median,
            _number(levels.get("target")),
            level_statistics(assessment.levels(dimension.id, "target")).median))
    return found
