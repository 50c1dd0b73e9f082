"""How strategy reaches delivery: the cascade, who is accountable, the information that flows."""

from __future__ import annotations

from typing import Any

from bigdesk.analysis.cascade_health import cascade_findings
from bigdesk.analysis.findings import Severity
from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.context import (
    BODY_PAGES,
    CADENCE_NAMES,
    Context,
    Missing,
    day,
    more,
    number_word,
)
from bigdesk.exchange.deck.diagrams import cascade_pages, node_pages
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
from bigdesk.model import ElementType


def cascade_slides(ctx: Context) -> list[Slide]:
    """The strategy cascade: purposes to objectives, key results and initiatives, by purpose."""
    pages, omitted = cascade_pages(ctx.cascade, ctx.geometry)
    if not pages:
        raise Missing("No objectives are mapped yet.")
    cascade = ctx.cascade
    index = cascade.alignment_index()
    unmeasured = [o for o in cascade.of_type(ElementType.OBJECTIVE)
                  if not any(cascade.elements[c].type is ElementType.KEY_RESULT
                             for c in cascade.down[o.id])]
    if index.initiatives and index.budget_share is not None:
        title = (f"{index.budget_share:.0%} of initiative budget traces to a purpose, "
                 f"{index.traced_initiatives} of {index.initiatives} initiatives")
        short = f"{index.budget_share:.0%} of initiative budget traces to a purpose"
    else:
        title = short = "Objectives are mapped; no initiative delivers them yet"
    if unmeasured:
        short += (f"; {number_word(len(unmeasured))} objective"
                  + (" has" if len(unmeasured) == 1 else "s have") + " no key result")
    title = first_fitting(ctx.geometry, short, title, "The strategy cascade")
    topic = caption(ctx.geometry, "The strategy cascade",
                    "purpose to objectives, key results and initiatives")
    slides = []
    for n, (diagram, objectives) in enumerate(pages):
        notes = ("Walk one line from purpose to initiative so the room sees how the work "
                 "connects to the strategy. Objectives on this slide: " + ", ".join(objectives)
                 + ".")
        last = n == len(pages) - 1
        text = page_caption(topic, n + 1, len(pages))
        if last and omitted:
            text = with_note(ctx.geometry, text,
                             more(omitted, "objectives", "the cascade register"))
            notes += f" {omitted} more objectives are in the cascade register."
        slides.append(Slide("cascade", title, "Title Only", [diagram], notes, caption=text,
                            finding=title if n == 0 else ""))
    return slides


def accountability_slides(ctx: Context) -> list[Slide]:
    """Accountability: the nodes and what each owns, the information flows, the gaps."""
    cascade = ctx.cascade
    if not cascade.nodes:
        raise Missing("No accountability nodes are mapped yet.")
    pages, omitted = node_pages(cascade, ctx.people, ctx.geometry)
    if not omitted:
        ctx.show("accountability", "nodes")
    nobody = [n for n in cascade.nodes.values() if n.accountable_id is None]
    if nobody:
        title = (f"{number_word(len(nobody)).capitalize()} of "
                 f"{number_word(len(cascade.nodes))} accountability nodes have nobody "
                 "accountable")
    else:
        title = (f"All {number_word(len(cascade.nodes))} accountability nodes have one "
                 "accountable person")
    title = first_fitting(ctx.geometry, title, "Who is accountable")
    topic = caption(ctx.geometry, "Who is accountable",
                    "each node, its accountable person, cadence and what it owns")
    slides = []
    for n, diagram in enumerate(pages):
        text = page_caption(topic, n + 1, len(pages))
        if n == len(pages) - 1 and omitted:
            text = with_note(ctx.geometry, text, more(omitted, "nodes"))
        slides.append(Slide(
            "accountability", title, "Title Only", [diagram],
            "Every objective needs one accountable node and every node one accountable person. "
            "Ask who would answer for each box at the next board.", caption=text,
            finding=title if n == 0 and nobody else ""))
    slides += _flow_slides(ctx)
    slides += _gap_slides(ctx)
    return slides


