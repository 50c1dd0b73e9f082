"""What the room sees and what the session captured: table groups, points, RAID, people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from bigdesk.analysis.people import person_labels
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.steps import NO_STEP, agenda_step
from bigdesk.model import (
    AgendaItem,
    KeyPoint,
    Person,
    RaidItem,
    SponsorPitch,
    TableGroup,
    TableGroupMember,
)
from bigdesk.store import fetch, fetch_one

# -- the method asks each table to bring back three to five key points
KEY_POINTS_TARGET = (3, 5)
PITCH_ID = 1


def table_groups(conn: Connection) -> list[TableGroup]:
    """Return the table groups in their order."""
    return fetch(conn, select(TableGroup).order_by(TableGroup.position, TableGroup.id))


def group_members(conn: Connection, group_id: int) -> list[int]:
    """Return the ids of the people at one table group, in the people's order."""
    statement = (
        select(Person.id)
        .join(TableGroupMember, TableGroupMember.person_id == Person.id)
        .where(TableGroupMember.table_group_id == group_id)
        .order_by(Person.position, Person.id)
    )
    return [int(i) for i in conn.execute(statement).scalars()]


def key_points(conn: Connection, group_id: int | None) -> list[KeyPoint]:
    """Return the key points of one table group, or of the parking lot when ``group_id`` is None."""
    where = (
        KeyPoint.table_group_id.is_(None)
        if group_id is None
        else KeyPoint.table_group_id == group_id
    )
    return fetch(conn, select(KeyPoint).where(where).order_by(KeyPoint.position, KeyPoint.id))


def visible_to_room(point: KeyPoint) -> bool:
    """Return whether a key point may be shown to the room (not waiting in a silent round)."""
    return not point.silent or bool(point.revealed)


def raid_items(conn: Connection) -> list[RaidItem]:
    """Return the RAID log in its order."""
    return fetch(conn, select(RaidItem).order_by(RaidItem.position, RaidItem.id))


def sponsor_pitch(conn: Connection) -> SponsorPitch | None:
    """Return the sponsor pitch, or None before anything of it was written."""
    return fetch_one(conn, SponsorPitch, PITCH_ID)


def concerns_draft(conn: Connection) -> str:
    """Return the people's concerns as a first draft of the executives' concerns, one a line."""
    rows = conn.execute(
        select(Person.role, Person.name, Person.concerns)
        .where(Person.concerns != "")
        .order_by(Person.kind.desc(), Person.position, Person.id)
    ).all()
    return "\n".join(f"{role or name}: {concerns.strip()}" for role, name, concerns in rows)


@dataclass(frozen=True)
class PresenterView:
    """Everything the projector shows at one moment, and nothing else.

    Built only from what the room may see: the block's title and question, the
    table group's name, question and members (as labelled for the room), and the
    points already visible. Private notes, facilitator scripts and points still
    hidden in a silent round never get here.
    """

    block_title: str
    question: str
    # -- the step the block opens (a key of ``STEPS``, or ``NO_STEP``)
    step: str
    capture_title: str
    capture_question: str
    members: tuple[str, ...]
    points: tuple[str, ...]
    # -- points written but still hidden: the room sees only how many
    hidden_points: int
    target: tuple[int, int] | None


def _step_of(value: str | None) -> str:
    # -- a value no step knows (written by hand, say) opens nothing rather than failing
    try:
        return agenda_step(value)
    except EditRejectedError:
        return NO_STEP


def presenter_view(
    conn: Connection, block_id: int | None, capture: int | bool | None
) -> PresenterView:
    """Return what the projector shows for the current block and capture target.

    ``capture`` is a table group's id, None for the parking lot, or False when
    nothing captured is on show.
    """
    title = question = ""
    step = NO_STEP
    if block_id is not None:
        block = conn.execute(
            select(AgendaItem.title, AgendaItem.question, AgendaItem.step)
            .where(AgendaItem.id == block_id)
        ).first()
        if block is not None:
            title, question = block.title, block.question
            step = _step_of(block.step)
    if capture is False:
        return PresenterView(title, question, step, "", "", (), (), 0, None)
    group_id = None if capture is None else int(capture)
    members: tuple[str, ...] = ()
    target: tuple[int, int] | None = None
    if group_id is None:
        capture_title, capture_question = "Parking lot", ""
    else:
        group = conn.execute(
            select(TableGroup.name, TableGroup.question).where(TableGroup.id == group_id)
        ).first()
        if group is None:
            return PresenterView(title, question, step, "", "", (), (), 0, None)
        capture_title, capture_question = group.name, group.question
        labels = person_labels(conn)
        members = tuple(labels.get(i, "") for i in group_members(conn, group_id))
        target = KEY_POINTS_TARGET
    points = key_points(conn, group_id)
    shown = tuple(p.text for p in points if visible_to_room(p) and p.text.strip())
    hidden = sum(1 for p in points if not visible_to_room(p))
    return PresenterView(
        title, question, step, capture_title, capture_question, members, shown, hidden, target
    )
