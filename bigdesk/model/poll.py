"""Quick polls put to the room, such as the "a or b" questions for the tables."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned


class Poll(Versioned, Base):
    """One question with a few options, answered by the participants from their devices."""

    __tablename__ = "poll"
    count_key = "polls"
    noun = "poll"

    position: Mapped[int] = mapped_column(Integer, default=0)
    question: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class PollOption(Versioned, Base):
    """One answer a poll offers."""

    __tablename__ = "poll_option"
    noun = "poll option"

    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(200), default="")


class PollAnswer(Versioned, Base):
    """The option one participant chose in one poll (one answer each, changed freely)."""

    __tablename__ = "poll_answer"
    __table_args__ = (UniqueConstraint("poll_id", "person_id"),)
    count_key = "poll_answers"
    noun = "poll answer"

    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    option_id: Mapped[int] = mapped_column(ForeignKey("poll_option.id", ondelete="CASCADE"))
