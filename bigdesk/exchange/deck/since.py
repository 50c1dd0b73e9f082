"""The follow-up session's opening section: what moved since the last session.

Drawn from the Review step's numbers (``analysis/review.py``): a summary of where the
key results and benefits stand against their line, then those behind it, in a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select

from bigdesk.analysis.review import JUDGED_VERDICTS, LAGGING_VERDICTS, Trajectory, review
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.context import BODY_PAGES, Context, Missing, day, number_word
from bigdesk.exchange.deck.plan import (
    Bullet,
    Bullets,
    Slide,
    Table,
    bullet_pages,
    caption,
    first_fitting,
    page_caption,
    table_pages,
)
from bigdesk.model import Element, ElementType


def _measures(items: Sequence[Trajectory], kinds: Mapping[int, ElementType],
              one: bool = False) -> str:
    """Return what ``items`` are called: key results, benefits, or both."""
    found = {kinds.get(t.element_id) for t in items}
    if found == {ElementType.BENEFIT}:
        return "benefit" if one else "benefits"
    if ElementType.BENEFIT in found:
        return "key results and benefits"
    return "key result" if one else "key results"


def since_slides(ctx: Context) -> list[Slide]:
    """What moved since the session this one follows: one summary, then the lagging results."""
    found = review(ctx.conn)
    if found is None:
        raise Missing("This session does not follow an earlier one.")
    behind = [t for t in found.trajectories if t.verdict in LAGGING_VERDICTS]
    measured = [t for t in found.trajectories if t.verdict in JUDGED_VERDICTS]
    moved = [c for c in found.capabilities if c.now_current is not None
             and c.then_current is not None and c.now_current != c.then_current]
    when = f" on {day(found.previous_date)}" if found.previous_date else ""
    kinds = dict(ctx.conn.execute(select(Element.id, Element.type).where(
        Element.id.in_([t.element_id for t in found.trajectories]))).all())
    on_line = len(measured) - len(behind)
    if not behind:
        standing = f"All {number_word(len(measured))} measured {_measures(measured, kinds)} " \
                   "are on or ahead of their line to target."
    elif not on_line:
        standing = f"All {number_word(len(measured))} measured {_measures(measured, kinds)} " \
                   "are behind their line to target."
    else:
        standing = f"{number_word(on_line).capitalize()} of {number_word(len(measured))} " \
                   f"measured {_measures(measured, kinds)} are on or ahead of their line to " \
                   f"target; {number_word(len(behind))} are behind."
    items = [
        Bullet(standing),
        Bullet(f"Overdue: {len(found.overdue)} (key results, initiatives, RAID items and "
               "milestones due before this session and not done)."),
        Bullet(f"RAID log: {len(found.opened)} opened and {len(found.closed)} closed since; "
               f"{len(found.decisions)} decisions taken."),
        Bullet(f"{number_word(len(moved)).capitalize()} capabilities re-scored at a different "
               "level." if moved else "Capabilities are not yet re-scored at another level."),
    ]
    items += [Bullet(f"Decided: {safe.line(d.title)}") for d in found.decisions[:3]]
    title = first_fitting(
        ctx.geometry,
        (f"{number_word(len(behind)).capitalize()} {_measures(behind, kinds, one=True)} is "
         "behind its line to target" if len(behind) == 1 else
         f"{number_word(len(behind)).capitalize()} {_measures(behind, kinds)} are behind their "
         "line to target")
        if behind else "", "Since we last met")
    topic = caption(ctx.geometry, "Since we last met",
                    f"against {safe.line(found.previous_title) or 'the last session'}{when}")
    size, pages = bullet_pages(items, ctx.geometry, "body", sizes=(18.0, 16.0, 14.0))
    slides = [Slide("since", title, "Title Only", [Bullets(pages[0], "body", size)],
                    f"Start with what moved: where the {_measures(measured, kinds)} stand "
                    "against the line agreed last time, then what is late, then the decisions.",
                    caption=topic, finding=title if behind else "")]
    if behind:
        rows = [[safe.line(t.label),
                 *(safe.measure_text(v, t.unit) for v in (t.then, t.now, t.expected, t.target)),
                 day(t.due)] for t in behind]
        named = _measures(behind, kinds)
        heading = {"key results": "Key result", "benefits": "Benefit"}.get(
            named, "Key result or benefit")
        tables: list[Table] = table_pages(
            [heading, "Then", "Now", "Line now", "Target", "Due"], rows,
            ctx.geometry)[:BODY_PAGES]
        slides += [Slide("since", first_fitting(ctx.geometry,
                                                f"{named.capitalize()} behind their line",
                                                "Behind their line"),
                         "Title Only", [table],
                         "For each one, ask its owner what will change before the next "
                         "session.", caption=page_caption(topic, n + 1, len(tables)))
                   for n, table in enumerate(tables)]
    return slides
