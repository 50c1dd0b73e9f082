"""Check-ins over time: the latest reading, the trend, and the findings about them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.cascade import measured_progress
from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.domain.cascade import CHECKED_IN, MEASURED, NOUNS
from bigdesk.domain.values import measure_text
from bigdesk.model import (
    AccountabilityNode,
    Benefit,
    Cadence,
    CheckIn,
    Direction,
    Element,
    KeyResult,
    Workshop,
)
from bigdesk.store import Edit, SetRows, fetch

CODES = {
    "check-in-overdue": "a key result or benefit has had no check-in for longer than its node's "
                        "cadence",
    "forecast-misses-target": "on its current trend a key result or benefit misses its target by "
                              "its due date",
}
# -- the longest gap between check-ins each cadence allows, in days
CADENCE_DAYS = {Cadence.DAILY: 1, Cadence.WEEKLY: 7, Cadence.MONTHLY: 31, Cadence.QUARTERLY: 92}


@dataclass(frozen=True)
class Reading:
    """One point of a check-in history: when, and the value read."""

    day: dt.date
    value: float


def order_key(check_in: Any) -> tuple[dt.date, int]:
    """Return the key that puts check-ins in the order they were made (the last is latest)."""
    return (check_in.checked_on, check_in.id or 0)


def history(conn: Connection, element_id: int) -> list[CheckIn]:
    """Return an element's check-ins, earliest first."""
    return fetch(conn, select(CheckIn).where(CheckIn.element_id == element_id)
                 .order_by(CheckIn.checked_on, CheckIn.id))


def any_check_ins(conn: Connection) -> bool:
    """Return whether the workshop holds a check-in."""
    return conn.execute(select(CheckIn.id).limit(1)).first() is not None


def histories(conn: Connection) -> dict[int, list[CheckIn]]:
    """Return every element's check-ins, earliest first, by element id."""
    found: dict[int, list[CheckIn]] = {}
    for row in fetch(conn, select(CheckIn).order_by(CheckIn.checked_on, CheckIn.id)):
        found.setdefault(row.element_id, []).append(row)
    return found


def shown_values(element: Any, latest: Any) -> dict[str, Any]:
    """Return the element's values that its latest check-in sets: current, progress, status.

    ``element`` is an element or a row of its columns; ``latest`` a check-in, stored or
    about to be (anything with its attributes).
    """
    values: dict[str, Any] = {}
    if element.type in MEASURED:
        if latest.value is not None:
            values["current"] = latest.value
        reading = latest.value if latest.value is not None else element.current
        progress = latest.progress if latest.progress is not None else measured_progress(
            element.baseline, element.target, reading)
        values["progress"] = None if progress is None else round(progress, 6)
    else:
        percent = latest.value if latest.value is not None else latest.progress
        if percent is not None:
            values["progress"] = percent
    if latest.status:
        values["status"] = latest.status
    return values


def readings(check_ins: Iterable[Any]) -> list[Reading]:
    """Return the dated values of ``check_ins`` that carry one, earliest first."""
    return sorted((Reading(c.checked_on, c.value) for c in check_ins if c.value is not None),
                  key=lambda r: r.day)


