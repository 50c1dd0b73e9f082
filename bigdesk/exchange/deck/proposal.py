"""The proposal and the ask: Business Support, the governance model, risks, and the decisions."""

from __future__ import annotations

from typing import Any

from bigdesk.analysis.mandate import governance_bodies, support_services, the_ask
from bigdesk.analysis.room import raid_items
from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.context import BODY_PAGES, Context, Missing, day, more, number_word
from bigdesk.exchange.deck.diagrams import governance_diagram
from bigdesk.exchange.deck.plan import (
    Bullet,
    Bullets,
    Slide,
    bullet_pages,
    caption,
    first_fitting,
    page_caption,
    table_pages,
    with_note,
)
from bigdesk.exchange.room_export import RAID_KINDS, RAID_STATUSES
from bigdesk.model import RaidKind, RaidStatus, ServiceScope

RAID_ORDER = (RaidKind.RISK, RaidKind.ISSUE, RaidKind.DECISION)


def business_support_slides(ctx: Context) -> list[Slide]:
    """The proposal: Business Support, its services now and later, and where it reports."""
    services = [s for s in support_services(ctx.conn) if safe.line(s.name)]
    if not services:
        raise Missing("No Business Support service is proposed.")
    ask = the_ask(ctx.conn)
    now = [s for s in services if s.scope is ServiceScope.NOW]
    reports = safe.line(ask.reports_to)
    title = first_fitting(
        ctx.geometry,
        f"Business Support takes on {number_word(len(now))} services now, reporting to "
        f"{_the(reports)}" if reports else "",
        f"Business Support takes on {number_word(len(now))} of the "
        f"{number_word(len(services))} services now",
        "Business Support: the services proposed")
    rows = [[safe.line(s.name), "Now" if s.scope is ServiceScope.NOW else "Later",
             safe.line(s.note)] for s in services]
    fills = [[None, palette.CHOSEN if s.scope is ServiceScope.NOW else palette.WAITS, None]
             for s in services]
    tables = table_pages(["Service", "When", "What it covers here"], rows, ctx.geometry,
                         fills=fills)
    notes = ("Business Support is the strategy-delivery support function a PMO becomes: it "
             "serves the whole business, around objectives, not only projects. Start with the "
             "services marked now; the others follow once they run.")
    if reports:
        notes += f" It reports to {reports}."
    topic = caption(ctx.geometry, "The proposal: Business Support",
                    "the strategy-delivery support function")
    return [Slide("business-support", title, "Title Only", [table], notes,
                  caption=page_caption(topic, n + 1, len(tables)),
                  finding=title if n == 0 else "")
            for n, table in enumerate(tables)]


def _the(role: str) -> str:
    """Return a role as a title reads it: "the Chief Operating Officer", a name as it is."""
    words = role.split()
    titled = words and words[0][:1].isupper() and any(
        w.lower() in ("officer", "director", "board", "committee", "executive", "head")
        for w in words)
    return f"the {role}" if titled and not role.lower().startswith("the ") else role


def governance_slides(ctx: Context) -> list[Slide]:
    """The integrated governance model: the bodies, how often they meet, what they share."""
    bodies = governance_bodies(ctx.conn)
    if not bodies:
        raise Missing("No governance body is proposed.")
    diagram, omitted = governance_diagram(bodies, ctx.geometry)
    title = first_fitting(
        ctx.geometry,
        f"{number_word(len(bodies)).capitalize()} governance bodies share one RAID log and one "
        "set of objectives and key results",
        f"{number_word(len(bodies)).capitalize()} governance bodies, one RAID log, one set of "
        "objectives", "The integrated governance model")
    notes = ("Governance bodies meet monthly and quarterly, managers weekly, teams daily. They "
             "are harmonised through one data model, not by chasing the same calendar: every "
             "body reads and writes the same RAID log and steers by the same objectives and "
             "key results, which Business Support keeps.")
    return [Slide("governance", title, "Title Only", [diagram], notes,
                  caption=with_note(ctx.geometry,
                                    caption(ctx.geometry, "The integrated governance model",
                                            "slowest rhythm first",
                                            "Business Support keeps what they share"),
                                    more(omitted, "governance bodies", "the workbook")),
                  finding=title)]


