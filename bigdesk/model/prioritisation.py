"""Prioritisation: criteria and weights, scores, votes, constraints and saved scenarios."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum


class CriterionDirection(enum.Enum):
    """Whether more of a criterion is better (benefit) or worse (cost)."""

    BENEFIT = "benefit"
    COST = "cost"


class ScoreScale(enum.Enum):
    """How a criterion is scored: 1 to 5 against anchors, or a raw number normalised."""

    ANCHORED = "anchored"
    RAW = "raw"


class MoSCoW(enum.Enum):
    """Must, should, could or won't have."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class SelectionRule(enum.Enum):
    """A constraint the facilitator puts on one initiative when choosing the portfolio."""

    MUST_DO = "must_do"
    MUST_NOT = "must_not"


class Criterion(Versioned, Base):
    """A criterion initiatives are judged by, with its direction and weight."""

    __tablename__ = "criterion"
    __table_args__ = (CheckConstraint("weight >= 0", name="weight_positive"),)
    count_key = "criteria"
    noun = "criterion"

    position: Mapped[int] = mapped_column(Integer, default=0)
    # -- a stable key; "strategic-alignment" is computed from the cascade, never typed
    key: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    direction: Mapped[CriterionDirection] = mapped_column(
        text_enum(CriterionDirection, "criterion_direction"), default=CriterionDirection.BENEFIT
    )
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    scale: Mapped[ScoreScale] = mapped_column(
        text_enum(ScoreScale, "score_scale"), default=ScoreScale.ANCHORED
    )
    unit: Mapped[str] = mapped_column(String(50), default="")
    # -- what a 1, 3 and 5 mean, one per line
    anchors: Mapped[str] = mapped_column(Text, default="")
    computed: Mapped[bool] = mapped_column(Boolean, default=False)


class PairwiseComparison(Versioned, Base):
    """How much more important one criterion is than another (AHP, 1/9 to 9)."""

    __tablename__ = "pairwise_comparison"
    __table_args__ = (
        UniqueConstraint("first_id", "second_id"),
        CheckConstraint("value > 0", name="value_positive"),
    )
    noun = "comparison"

    first_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float, default=1.0)


class CriterionScore(Versioned, Base):
    """An initiative's score against one criterion (1 to 5, or a raw number)."""

    __tablename__ = "criterion_score"
    __table_args__ = (UniqueConstraint("initiative_id", "criterion_id"),)
    count_key = "criterion_scores"
    noun = "score"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"))
    value: Mapped[float | None] = mapped_column(Float)


class DotVote(Versioned, Base):
    """Dots one participant put on one initiative."""

    __tablename__ = "dot_vote"
    __table_args__ = (
        UniqueConstraint("person_id", "initiative_id"),
        CheckConstraint("dots >= 0", name="dots_positive"),
    )
    count_key = "dot_votes"
    noun = "vote"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    dots: Mapped[int] = mapped_column(Integer, default=1)


class InitiativePriority(Versioned, Base):
    """An initiative's MoSCoW class and any must-do or must-not rule on it."""

    __tablename__ = "initiative_priority"
    __table_args__ = (UniqueConstraint("initiative_id"),)
    noun = "priority"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    moscow: Mapped[MoSCoW | None] = mapped_column(text_enum(MoSCoW, "moscow"))
    rule: Mapped[SelectionRule | None] = mapped_column(text_enum(SelectionRule, "selection_rule"))


class ResourceType(Versioned, Base):
    """A kind of scarce resource (engineers, data analysts) with its capacity."""

    __tablename__ = "resource_type"
    __table_args__ = (CheckConstraint("capacity >= 0", name="capacity_positive"),)
    count_key = "resource_types"
    noun = "resource type"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(50), default="person-days")
    capacity: Mapped[float | None] = mapped_column(Float)


class ResourceDemand(Versioned, Base):
    """How much of a resource one initiative needs."""

    __tablename__ = "resource_demand"
    __table_args__ = (
        UniqueConstraint("initiative_id", "resource_type_id"),
        CheckConstraint("amount >= 0", name="amount_positive"),
    )
    noun = "resource demand"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    resource_type_id: Mapped[int] = mapped_column(
        ForeignKey("resource_type.id", ondelete="CASCADE")
    )
    amount: Mapped[float] = mapped_column(Float, default=0.0)


class PrioritisationSettings(Versioned, Base):
    """The workshop's prioritisation settings: budget, targets, votes, sensitivity."""

    __tablename__ = "prioritisation_settings"
    noun = "prioritisation settings"

    budget: Mapped[float | None] = mapped_column(Float)
    dots_per_participant: Mapped[int] = mapped_column(Integer, default=5)
    top_n: Mapped[int] = mapped_column(Integer, default=5)
    # -- plus or minus this share of each weight in the sensitivity analysis
    perturbation: Mapped[float] = mapped_column(Float, default=0.2)
    samples: Mapped[int] = mapped_column(Integer, default=1000)
    seed: Mapped[int] = mapped_column(Integer, default=1)
    # -- the executives' target split of the portfolio, in percent
    target_run: Mapped[float | None] = mapped_column(Float)
    target_grow: Mapped[float | None] = mapped_column(Float)
    target_transform: Mapped[float | None] = mapped_column(Float)


class Scenario(Versioned, Base):
    """A named, saved set of weights, constraints and the selection they gave."""

    __tablename__ = "scenario"
    count_key = "scenarios"
    noun = "scenario"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    # -- snapshots as JSON, so a scenario keeps its meaning when the live values change
    weights: Mapped[str] = mapped_column(Text, default="{}")
    constraints: Mapped[str] = mapped_column(Text, default="{}")
    selection: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
