"""The strategy cascade: purpose to objectives, key results and initiatives, and who owns them.

Every element of the cascade lives in one table (single-table inheritance), so
alignment links, dependencies, the register and the outline treat all kinds alike.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum


class ElementType(enum.Enum):
    """The kinds of element in the cascade, from why to how."""

    # -- members are singletons: hashing them by identity keeps the rules' lookups in C,
    #    where Enum would hash each member's name in Python
    __hash__ = object.__hash__

    PURPOSE = "purpose"
    VISION = "vision"
    DRIVER = "driver"
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    INITIATIVE = "initiative"
    BENEFIT = "benefit"


class DriverKind(enum.Enum):
    """What kind of business driver motivates the strategy."""

    OPPORTUNITY = "opportunity"
    THREAT = "threat"
    IMPERATIVE = "imperative"
    GOAL = "goal"


class Direction(enum.Enum):
    """Which way a key result's metric should move."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class InitiativeKind(enum.Enum):
    """The shape of the work: a project, a programme or a business-as-usual workstream."""

    PROJECT = "project"
    PROGRAMME = "programme"
    BAU = "bau"


class Portfolio(enum.Enum):
    """Run the business, grow it, or transform it."""

    RUN = "run"
    GROW = "grow"
    TRANSFORM = "transform"


class NodeKind(enum.Enum):
    """The kinds of accountability node."""

    DEPARTMENT = "department"
    PRODUCT_GROUP = "product_group"
    PROGRAMME = "programme"
    PROJECT = "project"
    GOVERNANCE_BODY = "governance_body"
    SUPPORT_OFFICE = "support_office"


