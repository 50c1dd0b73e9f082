"""Build the First Steps deck's plan from a workshop: the storyline, section by section.

Every number comes from the analysis modules (assessment statistics, cascade
health, prioritisation) and the chart-data functions the app's own charts use,
so the deck never says anything the app does not. A section whose data is
missing is left out, and the outline says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.assessment import (
    DimensionStatistics,
    assessment_statistics,
    by_disagreement,
    load_assessment,
)
from bigdesk.analysis.cascade import Cascade, load_cascade
from bigdesk.analysis.cascade_health import cascade_findings
from bigdesk.analysis.findings import Severity
from bigdesk.analysis.people import anonymous_mode, participant_labels, person_labels
from bigdesk.analysis.prioritisation import Analysis, analyse, money
from bigdesk.analysis.room import (
    concerns_draft,
    key_points,
    raid_items,
    sponsor_pitch,
    table_groups,
    visible_to_room,
)
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.diagrams import cascade_pages, node_pages, roadmap_pages
from bigdesk.exchange.deck.plan import (
    APPENDIX_TABLE_SIZE,
    Box,
    BubbleSeries,
    Bullet,
    Bullets,
    Chart,
    Deck,
    Diagram,
    Options,
    Picture,
    SectionOutline,
    Series,
    Slide,
    Table,
    bullet_pages,
    finite,
    page_title,
    table_pages,
)
from bigdesk.exchange.figures_assessment import gap_data, heatmap_data, radar_data
from bigdesk.exchange.figures_prioritisation import bubble_data, split_data
from bigdesk.exchange.register import COLUMNS as REGISTER_COLUMNS
from bigdesk.exchange.register import register_rows
from bigdesk.exchange.room_export import (
    RAID_KINDS,
    RAID_STATUSES,
    agenda_sheet,
    raid_sheet,
    stakeholders_sheet,
)
from bigdesk.exchange.tabular import Sheet
from bigdesk.model import (
    Cadence,
    DriverKind,
    Element,
    ElementType,
    Initiative,
    Note,
    Person,
    RaidKind,
    RaidStatus,
    SponsorPitch,
    Workshop,
)

# -- the largest gaps the current-state slide lists beside the radar
GAP_ROWS = 8
# -- initiatives on the ranked list in the body of the deck; all are in the appendix
RANKED_ROWS = 15
BUBBLES = 40
HEATMAP_PEOPLE = 30
# -- registers longer than this are cut in the appendix, which points to the spreadsheet
#    exports for the rest: a few hundred rows is as much as anyone reads in a deck
APPENDIX_ROWS = 120
# -- a list in the body of the deck continues on at most this many slides; the rest is
#    counted on the last one and listed in the appendix
BODY_PAGES = 2
CADENCE_NAMES = {Cadence.DAILY: "Daily", Cadence.WEEKLY: "Weekly", Cadence.MONTHLY: "Monthly",
                 Cadence.QUARTERLY: "Quarterly"}  # fmt: skip
RAID_ORDER = (RaidKind.RISK, RaidKind.ISSUE, RaidKind.ACTION, RaidKind.DECISION)
DRIVER_NAMES = {DriverKind.OPPORTUNITY: "Opportunity", DriverKind.THREAT: "Threat",
                DriverKind.IMPERATIVE: "Imperative", DriverKind.GOAL: "Goal"}  # fmt: skip


class Missing(Exception):
    """A section has no data to show; the message says what would fill it."""


@dataclass
class Context:
    """The workshop as the sections read it, each part loaded once when first needed."""

    conn: Connection
    options: Options
    anonymous: bool

    @cached_property
    def workshop(self) -> dict[str, Any]:
        row = self.conn.execute(select(Workshop.__table__).where(Workshop.id == 1)).mappings()
        return dict(row.first() or {})

    @cached_property
    def people(self) -> dict[int, str]:
        return person_labels(self.conn, self.anonymous)

    @cached_property
    def assessment(self) -> list[DimensionStatistics]:
        return assessment_statistics(load_assessment(self.conn))

    @cached_property
    def cascade(self) -> Cascade:
        return load_cascade(self.conn)

    @cached_property
    def prioritisation(self) -> Analysis:
        try:
            return analyse(self.conn)
        except (ValueError, ArithmeticError) as error:
            # -- numbers the solver refuses (an infinite budget, say) must not stop the
            #    deck: the prioritisation sections are left out and say why
            from bigdesk.analysis.prioritisation import load

            return Analysis(load(self.conn), errors=[f"The prioritisation cannot be "
                                                     f"computed: {error}"])

    @cached_property
    def pitch(self) -> SponsorPitch:
        # -- an unsaved pitch reads as empty
        return sponsor_pitch(self.conn) or SponsorPitch()

    def person(self, person_id: int | None) -> str:
        return self.people.get(person_id, "") if person_id is not None else ""

    def client(self) -> str:
        return safe.line(self.workshop.get("client_organisation") or "")


def _first_pages(pages: list[Any], limit: int = BODY_PAGES) -> tuple[list[Any], int]:
    """Return the first ``limit`` pages and how many items the pages left out held."""
    return pages[:limit], sum(len(page) for page in pages[limit:])


def _more(count: int, what: str) -> str:
    return f"{count} more {what} in the appendix" if count else ""


def _lines(value: str | None) -> list[str]:
    return [safe.line(part.lstrip("-•* ")) for part in (value or "").splitlines()
            if part.strip()]


def _date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


# ---------------------------------------------------------------- sections


def title_slides(ctx: Context) -> list[Slide]:
    """Title: client, session, date, facilitator and sponsor."""
    w = ctx.workshop
    client = ctx.client()
    lines = [safe.line(w.get("title")) or "First Steps", _date(w.get("session_date"))]
    if w.get("facilitator"):
        lines.append(f"Facilitated by {safe.line(w['facilitator'])}")
    if w.get("sponsor"):
        lines.append(f"Sponsor: {safe.line(w['sponsor'])}")
    notes = ("Open with the sponsor's aim for the session and what the executives will "
             "take away: where we stand, what we are for, what comes first and what we ask.")
    return [Slide("title", client or safe.line(w.get("title")) or "First Steps", "Title Slide",
                  subtitle="\n".join(line for line in lines if line), notes=notes)]


def why_now_slides(ctx: Context) -> list[Slide]:
    """Why now: the executives' concerns beside the business drivers."""
    concerns = _lines(ctx.pitch.executive_concerns) or _lines(concerns_draft(ctx.conn))
    drivers = [
        f"{DRIVER_NAMES.get(kind, 'Driver')}: {safe.line(title)}" if kind else safe.line(title)
        for title, kind in ctx.conn.execute(
            select(Element.title, _driver_kind()).where(Element.type == ElementType.DRIVER)
            .order_by(Element.position, Element.id))
    ]  # fmt: skip
    if not concerns and not drivers:
        raise Missing("No concerns or business drivers are recorded yet.")
    left, more_concerns = _first_pages(
        bullet_pages([Bullet(c) for c in concerns], "left" if drivers else "body", size=16))
    right, more_drivers = _first_pages(
        bullet_pages([Bullet(d) for d in drivers], "right" if concerns else "body", size=16))
    pages = max(len(left), len(right))
    more = "; ".join(part for part in (_more(more_concerns, "concerns"),
                                       _more(more_drivers, "drivers")) if part)
    notes = ("Let each executive hear their own concern in the room's words, then connect it "
             "to the driver behind it: the case for change is theirs, not ours.")
    slides = []
    for n in range(pages):
        blocks: list[Any] = []
        if concerns:
            items = left[n] if n < len(left) else []
            blocks.append(Bullets(items, "left" if drivers else "body", size=16,
                                  heading="What keeps the executives up at night"))
        if drivers:
            items = right[n] if n < len(right) else []
            blocks.append(Bullets(items, "right" if concerns else "body", size=16,
                                  heading="Business drivers"))
        slides.append(Slide("why-now", page_title("Why now", n + 1, pages),
                            "Two Content" if concerns and drivers else "Title and Content",
                            [b for b in blocks if b.items], notes,
                            caption=more.capitalize() if n == pages - 1 else ""))
    return slides


