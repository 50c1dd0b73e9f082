"""How long each initiative runs, in quarters, and the share of its work in each quarter."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from bigdesk.analysis.planning.calendar import Horizon
from bigdesk.model import Initiative, InitiativeKind, InitiativeTiming, Spread

# -- a project with no duration and no dates: a year, the usual span of a funded project
DEFAULT_DURATION = 4


def profile(spread: Spread, duration: int) -> list[float]:
    """Return the share of the work in each quarter: even, or falling or rising in steps."""
    if spread is Spread.FLAT or duration == 1:
        return [1.0 / duration] * duration
    steps = list(range(duration, 0, -1)) if spread is Spread.FRONT_LOADED else \
        list(range(1, duration + 1))
    total = sum(steps)
    return [step / total for step in steps]


@dataclass(frozen=True)
class Timing:
    """An initiative's duration in quarters and how it spreads; ``given`` if the room set it."""

    duration: int
    spread: Spread = Spread.FLAT
    given: bool = False


def default_duration(starts: dt.date | None, ends: dt.date | None,
                     kind: InitiativeKind | None, horizon: Horizon) -> int:
    """Return the quarters an initiative spans by its own dates, or a default for its kind.

    Business as usual runs for the whole horizon; other work with no dates runs a year.
    """
    if starts is not None and ends is not None and ends >= starts:
        months = (ends.year - starts.year) * 12 + ends.month - starts.month + 1
        return max(1, min(horizon.quarters, math.ceil(months / 3)))
    if kind is InitiativeKind.BAU:
        return horizon.quarters
    return min(DEFAULT_DURATION, horizon.quarters)


def load_timings(conn: Connection, ids: Iterable[int], horizon: Horizon) -> dict[int, Timing]:
    """Return the timing of each initiative in ``ids``: as the room set it, or by default."""
    wanted = set(ids)
    stored = {row.initiative_id: row for row in conn.execute(
        select(InitiativeTiming.initiative_id, InitiativeTiming.duration,
               InitiativeTiming.spread))}  # fmt: skip
    out: dict[int, Timing] = {}
    for row in conn.execute(select(Initiative.id, Initiative.starts_on, Initiative.ends_on,
                                   Initiative.initiative_kind)):
        if row.id not in wanted:
            continue
        timing = stored.get(row.id)
        spread = timing.spread if timing is not None else Spread.FLAT
        if timing is not None and timing.duration is not None:
            out[row.id] = Timing(int(timing.duration), spread, True)
        else:
            out[row.id] = Timing(default_duration(row.starts_on, row.ends_on,
                                                   row.initiative_kind, horizon), spread, False)
    return out
