"""What the facilitator has opened to the devices, and which results the room may see."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


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
    # -- results the devices show: the room's median and range of each open dimension,
    #    the tally of dots, the tally of the poll, the key points revealed
    show_scores: bool = False
    show_votes: bool = False
    show_poll: bool = False
    show_points: bool = False

    def with_(self, **changes: object) -> Openings:
        """Return this moment with some things changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