def _driver_kind() -> Any:
    from bigdesk.model import Driver

    return Driver.driver_kind


def purpose_slides(ctx: Context) -> list[Slide]:
    """Purpose and vision: why the organisation exists and where it wants to be."""
    # -- more than four purposes do not fit one row; the register lists them all
    purposes = ctx.cascade.of_type(ElementType.PURPOSE)[:4]
    visions = [safe.line(v.title) for v in ctx.cascade.of_type(ElementType.VISION)]
    pitched = safe.line(ctx.pitch.vision or "")
    if pitched and pitched not in visions:
        visions.append(pitched)
    if not purposes and not visions:
        raise Missing("No purpose or vision is written yet.")
    boxes: list[Box] = []
    count = max(len(purposes), 1)
    gap = 0.03
    width = (1 - gap * (count - 1)) / count
    top_height = 0.42 if visions else 0.8
    for n, purpose in enumerate(purposes):
        boxes.append(Box(f"purpose-{purpose.id}", safe.line(purpose.title), n * (width + gap),
                         0.08, width, top_height, "purpose", kicker="Purpose"))
    if visions:
        y = 0.58 if purposes else 0.08
        boxes.append(Box("vision", "\n".join(visions[:3]), 0.0, y, 1.0, 0.94 - y, "objective",
                         kicker="Vision"))
    notes = ("Read the purpose aloud and ask whether anyone would change a word. The vision "
             "is where the objectives that follow must lead.")
    return [Slide("purpose", "Purpose and vision", "Title Only",
                  [Diagram(boxes, [], "body")], notes)]


