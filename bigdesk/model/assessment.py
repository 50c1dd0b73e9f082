"""The current-state assessment: a workshop's own copy of its capability framework, and scores."""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum

# -- a level of 0 records "not applicable"; no level at all (NULL) means "not scored yet"
NOT_APPLICABLE = 0
LEVELS = (1, 2, 3, 4, 5)


class Confidence(enum.Enum):
    """How sure the room is of an agreed level."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class DimensionGroup(Versioned, Base):
    """A group of capability dimensions, such as Enablers, Technology or Culture change."""

    __tablename__ = "dimension_group"
    noun = "group"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")


class Dimension(Versioned, Base):
    """One capability the room scores, with a descriptor for each maturity level."""

    __tablename__ = "dimension"
    count_key = "assessment_dimensions"
    noun = "dimension"

    group_id: Mapped[int] = mapped_column(ForeignKey("dimension_group.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # -- a stable key (such as "clarity-of-purpose") that matches dimensions across
    #    workshops for re-baselining and across framework files on import
    key: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    level_1: Mapped[str] = mapped_column(Text, default="")
    level_2: Mapped[str] = mapped_column(Text, default="")
    level_3: Mapped[str] = mapped_column(Text, default="")
    level_4: Mapped[str] = mapped_column(Text, default="")
    level_5: Mapped[str] = mapped_column(Text, default="")


class Score(Versioned, Base):
    """One participant's current and target level for one dimension."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("person_id", "dimension_id"),
        CheckConstraint("current BETWEEN 0 AND 5", name="current_level"),
        CheckConstraint("target BETWEEN 0 AND 5", name="target_level"),
    )
    count_key = "assessment_scores"
    noun = "score"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimension.id", ondelete="CASCADE"))
    current: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[int | None] = mapped_column(Integer)


class Consensus(Versioned, Base):
    """The level the room agreed for one dimension, with its evidence and confidence."""

    __tablename__ = "consensus"
    __table_args__ = (
        UniqueConstraint("dimension_id"),
        CheckConstraint("current BETWEEN 0 AND 5", name="current_level"),
        CheckConstraint("target BETWEEN 0 AND 5", name="target_level"),
    )
    noun = "consensus"

    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimension.id", ondelete="CASCADE"))
    current: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[Confidence | None] = mapped_column(text_enum(Confidence, "confidence"))
