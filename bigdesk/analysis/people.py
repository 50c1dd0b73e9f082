"""How people are named in views for the room and in exports (anonymous mode)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from bigdesk.model import Person, PersonKind, Workshop


def anonymous_mode(conn: Connection) -> bool:
    """Return whether the workshop shows participants as P1, P2, …."""
    return bool(conn.execute(select(Workshop.anonymous).where(Workshop.id == 1)).scalar())


def participant_labels(conn: Connection, anonymous: bool | None = None) -> dict[int, str]:
    """Return each participant's id mapped to the name the room and exports may show.

    In anonymous mode participants become P1, P2, … in their listed order, the
    same numbering in every view and file.
    """
    if anonymous is None:
        anonymous = anonymous_mode(conn)
    rows = conn.execute(
        select(Person.id, Person.name)
        .where(Person.kind == PersonKind.PARTICIPANT)
        .order_by(Person.position, Person.id)
    ).all()
    if anonymous:
        return {person_id: f"P{number}" for number, (person_id, _) in enumerate(rows, start=1)}
    return {person_id: name or f"P{number}" for number, (person_id, name) in enumerate(rows, 1)}


def person_labels(conn: Connection, anonymous: bool | None = None) -> dict[int, str]:
    """Return every person's id mapped to the name a room view or an export may show.

    Participants follow ``participant_labels`` (P1, P2, … in anonymous mode);
    stakeholders become S1, S2, … in anonymous mode, so no real name slips out.
    """
    if anonymous is None:
        anonymous = anonymous_mode(conn)
    labels = participant_labels(conn, anonymous)
    stakeholders = conn.execute(
        select(Person.id, Person.name)
        .where(Person.kind == PersonKind.STAKEHOLDER)
        .order_by(Person.position, Person.id)
    ).all()
    for number, (person_id, name) in enumerate(stakeholders, start=1):
        labels[person_id] = f"S{number}" if anonymous or not name else name
    return labels
