"""The case for change: the cover, why now, what the tables said, purpose, where we stand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bigdesk.analysis.assessment import (
    DISAGREEMENT_LEVELS,
    by_disagreement,
    by_gap,
    load_assessment,
)
from bigdesk.analysis.people import participant_labels
from bigdesk.analysis.room import concerns_draft, key_points, table_groups, visible_to_room
from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.context import (
    BODY_PAGES,
    Context,
    Missing,
    day,
    lines,
    more,
    number_word,
    sentence,
)
from bigdesk.exchange.deck.diagrams import purpose_diagram
from bigdesk.exchange.deck.plan import (
    BLANK,
    Bullet,
    Bullets,
    Chart,
    Series,
    Slide,
    caption,
    column_pages,
    finite,
    first_fitting,
    page_caption,
    table_pages,
    with_note,
)
from bigdesk.exchange.figures_assessment import gap_data, heatmap_data, radar_data
from bigdesk.model import Driver, DriverKind, Element, ElementType, Person

# -- a radar stays readable up to about a dozen spokes; beyond, a sorted bar chart
RADAR_SPOKES = 12
GAP_ROWS = 8
# -- one column per person stops being readable beyond a dozen or so
HEATMAP_PEOPLE = 14
DRIVER_NAMES = {DriverKind.OPPORTUNITY: "Opportunity", DriverKind.THREAT: "Threat",
                DriverKind.IMPERATIVE: "Imperative", DriverKind.GOAL: "Goal"}  # fmt: skip


def title_slides(ctx: Context) -> list[Slide]:
    """The cover: client, session, date, facilitator and sponsor."""
    w = ctx.workshop
    client = ctx.client()
    parts = [safe.line(w.get("title")) or "First Steps", day(ctx.session_date())]
    if w.get("facilitator"):
        parts.append(f"Facilitated by {safe.line(w['facilitator'])}")
    if w.get("sponsor"):
        parts.append(f"Sponsor: {safe.line(w['sponsor'])}")
    notes = ("Open with the sponsor's aim for the session and what the executives will "
             "take away: where we stand, what we are for, what comes first and what we ask.")
    return [Slide("title", client or safe.line(w.get("title")) or "First Steps", "Title Slide",
                  subtitle="\n".join(p for p in parts if p), notes=notes)]


def _sponsor_concern(ctx: Context) -> str:
    """Return the sponsor's own concern, when the sponsor is one of the people."""
    sponsor = safe.line(ctx.pitch.sponsor or ctx.workshop.get("sponsor") or "")
    if not sponsor:
        return ""
    found = ctx.conn.execute(select(Person.concerns).where(Person.name == sponsor)).scalar()
    return safe.line(found or "")


def why_now_slides(ctx: Context) -> list[Slide]:
    """Why now: the executives' concerns beside the business drivers."""
    concerns = lines(ctx.pitch.executive_concerns) or lines(concerns_draft(ctx.conn))
    drivers = [
        f"{DRIVER_NAMES[kind]}: {safe.line(title)}" if kind else safe.line(title)
        for title, kind in ctx.conn.execute(
            select(Element.title, Driver.driver_kind).where(Element.type == ElementType.DRIVER)
            .order_by(Element.position, Element.id))
    ]  # fmt: skip
    if not concerns and not drivers:
        raise Missing("No concerns or business drivers are recorded yet.")
    both = bool(concerns and drivers)
    title = first_fitting(
        ctx.geometry, sentence(_sponsor_concern(ctx)),
        f"{number_word(len(concerns)).capitalize()} concerns and "
        f"{number_word(len(drivers))} business drivers make the case for acting now")
    named = [(items, region, heading, noun) for items, region, heading, noun in (
        (concerns, "left" if both else "body", "What the executives worry about", "concerns"),
        (drivers, "right" if both else "body", "Business drivers", "business drivers"))
        if items]
    lists = [([Bullet(i) for i in items], region, heading)
             for items, region, heading, _ in named]
    size, laid = column_pages(lists, ctx.geometry)  # type: ignore[arg-type]
    columns = [(pages[:BODY_PAGES], region, heading)
               for pages, (_, region, heading) in zip(laid, lists, strict=True)]
    note = "; ".join(more(sum(len(p) for p in pages[BODY_PAGES:]), noun,
                          "the sponsor pitch" if noun == "concerns" else "the cascade register")
                     for pages, (*_, noun) in zip(laid, named, strict=True)
                     if len(pages) > BODY_PAGES)
    count = max(len(pages) for pages, *_ in columns)
    notes = ("Let each executive hear their own concern in the room's words, then connect it "
             "to the driver behind it: the case for change is theirs, not ours.")
    slides = []
    for n in range(count):
        blocks = [Bullets(pages[n], region, size, heading)  # type: ignore[arg-type]
                  for pages, region, heading in columns if n < len(pages)]
        slides.append(Slide("why-now", title, "Title Only", list(blocks), notes,
                            caption=with_note(ctx.geometry, page_caption("Why now", n + 1, count),
                                              note if n == count - 1 else ""),
                            finding=title if n == 0 else ""))
    return slides