def current_state_slides(ctx: Context) -> list[Slide]:
    """Current state: radar of current against target, the largest gaps, the room's spread."""
    rows = ctx.assessment
    radar = radar_data(rows)
    known = [c for c in radar.current if c is not None] + [t for t in radar.target if t is not None]
    if not known:
        raise Missing("No capability has been scored yet.")
    gaps = gap_data(rows)
    slides = []
    series = [Series("Current", finite(radar.current)), Series("Target", finite(radar.target))]
    chart = Chart("radar", [safe.chart_label(label) for label in radar.labels], series, "major",
                  axis_max=5.0)
    table_rows = [[safe.line(label), safe.number_text(c), safe.number_text(t),
                   safe.number_text(g)]
                  for label, c, t, g in zip(gaps.labels, gaps.current, gaps.target, gaps.gaps,
                                            strict=True)][:GAP_ROWS]  # fmt: skip
    blocks: list[Any] = [chart]
    if table_rows:
        blocks.append(Table(["Largest gaps", "Current", "Target", "Gap"], table_rows,
                            [3.2, 1, 1, 0.8], "minor"))
    flagged = [r.dimension.name for r in by_disagreement(rows) if r.flagged]
    notes = ("Levels are the room's agreed consensus where there is one, otherwise the median "
             "of the scores. ")
    if gaps.labels:
        notes += f"The largest gap is {gaps.labels[0]} ({gaps.gaps[0]:g} levels). "
    if flagged:
        notes += f"Views differed most on {', '.join(flagged[:3])}: say what the room agreed."
    slides.append(Slide("current-state", "Where we stand today", "Title Only", blocks, notes,
                        caption="Maturity from 1 (ad hoc) to 5 (optimised): current against "
                        "target"))
    heat = heatmap_data(load_assessment(ctx.conn), participant_labels(ctx.conn, ctx.anonymous))
    scored = any(v is not None for row in heat.values for v in row)
    # -- one column per person stops being readable on a slide beyond a few dozen people
    if scored and 0 < len(heat.columns) <= HEATMAP_PEOPLE:
        slides.append(Slide(
            "current-state", "Where the room's views differ", "Title Only",
            [Picture("heatmap", heat)],
            "Each column is one participant's current level. Wide spreads are where the "
            "executives see the business differently: name them, do not average them away.",
            caption="Current level by participant and capability"))
    return slides


def cascade_slides(ctx: Context) -> list[Slide]:
    """The strategy cascade: purposes to objectives, key results and initiatives."""
    pages, omitted = cascade_pages(ctx.cascade, ctx.people)
    if not pages:
        raise Missing("No objectives are mapped yet.")
    index = ctx.cascade.alignment_index()
    caption = "Purposes, objectives, key results and the initiatives that deliver them"
    if index.initiatives and index.budget_share is not None:
        caption = (f"{index.budget_share:.0%} of initiative budget traces to a purpose "
                   f"({index.traced_initiatives} of {index.initiatives} initiatives)")
    slides = []
    for n, (diagram, objectives) in enumerate(pages):
        notes = ("Walk one line from purpose to initiative so the room sees how the work "
                 "connects to the strategy. Objectives on this slide: " + ", ".join(objectives)
                 + ".")
        if omitted and n == len(pages) - 1:
            notes += f" {omitted} more objectives are in the cascade register in the appendix."
        slides.append(Slide("cascade", page_title("The strategy cascade", n + 1, len(pages)),
                            "Title Only", [diagram], notes, caption=caption))
    return slides


