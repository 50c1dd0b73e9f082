"""After the workshop: check-ins that record how key results and initiatives move."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.assessment import Confidence
from bigdesk.model.base import Base, Versioned, text_enum


class CheckIn(Versioned, Base):
    """One reading of a key result (its value) or an initiative (its percent complete).

    The latest check-in of an element sets the element's current value, progress and
    status, so every view, finding and export shows it; the rows keep the history.
    """

    __tablename__ = "check_in"
    __table_args__ = (
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        Index("ix_check_in_element_id_checked_on", "element_id", "checked_on"),
    )
    count_key = "check_ins"
    noun = "check-in"

    element_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    checked_on: Mapped[dt.date] = mapped_column(Date)
    # -- a key result's reading of its metric; an initiative's percent complete
    value: Mapped[float | None] = mapped_column(Float)
    # -- progress as the check-in reported it (None: worked out from baseline and target)
    progress: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(100), default="")
    confidence: Mapped[Confidence | None] = mapped_column(
        text_enum(Confidence, "check_in_confidence"))
    note: Mapped[str] = mapped_column(Text, default="")
    # -- who made it, as a name: check-ins come from people who need not be in the workshop
    made_by: Mapped[str] = mapped_column(String(200), default="")


class PreviousSession(Versioned, Base):
    """The session this one follows up: its file, what it was, and what stood at its end.

    ``baseline`` keeps, as JSON, the register, the assessment's medians and the open
    RAID items as they were when the follow-up began, so the Review step can say what
    moved even when the earlier file is elsewhere.
    """

    __tablename__ = "previous_session"
    noun = "previous session"

    path: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    session_date: Mapped[dt.date | None] = mapped_column(Date)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    baseline: Mapped[str] = mapped_column(Text, default="{}")
