"""The sponsor pitch and PMO mandate as the deck and the outcomes workbook state them.

What the facilitator recorded wins; until then each part has a default drawn from
the workshop: the method's services, those closing the largest capability gaps in
scope first; the governance bodies mapped in Accountability; the sponsor named in
Prepare; the open actions of the RAID log as next steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from bigdesk.analysis.assessment import assessment_statistics, load_assessment
from bigdesk.analysis.room import raid_items, sponsor_pitch
from bigdesk.domain.business_support import FIRST_SERVICES, SERVICES
from bigdesk.model import (
    AccountabilityNode,
    Cadence,
    GovernanceBody,
    Mandate,
    MandateVersion,
    NodeKind,
    RaidItem,
    RaidKind,
    RaidStatus,
    ServiceScope,
    SupportService,
    Workshop,
)
from bigdesk.store import fetch, fetch_one

MANDATE_ID = 1
# -- slowest first: the board that sets direction, then the bodies that steer delivery
CADENCE_ORDER = (Cadence.QUARTERLY, Cadence.MONTHLY, Cadence.WEEKLY, Cadence.DAILY)
# -- the method's rhythm when no governance body is mapped yet: governance bodies work
#    monthly and quarterly, managers weekly and monthly
METHOD_BODIES = (
    ("Executive board", Cadence.QUARTERLY,
     "Purpose, business drivers and strategic objectives; the balance of Run and Change"),
    ("Portfolio and performance board", Cadence.MONTHLY,
     "Key results, priorities, resources and the risks escalated to it"),
    ("Management teams", Cadence.WEEKLY,
     "Delivery of initiatives and business-as-usual targets; actions and issues"),
)  # fmt: skip


@dataclass(frozen=True)
class ProposedService:
    """A service of Business Support as proposed: recorded, or the method's default."""

    name: str
    scope: ServiceScope
    note: str = ""


@dataclass(frozen=True)
class ProposedBody:
    """A body of the integrated governance model as proposed."""

    name: str
    cadence: Cadence | None
    remit: str = ""


@dataclass(frozen=True)
class Ask:
    """The decisions a First Steps conversation asks for."""

    sponsor: str
    funding: str
    business_case_due: dt.date | None
    mandate: str
    reports_to: str
    next_steps: list[RaidItem]


# -- the parts of the pitch and of the mandate an agreed version keeps
PITCH_PARTS = ("situation", "executive_concerns", "vision", "roadmap", "sponsor", "funding",
               "business_case_due")  # fmt: skip
MANDATE_PARTS = ("statement", "reports_to")


def mandate(conn: Connection) -> Mandate | None:
    """Return the recorded mandate, or None before any of it was written."""
    return fetch_one(conn, Mandate, MANDATE_ID)


def recorded_services(conn: Connection) -> list[SupportService]:
    """Return the services the facilitator recorded, in their order."""
    return fetch(conn, select(SupportService)
                 .order_by(SupportService.position, SupportService.id))


def default_services(conn: Connection) -> list[ProposedService]:
    """Return the method's services, those building the capabilities with the largest gaps now.

    With nothing assessed, the first services of the method's list come first.
    """
    gaps = {row.dimension.key: row.gap for row in assessment_statistics(load_assessment(conn))
            if row.gap is not None}

    def need(index: int) -> tuple[float, float, int]:
        found = [gaps[key] for key in SERVICES[index].capabilities if key in gaps]
        return (-max(found, default=0.0), -sum(found) / max(len(found), 1), index)

    first = set(sorted(range(len(SERVICES)), key=need)[:FIRST_SERVICES])
    return [ProposedService(service.name, ServiceScope.NOW if n in first else ServiceScope.LATER)
            for n, service in enumerate(SERVICES)]


def support_services(conn: Connection) -> list[ProposedService]:
    """Return the services proposed: those recorded, or the defaults."""
    recorded = recorded_services(conn)
    if recorded:
        return [ProposedService(s.name, s.scope, s.note) for s in recorded]
    return default_services(conn)


def recorded_bodies(conn: Connection) -> list[GovernanceBody]:
    """Return the governance bodies the facilitator recorded, in their order."""
    return fetch(conn, select(GovernanceBody)
                 .order_by(GovernanceBody.position, GovernanceBody.id))


def default_bodies(conn: Connection) -> list[ProposedBody]:
    """Return the governance bodies mapped in Accountability, slowest first, or the method's."""
    nodes = conn.execute(
        select(AccountabilityNode.name, AccountabilityNode.cadence,
               AccountabilityNode.description)
        .where(AccountabilityNode.kind == NodeKind.GOVERNANCE_BODY)
        .order_by(AccountabilityNode.position, AccountabilityNode.id)
    ).all()
    if not nodes:
        return [ProposedBody(name, cadence, remit) for name, cadence, remit in METHOD_BODIES]
    ranked = sorted(nodes, key=lambda n: CADENCE_ORDER.index(n.cadence) if n.cadence
                    else len(CADENCE_ORDER))
    return [ProposedBody(n.name, n.cadence, n.description) for n in ranked]


def governance_bodies(conn: Connection) -> list[ProposedBody]:
    """Return the bodies of the integrated governance model: those recorded, or the defaults."""
    recorded = recorded_bodies(conn)
    if recorded:
        return [ProposedBody(b.name, b.cadence, b.remit) for b in recorded]
    return default_bodies(conn)


def next_steps(conn: Connection) -> list[RaidItem]:
    """Return the open actions of the RAID log, soonest due first (undated last)."""
    actions = [item for item in raid_items(conn)
               if item.kind is RaidKind.ACTION and item.status is not RaidStatus.CLOSED]
    return sorted(actions, key=lambda a: (a.due_date is None, a.due_date or dt.date.min))


def the_ask(conn: Connection) -> Ask:
    """Return what the conversation asks for, recorded or drawn from the workshop."""
    pitch = sponsor_pitch(conn)
    recorded = mandate(conn)
    named = conn.execute(select(Workshop.sponsor).where(Workshop.id == 1)).scalar() or ""
    sponsor = (pitch.sponsor if pitch else "") or named
    return Ask(
        sponsor=sponsor,
        funding=pitch.funding if pitch else "",
        business_case_due=pitch.business_case_due if pitch else None,
        mandate=recorded.statement if recorded else "",
        reports_to=(recorded.reports_to if recorded else "") or sponsor,
        next_steps=next_steps(conn),
    )


def agreed_parts(conn: Connection) -> dict[str, str]:
    """Return each part of the pitch and the mandate as it stands now, as text, by column."""
    pitch, agreed = sponsor_pitch(conn), mandate(conn)
    parts: dict[str, str] = {}
    for key in PITCH_PARTS:
        value = getattr(pitch, key) if pitch is not None else None
        parts[key] = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    for key in MANDATE_PARTS:
        parts[key] = str(getattr(agreed, key) or "") if agreed is not None else ""
    return parts


def mandate_versions(conn: Connection) -> list[MandateVersion]:
    """Return the versions of the pitch and mandate the executives agreed, oldest first."""
    return fetch(conn, select(MandateVersion).order_by(MandateVersion.agreed_on,
                                                       MandateVersion.id))


def parts_changed(then: dict[str, str], now: dict[str, str]) -> list[tuple[str, str, str]]:
    """Return (part, then, now) for each part of the pitch or mandate that changed."""
    return [(key, then.get(key, ""), now.get(key, "")) for key in (*PITCH_PARTS, *MANDATE_PARTS)
            if then.get(key, "") != now.get(key, "")]