def raid_slides(ctx: Context) -> list[Slide]:
    """The risks and issues still open, and the decisions taken; actions are the next steps."""
    items = [i for i in raid_items(ctx.conn) if i.kind in RAID_ORDER
             and (i.status is not RaidStatus.CLOSED or i.kind is RaidKind.DECISION)]
    if not items:
        raise Missing("No open risk or issue, and no decision, is in the RAID log.")
    items.sort(key=lambda i: RAID_ORDER.index(i.kind))
    rows = [[RAID_KINDS[i.kind], safe.line(i.title), ctx.person(i.owner_id), day(i.due_date),
             RAID_STATUSES[i.status]] for i in items]
    tables = table_pages(["Kind", "What", "Owner", "Due", "Status"], rows, ctx.geometry)
    left_out = sum(len(t.rows) for t in tables[BODY_PAGES:])
    tables = tables[:BODY_PAGES]
    drawn = sum(len(t.rows) for t in tables)
    ctx.show("raid", *(f"raid:{i.id}" for i in items[:drawn]))
    risks = [i for i in items if i.kind is RaidKind.RISK]
    open_count = sum(1 for i in items if i.kind is not RaidKind.DECISION)
    title = first_fitting(
        ctx.geometry, f"The largest risk: {safe.line(risks[0].title)[:1].lower()}"
                      f"{safe.line(risks[0].title)[1:]}" if risks else "",
        f"{number_word(open_count).capitalize()} risks and issues are open",
        "Risks, issues and decisions")
    topic = caption(ctx.geometry, "Risks, issues and decisions",
                    "from the one RAID log; actions are the next steps")
    return [Slide("raid", title, "Title Only", [table],
                  "Every item has one owner and a date. Ask the owners to confirm them now.",
                  caption=with_note(ctx.geometry, page_caption(topic, n + 1, len(tables)),
                                    more(left_out, "items", "the RAID log in the appendix")
                                    if n == len(tables) - 1 else ""),
                  finding=title if n == 0 and risks else "")
            for n, table in enumerate(tables)]


def asks(ctx: Context) -> list[str]:
    """Return the decisions the conversation asks for, one line each."""
    ask = the_ask(ctx.conn)
    sponsor = safe.line(ask.sponsor)
    funding = safe.line(ask.funding)
    due = f", the business case back by {day(ask.business_case_due)}" \
        if ask.business_case_due else ""
    now = [s.name for s in support_services(ctx.conn) if s.scope is ServiceScope.NOW]
    reports = safe.line(ask.reports_to)
    mandate = safe.line(ask.mandate) or (
        f"Business Support takes on {number_word(len(now))} services now"
        + (f", reporting to {_the(reports)}" if reports else ""))
    return [
        f"Sponsor: {sponsor} sponsors Business Support" if sponsor
        else "Sponsor: an executive to sponsor Business Support",
        f"Funding and time: {funding}{due}" if funding
        else f"Funding and time to build the business case{due}",
        f"Mandate: {mandate}",
    ]


def ask_slides(ctx: Context) -> list[Slide]:
    """The ask: a sponsor, funding and time for the business case, the mandate, next steps."""
    ask = the_ask(ctx.conn)
    decisions = [Bullet(line) for line in asks(ctx)]
    steps = [[safe.line(a.title), ctx.person(a.owner_id), day(a.due_date)]
             for a in ask.next_steps]
    blocks: list[Any] = []
    size, pages = bullet_pages(decisions, ctx.geometry, "left" if steps else "body",
                               "Decisions we ask for today")
    tables = table_pages(["Next step", "Owner", "Due"], steps, ctx.geometry, "right") \
        if steps else []
    count = max(len(pages), len(tables[:BODY_PAGES]), 1)
    left_out = sum(len(t.rows) for t in tables[BODY_PAGES:])
    drawn = len(steps) - left_out
    ctx.show("ask", *(f"raid:{a.id}" for a in ask.next_steps[:drawn]))
    sponsor = safe.line(ask.sponsor)
    title = first_fitting(
        ctx.geometry,
        f"We ask {sponsor} to sponsor Business Support and fund its business case"
        if sponsor else "",
        "We ask for a sponsor and funding to build the business case")
    notes = ("Close on the decisions you need today: who sponsors Business Support, what "
             "building its business case needs, and agreement to the mandate. Then confirm "
             "each next step's owner and date.")
    slides = []
    for n in range(count):
        blocks = []
        if n < len(pages):
            blocks.append(Bullets(pages[n], "left" if steps else "body", size,
                                  "Decisions we ask for today"))
        if n < len(tables[:BODY_PAGES]):
            blocks.append(tables[n])
        slides.append(Slide(
            "ask", title, "Title Only", blocks, notes,
            caption=with_note(ctx.geometry, page_caption("The ask and next steps", n + 1, count),
                              more(left_out, "next steps", "the RAID log in the appendix")
                              if n == count - 1 else ""),
            finding=""))
    return slides