class Cadence(enum.Enum):
    """How often a node looks at its objectives and reports."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Period(Versioned, Base):
    """A reporting period such as FY24Q3."""

    __tablename__ = "period"
    count_key = "periods"
    noun = "period"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50), default="")
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)


class AccountabilityNode(Versioned, Base):
    """A point of accountability in the organisation tree, with one accountable person."""

    __tablename__ = "accountability_node"
    count_key = "nodes"
    noun = "accountability node"

    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[NodeKind] = mapped_column(
        text_enum(NodeKind, "node_kind"), default=NodeKind.DEPARTMENT
    )
    accountable_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    cadence: Mapped[Cadence | None] = mapped_column(text_enum(Cadence, "cadence"))
    challenges: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Element(Versioned, Base):
    """Any element of the cascade; the subclasses below say which kind."""

    __tablename__ = "element"
    __table_args__ = (
        UniqueConstraint("ref"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
    )
    noun = "element"

    type: Mapped[ElementType] = mapped_column(text_enum(ElementType, "element_type"))
    # -- the identifier users see and registers carry (such as "O1"); unique when given
    ref: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    node_id: Mapped[int | None] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="SET NULL")
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(100), default="")
    progress: Mapped[float | None] = mapped_column(Float)
    due: Mapped[dt.date | None] = mapped_column(Date)
    # -- stands in for a parent missing from an imported file; shown as such, never hidden
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False)

    # -- one row holds every kind's columns: load them all, whatever kind is asked for
    __mapper_args__ = {"polymorphic_on": "type", "with_polymorphic": "*"}


class Purpose(Element):
    """Why the organisation exists."""

    count_key = "purposes"
    noun = "purpose"
    __mapper_args__ = {"polymorphic_identity": ElementType.PURPOSE}


class Vision(Element):
    """Where the organisation wants to be."""

    count_key = "visions"
    noun = "vision"
    __mapper_args__ = {"polymorphic_identity": ElementType.VISION}


class Driver(Element):
    """An opportunity, threat, imperative or goal behind the strategy."""

    count_key = "drivers"
    noun = "business driver"
    __mapper_args__ = {"polymorphic_identity": ElementType.DRIVER}

    driver_kind: Mapped[DriverKind | None] = mapped_column(text_enum(DriverKind, "driver_kind"))


class Objective(Element):
    """What the organisation must achieve."""

    count_key = "objectives"
    noun = "objective"
    __mapper_args__ = {"polymorphic_identity": ElementType.OBJECTIVE}


class KeyResult(Element):
    """How achievement of an objective is measured."""

    count_key = "key_results"
    noun = "key result"
    __mapper_args__ = {"polymorphic_identity": ElementType.KEY_RESULT}

    metric: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(50))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    current: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[Direction | None] = mapped_column(text_enum(Direction, "direction"))


class Initiative(Element):
    """Work that delivers: a project, a programme or a business-as-usual workstream."""

    count_key = "initiatives"
    noun = "initiative"
    __mapper_args__ = {"polymorphic_identity": ElementType.INITIATIVE}

    initiative_kind: Mapped[InitiativeKind | None] = mapped_column(
        text_enum(InitiativeKind, "initiative_kind")
    )
    portfolio: Mapped[Portfolio | None] = mapped_column(text_enum(Portfolio, "portfolio"))
    budget: Mapped[float | None] = mapped_column(Float)
    # -- in person-days
    effort: Mapped[float | None] = mapped_column(Float)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    # -- for an enabler initiative: the assessment dimension whose gap it closes
    closes_dimension_id: Mapped[int | None] = mapped_column(
        ForeignKey("dimension.id", ondelete="SET NULL")
    )


class Benefit(Element):
    """A measurable improvement the business realises in Run, once initiatives have changed it.

    Measured as a key result is; an initiative realises it (its parent) and it contributes
    to objectives. A key result measures a strategic outcome, which comes from change and
    business as usual together: the two are kept apart.
    """

    count_key = "benefits"
    noun = "benefit"
    __mapper_args__ = {"polymorphic_identity": ElementType.BENEFIT}

    # -- the columns a key result measures with, shared in the one element table
    metric: Mapped[str | None] = mapped_column(String(200), use_existing_column=True)
    unit: Mapped[str | None] = mapped_column(String(50), use_existing_column=True)
    baseline: Mapped[float | None] = mapped_column(Float, use_existing_column=True)
    target: Mapped[float | None] = mapped_column(Float, use_existing_column=True)
    current: Mapped[float | None] = mapped_column(Float, use_existing_column=True)
    direction: Mapped[Direction | None] = mapped_column(text_enum(Direction, "direction"),
                                                        use_existing_column=True)


class Alignment(Versioned, Base):
    """A many-to-many link from a child element up to a parent it serves, with a weight."""

    __tablename__ = "alignment"
    __table_args__ = (
        UniqueConstraint("parent_id", "child_id"),
        CheckConstraint("parent_id <> child_id", name="not_self"),
        CheckConstraint("weight >= 0", name="weight_positive"),
    )
    count_key = "alignments"
    noun = "alignment link"

    parent_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    child_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    # -- percent of the parent this child carries; None when no weight is given
    weight: Mapped[float | None] = mapped_column(Float)
    # -- order of the child among the parent's children in the outline
    position: Mapped[int] = mapped_column(Integer, default=0)


class Dependency(Versioned, Base):
    """One element (usually an initiative) depends on another: its prerequisite."""

    __tablename__ = "dependency"
    __table_args__ = (
        UniqueConstraint("dependent_id", "prerequisite_id"),
        CheckConstraint("dependent_id <> prerequisite_id", name="not_self"),
    )
    count_key = "dependencies"
    noun = "dependency"

    dependent_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    prerequisite_id: Mapped[int] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(50), default="finish-to-start")
    note: Mapped[str] = mapped_column(Text, default="")


class NodeDependency(Versioned, Base):
    """One accountability node depends on another."""

    __tablename__ = "node_dependency"
    __table_args__ = (
        UniqueConstraint("dependent_id", "prerequisite_id"),
        CheckConstraint("dependent_id <> prerequisite_id", name="not_self"),
    )
    noun = "node dependency"

    dependent_id: Mapped[int] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE")
    )
    prerequisite_id: Mapped[int] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class InformationFlow(Versioned, Base):
    """Information a node needs, and the node that provides it (None: nobody yet)."""

    __tablename__ = "information_flow"
    count_key = "information_flows"
    noun = "information flow"

    consumer_id: Mapped[int] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE")
    )
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    information: Mapped[str] = mapped_column(String(500), default="")
    cadence: Mapped[Cadence | None] = mapped_column(text_enum(Cadence, "flow_cadence"))
    note: Mapped[str] = mapped_column(Text, default="")
