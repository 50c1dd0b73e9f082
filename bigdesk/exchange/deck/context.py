"""The workshop as the deck's sections read it: each part loaded once, when first needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.assessment import DimensionStatistics, assessment_statistics, load_assessment
from bigdesk.analysis.cascade import Cascade, load_cascade
from bigdesk.analysis.people import person_labels
from bigdesk.analysis.room import sponsor_pitch
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.decision import Decision, load_decision
from bigdesk.exchange.deck.plan import Geometry, Options
from bigdesk.model import Cadence, SponsorPitch, Workshop

CADENCE_NAMES = {Cadence.DAILY: "Daily", Cadence.WEEKLY: "Weekly", Cadence.MONTHLY: "Monthly",
                 Cadence.QUARTERLY: "Quarterly"}  # fmt: skip
# -- a list in the body of the deck continues on at most this many slides; the rest is
#    counted on the last one and listed in the appendix
BODY_PAGES = 2
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class Missing(Exception):
    """A section has no data to show; the message says what would fill it."""


@dataclass
class Context:
    """The workshop as the sections read it, for one template's geometry."""

    conn: Connection
    options: Options
    anonymous: bool
    geometry: Geometry
    # -- what each section's slides show whole ("ranking", "raid:12", …), so the appendix
    #    repeats none of it
    shown: dict[str, set[str]] = field(default_factory=dict)

    def show(self, section: str, *what: str) -> None:
        """Note that ``section``'s slides show each of ``what`` whole."""
        self.shown.setdefault(section, set()).update(what)

    @cached_property
    def workshop(self) -> dict[str, Any]:
        row = self.conn.execute(select(Workshop.__table__).where(Workshop.id == 1)).mappings()
        return dict(row.first() or {})

    @cached_property
    def people(self) -> dict[int, str]:
        return person_labels(self.conn, self.anonymous)

    @cached_property
    def assessment(self) -> list[DimensionStatistics]:
        return assessment_statistics(load_assessment(self.conn))

    @cached_property
    def cascade(self) -> Cascade:
        return load_cascade(self.conn)

    @cached_property
    def decision(self) -> Decision:
        return load_decision(self.conn)

    @cached_property
    def pitch(self) -> SponsorPitch:
        # -- an unsaved pitch reads as empty
        return sponsor_pitch(self.conn) or SponsorPitch()

    def person(self, person_id: int | None) -> str:
        return self.people.get(person_id, "") if person_id is not None else ""

    def client(self) -> str:
        return safe.line(self.workshop.get("client_organisation") or "")

    def session_date(self) -> dt.date | None:
        value = self.workshop.get("session_date")
        return value if isinstance(value, dt.date) else None


def day(value: dt.date | None) -> str:
    """Return a date as the deck writes every date: "3 Dec 2026"."""
    return f"{value.day} {value:%b %Y}" if value else ""


def lines(value: str | None) -> list[str]:
    """Return the non-empty lines of a text, without list markers."""
    return [safe.line(part.lstrip("-•* ")) for part in (value or "").splitlines()
            if part.strip()]


def number_word(count: int) -> str:
    """Return a small count as a word ("four"), a larger one in figures."""
    return NUMBERS[count] if 0 <= count < len(NUMBERS) else f"{count:,}"


def sentence(text: str) -> str:
    """Return a line as a title: no full stop at the end, first letter capital."""
    text = safe.line(text).rstrip(". ")
    return text[:1].upper() + text[1:]


def more(count: int, what: str, where: str = "the appendix") -> str:
    """Return "+N more WHAT, see WHERE", or "" when nothing was left out."""
    return f"+{count:,} more {what}, see {where}" if count else ""