def accountability_slides(ctx: Context) -> list[Slide]:
    """Accountability: the nodes and what each owns, the information flows, the gaps."""
    cascade = ctx.cascade
    if not cascade.nodes:
        raise Missing("No accountability nodes are mapped yet.")
    slides = []
    pages = node_pages(cascade, ctx.people)
    for n, diagram in enumerate(pages):
        slides.append(Slide(
            "accountability", page_title("Who is accountable", n + 1, len(pages)), "Title Only",
            [diagram],
            "Every objective needs one accountable node and every node one accountable person. "
            "Ask who would answer for each box at the next board.",
            caption="Accountability nodes, the person accountable, cadence and what each owns"))
    names = {i: safe.line(node.name) or "(unnamed node)" for i, node in cascade.nodes.items()}
    flows = sorted(cascade.flows, key=lambda f: f.provider_id is not None)
    rows = [[names.get(f.consumer_id, ""), safe.line(f.information),
             names.get(f.provider_id, "") if f.provider_id is not None else "Nobody yet",
             CADENCE_NAMES.get(f.cadence, "") if f.cadence else ""] for f in flows]
    headers = ["Who needs it", "Information", "Who provides it", "How often"]
    widths = [2.2, 4.2, 2.2, 1.2]
    table, more_flows = _first_pages(table_pages(headers, rows, widths))
    unprovided = sum(1 for f in flows if f.provider_id is None)
    for n, page in enumerate(table if rows else []):
        start = sum(len(p) for p in table[:n])
        highlight = [i for i in range(len(page)) if start + i < unprovided]
        slides.append(Slide(
            "accountability", page_title("Information that flows between nodes", n + 1,
                                         len(table)),
            "Title and Content", [Table(headers, page, widths, highlight=highlight)],
            f"{unprovided} information need{'s' if unprovided != 1 else ''} nobody provides yet; "
            "they are listed first. Agree who will provide each one.",
            caption="What each node needs, from whom, and how often" + (
                f"; {_more(more_flows, 'flows')}" if more_flows and n == len(table) - 1
                else "")))
    findings = [f for f in cascade_findings(cascade)
                if f.severity in (Severity.WARNING, Severity.ERROR)]
    if findings:
        pages_of, more_findings = _first_pages(
            bullet_pages([Bullet(safe.line(f.message)) for f in findings], size=16))
        for n, points in enumerate(pages_of):
            slides.append(Slide(
                "accountability", page_title("Gaps the health check found", n + 1,
                                             len(pages_of)),
                "Title and Content", [Bullets(points, size=16)],
                "These are the gaps between purpose, objectives, delivery and accountability. "
                "Pick the two or three the board should close first.",
                caption=f"{len(findings)} gap{'s' if len(findings) != 1 else ''} in the "
                "cascade and its accountability" + (
                    f"; the first {len(findings) - more_findings} shown" if more_findings
                    else "")))
    return slides


def priorities_slides(ctx: Context) -> list[Slide]:
    """Priorities: the ranked list, value against effort, the portfolio and why others wait."""
    analysis = ctx.prioritisation
    ranking, selection = analysis.ranking, analysis.selection
    if ranking is None or not ranking.initiatives:
        reason = analysis.errors[0] if analysis.errors else "No initiatives to prioritise yet."
        raise Missing(reason)
    chosen = set(selection.chosen()) if selection is not None else set()
    rows, highlight = [], []
    for position, index in enumerate(ranking.order[:RANKED_ROWS]):
        initiative = ranking.initiatives[index]
        status = ("In the portfolio" if index in chosen else "Waits") if selection else ""
        if index in chosen:
            highlight.append(position)
        rows.append([str(position + 1), safe.line(initiative.label),
                     safe.number_text(float(ranking.values[index])),
                     money(initiative.budget) if initiative.budget is not None else "",
                     safe.number_text(initiative.effort, 0), status])
    headers = ["Rank", "Initiative", "Value", "Cost", "Effort (days)", "Decision"]
    widths = [0.6, 4.6, 0.9, 1.1, 1.2, 1.6]
    weights = ", ".join(f"{c.name} {w:.0%}" for c, w in zip(ranking.criteria, ranking.weights,
                                                              strict=True))
    slides = [Slide(
        "priorities", "What comes first", "Title and Content",
        [Table(headers, page, widths, highlight=[h for h in highlight if h < len(page)])
         for page in table_pages(headers, rows, widths)[:1]],
        f"Value is points out of 100, weighted by the agreed criteria: {weights}.",
        caption=f"The {min(RANKED_ROWS, len(ranking.order))} highest-value initiatives of "
        f"{len(ranking.order)}, by weighted value")]
    bubbles = bubble_data(ranking, selection)
    # -- beyond a few dozen bubbles the chart is a cloud nobody can read: the highest-valued
    #    initiatives are plotted, the rest are in the ranking of the appendix
    plotted = set(ranking.order[:BUBBLES])
    series = []
    for name, want in (("In the portfolio", True), ("Waits", False), ("Initiatives", None)):
        points, labels = [], []
        for n, (label, x, y, cost, picked) in enumerate(zip(
                bubbles.labels, bubbles.effort, bubbles.value, bubbles.cost, bubbles.selected,
                strict=True)):
            if n not in plotted:
                continue
            if picked is want and safe.number(x) is not None and safe.number(y) is not None:
                points.append((float(x), float(y), max(safe.number(cost) or 0.0, 1.0)))
                labels.append(safe.chart_label(label))
        if points:
            series.append(BubbleSeries(name, points, labels))
    if series:
        slides.append(Slide(
            "priorities", "Value against effort", "Title Only",
            [Chart("bubble", [], [], "body", bubbles=series, number_format="#,##0",
                   x_title="Effort (person-days)", y_title="Value (points)")],
            "Top left are the quick wins; top right the major projects worth their effort; "
            "bottom right is where to ask whether the work is needed at all.",
            caption="Bubble area shows cost" + (
                f"; the {BUBBLES} highest-value initiatives of {len(ranking.order):,}"
                if len(ranking.order) > BUBBLES else "")))
    if selection is not None:
        slides.extend(_portfolio_slides(ctx, analysis))
    return slides


