"""The workshop itself, the people in it, its agenda and its notes."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum


class Workshop(Versioned, Base):
    """The one workshop a file holds: who it is for, when and where."""

    __tablename__ = "workshop"
    noun = "workshop"

    title: Mapped[str] = mapped_column(String(200), default="")
    client_organisation: Mapped[str] = mapped_column(String(200), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    session_date: Mapped[dt.date | None] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # -- the key of the template the workshop was started from ("" when none)
    template: Mapped[str] = mapped_column(String(100), default="")


class PersonKind(enum.Enum):
    """Whether a person takes part in the room or is only a stakeholder."""

    PARTICIPANT = "participant"
    STAKEHOLDER = "stakeholder"


class Person(Versioned, Base):
    """A participant in the session or a stakeholder who matters to it."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
        CheckConstraint("interest BETWEEN 1 AND 5", name="interest_range"),
    )
    count_key = "people"
    noun = "person"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[PersonKind] = mapped_column(
        text_enum(PersonKind, "person_kind"), default=PersonKind.PARTICIPANT
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation_unit: Mapped[str] = mapped_column(String(200), default="")
    influence: Mapped[int | None] = mapped_column(Integer)
    interest: Mapped[int | None] = mapped_column(Integer)
    concerns: Mapped[str] = mapped_column(Text, default="")


class AgendaItem(Versioned, Base):
    """One block of the session's agenda, with its planned length."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        CheckConstraint("duration_minutes BETWEEN 0 AND 1440", name="duration_range"),
    )
    count_key = "agenda_items"
    noun = "agenda item"

    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=15)
    description: Mapped[str] = mapped_column(Text, default="")
    # -- the key of the workflow step the block works in ("none": none), checked against
    #    the step registry rather than a constraint so that a new step needs no migration
    step: Mapped[str] = mapped_column(String(30), default="none")
    # -- the question put to the room
    question: Mapped[str] = mapped_column(Text, default="")
    # -- how long the block really took, recorded when the session moves on
    actual_seconds: Mapped[int | None] = mapped_column(Integer)


class Note(Versioned, Base):
    """A note taken during the workshop; private notes never leave the file."""

    __tablename__ = "note"
    count_key = "notes"
    noun = "note"

    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    private: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
