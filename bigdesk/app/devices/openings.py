"""What the facilitator has opened to the devices, and which results the room may see."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# -- the activities a device can take part in, and whose results can be revealed
ACTIVITIES = ("scores", "votes", "points", "poll")


@dataclass(frozen=True)
class Openings:
    """One moment of the open room: each activity open or closed, with what it is about.

    Replaced whole by the facilitator, never changed in place, so the page's API
    always reads one consistent moment.
    """

    # -- the dimensions the room scores while scoring is open
    dimensions: tuple[int, ...] = ()
    scores: bool = False
    votes: bool = False
    # -- a silent round: points go to the writer's own table group, or, for people at
    #    no table, to this group (None: the parking lot)
    points: bool = False
    points_group: int | None = None
    poll_id: int | None = None
    poll: bool = False
    # -- activities whose results the devices show (the room's median and spread, the
    #    tally of dots or answers, the revealed key points)
    revealed: frozenset[str] = frozenset()

    def is_open(self, activity: str) -> bool:
        """Return whether devices may answer ``activity`` now."""
        return bool(getattr(self, activity))

    def with_(self, **changes: object) -> Openings:
        """Return this moment with some things changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def open_ones(self) -> list[str]:
        """Return the activities open now, in their order."""
        return [activity for activity in ACTIVITIES if self.is_open(activity)]
