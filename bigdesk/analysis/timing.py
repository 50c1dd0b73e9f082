"""Timing a running session: shifted start times, timer colours, ahead or behind."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# -- the timer warns when this share of the block's time is left, then again at the second
AMBER_SHARE = 0.20
RED_SHARE = 0.05


class Block(Protocol):
    """What timing needs of an agenda block (an ``AgendaItem`` row)."""

    @property
    def id(self) -> int: ...

    @property
    def duration_minutes(self) -> int: ...

    @property
    def actual_seconds(self) -> int | None: ...


def agenda_schedule(
    items: Sequence[Block], start: dt.time | None
) -> list[tuple[dt.time | None, dt.time | None]]:
    """Return each agenda block's planned start and end, following from the ones before."""
    if start is None:
        return [(None, None)] * len(items)
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start)
    times: list[tuple[dt.time | None, dt.time | None]] = []
    for item in items:
        end = clock + dt.timedelta(minutes=item.duration_minutes)
        times.append((clock.time(), end.time()))
        clock = end
    return times


class TimerPhase(enum.Enum):
    """How urgent the block's timer looks: plenty of time, running short, nearly out, over."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"
    OVER = "over"


def timer_phase(planned_seconds: float, elapsed_seconds: float) -> TimerPhase:
    """Return the timer's phase for a block of ``planned_seconds`` after ``elapsed_seconds``."""
    remaining = planned_seconds - elapsed_seconds
    if remaining < 0 or planned_seconds <= 0:
        return TimerPhase.OVER
    if remaining <= RED_SHARE * planned_seconds:
        return TimerPhase.RED
    if remaining <= AMBER_SHARE * planned_seconds:
        return TimerPhase.AMBER
    return TimerPhase.NORMAL


def clock_text(seconds: float) -> str:
    """Return seconds as ``m:ss`` (or ``h:mm:ss``), with a plus sign when over time."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds) + 0.999) if seconds < 0 else int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def signed_minutes(seconds: float) -> str:
    """Return a difference in time as ``+3 min`` or ``−2 min`` (``on time`` when under half)."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return "on time"
    return f"+{minutes} min" if minutes > 0 else f"\u2212{-minutes} min"


@dataclass(frozen=True)
class BlockTiming:
    """One block as the session stands: when it starts and how long it takes or took."""

    item_id: int
    planned_seconds: int
    # -- recorded when the session moved on; None while the block is current or to come
    actual_seconds: int | None
    # -- what the block counts for in the schedule: actual, elapsed-so-far or planned
    expected_seconds: float
    start: dt.time | None
    end: dt.time | None

    @property
    def difference_seconds(self) -> float | None:
        """Return how much longer (positive) or shorter the block took than planned."""
        if self.actual_seconds is None:
            return None
        return self.actual_seconds - self.planned_seconds


@dataclass(frozen=True)
class SessionTiming:
    """Every block's timing and how far the session is ahead (negative) or behind."""

    blocks: list[BlockTiming]
    behind_seconds: float


def session_timing(
    items: Sequence[Block],
    start: dt.time | None,
    current_id: int | None = None,
    elapsed_seconds: float = 0.0,
) -> SessionTiming:
    """Return when each block starts as the session runs over or under.

    Finished blocks count for their actual length; the current block for its plan,
    or for the time it has taken already once it runs over; later blocks for their
    plan. So every later start time moves as soon as the session slips.
    """
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start) if start is not None else None
    blocks: list[BlockTiming] = []
    behind = 0.0
    for item in items:
        planned = int(item.duration_minutes) * 60
        actual = item.actual_seconds
        if item.id == current_id:
            expected: float = max(planned, elapsed_seconds)
            behind += expected - planned
        elif actual is not None:
            expected = float(actual)
            behind += actual - planned
        else:
            expected = float(planned)
        begin = end = None
        if clock is not None:
            begin = clock.time()
            clock += dt.timedelta(seconds=expected)
            end = clock.time()
        blocks.append(BlockTiming(item.id, planned, actual, expected, begin, end))
    return SessionTiming(blocks, behind)
