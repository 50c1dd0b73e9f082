"""Build the First Steps deck's plan from a workshop: the story of the conversation.

The deck opens with an executive summary (the situation, the findings, the ask),
makes the case section by section, proposes Business Support and the governance
model, shows the roadmap and ends on the ask; the appendix holds only the
registers no body slide shows whole. Every slide's title states its finding and
its topic is the small caption under it. Every number comes from the analysis
modules, so the deck never says anything the app does not. A section whose data
is missing is left out, and the outline says why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from bigdesk.analysis.people import anonymous_mode, name_masker
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.appendix import appendix_slides
from bigdesk.exchange.deck.context import Context, Missing, day, lines
from bigdesk.exchange.deck.delivery import (
    accountability_slides,
    benefit_slides,
    cascade_slides,
)
from bigdesk.exchange.deck.plan import (
    HOUSE,
    Bullet,
    Bullets,
    Deck,
    Geometry,
    Options,
    SectionOutline,
    Slide,
    bullet_pages,
    first_fitting,
)
from bigdesk.exchange.deck.priorities import priorities_slides, run_change_slides
from bigdesk.exchange.deck.proposal import (
    ask_slides,
    asks,
    business_support_slides,
    governance_slides,
    raid_slides,
)
from bigdesk.exchange.deck.roadmap import roadmap_slides
from bigdesk.exchange.deck.since import since_slides
from bigdesk.exchange.deck.story import (
    current_state_slides,
    key_point_slides,
    purpose_slides,
    title_slides,
    why_now_slides,
)

# -- the findings the summary draws on, in the order it prefers them
SUMMARY_ORDER = ("since", "current-state", "cascade", "accountability", "priorities", "key-points",
                 "roadmap", "why-now", "raid", "run-change")
SUMMARY_FINDINGS = (3, 5)

Builder = Callable[[Context], list[Slide]]
# -- key, title in the Deck step, builder; in the order of the story (the summary and the
#    appendix are built from the others)
SECTIONS: list[tuple[str, str, Builder | None]] = [
    ("title", "Title", title_slides),
    ("summary", "Executive summary", None),
    ("since", "Since we last met", since_slides),
    ("why-now", "Why now", why_now_slides),
    ("key-points", "What the tables said", key_point_slides),
    ("current-state", "Where we stand today", current_state_slides),
    ("purpose", "Purpose and vision", purpose_slides),
    ("cascade", "The strategy cascade", cascade_slides),
    ("benefits", "Benefits", benefit_slides),
    ("accountability", "Accountability", accountability_slides),
    ("priorities", "Priorities", priorities_slides),
    ("run-change", "Run and Change", run_change_slides),
    ("business-support", "The proposal: Business Support", business_support_slides),
    ("governance", "The integrated governance model", governance_slides),
    ("roadmap", "Roadmap", roadmap_slides),
    ("raid", "Risks, issues and decisions", raid_slides),
    ("ask", "The ask and next steps", ask_slides),
    ("appendix", "Appendix", None),
]
SECTION_KEYS = [key for key, _, _ in SECTIONS]


def summary_slide(ctx: Context, found: dict[str, list[str]]) -> Slide:
    """The executive summary: the situation in one line, three to five findings, the ask."""
    situation = safe.line(ctx.pitch.situation) or next(iter(lines(ctx.pitch.vision)), "")
    findings: list[str] = []
    for key in SUMMARY_ORDER:
        findings += [f for f in found.get(key, []) if f not in findings][:1]
    findings = findings[:SUMMARY_FINDINGS[1]]
    title = first_fitting(ctx.geometry, situation.rstrip("."), "Executive summary")
    items = [Bullet(f.rstrip(".") + ".") for f in findings]
    if title == "Executive summary" and situation:
        items.insert(0, Bullet(situation))
    ask = [Bullet(line) for line in asks(ctx)]
    size, left = bullet_pages(items, ctx.geometry, "left", "What we found", sizes=(16.0, 14.0))
    ask_size, right = bullet_pages(ask, ctx.geometry, "right", "What we ask",
                                   sizes=(16.0, 14.0))
    # -- one size on both sides; the smaller one fits both
    size = min(size, ask_size)
    blocks: list[Any] = [Bullets(left[0], "left", size, "What we found"),
                         Bullets(right[0], "right", size, "What we ask")]
    notes = ("Say the situation in one breath, then the findings that matter most, then what "
             "you ask for today. Everything after this slide is the evidence.")
    return Slide("summary", title, "Title Only", blocks, notes, caption="Executive summary")


def build_plan(conn: Connection, options: Options | None = None,
               geometry: Geometry = HOUSE) -> Deck:
    """Return the deck for the workshop behind ``conn``, laid out for ``geometry``."""
    options = options or Options()
    anonymous = anonymous_mode(conn) if options.anonymous is None else options.anonymous
    ctx = Context(conn, options, anonymous, geometry)
    built: dict[str, list[Slide]] = {}
    missing: dict[str, str] = {}
    for key, _, builder in SECTIONS:
        if builder is None:
            continue
        try:
            built[key] = builder(ctx)
        except Missing as reason:
            missing[key] = str(reason)
    wanted = options.sections
    included = {k for k in SECTION_KEYS if wanted is None or k in wanted}
    shown = set().union(*(ctx.shown.get(k, set()) for k in included))
    try:
        built["appendix"] = appendix_slides(ctx, shown)
    except Missing as reason:
        missing["appendix"] = str(reason)
    found = {k: [s.finding for s in slides if s.finding] for k, slides in built.items()
             if k in included}
    body = [k for k in built if k not in ("title", "appendix")]
    if body:
        built["summary"] = [summary_slide(ctx, found)]
    else:
        missing["summary"] = "No section has anything to sum up yet."
    outline = [SectionOutline(key, title, [s.title for s in built[key]]) if key in built
               else SectionOutline(key, title, [], missing.get(key, ""))
               for key, title, _ in SECTIONS]
    ordered = [s for key in SECTION_KEYS if key in included for s in built.get(key, [])]
    if not options.notes:
        ordered = [dataclasses.replace(s, notes="") for s in ordered]
    client = ctx.client()
    footer = " · ".join(p for p in (client, safe.line(ctx.workshop.get("title") or "")) if p)
    deck = Deck(ordered, footer, outline, day(ctx.session_date()))
    if anonymous:
        deck = _redact(deck, name_masker(conn, ctx.people))
    return deck


def section_outline(conn: Connection, options: Options | None = None) -> list[SectionOutline]:
    """Return every section with the slides it would hold, or why it is left out."""
    return build_plan(conn, dataclasses.replace(options or Options(), sections=None)).outline


def _redact(deck: Deck, mask: Callable[[str], str]) -> Deck:
    """Replace every real name in every text of the deck with the person's label.

    Free text (concerns, notes, the pitch) can name people too; one pass over the
    whole plan is the only way to be sure no name slips out in anonymous mode.
    """

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return mask(value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: fix(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value

    result: Deck = fix(deck)
    return result
