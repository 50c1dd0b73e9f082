"""What the room answered in its quick polls: the polls, their options and the tally."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from bigdesk.model import Poll, PollAnswer, PollOption
from bigdesk.store import fetch


@dataclass(frozen=True)
class OptionCount:
    """One option of a poll and how many chose it."""

    option_id: int
    text: str
    count: int


def polls(conn: Connection) -> list[Poll]:
    """Return the polls in their order."""
    return fetch(conn, select(Poll).order_by(Poll.position, Poll.id))


def poll_options(conn: Connection, poll_id: int) -> list[PollOption]:
    """Return one poll's options in their order."""
    return fetch(conn, select(PollOption).where(PollOption.poll_id == poll_id)
                 .order_by(PollOption.position, PollOption.id))  # fmt: skip


def tally(conn: Connection, poll_id: int) -> list[OptionCount]:
    """Return how many chose each option of a poll, in the options' order."""
    counts = dict(conn.execute(
        select(PollAnswer.option_id, func.count())
        .where(PollAnswer.poll_id == poll_id).group_by(PollAnswer.option_id)).all())
    return [OptionCount(o.id, o.text, int(counts.get(o.id, 0)))
            for o in poll_options(conn, poll_id)]


def answers_of(conn: Connection, poll_id: int) -> dict[int, int]:
    """Return the option each person chose in a poll, by person id."""
    return dict(conn.execute(select(PollAnswer.person_id, PollAnswer.option_id)
                             .where(PollAnswer.poll_id == poll_id)).all())
