"""The roadmap: the recommended portfolio in time, enablers first, from the session onwards.

The timeline opens at the session (a "today" line marks it) or at the first start
if work began earlier, and closes after the last finish, so no bar is ever cut by
the axis. Each dependency is an arrow from what must finish to what waits on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.context import Context, Missing, day, more, number_word
from bigdesk.exchange.deck.diagrams import box_height
from bigdesk.exchange.deck.plan import (
    Box,
    Connector,
    Diagram,
    Geometry,
    Rule,
    Slide,
    caption,
    first_fitting,
    page_caption,
    with_note,
)
from bigdesk.model import Initiative

LABEL_WIDTH, TIMELINE = 0.3, 0.32
# -- the periods' names, and under them the "today" label, in inches
PERIODS, TODAY_BAND = 0.3, 0.3
HEADING = PERIODS + TODAY_BAND
# -- the narrowest a period may be and still carry its name ("Q3 2027") in 12 points
MIN_PERIOD = 0.85
LABEL_SIZE = 12.0
MAX_ROADMAP_PAGES = 3
ROW_GAP = 0.1


@dataclass(frozen=True)
class Bar:
    """One initiative on the roadmap."""

    id: int
    label: str
    start: dt.date
    end: dt.date
    enabler: bool


def _month(day_: dt.date) -> int:
    return day_.year * 12 + day_.month - 1


def _periods(first: dt.date, last: dt.date, inches: float) -> tuple[int, list[tuple[str, int]]]:
    """Return the months a heading spans and each heading (its name and first month): quarters,
    or halves or years when quarters would be too narrow to name."""
    end = _month(last) + 1
    for step in (3, 6, 12):
        start = _month(first) - _month(first) % step
        if inches / -(-(end - start) // step) >= MIN_PERIOD:
            break
    headings = []
    for month in range(start, end, step):
        year, within = divmod(month, 12)
        name = (f"Q{within // 3 + 1} {year}" if step == 3 else
                f"H{within // 6 + 1} {year}" if step == 6 else str(year))
        headings.append((name, month))
    return step, headings


def _x(value: dt.date, start: int, months: int) -> float:
    """Return where a day falls on a timeline of ``months`` from month ``start``, 0 to 1."""
    days = calendar.monthrange(value.year, value.month)[1]
    return (_month(value) - start + (value.day - 1) / days) / months


def roadmap_pages(bars: list[Bar], links: list[tuple[int, int]], today: dt.date | None,
                  geometry: Geometry) -> tuple[list[Diagram], int]:
    """Return the roadmap diagrams, and how many initiatives did not fit on them."""
    width, height = geometry.region("body")
    font = geometry.body_font
    first = min([b.start for b in bars] + ([today] if today else []))
    last = max(b.end for b in bars)
    step, headings = _periods(first, last, width * (1 - TIMELINE))
    start = headings[0][1]
    months = headings[-1][1] + step - start
    label_inches = LABEL_WIDTH * width
    heights = [max(box_height(label_inches, LABEL_SIZE, font, b.label, rounded=False), 0.3)
               for b in bars]
    room = height - HEADING
    count = 1
    used = 0.0
    for need in heights:
        if used and used + need + ROW_GAP > room:
            count += 1
            used = 0.0
        used += need + ROW_GAP
    # -- as many pages as the rows need, each holding an even share
    share = -(-len(bars) // count)
    pages = [list(range(n, min(n + share, len(bars)))) for n in range(0, len(bars), share)]
    while any(sum(heights[n] + ROW_GAP for n in page) > room for page in pages):
        share -= 1
        pages = [list(range(n, min(n + share, len(bars)))) for n in range(0, len(bars), share)]
    diagrams = []
    for page in pages[:MAX_ROADMAP_PAGES]:
        boxes = [Box(f"q{n}", name, TIMELINE + (month - start) / months * (1 - TIMELINE), 0.0,
                     step / months * (1 - TIMELINE), PERIODS / height, palette.INK, 12.0,
                     plain=True)
                 for n, (name, month) in enumerate(headings)]
        rules = []
        # -- the key to the bars' colours, above the labels
        for n, (name, fill) in enumerate((("Enabler", palette.ENABLER),
                                          ("Initiative", palette.INITIATIVE))):
            boxes.append(Box(f"key{n}", name, n * LABEL_WIDTH / 2, PERIODS / height,
                             LABEL_WIDTH / 2 - 0.01, TODAY_BAND / height * 0.9, fill, 10.0))
        y = HEADING
        for n in page:
            bar = bars[n]
            h = heights[n]
            boxes.append(Box(f"l{bar.id}", bar.label, 0.0, y / height, LABEL_WIDTH,
                             h / height, palette.INK, LABEL_SIZE, plain=True, align="left"))
            x0 = _x(bar.start, start, months)
            x1 = _x(bar.end + dt.timedelta(days=1), start, months)
            bar_h = min(h, 0.34)
            boxes.append(Box(f"r{bar.id}", "", TIMELINE + x0 * (1 - TIMELINE),
                             (y + (h - bar_h) / 2) / height, max(x1 - x0, 0.004) * (1 - TIMELINE),
                             bar_h / height,
                             palette.ENABLER if bar.enabler else palette.INITIATIVE, 10.0))
            y += h + ROW_GAP
        if today is not None:
            x = TIMELINE + _x(today, start, months) * (1 - TIMELINE)
            rules.append(Rule(x, PERIODS / height, x, 1.0, palette.ALERT, dashed=True))
            label = 0.16
            # -- the label sits right of the line, or left of it near the end of the axis
            left = x + 0.004 if x + label <= 1.0 else x - label - 0.004
            boxes.append(Box("today", f"Today {day(today)}", left, PERIODS / height, label,
                             TODAY_BAND / height, palette.ALERT, 10.0, plain=True,
                             align="left"))
        shown = {bars[n].id for n in page}
        connectors = [Connector(f"r{before}", f"r{after}", arrow=True, straight=False)
                      for before, after in links if before in shown and after in shown]
        diagrams.append(Diagram(boxes, connectors, rules=rules))
    return diagrams, sum(len(p) for p in pages[MAX_ROADMAP_PAGES:])


def roadmap_slides(ctx: Context) -> list[Slide]:
    """The roadmap of the recommended portfolio (or of every initiative), enablers first."""
    decision = ctx.decision
    rows = ctx.conn.execute(
        select(Initiative.id, Initiative.ref, Initiative.title, Initiative.starts_on,
               Initiative.ends_on, Initiative.closes_dimension_id)
        .order_by(Initiative.position, Initiative.id)).all()  # fmt: skip
    if decision.chosen is not None:
        chosen = set(decision.chosen)
        rows = [r for r in rows if r.id in chosen]
    when = {r.id: decision.schedule.get(r.id, (r.starts_on, r.ends_on)) for r in rows}
    dated = [r for r in rows if when[r.id][0] and when[r.id][1]
             and when[r.id][1] >= when[r.id][0]]
    if not dated:
        raise Missing("No initiative has start and end dates yet.")
    ids = {r.id for r in dated}
    links = [(link.parent_id, link.child_id) for link in ctx.cascade.dependency_links
             if link.parent_id in ids and link.child_id in ids]
    prerequisites = {before for before, _ in links}
    bars = [Bar(r.id, f"{r.ref} {safe.line(r.title)}" if r.ref else safe.line(r.title),
                when[r.id][0], when[r.id][1],
                r.closes_dimension_id is not None or r.id in prerequisites)
            for r in dated]
    bars.sort(key=lambda b: (not b.enabler, b.start, b.end))
    pages, omitted = roadmap_pages(bars, links, ctx.session_date(), ctx.geometry)
    undated = len(rows) - len(dated)
    enablers = [b for b in bars if b.enabler]
    start = min(b.start for b in bars)
    finish = max(b.end for b in bars)
    lead = (f"{enablers[0].label} starts" if len(enablers) == 1 else
            f"{number_word(len(enablers))} enablers start")
    title = first_fitting(
        ctx.geometry,
        f"Enablers first: {lead} {day(min(b.start for b in enablers))}; all done by "
        f"{day(finish)}" if enablers else
        f"The work starts {day(start)} and is all done by {day(finish)}",
        f"The roadmap runs to {day(finish)}, enablers first", "The roadmap")
    scope = "the recommended portfolio" if decision.chosen is not None else "every initiative"
    notes = (f"The roadmap shows {scope}. Enablers come first because everything else needs "
             "them; an arrow runs from the work that must finish to the work that waits on it.\n"
             + "\n".join(f"{b.label}: {day(b.start)} – {day(b.end)}" for b in bars))
    topic = caption(ctx.geometry, "Roadmap", f"{scope}, enablers first",
                    "arrows show what waits on what")
    note = "; ".join(p for p in (more(omitted, "initiatives", "the plan in BIG Desk"),
                                 more(undated, "initiatives without dates",
                                      "the cascade register")) if p)
    return [Slide("roadmap", title, "Title Only", [diagram], notes,
                  caption=with_note(ctx.geometry, page_caption(topic, n + 1, len(pages)),
                                    note if n == len(pages) - 1 else ""),
                  finding=title if n == 0 else "")
            for n, diagram in enumerate(pages)]
