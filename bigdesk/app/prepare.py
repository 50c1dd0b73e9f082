"""Services of the Prepare step: the workshop's details, its people, its agenda and its notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.app.tables import OrderedTable
from bigdesk.model import AgendaItem, Note, Person, PersonKind, Workshop
from bigdesk.store import SetValues, Workspace, fetch

WORKSHOP_ID = 1
PEOPLE = OrderedTable(Person)
AGENDA = OrderedTable(AgendaItem)
NOTES = OrderedTable(Note)


def workshop(conn: Connection) -> Workshop:
    """Return the workshop's own row."""
    return fetch(conn, select(Workshop).where(Workshop.id == WORKSHOP_ID))[0]


def set_detail(workspace: Workspace, column: str, value: Any, label: str) -> None:
    """Change one of the workshop's details (title, client, date, …)."""
    workspace.do(SetValues(Workshop, WORKSHOP_ID, {column: value}, label))


def add_person(workspace: Workspace, kind: PersonKind) -> int:
    """Add a participant or a stakeholder and return its id."""
    noun = "participant" if kind is PersonKind.PARTICIPANT else "stakeholder"
    return PEOPLE.add(workspace, {"kind": kind, "name": ""}, f"Add {noun}")


def add_agenda_item(workspace: Workspace) -> int:
    """Add an agenda item of a quarter of an hour and return its id."""
    return AGENDA.add(workspace, {"title": "", "duration_minutes": 15}, "Add agenda item")


def add_note(workspace: Workspace, private: bool) -> int:
    """Add a note, private unless said otherwise, and return its id."""
    created = dt.datetime.now().replace(microsecond=0)
    return NOTES.add(workspace, {"text": "", "private": private, "created_at": created},
                     "Add note")
