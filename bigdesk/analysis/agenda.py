"""Timing of the agenda: when each block starts and ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any


def agenda_schedule(
    items: Sequence[Mapping[str, Any]], start: dt.time | None
) -> list[tuple[dt.time | None, dt.time | None]]:
    """Return each agenda item's planned start and end, following from the ones before."""
    if start is None:
        return [(None, None)] * len(items)
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start)
    times: list[tuple[dt.time | None, dt.time | None]] = []
    for item in items:
        end = clock + dt.timedelta(minutes=item["duration_minutes"])
        times.append((clock.time(), end.time()))
        clock = end
    return times