def key_point_slides(ctx: Context) -> list[Slide]:
    """What the tables said: each table's key points, and the parking lot."""
    groups = [(safe.line(g.name) or "A table",
               [safe.line(p.text) for p in key_points(ctx.conn, g.id)
                if visible_to_room(p) and p.text.strip()])
              for g in table_groups(ctx.conn)]
    groups = [(name, points) for name, points in groups if points]
    parked = [safe.line(p.text) for p in key_points(ctx.conn, None)
              if visible_to_room(p) and p.text.strip()]
    if parked:
        groups.append(("Parking lot", parked))
    if not groups:
        raise Missing("No table has brought back a key point yet.")
    count = sum(len(points) for _, points in groups)
    title = first_fitting(ctx.geometry, sentence(groups[0][1][0]),
                          f"The tables brought back {number_word(count)} key points")
    if len(groups) == 2:
        columns = [([Bullet(p) for p in points], region, name)
                   for (name, points), region in zip(groups, ("left", "right"), strict=True)]
    else:
        items = [b for name, points in groups
                 for b in (Bullet(f"{name}:"), *(Bullet(p, 1) for p in points))]
        columns = [(items, "body", "")]
    size, laid = column_pages(columns, ctx.geometry)  # type: ignore[arg-type]
    ctx.show("key-points", "points")
    pages = max(len(p) for p in laid)
    notes = "Read each table's points back in their words; ask which one the board must hear."
    return [Slide("key-points", title, "Title Only",
                  [Bullets(p[n], region, size, heading)  # type: ignore[arg-type]
                   for p, (_, region, heading) in zip(laid, columns, strict=True)
                   if n < len(p)], notes,
                  caption=page_caption("What the tables said", n + 1, pages),
                  finding=title if n == 0 else "")
            for n in range(pages)]


def purpose_slides(ctx: Context) -> list[Slide]:
    """Purpose and vision: why the organisation exists and where it wants to be."""
    purposes = ctx.cascade.of_type(ElementType.PURPOSE)
    visions = [safe.line(v.title) for v in ctx.cascade.of_type(ElementType.VISION)]
    pitched = safe.line(ctx.pitch.vision or "")
    if not purposes and not visions:
        raise Missing("No purpose or vision is written yet.")
    objectives = ctx.cascade.of_type(ElementType.OBJECTIVE)
    anchored = ctx.cascade.below([p.id for p in purposes])
    served = sum(1 for o in objectives if o.id in anchored)
    if not objectives:
        title = "Purpose and vision come first; no objective serves them yet"
    elif served == len(objectives):
        title = f"All {number_word(served)} objectives serve a stated purpose"
    else:
        title = (f"{number_word(len(objectives) - served).capitalize()} of "
                 f"{number_word(len(objectives))} objectives serve no stated purpose")
    diagram, omitted = purpose_diagram(purposes, visions, pitched, ctx.geometry)
    notes = ("Read the purpose aloud and ask whether anyone would change a word. The vision "
             "is where the objectives that follow must lead.")
    return [Slide("purpose", first_fitting(ctx.geometry, title, "Purpose and vision"),
                  "Title Only", [diagram], notes,
                  caption=with_note(ctx.geometry, "Purpose and vision",
                                    more(omitted, "purposes", "the cascade register")),
                  finding=title)]


