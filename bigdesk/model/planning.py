"""Planning: the horizon, capacity by quarter, budget by year, timing, milestones, the decision.

A plan places the chosen initiatives in calendar quarters from the session onwards. What
the room agrees (the portfolio with the gap the solver proved, and each initiative's start
and finish) is stored as a decision, so the deck and the command line read the plan the
facilitator accepted rather than one worked out again later.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum


class Spread(enum.Enum):
    """How an initiative spends its effort and money over its quarters."""

    FLAT = "flat"
    FRONT_LOADED = "front_loaded"
    BACK_LOADED = "back_loaded"


class TargetMode(enum.Enum):
    """Whether the Run, Grow and Transform target steers the choice of the portfolio."""

    # -- shown beside the portfolio; a miss beyond the tolerance is a finding
    SHOWN = "shown"
    # -- each share must meet its target exactly
    HARD = "hard"
    # -- each share must come within the tolerance of its target
    TOLERANCE = "tolerance"


class MilestoneStatus(enum.Enum):
    """Where a milestone stands."""

    PLANNED = "planned"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


class PlanningSettings(Versioned, Base):
    """How the plan is chosen and laid out: the room's voice, the target, the horizon."""

    __tablename__ = "planning_settings"
    __table_args__ = (
        CheckConstraint("horizon_quarters BETWEEN 1 AND 20", name="horizon_range"),
        CheckConstraint("year_start_month IN (1, 4, 7, 10)", name="year_start_quarter"),
        CheckConstraint("target_tolerance >= 0", name="tolerance_positive"),
    )
    noun = "planning settings"

    # -- None: the session date; the plan starts with the first quarter beginning on or after it
    horizon_start: Mapped[dt.date | None] = mapped_column(Date)
    horizon_quarters: Mapped[int] = mapped_column(Integer, default=8)
    # -- financial years start with a calendar quarter, so no quarter falls in two years
    year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    # -- the room's MoSCoW classes as selection rules: a Must is a must-do, a Won't a must-not
    must_is_must_do: Mapped[bool] = mapped_column(Boolean, default=True)
    wont_is_must_not: Mapped[bool] = mapped_column(Boolean, default=True)
    # -- dot votes decide between portfolios of equal value
    votes_break_ties: Mapped[bool] = mapped_column(Boolean, default=False)
    target_mode: Mapped[TargetMode] = mapped_column(
        text_enum(TargetMode, "target_mode"), default=TargetMode.SHOWN
    )
    # -- in percentage points of the portfolio's budget
    target_tolerance: Mapped[float] = mapped_column(Float, default=5.0)


class QuarterCapacity(Versioned, Base):
    """How much of a resource one quarter offers (a quarter without a row is not limited)."""

    __tablename__ = "quarter_capacity"
    __table_args__ = (
        UniqueConstraint("resource_type_id", "quarter"),
        CheckConstraint("capacity >= 0", name="capacity_positive"),
    )
    noun = "quarterly capacity"

    resource_type_id: Mapped[int] = mapped_column(
        ForeignKey("resource_type.id", ondelete="CASCADE")
    )
    # -- the first day of the calendar quarter
    quarter: Mapped[dt.date] = mapped_column(Date)
    capacity: Mapped[float] = mapped_column(Float, default=0.0)


class YearBudget(Versioned, Base):
    """The money one financial year offers (a year without a row is not limited)."""

    __tablename__ = "year_budget"
    __table_args__ = (
        UniqueConstraint("year"),
        CheckConstraint("budget >= 0", name="budget_positive"),
    )
    noun = "yearly budget"

    # -- the calendar year in which the financial year starts
    year: Mapped[int] = mapped_column(Integer)
    budget: Mapped[float] = mapped_column(Float, default=0.0)


class InitiativeTiming(Versioned, Base):
    """How long an initiative runs, in quarters, and how it spends over them."""

    __tablename__ = "initiative_timing"
    __table_args__ = (
        UniqueConstraint("initiative_id"),
        CheckConstraint("duration BETWEEN 1 AND 20", name="duration_range"),
    )
    noun = "timing"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    # -- None: taken from the initiative's own dates, or a default
    duration: Mapped[int | None] = mapped_column(Integer)
    spread: Mapped[Spread] = mapped_column(text_enum(Spread, "spread"), default=Spread.FLAT)


class Milestone(Versioned, Base):
    """A milestone of one initiative: its name, date and status."""

    __tablename__ = "milestone"
    count_key = "milestones"
    noun = "milestone"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[MilestoneStatus] = mapped_column(
        text_enum(MilestoneStatus, "milestone_status"), default=MilestoneStatus.PLANNED
    )


class PlanDecision(Versioned, Base):
    """The plan the facilitator accepted: the portfolio, how near optimal, and its horizon."""

    __tablename__ = "plan_decision"
    __table_args__ = (CheckConstraint("gap >= 0", name="gap_positive"),)
    noun = "accepted plan"

    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # -- the accountability node the plan was chosen within ("" for the whole portfolio)
    scope: Mapped[str] = mapped_column(String(200), default="")
    proven_optimal: Mapped[bool] = mapped_column(Boolean, default=False)
    # -- the relative gap the solver proved (0: optimal)
    gap: Mapped[float] = mapped_column(Float, default=0.0)
    # -- the portfolio's total value in points
    objective: Mapped[float] = mapped_column(Float, default=0.0)
    horizon_start: Mapped[dt.date | None] = mapped_column(Date)
    horizon_quarters: Mapped[int] = mapped_column(Integer, default=8)


class PlanEntry(Versioned, Base):
    """One chosen initiative in the accepted plan, with its start and finish."""

    __tablename__ = "plan_entry"
    __table_args__ = (UniqueConstraint("decision_id", "initiative_id"),)
    noun = "planned initiative"

    decision_id: Mapped[int] = mapped_column(ForeignKey("plan_decision.id", ondelete="CASCADE"))
    initiative_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    # -- the last day of its last quarter
    ends_on: Mapped[dt.date] = mapped_column(Date)
