"""The PMO mandate: what Business Support takes on, where it reports, the governance it runs."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned, text_enum
from bigdesk.model.cascade import Cadence


class Mandate(Versioned, Base):
    """What the executives agree the strategy-delivery support function does (one row)."""

    __tablename__ = "mandate"
    noun = "PMO mandate"

    # -- in the executives' words; empty: the deck states it from the services in scope
    statement: Mapped[str] = mapped_column(Text, default="")
    # -- the executive or body the function answers to
    reports_to: Mapped[str] = mapped_column(String(200), default="")


class ServiceScope(enum.Enum):
    """Whether Business Support offers a service from the start or later."""

    NOW = "now"
    LATER = "later"


class SupportService(Versioned, Base):
    """One service of Business Support, in scope now or later."""

    __tablename__ = "support_service"
    noun = "service"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[ServiceScope] = mapped_column(
        text_enum(ServiceScope, "service_scope"), default=ServiceScope.NOW
    )
    note: Mapped[str] = mapped_column(Text, default="")


class GovernanceBody(Versioned, Base):
    """A body of the integrated governance model: how often it meets and what it decides.

    Every body works from the one RAID log and the one set of objectives and key
    results; that is what makes the model integrated, so it is not stored per body.
    """

    __tablename__ = "governance_body"
    noun = "governance body"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    cadence: Mapped[Cadence | None] = mapped_column(text_enum(Cadence, "governance_cadence"))
    remit: Mapped[str] = mapped_column(Text, default="")


class MandateVersion(Versioned, Base):
    """The sponsor pitch and PMO mandate as the executives agreed them, on one revisit."""

    __tablename__ = "mandate_version"
    count_key = "mandate_versions"
    noun = "mandate version"

    agreed_on: Mapped[dt.date] = mapped_column(Date)
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    # -- each part of the pitch and the mandate as agreed, by its column, as JSON text
    content: Mapped[str] = mapped_column(Text, default="{}")
