"""The sample workshop: a fictional logistics company preparing a First Steps conversation.

Built by code so it always matches the current schema; later capabilities add
their part of the story here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert

from bigdesk.exchange.framework import populate_framework
from bigdesk.exchange.sample_assessment import populate_assessment
from bigdesk.exchange.sample_cascade import populate_cascade
from bigdesk.exchange.sample_decision import populate_decision
from bigdesk.exchange.sample_planning import populate_planning
from bigdesk.exchange.sample_prioritisation import (
    populate_default_criteria,
    populate_prioritisation,
)
from bigdesk.exchange.sample_room import populate_room
from bigdesk.model import AgendaItem, Note, Person, PersonKind, Workshop

CLIENT = "Northgate Freight Services"

# name, kind, role, organisation unit, influence, interest, concerns
PEOPLE = [
    ("Margaret Hale", PersonKind.STAKEHOLDER, "Chief Executive (sponsor)", "Executive board", 5, 4,
     "Board wants proof that the transformation budget buys measurable outcomes."),
    ("Amara Okafor", PersonKind.PARTICIPANT, "Chief Operating Officer", "Operations", 5, 5,
     "On-time delivery has slipped for three quarters; depots work to different plans."),
    ("Daniel Reyes", PersonKind.PARTICIPANT, "Chief Financial Officer", "Finance", 5, 3,
     "Cannot see which projects serve which objective; budget requests arrive piecemeal."),
    ("Priya Natarajan", PersonKind.PARTICIPANT, "Head of PMO", "Portfolio Office", 3, 5,
     "The PMO reports on projects only; business-as-usual work is invisible to it."),
    ("Ellen Marsh", PersonKind.PARTICIPANT, "Head of Road Network", "Operations", 4, 4,
     "Fleet electrification and route planning compete for the same engineers."),
    ("Tomasz Nowak", PersonKind.PARTICIPANT, "Head of Warehousing", "Operations", 3, 4,
     "Three warehouse systems, no shared view of capacity."),
    ("Grace Liu", PersonKind.PARTICIPANT, "Head of Customer Service", "Commercial", 3, 5,
     "Customers ask for live tracking that the current systems cannot provide."),
    ("Samuel Adeyemi", PersonKind.STAKEHOLDER, "Chief Information Officer", "Technology", 4, 3,
     "Too many small system requests with no priority order."),
    ("Hannah Brooks", PersonKind.STAKEHOLDER, "HR Director", "People", 3, 2,
     "Change fatigue among depot managers after the last restructure."),
]  # fmt: skip

# title, minutes, description
AGENDA = [
    ("Welcome and aims of the session", 10,
     "Introductions; what the sponsor wants from today; how the afternoon will run."),
    ("Why now: concerns and business drivers", 20,
     "Each executive names the concern that keeps them awake and the driver behind it."),
    ("Current-state capability assessment", 35,
     "Score enablers, technology and culture change; discuss where views differ."),
    ("Break", 10, ""),
    ("Purpose, vision and objectives", 30,
     "Agree why Northgate exists and the objectives that follow; draft key results."),
    ("Accountability nodes", 25,
     "Who is accountable for each objective; what information each node needs and shares."),
    ("What comes first", 20, "Prioritise the initiatives; enablers first."),
    ("The ask and next steps", 15, "Sponsor, funding, PMO mandate and the next three actions."),
]  # fmt: skip

NOTES = [
    ("CFO will only back a portfolio view if BAU spend is included.", False),
    ("Depot managers' union consultation due in March: keep roadmap dates soft.", True),
    ("COO and Head of Road Network disagree on electrification timing; let them air it.", True),
    ("Customer tracking is the most visible quick win for the board.", False),
]


def populate_sample(conn: Connection) -> None:
    """Fill an empty workshop file with the sample workshop."""
    conn.execute(
        insert(Workshop).values(
            id=1,
            title="First Steps conversation",
            client_organisation=CLIENT,
            facilitator="Jordan Ellis",
            sponsor="Margaret Hale",
            venue="Northgate head office, Leeds: Boardroom 2",
            session_date=dt.date(2026, 12, 3),
            start_time=dt.time(13, 30),
        )
    )
    conn.execute(
        insert(Person),
        [
            dict(position=i, name=name, kind=kind, role=role, organisation_unit=unit,
                 influence=influence, interest=interest, concerns=concerns)
            for i, (name, kind, role, unit, influence, interest, concerns) in enumerate(PEOPLE)
        ],
    )  # fmt: skip
    conn.execute(
        insert(AgendaItem),
        [
            dict(position=i, title=title, duration_minutes=minutes, description=text)
            for i, (title, minutes, text) in enumerate(AGENDA)
        ],
    )
    created = dt.datetime(2026, 11, 20, 16, 0)
    conn.execute(
        insert(Note),
        [
            dict(position=i, text=text, private=private, created_at=created)
            for i, (text, private) in enumerate(NOTES)
        ],
    )
    populate_assessment(conn)
    populate_cascade(conn)
    populate_prioritisation(conn)
    populate_planning(conn)
    populate_decision(conn)
    populate_room(conn)


def populate_blank(conn: Connection) -> None:
    """Give a new, empty workshop the one row that describes it."""
    conn.execute(insert(Workshop).values(id=1, title="New workshop"))
    populate_framework(conn)
    populate_default_criteria(conn)