def current_state_slides(ctx: Context) -> list[Slide]:
    """Where we stand: current against target, the largest gaps, where the room differs."""
    rows = ctx.assessment
    radar = radar_data(rows)
    known = [c for c in radar.current if c is not None] + [t for t in radar.target if t is not None]
    if not known:
        raise Missing("No capability has been scored yet.")
    gaps = gap_data(rows)
    ranked = by_gap(rows)
    title = "Capability is scored; no gap to a target yet"
    if ranked and ranked[0].gap:
        top = ranked[0]
        title = (f"{safe.line(top.dimension.name)} is the largest gap: level "
                 f"{safe.number_text(top.current_level)} today, "
                 f"{safe.number_text(top.target_level)} needed")
    title = first_fitting(ctx.geometry, title,
                          f"The largest gap is {safe.line(ranked[0].dimension.name)}"
                          if ranked else title, "Where we stand today")
    blocks: list[Any] = []
    if len(radar.labels) <= RADAR_SPOKES:
        blocks.append(Chart("radar", [safe.chart_label(label) for label in radar.labels],
                            [Series("Current", finite(radar.current), palette.CURRENT),
                             Series("Target", finite(radar.target), palette.TARGET)],
                            "major", axis_max=5.0))
        table_rows = [[safe.line(label), safe.number_text(c), safe.number_text(t),
                       safe.number_text(g)]
                      for label, c, t, g in zip(gaps.labels, gaps.current, gaps.target,
                                                gaps.gaps, strict=True)][:GAP_ROWS]
        if table_rows:
            blocks.append(table_pages(["Largest gaps", "Now", "Target", "Gap"], table_rows,
                                      ctx.geometry, "minor")[0])
    else:
        # -- too many capabilities for a radar: a bar chart sorted by gap, largest first
        order = [*ranked, *(r for r in rows if r not in ranked)]
        blocks.append(Chart(
            "bar", [safe.chart_label(r.dimension.name) for r in order],
            [Series("Current", finite([r.current_level for r in order]), palette.CURRENT),
             Series("Target", finite([r.target_level for r in order]), palette.TARGET)],
            "body", axis_max=5.5, number_format="General", label_size=10.0))
    flagged = [r.dimension.name for r in by_disagreement(rows) if r.flagged]
    notes = ("Levels are the room's agreed consensus where there is one, otherwise the median "
             "of the scores. ")
    if flagged:
        notes += f"Views differed most on {', '.join(flagged[:3])}: say what the room agreed."
    slides = [Slide("current-state", title, "Title Only", blocks, notes,
                    caption=caption(ctx.geometry, "Where we stand today",
                                    "maturity from 1 (ad hoc) to 5 (optimised)",
                                    "largest gap first"),
                    finding=title)]
    slides += _heatmap_slides(ctx)
    return slides


def _heatmap_slides(ctx: Context) -> list[Slide]:
    """The room's current levels by person, as a table coloured by level; wide spreads marked."""
    heat = heatmap_data(load_assessment(ctx.conn), participant_labels(ctx.conn, ctx.anonymous))
    if not any(v is not None for row in heat.values for v in row):
        return []
    if not 0 < len(heat.columns) <= HEATMAP_PEOPLE:
        return []
    stats = {r.dimension.name: r for r in ctx.assessment}
    headers = ["Capability", *heat.columns, "Spread"]
    rows, fills = [], []
    for label, values in zip(heat.rows, heat.values, strict=True):
        row = stats.get(label)
        spread = row.current.spread if row is not None else None
        flagged = spread is not None and spread >= DISAGREEMENT_LEVELS
        rows.append([safe.line(label),
                     *(("n/a" if v == 0 else str(int(v))) if v is not None else BLANK
                       for v in values),
                     f"{spread} levels" if flagged else (str(spread) if spread is not None
                                                         else BLANK)])
        fills.append([None,
                      *(palette.LEVELS[int(v) - 1] if v else None for v in values),
                      palette.ALERT if flagged else None])
    tables = table_pages(headers, rows, ctx.geometry, fills=fills)
    # -- the same rows the table marks: current levels two or more apart, widest first
    differ = [r.dimension.name for r in by_disagreement(ctx.assessment)
              if (r.current.spread or 0) >= DISAGREEMENT_LEVELS]
    differ.sort(key=lambda name: -(stats[name].current.spread or 0))
    title = "The room broadly agrees on where we stand"
    if differ:
        named = ", ".join(safe.line(d) for d in differ[:2])
        title = first_fitting(ctx.geometry, f"Views differ most on {named}",
                              f"Views differ on {number_word(len(differ))} capabilities")
    notes = ("Each column is one participant's current level. Wide spreads are where the "
             "executives see the business differently: name them, do not average them away.")
    topic = caption(ctx.geometry, "Where the room's views differ",
                    "current level by participant; red marks two levels or more apart")
    return [Slide("current-state", title, "Title Only", [table], notes,
                  caption=page_caption(topic, n + 1, len(tables)),
                  finding=title if n == 0 and differ else "")
            for n, table in enumerate(tables)]