def _portfolio_slides(ctx: Context, analysis: Analysis) -> list[Slide]:
    ranking, selection = analysis.ranking, analysis.selection
    assert ranking is not None and selection is not None
    picked = [ranking.initiatives[i] for i in selection.chosen()]
    summary = [f"{len(picked)} initiatives worth {selection.total_value:.0f} points"]
    if selection.budget is not None:
        summary.append(f"{money(selection.total_cost)} of the {money(selection.budget)} budget")
    for name, unit, used, capacity in selection.usage:
        if capacity is not None:
            summary.append(f"{used:,.0f} of {capacity:,.0f} {unit} of {name}")
    chosen_items = [Bullet("; ".join(summary))] + [
        Bullet(safe.line(i.label) + (f" ({money(i.budget)})" if i.budget else ""), 1)
        for i in sorted(picked, key=lambda i: ranking.order.index(ranking.initiatives.index(i)))
    ]
    left, more_chosen = _first_pages(bullet_pages(chosen_items, "left", size=16))
    reasons = [[safe.line(ranking.initiatives[i].label), safe.line(out.reason)]
               for i, out in selection.left_out.items()]
    right, more_waiting = _first_pages(
        table_pages(["Waits", "Why"], reasons, [1.4, 3], "right", size=11) if reasons else [])
    pages = max(len(left), len(right), 1)
    more = "; ".join(part for part in (_more(more_chosen, "chosen initiatives are"),
                                       _more(more_waiting, "waiting initiatives are")) if part)
    slides = []
    for n in range(pages):
        blocks: list[Any] = []
        if n < len(left):
            blocks.append(Bullets(left[n], "left", size=16, heading="The chosen portfolio"))
        if n < len(right):
            blocks.append(Table(["Waits", "Why"], right[n], [1.4, 3], "right", size=11))
        slides.append(Slide(
            "priorities", page_title("The portfolio we recommend", n + 1, pages), "Two Content",
            blocks,
            "The portfolio is the best total value the budget and capacities allow, with the "
            "must-do work in and the excluded work out. Each initiative that waits has its "
            "reason.\n" + "\n".join(selection.notes),
            caption=(more[:1].upper() + more[1:] + " (the ranking)")
            if more and n == pages - 1 else ""))
    return slides


def run_change_slides(ctx: Context) -> list[Slide]:
    """Run and Change: how the budget divides between running and changing the business."""
    run_change = ctx.prioritisation.run_change
    if run_change is None:
        raise Missing("No initiatives to split yet.")
    data = split_data(run_change)
    if not data.classes or not any(data.current):
        raise Missing("No initiative has a budget yet.")
    shares = data.selected if data.selected is not None else data.current
    which = "the recommended portfolio" if data.selected is not None else "all initiatives"
    categories = [safe.chart_label(c) for c in data.classes]
    doughnut = Chart("doughnut", categories, [Series(f"Budget of {which}", finite(shares))],
                     "left", title=f"Budget of {which}", number_format='0"%"')
    bars = [Series("All initiatives", finite(data.current))]
    if data.selected is not None:
        bars.append(Series("Recommended portfolio", finite(data.selected)))
    if any(t is not None for t in data.target):
        bars.append(Series("Target", finite(data.target)))
    compare = Chart("clustered_bar", categories, bars, "right", title="Share of budget (%)",
                    number_format='0"%"')
    lines = run_change.current if run_change.selected is None else run_change.selected
    detail = "; ".join(f"{line.name} {money(line.budget)} ({line.budget_share:.0f}%)"
                       for line in lines)
    problem = run_change.target_problem()
    notes = (f"Run keeps the business going; Grow and Transform change it. {detail}. "
             "Both draw on the same people and money, so they are planned together.")
    if problem:
        notes += f" Note: {problem}"
    return [Slide("run-change", "Run and Change", "Two Content", [doughnut, compare], notes,
                  caption="Share of budget by class of work")]


def raid_slides(ctx: Context) -> list[Slide]:
    """Key risks, actions, issues and decisions."""
    items = [i for i in raid_items(ctx.conn)
             if i.status is not RaidStatus.CLOSED or i.kind is RaidKind.DECISION]
    if not items:
        raise Missing("The RAID log is empty.")
    items.sort(key=lambda i: RAID_ORDER.index(i.kind))
    rows = [[RAID_KINDS[i.kind], safe.line(i.title), ctx.person(i.owner_id),
             _date(i.due_date), RAID_STATUSES[i.status]] for i in items]
    headers = ["", "What", "Owner", "Due", "Status"]
    widths = [1.0, 5.6, 1.8, 1.6, 1.2]
    pages, more = _first_pages(table_pages(headers, rows, widths))
    caption = "Open items and the decisions taken; the full log is in the appendix"
    if more:
        caption = f"Open items and the decisions taken; {more} more in the RAID log (appendix)"
    return [Slide("raid", page_title("Risks, actions, issues and decisions", n + 1, len(pages)),
                  "Title and Content", [Table(headers, page, widths)],
                  "Every item has one owner and a date. Ask the owners to confirm them now.",
                  caption=caption)
            for n, page in enumerate(pages)]


