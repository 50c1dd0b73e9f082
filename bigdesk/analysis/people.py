"""How people are named in views for the room and in exports (anonymous mode)."""

from __future__ import annotations

import re
from collections.abc import Callable

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


def name_masker(conn: Connection, labels: dict[int, str]) -> Callable[[str], str]:
    """Return a function that replaces every real name in a text with the person's label.

    Free text (concerns, notes, the pitch) can name people too; in anonymous mode
    every text an export writes passes through this, so no name slips out.
    """
    names = {}
    for person_id, name in conn.execute(select(Person.id, Person.name)):
        name = " ".join((name or "").split())
        if len(name) >= 2 and person_id in labels and labels[person_id] != name:
            names[name] = labels[person_id]
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                         re.IGNORECASE)
    lookup = {n.lower(): label for n, label in names.items()}
    return lambda text: pattern.sub(lambda m: lookup[" ".join(m.group(0).split()).lower()], text)
