"""Start a follow-up session from an earlier one: ``bigdesk new NEW --from OLD``.

The follow-up carries forward what the governance rhythm works on from one session to
the next: the cascade with its check-in history, the accountability nodes, their
information flows and dependencies, the people, the criteria and the chosen portfolio
with its plan, the sponsor pitch, the open RAID items, and the capability framework.
The room's work of the day is left behind: the agenda, notes, table groups and key
points, polls, closed RAID items, and the assessment's scores, which the room gives again; the
earlier session's medians, register, open RAID items and pitch and mandate are kept
as the baseline the Review step compares with. The new file records which session it follows.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, Table, delete, insert, select, update

from bigdesk.analysis.mandate import agreed_parts
from bigdesk.exchange.compare import snapshot
from bigdesk.model import (
    AgendaItem,
    Base,
    Consensus,
    FileProperty,
    KeyPoint,
    Note,
    Poll,
    PollAnswer,
    PollOption,
    PreviousSession,
    RaidItem,
    RaidStatus,
    Score,
    TableGroup,
    TableGroupMember,
    Workshop,
)
from bigdesk.store import OpenWorkshop, Place, create_workshop, open_workshop

# -- the room's work of the day: not carried into the next session
LEFT_BEHIND = frozenset(model.__tablename__ for model in (
    AgendaItem, Note, TableGroup, TableGroupMember, KeyPoint, Poll, PollOption, PollAnswer,
    Score, Consensus, FileProperty, PreviousSession))  # fmt: skip


def baseline(conn: Connection) -> dict[str, object]:
    """Return what the Review step compares a follow-up with: the session as it ends."""
    carried = conn.execute(select(RaidItem.id).where(RaidItem.status != RaidStatus.CLOSED))
    return {**snapshot(conn).as_json(), "open_raid": sorted(carried.scalars()),
            "mandate": agreed_parts(conn)}


def _carried(source: Connection, table: Table) -> list[dict[str, object]]:
    statement = select(table)
    if table.name == RaidItem.__tablename__:
        statement = statement.where(table.c.status != RaidStatus.CLOSED.value)
    return [dict(row) for row in source.execute(statement).mappings()]


def create_follow_up(old: Place, new: Place, today: dt.date | None = None) -> OpenWorkshop:
    """Create the follow-up session of ``old`` at ``new`` and open it (each a file or a
    workshop on a server).

    Raises the store's WorkshopFileError when ``old`` cannot be read or ``new`` exists.
    """
    today = today or dt.date.today()
    previous = open_workshop(old, read_only=True)
    try:
        def populate(conn: Connection) -> None:
            with previous.read() as source:
                for table in Base.metadata.sorted_tables:
                    if table.name in LEFT_BEHIND:
                        continue
                    rows = _carried(source, table)
                    if rows:
                        conn.execute(insert(table), rows)
                workshop = source.execute(select(Workshop.title, Workshop.session_date)).first()
                kept = baseline(source)
            title, held_on = (workshop.title, workshop.session_date) if workshop else ("", None)
            conn.execute(update(Workshop).values(
                title=_follow_up_title(title), session_date=today, start_time=None, venue=""))
            conn.execute(delete(PreviousSession))
            conn.execute(insert(PreviousSession).values(
                path=previous.identity, title=title, session_date=held_on,
                started_on=today, baseline=json.dumps(kept, default=str)))

        return create_workshop(new, populate)
    finally:
        previous.close()


def _follow_up_title(title: str) -> str:
    """Return the title of a follow-up session: the earlier one's, marked as a follow-up."""
    base = title.removesuffix(" (follow-up)")
    return f"{base} (follow-up)"[:200]
