"""Session timing: timer colours at 20 and 5 percent, start times that follow the real session."""

from __future__ import annotations

import datetime as dt

import pytest

from bigdesk.analysis.timing import (
    TimerPhase,
    clock_text,
    session_timing,
    signed_minutes,
    timer_phase,
)
from bigdesk.model import AgendaItem


@pytest.mark.parametrize(
    ("elapsed", "phase"),
    [
        (0, TimerPhase.NORMAL),
        (479, TimerPhase.NORMAL),  # -- 121 s of 600 left: just over 20 percent
        (480, TimerPhase.AMBER),  # -- exactly 20 percent left
        (569, TimerPhase.AMBER),
        (570, TimerPhase.RED),  # -- exactly 5 percent left
        (600, TimerPhase.RED),
        (601, TimerPhase.OVER),
    ],
)
def test_timer_turns_amber_at_twenty_and_red_at_five_percent(elapsed: int,
                                                              phase: TimerPhase) -> None:
    assert timer_phase(600, elapsed) is phase


def test_a_block_of_no_length_is_over_at_once() -> None:
    assert timer_phase(0, 0) is TimerPhase.OVER


def test_clock_text() -> None:
    assert clock_text(605) == "10:05"
    assert clock_text(3725) == "1:02:05"
    assert clock_text(-61.5) == "+1:02"
    assert signed_minutes(180) == "+3 min"
    assert signed_minutes(-120) == "\u22122 min"
    assert signed_minutes(20) == "on time"


def _items() -> list[AgendaItem]:
    return [
        AgendaItem(id=1, duration_minutes=10, actual_seconds=13 * 60),
        AgendaItem(id=2, duration_minutes=20, actual_seconds=18 * 60),
        AgendaItem(id=3, duration_minutes=15, actual_seconds=None),
        AgendaItem(id=4, duration_minutes=5, actual_seconds=None),
    ]


def test_start_times_follow_actual_lengths_and_the_current_overrun() -> None:
    start = dt.time(13, 30)
    # -- block 3 is current, 4 minutes in: it still counts for its plan
    timing = session_timing(_items(), start, current_id=3, elapsed_seconds=240)
    starts = [b.start for b in timing.blocks]
    assert starts == [dt.time(13, 30), dt.time(13, 43), dt.time(14, 1), dt.time(14, 16)]
    assert timing.behind_seconds == 3 * 60 - 2 * 60
    assert [b.difference_seconds for b in timing.blocks] == [180, -120, None, None]
    # -- once block 3 runs 2 minutes over, the last block starts 2 minutes later
    late = session_timing(_items(), start, current_id=3, elapsed_seconds=17 * 60)
    assert late.blocks[3].start == dt.time(14, 18)
    assert late.behind_seconds == 60 + 120


def test_without_a_start_time_only_lengths_are_known() -> None:
    timing = session_timing(_items(), None)
    assert all(b.start is None and b.end is None for b in timing.blocks)
    assert timing.behind_seconds == 60