def trend_at(points: Sequence[Reading], day: dt.date) -> float | None:
    """Return the value the least-squares line through ``points`` reaches on ``day``.

    None with fewer than two readings on different days: no trend to follow.
    """
    if len({p.day for p in points}) < 2:
        return None
    xs = [p.day.toordinal() for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (day.toordinal() - mean_x)


def heading_up(element: KeyResult | Benefit, points: Sequence[Reading]) -> bool | None:
    """Return whether the key result's metric should rise (False: fall; None: hold or unknown)."""
    if element.direction is Direction.MAINTAIN or element.target is None:
        return None
    if element.direction is not None:
        return element.direction is Direction.INCREASE
    start = element.baseline if element.baseline is not None else (
        points[0].value if points else None)
    if start is None or start == element.target:
        return None
    return bool(element.target > start)


def forecast_miss(element: KeyResult | Benefit, points: Sequence[Reading]) -> float | None:
    """Return where the trend leaves a key result on its due date, if that misses its target."""
    if element.due is None or element.target is None:
        return None
    up = heading_up(element, points)
    forecast = trend_at(points, element.due)
    if up is None or forecast is None:
        return None
    misses = forecast < element.target if up else forecast > element.target
    return forecast if misses else None


def reference_day(conn: Connection) -> dt.date:
    """Return the day findings measure from: the session's date, or today without one."""
    day = conn.execute(select(Workshop.session_date)).scalar()
    return day if isinstance(day, dt.date) else dt.date.today()


def _at(element_id: int) -> str:
    return f"element:{element_id}"


def _label(element: Element) -> str:
    title = f"“{element.title}”" if element.title else "(untitled)"
    return f"{element.ref} {title}" if element.ref else title


@rule
def tracking_findings(conn: Connection) -> Iterator[Finding]:
    """Find key results left without a check-in too long, and forecasts that miss."""
    found = histories(conn)
    if not found:
        # -- no check-in yet: the workshop is not being followed up, nothing is late
        return
    today = reference_day(conn)
    started = min(rows[0].checked_on for rows in found.values())
    cadences: Mapping[int, Cadence | None] = {node: cadence for node, cadence in conn.execute(
        select(AccountabilityNode.id, AccountabilityNode.cadence))}
    for element in fetch(conn, select(Element).where(Element.type.in_(CHECKED_IN))
                         .order_by(Element.position, Element.id)):
        if not isinstance(element, KeyResult | Benefit):
            continue
        rows = found.get(element.id, [])
        yield from _overdue(element, rows, cadences, today, started)
        miss = forecast_miss(element, readings(rows))
        if miss is not None and element.target is not None:
            yield Finding(
                "forecast-misses-target", Severity.WARNING,
                f"{NOUNS[element.type].capitalize()} {_label(element)} is heading for "
                f"{measure_text(miss, element.unit)} by {element.due:%d %b %Y} on its check-ins "
                f"so far, against a target of {measure_text(element.target, element.unit)}. "
                "Agree what will change, or reset the target.",
                _at(element.id))  # fmt: skip


def _overdue(element: KeyResult | Benefit, rows: Sequence[CheckIn],
             cadences: Mapping[int, Cadence | None], today: dt.date,
             started: dt.date) -> Iterator[Finding]:  # fmt: skip
    cadence = cadences.get(element.node_id) if element.node_id is not None else None
    if cadence is None:
        return
    last = rows[-1].checked_on if rows else None
    since = last or started
    days = (today - since).days
    if days <= CADENCE_DAYS[cadence]:
        return
    noun = NOUNS[element.type].capitalize()
    said = (f"was last checked in on {last:%d %b %Y}" if last
            else f"has had no check-in since check-ins began on {since:%d %b %Y}")
    yield Finding(
        "check-in-overdue", Severity.WARNING,
        f"{noun} {_label(element)} {said}, {days} days ago; its node reviews "
        f"{cadence.value}. Record a check-in.", _at(element.id))


def latest_edits(conn: Connection, after: Mapping[int, Sequence[Any]], label: str) -> list[Edit]:
    """Return the edit that makes each element show its latest check-in (none: no change).

    ``after`` gives, for each element touched, its whole history once the change is
    made (stored rows and rows about to be, each with the id it will have). An element
    left with no check-in keeps what it shows.
    """
    if not after:
        return []
    e = Element.__table__.c
    # -- only the columns a check-in sets or reads: an import touches thousands of elements
    columns = (e.id, e.type, e.baseline, e.target, e.current, e.progress, e.status)
    changes: list[tuple[int, dict[str, Any]]] = []
    wanted = sorted(after)
    for start in range(0, len(wanted), 10_000):
        chunk = wanted[start:start + 10_000]
        for element in conn.execute(select(*columns).where(e.id.in_(chunk)).order_by(e.id)):
            rows = after[element.id]
            if not rows:
                continue
            values = shown_values(element, max(rows, key=order_key))
            changed = {k: v for k, v in values.items() if getattr(element, k) != v}
            if changed:
                changes.append((element.id, changed))
    return [SetRows(Element, tuple(changes), label)] if changes else []