def roadmap_slides(ctx: Context) -> list[Slide]:
    """An enablers-first roadmap by quarter."""
    analysis = ctx.prioritisation
    chosen: set[int] | None = None
    if analysis.selection is not None and analysis.ranking is not None:
        chosen = {analysis.ranking.initiatives[i].id for i in analysis.selection.chosen()}
    rows = ctx.conn.execute(
        select(Initiative.id, Initiative.ref, Initiative.title, Initiative.starts_on,
               Initiative.ends_on, Initiative.closes_dimension_id)
        .order_by(Initiative.position, Initiative.id)).all()  # fmt: skip
    if chosen is not None:
        rows = [r for r in rows if r.id in chosen]
    pages, ongoing = roadmap_pages(rows, ctx.cascade)
    if not pages:
        raise Missing("No initiative has start and end dates yet.")
    caption = "Enablers first, then the work that builds on them; arrows show what waits on what"
    if ongoing:
        caption = f"{caption}. Ongoing: {', '.join(ongoing)}"
    scope = "the recommended portfolio" if chosen is not None else "every initiative"
    return [Slide("roadmap", page_title("Roadmap: enablers first", n + 1, len(pages)),
                  "Title Only", [diagram],
                  f"The roadmap shows {scope} by quarter. Enablers come first because everything "
                  "else needs them: say which enabler the first quarter depends on.",
                  caption=safe.clip(caption, 150))
            for n, diagram in enumerate(pages)]


def ask_slides(ctx: Context) -> list[Slide]:
    """The ask and next steps."""
    pitch = ctx.pitch
    asks: list[Bullet] = []
    sponsor = safe.line(pitch.sponsor or ctx.workshop.get("sponsor") or "")
    if sponsor:
        asks.append(Bullet(f"Sponsor the programme: {sponsor}"))
    selection = ctx.prioritisation.selection
    if selection is not None and selection.chosen():
        budget = f" for {money(selection.total_cost)}" if selection.total_cost else ""
        asks.append(Bullet(f"Approve the recommended portfolio of {len(selection.chosen())} "
                           f"initiatives{budget}"))
    asks += [Bullet(line) for line in _lines(pitch.funding)]
    asks += [Bullet(line) for line in _lines(pitch.roadmap)]
    steps: list[Bullet] = []
    if not steps:
        for item in raid_items(ctx.conn):
            if item.kind is RaidKind.ACTION and item.status is not RaidStatus.CLOSED:
                who = ctx.person(item.owner_id)
                when = _date(item.due_date)
                extra = ", ".join(part for part in (who, f"by {when}" if when else "") if part)
                steps.append(Bullet(safe.line(item.title) + (f" ({extra})" if extra else "")))
    if not asks and not steps:
        raise Missing("No sponsor, portfolio, funding or next steps are recorded yet.")
    left, _ = _first_pages(bullet_pages(asks, "left" if steps else "body"))
    right, _ = _first_pages(bullet_pages(steps, "right" if asks else "body"))
    pages = max(len(left), len(right))
    shared = [n["text"] for n in ctx.conn.execute(
        select(Note.text).where(Note.private.is_(False)).order_by(Note.position, Note.id)
    ).mappings()]
    notes = "Close on the decision you need today and who does what next."
    if shared:
        notes += "\nFrom the session's notes:\n" + "\n".join(f"• {safe.line(t)}"
                                                              for t in shared[:20])
    slides = []
    for n in range(pages):
        blocks: list[Any] = []
        if n < len(left):
            blocks.append(Bullets(left[n], "left" if steps else "body", heading="What we ask"))
        if n < len(right):
            blocks.append(Bullets(right[n], "right" if asks else "body", heading="Next steps"))
        slides.append(Slide("ask", page_title("The ask and next steps", n + 1, pages),
                            "Two Content" if asks and steps else "Title and Content", blocks,
                            notes))
    return slides


# ---------------------------------------------------------------- appendix


def _sheet_slides(title: str, sheet: Sheet, columns: Sequence[int], widths: Sequence[float],
                  notes: str = "") -> list[Slide]:
    all_rows = [list(r) for r in sheet.rows]
    rows = [[_cell(row[c]) for c in columns] for row in all_rows[:APPENDIX_ROWS]]
    if not rows:
        return []
    # -- a column nobody filled in (no descriptions, no actual times yet) is left out
    keep = [n for n in range(len(columns)) if any(row[n] for row in rows)]
    headers = [safe.line(sheet.headers[columns[n]]) for n in keep]
    rows = [[row[n] for n in keep] for row in rows]
    widths = [widths[n] for n in keep]
    caption = ""
    if len(all_rows) > APPENDIX_ROWS:
        caption = (f"The first {APPENDIX_ROWS} of {len(all_rows):,} rows; the spreadsheet "
                   "exports hold them all")
    pages = table_pages(headers, rows, widths, size=APPENDIX_TABLE_SIZE, max_lines=3)
    return [Slide("appendix", page_title(title, n + 1, len(pages)), "Title Only",
                  [Table(headers, page, list(widths), size=APPENDIX_TABLE_SIZE)], notes,
                  caption=caption) for n, page in enumerate(pages)]