def _flow_slides(ctx: Context) -> list[Slide]:
    cascade = ctx.cascade
    names = {i: safe.line(node.name) or "(unnamed node)" for i, node in cascade.nodes.items()}
    flows = sorted(cascade.flows, key=lambda f: f.provider_id is not None)
    if not flows:
        return []
    rows = [[names.get(f.consumer_id, ""), safe.line(f.information),
             names.get(f.provider_id, "") if f.provider_id is not None else "Nobody yet",
             CADENCE_NAMES.get(f.cadence, "") if f.cadence else ""] for f in flows]
    unprovided = [f for f in flows if f.provider_id is None]
    fills = [[None, None, palette.ALERT if f.provider_id is None else None, None]
             for f in flows]
    tables = table_pages(["Who needs it", "Information", "Who provides it", "How often"], rows,
                         ctx.geometry, bold=range(len(unprovided)), fills=fills)
    left_out = sum(len(t.rows) for t in tables[BODY_PAGES:])
    tables = tables[:BODY_PAGES]
    if not left_out:
        ctx.show("accountability", "flows")
    if len(unprovided) == 1:
        only = unprovided[0]
        title = first_fitting(
            ctx.geometry,
            f"Nobody provides the {safe.line(only.information)[:1].lower()}"
            f"{safe.line(only.information)[1:]} that {names.get(only.consumer_id, '')} needs",
            "Nobody provides one information need yet")
    elif unprovided:
        title = (f"Nobody provides {number_word(len(unprovided))} of the "
                 f"{number_word(len(flows))} information needs")
    else:
        title = f"Every one of the {number_word(len(flows))} information needs has a provider"
    title = first_fitting(ctx.geometry, title, "Information that flows between nodes")
    topic = caption(ctx.geometry, "Information that flows between nodes",
                    "what each node needs, from whom and how often")
    return [Slide("accountability", title, "Title Only", [table],
                  f"{len(unprovided)} information need{'s' if len(unprovided) != 1 else ''} "
                  "nobody provides yet; they are listed first. Agree who will provide each one.",
                  caption=with_note(ctx.geometry, page_caption(topic, n + 1, len(tables)),
                                    more(left_out, "flows") if n == len(tables) - 1 else ""),
                  finding=title if n == 0 and unprovided else "")
            for n, table in enumerate(tables)]


def _gap_slides(ctx: Context) -> list[Slide]:
    findings = [f for f in cascade_findings(ctx.cascade)
                if f.severity in (Severity.WARNING, Severity.ERROR)]
    if not findings:
        return []
    size, pages = bullet_pages([Bullet(safe.line(f.message)) for f in findings], ctx.geometry)
    left_out = sum(len(p) for p in pages[BODY_PAGES:])
    pages = pages[:BODY_PAGES]
    title = first_fitting(
        ctx.geometry,
        f"{number_word(len(findings)).capitalize()} gaps break the line from purpose to "
        "delivery", "Gaps the health check found")
    topic = "Gaps the health check found"
    return [Slide("accountability", title, "Title Only", [Bullets(page, "body", size)],
                  "These are the gaps between purpose, objectives, delivery and accountability. "
                  "Pick the two or three the board should close first.",
                  caption=with_note(ctx.geometry, page_caption(topic, n + 1, len(pages)),
                                    more(left_out, "gaps", "the health check in BIG Desk")
                                    if n == len(pages) - 1 else ""),
                  finding=title if n == 0 else "")
            for n, page in enumerate(pages)]


def benefit_slides(ctx: Context) -> list[Slide]:
    """The benefits: what the business realises in Run, the initiatives that realise it, the
    objectives it serves and who manages the change."""
    cascade = ctx.cascade
    benefits = cascade.of_type(ElementType.BENEFIT)
    if not benefits:
        raise Missing("No benefit is in the cascade yet.")

    def refs(ids: list[int], kind: ElementType) -> str:
        return ", ".join(cascade.elements[i].ref or safe.line(cascade.elements[i].title)
                         for i in ids if cascade.elements[i].type is kind)

    def measure(row: Any) -> str:
        if row.baseline is None and row.target is None:
            return ""
        return (f"{safe.measure_text(row.baseline, row.unit)} → "
                f"{safe.measure_text(row.target, row.unit)}")

    rows = [[f"{b.ref or ''} {safe.line(b.title)}".strip(),
             refs(cascade.up[b.id], ElementType.INITIATIVE),
             refs(cascade.up[b.id], ElementType.OBJECTIVE), ctx.person(b.owner_id), measure(b),
             day(b.due)] for b in benefits]
    orphans = [b for b in benefits
               if not any(cascade.elements[p].type is ElementType.INITIATIVE
                          for p in cascade.up[b.id])]
    tables = table_pages(["Benefit", "Realised by", "Serves", "Change manager",
                          "Baseline → target", "Due"], rows, ctx.geometry)
    left_out = sum(len(t.rows) for t in tables[BODY_PAGES:])
    tables = tables[:BODY_PAGES]
    title = first_fitting(
        ctx.geometry,
        f"{number_word(len(orphans)).capitalize()} of {number_word(len(benefits))} benefits "
        f"{'has' if len(orphans) == 1 else 'have'} no initiative to realise "
        f"{'it' if len(orphans) == 1 else 'them'}" if orphans else
        f"{number_word(len(benefits)).capitalize()} benefits to realise in Run, each through "
        "its initiatives", "Benefits")
    topic = caption(ctx.geometry, "Benefits",
                    "realised in Run once the initiatives have changed the business")
    return [Slide("benefits", title, "Title Only", [table],
                  "Benefits are realised in business as usual, after the change: name who "
                  "manages each change and when the benefit should show.",
                  caption=with_note(ctx.geometry, page_caption(topic, n + 1, len(tables)),
                                    more(left_out, "benefits", "the cascade register")
                                    if n == len(tables) - 1 else ""),
                  finding=title if n == 0 and orphans else "")
            for n, table in enumerate(tables)]
