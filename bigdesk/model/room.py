"""In the room: table groups and their key points, the RAID log and the sponsor pitch."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum


class TableGroup(Versioned, Base):
    """A breakout table: its name and the question it discusses."""

    __tablename__ = "table_group"
    count_key = "table_groups"
    noun = "table group"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text, default="")


class TableGroupMember(Versioned, Base):
    """One person sitting at one table group."""

    __tablename__ = "table_group_member"
    __table_args__ = (UniqueConstraint("table_group_id", "person_id"),)
    noun = "table member"

    table_group_id: Mapped[int] = mapped_column(ForeignKey("table_group.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))


class KeyPoint(Versioned, Base):
    """A point a table group (or the parking lot, with no group) brings back to the room."""

    __tablename__ = "key_point"
    count_key = "key_points"
    noun = "key point"

    position: Mapped[int] = mapped_column(Integer, default=0)
    # -- no table group: the point waits in the parking lot
    table_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("table_group.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text, default="")
    # -- typed during a silent round: kept off the projector until revealed
    silent: Mapped[bool] = mapped_column(Boolean, default=False)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class RaidKind(enum.Enum):
    """Risk, action, issue or decision."""

    RISK = "risk"
    ACTION = "action"
    ISSUE = "issue"
    DECISION = "decision"


class RaidStatus(enum.Enum):
    """Where a RAID item stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class RaidItem(Versioned, Base):
    """One entry of the workshop's RAID log, with its owner, due date and exposure."""

    __tablename__ = "raid_item"
    __table_args__ = (
        CheckConstraint("probability BETWEEN 1 AND 5", name="probability_range"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact_range"),
    )
    count_key = "raid_items"
    noun = "RAID item"

    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[RaidKind] = mapped_column(
        text_enum(RaidKind, "raid_kind"), default=RaidKind.ACTION
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[RaidStatus] = mapped_column(
        text_enum(RaidStatus, "raid_status"), default=RaidStatus.OPEN
    )
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # -- on the 5 x 5 grid: how likely (1 rare to 5 almost certain) and how bad (1 to 5)
    probability: Mapped[int | None] = mapped_column(Integer)
    impact: Mapped[int | None] = mapped_column(Integer)
    # -- a risk's mitigation, an issue's response, an action's or decision's plan
    response: Mapped[str] = mapped_column(Text, default="")
    review_date: Mapped[dt.date | None] = mapped_column(Date)

    @property
    def exposure(self) -> int | None:
        """Return probability times impact (1 to 25), or None while either is unknown."""
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact


class RaidLink(Versioned, Base):
    """What a RAID item concerns: one element, accountability node or governance body."""

    __tablename__ = "raid_link"
    __table_args__ = (
        CheckConstraint(
            "CAST(element_id IS NOT NULL AS INTEGER) + CAST(node_id IS NOT NULL AS INTEGER)"
            " + CAST(body_id IS NOT NULL AS INTEGER) = 1",
            name="one_target"),
        UniqueConstraint("raid_item_id", "element_id", "node_id", "body_id"),
    )
    noun = "RAID link"

    raid_item_id: Mapped[int] = mapped_column(ForeignKey("raid_item.id", ondelete="CASCADE"))
    element_id: Mapped[int | None] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    node_id: Mapped[int | None] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE"))
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_body.id", ondelete="CASCADE"))


class SponsorPitch(Versioned, Base):
    """The case to the sponsor: the situation, the concerns, the answer and the ask (one row).

    The next steps of the ask are the open actions of the RAID log, each with its
    owner and due date; the mandate agreed is its own table.
    """

    __tablename__ = "sponsor_pitch"
    noun = "sponsor pitch"

    # -- the situation in one line, opening the executive summary
    situation: Mapped[str] = mapped_column(Text, default="")
    executive_concerns: Mapped[str] = mapped_column(Text, default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    roadmap: Mapped[str] = mapped_column(Text, default="")
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    # -- the funding and time asked for to build the business case
    funding: Mapped[str] = mapped_column(Text, default="")
    business_case_due: Mapped[dt.date | None] = mapped_column(Date)