def _money(value: float | None) -> str:
    return "" if value is None else money(value)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return safe.number_text(value)
    return safe.line(value)


def appendix_slides(ctx: Context) -> list[Slide]:
    """The full registers: cascade, assessment, ranking, RAID, people, nodes, flows, session."""
    conn = ctx.conn
    slides: list[Slide] = []
    at = {column: index for index, column in enumerate(REGISTER_COLUMNS)}
    register = Sheet("Cascade register", ["Ref", "Type", "Title", "Serves", "Node", "Owner",
                                          "Status", "Progress %"],
                     [[r[at["id"]], str(r[at["type"]]).replace("_", " "), r[at["title"]],
                       str(r[at["parents"]] or "").replace(";", ", "), r[at["node"]],
                       r[at["owner"]], r[at["status"]], r[at["progress"]]]
                      for r in register_rows(conn, ctx.anonymous)])
    slides += _sheet_slides("Cascade register", register, range(8),
                            [0.7, 0.9, 3.6, 1.4, 1.8, 1.4, 1.0, 0.8])
    rows = ctx.assessment
    if any(r.current_level is not None or r.target_level is not None for r in rows):
        sheet = Sheet("Assessment", ["Group", "Capability", "Current", "Target", "Gap",
                                     "Confidence", "Evidence"],
                      [[r.dimension.group, r.dimension.name, r.current_level, r.target_level,
                        r.gap, r.agreed.confidence.value.title() if r.agreed and
                        r.agreed.confidence else "", r.agreed.evidence if r.agreed else ""]
                       for r in rows])  # fmt: skip
        slides += _sheet_slides("Capability assessment", sheet, range(7),
                                [1.4, 2.8, 0.8, 0.8, 0.6, 1.0, 4.0])
    ranking = ctx.prioritisation.ranking
    selection = ctx.prioritisation.selection
    if ranking is not None and ranking.initiatives:
        chosen = set(selection.chosen()) if selection else set()
        sheet = Sheet("Ranking", ["Rank", "Initiative", "Value", "Cost", "Effort (days)",
                                  "Decision"],
                      [[str(n + 1), ranking.initiatives[i].label, float(ranking.values[i]),
                        _money(ranking.initiatives[i].budget),
                        ranking.initiatives[i].effort,
                        ("In the portfolio" if i in chosen else "Waits") if selection else ""]
                       for n, i in enumerate(ranking.order)])  # fmt: skip
        slides += _sheet_slides("Prioritised initiatives", sheet, range(6),
                                [0.6, 5.0, 0.9, 1.1, 1.2, 1.6])
    raid = raid_sheet(conn, ctx.anonymous)
    slides += _sheet_slides("RAID log", raid, range(6), [0.9, 3.2, 3.4, 1.4, 1.2, 1.1])
    people = stakeholders_sheet(conn, ctx.anonymous)
    slides += _sheet_slides("Participants and stakeholders", people, (0, 1, 2, 4, 5, 6),
                            [1.4, 1.2, 2.4, 0.8, 0.8, 5.0])
    cascade = ctx.cascade
    names = {i: node.name for i, node in cascade.nodes.items()}
    owns: dict[int, list[str]] = {}
    for element in cascade.elements.values():
        if element.node_id is not None and element.type in (ElementType.OBJECTIVE,
                                                            ElementType.KEY_RESULT):
            owns.setdefault(element.node_id, []).append(element.ref or element.title)
    nodes = Sheet("Nodes", ["Node", "Part of", "Accountable", "Cadence", "Owns"],
                  [[n.name, names.get(n.parent_id, "") if n.parent_id else "",
                    ctx.person(n.accountable_id), CADENCE_NAMES.get(n.cadence, "")
                    if n.cadence else "", ", ".join(owns.get(n.id, []))]
                   for n in cascade.nodes.values()])  # fmt: skip
    slides += _sheet_slides("Accountability nodes", nodes, range(5), [2.6, 2.2, 1.6, 1.0, 3.0])
    flows = Sheet("Information flows", ["Who needs it", "Information", "Who provides it",
                                        "How often"],
                  [[names.get(f.consumer_id, ""), f.information,
                    names.get(f.provider_id, "") if f.provider_id is not None else "Nobody yet",
                    CADENCE_NAMES.get(f.cadence, "") if f.cadence else ""]
                   for f in cascade.flows])  # fmt: skip
    slides += _sheet_slides("Information flows", flows, range(4), [2.4, 4.6, 2.4, 1.2])
    points = []
    for group in table_groups(conn):
        points += [[group.name, p.text] for p in key_points(conn, group.id)
                   if visible_to_room(p) and p.text.strip()]
    points += [["Parking lot", p.text] for p in key_points(conn, None)
               if visible_to_room(p) and p.text.strip()]
    slides += _sheet_slides("What the tables said", Sheet("Key points", ["Table", "Key point"],
                                                          points), range(2), [2.2, 8.0])
    agenda = agenda_sheet(conn)
    slides += _sheet_slides("The session", agenda, (0, 3, 4, 5), [6.0, 1.3, 1.3, 1.3])
    if not slides:
        raise Missing("There are no registers to show yet.")
    divider = Slide("appendix", "Appendix", "Section Header",
                    subtitle="The registers behind this deck", notes="")
    return [divider, *slides]


def agenda_slide(sections: Sequence[tuple[str, str]]) -> Slide:
    """The deck's own agenda: the sections that follow."""
    items = [Bullet(title) for key, title in sections if key not in ("title", "agenda")]
    return Slide("agenda", "Agenda", "Title and Content", [Bullets(items)] if items else [],
                 "Set out the story: where we stand, what we are for, what comes first and "
                 "what we ask of you.")


# ---------------------------------------------------------------- the storyline


Builder = Callable[[Context], list[Slide]]
# -- key, title in the Deck step and the agenda, builder; in the order of the storyline
SECTIONS: list[tuple[str, str, Builder | None]] = [
    ("title", "Title", title_slides),
    ("agenda", "Agenda", None),
    ("why-now", "Why now", why_now_slides),
    ("purpose", "Purpose and vision", purpose_slides),
    ("current-state", "Where we stand today", current_state_slides),
    ("cascade", "The strategy cascade", cascade_slides),
    ("accountability", "Accountability", accountability_slides),
    ("priorities", "Priorities", priorities_slides),
    ("run-change", "Run and Change", run_change_slides),
    ("raid", "Risks, actions, issues and decisions", raid_slides),
    ("roadmap", "Roadmap", roadmap_slides),
    ("ask", "The ask and next steps", ask_slides),
    ("appendix", "Appendix", appendix_slides),
]
SECTION_KEYS = [key for key, _, _ in SECTIONS]


def build_plan(conn: Connection, options: Options | None = None) -> Deck:
    """Return the deck for the workshop behind ``conn``: every section that has data."""
    options = options or Options()
    anonymous = anonymous_mode(conn) if options.anonymous is None else options.anonymous
    ctx = Context(conn, options, anonymous)
    built: list[tuple[str, str, list[Slide]]] = []
    outline: list[SectionOutline] = []
    for key, title, builder in SECTIONS:
        if builder is None:
            built.append((key, title, []))
            continue
        try:
            slides = builder(ctx)
        except Missing as missing:
            outline.append(SectionOutline(key, title, [], str(missing)))
            continue
        built.append((key, title, slides))
        outline.append(SectionOutline(key, title, [s.title for s in slides]))
    wanted = options.sections
    included = [(k, t, s) for k, t, s in built if wanted is None or k in wanted]
    agenda = agenda_slide([(k, t) for k, t, s in included if s])
    if agenda.blocks:
        outline.insert(1, SectionOutline("agenda", "Agenda", [agenda.title]))
    else:
        outline.insert(1, SectionOutline("agenda", "Agenda", [],
                                         "No other section has anything to show yet."))
    ordered: list[Slide] = []
    for key, _, section in included:
        ordered += ([agenda] if agenda.blocks else []) if key == "agenda" else section
    if not options.notes:
        ordered = [dataclasses.replace(s, notes="") for s in ordered]
    client = ctx.client()
    footer = " · ".join(p for p in (client, safe.line(ctx.workshop.get("title") or "")) if p)
    deck = Deck(ordered, footer, outline)
    if anonymous:
        deck = _redact(deck, _real_names(conn, ctx.people))
    return deck


def section_outline(conn: Connection, options: Options | None = None) -> list[SectionOutline]:
    """Return every section with the slides it would hold, or why it is left out."""
    return build_plan(conn, dataclasses.replace(options or Options(), sections=None)).outline


# ---------------------------------------------------------------- anonymous mode


def _real_names(conn: Connection, labels: dict[int, str]) -> dict[str, str]:
    names = {}
    for person_id, name in conn.execute(select(Person.id, Person.name)):
        name = " ".join((name or "").split())
        if len(name) >= 2 and person_id in labels and labels[person_id] != name:
            names[name] = labels[person_id]
    return names


def _redact(deck: Deck, names: dict[str, str]) -> Deck:
    """Replace every real name in every text of the deck with the person's label.

    Free text (concerns, notes, pitch) can name people too; one pass over the whole
    plan is the only way to be sure no name slips out in anonymous mode.
    """
    if not names:
        return deck
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                         re.IGNORECASE)
    lookup = {n.lower(): label for n, label in names.items()}

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: lookup[" ".join(m.group(0).split()).lower()], value)
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


