"""What comes first: the ranking, value against effort, the portfolio, Run and Change."""

from __future__ import annotations

import statistics
from typing import Any

from bigdesk.analysis.prioritisation import InitiativeInfo, RunChange, money, split
from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.context import BODY_PAGES, Context, Missing, more, number_word
from bigdesk.exchange.deck.plan import (
    BubbleSeries,
    Bullet,
    Bullets,
    Chart,
    Series,
    Slide,
    bullet_pages,
    caption,
    finite,
    first_fitting,
    page_caption,
    table_pages,
    with_note,
)
from bigdesk.exchange.figures_prioritisation import split_data

# -- beyond a score of bubbles the chart is a cloud nobody can read: the highest-valued are
#    plotted, and each quadrant of the key names its first few
BUBBLES, NAMED = 20, 6
# -- more ranked initiatives than one slide holds: the rest are counted, and in the appendix
RANKED_ROWS = 40
CLASS_FILLS = {"Run": palette.RUN, "Grow": palette.GROW, "Transform": palette.TRANSFORM}


def short_name(initiative: InitiativeInfo) -> str:
    """Return the name a bubble carries: the reference, else the title's first words."""
    if initiative.ref:
        return safe.line(initiative.ref)
    words = safe.line(initiative.title).split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > 14 and name:
            break
        name = f"{name} {word}".strip()
    return name or "(untitled)"


def percent(share: float) -> str:
    """Return a small share as a percentage with two significant figures: "0.0023%"."""
    return f"{safe.number_text(float(f'{share * 100:.2g}'), 6)}%"


def decision_text(ctx: Context, initiative_id: int) -> str:
    """Return "In the portfolio" or "Waits", or "" when no portfolio is decided."""
    chosen = ctx.decision.chosen
    if chosen is None:
        return ""
    return "In the portfolio" if initiative_id in chosen else "Waits"


def priorities_slides(ctx: Context) -> list[Slide]:
    """Priorities: the ranked list, value against effort, the portfolio and why others wait."""
    decision = ctx.decision
    ranking = decision.ranking
    if ranking is None or not ranking.initiatives:
        raise Missing(decision.errors[0] if decision.errors else "No initiatives to "
                      "prioritise yet.")
    chosen = set(decision.chosen or [])
    ranked = [ranking.initiatives[i] for i in ranking.order]
    rows = [[str(n + 1), safe.line(i.label), safe.number_text(float(ranking.values[index])),
             money(i.budget) if i.budget is not None else "",
             safe.number_text(i.effort, 0), decision_text(ctx, i.id)]
            for n, (i, index) in enumerate(zip(ranked[:RANKED_ROWS],
                                               ranking.order[:RANKED_ROWS], strict=True))]
    bold = [n for n, i in enumerate(ranked) if i.id in chosen]
    tables = table_pages(["Rank", "Initiative", "Value", "Cost", "Effort (days)", "Decision"],
                         rows, ctx.geometry, bold=bold, even=False)
    shown = len(tables[0].rows)
    if shown == len(ranked):
        ctx.show("priorities", "ranking")
    best = ranked[0]
    title = first_fitting(ctx.geometry, f"{safe.line(best.label)} brings the most value",
                          f"{safe.line(best.ref or best.title)} brings the most value",
                          "What comes first")
    weights = ", ".join(f"{c.name} {w:.0%}" for c, w in zip(ranking.criteria, ranking.weights,
                                                              strict=True))
    slides = [Slide(
        "priorities", title, "Title Only", [tables[0]],
        f"Value is points out of 100, weighted by the agreed criteria: {weights}.",
        caption=with_note(ctx.geometry,
                          caption(ctx.geometry, "What comes first",
                                  "value in points out of 100 under the agreed criteria"),
                          more(len(ranked) - shown, "initiatives")),
        finding=title)]
    slides += _bubble_slides(ctx, ranked, [float(ranking.values[i]) for i in ranking.order])
    if decision.chosen is not None:
        slides += _portfolio_slides(ctx)
    return slides


def _bubble_slides(ctx: Context, ranked: list[InitiativeInfo],
                   values: list[float]) -> list[Slide]:
    plotted = [(i, v) for i, v in zip(ranked, values, strict=True)
               if i.effort is not None and i.effort > 0][:BUBBLES]
    if len(plotted) < 2:
        return []
    chosen = ctx.decision.chosen
    efforts = [float(i.effort or 0.0) for i, _ in plotted]
    middle_x, middle_y = statistics.median(efforts), statistics.median(v for _, v in plotted)
    series = []
    groups = ((("In the portfolio", palette.CHOSEN, True), ("Waits", palette.WAITS, False))
              if chosen is not None else (("Initiatives", palette.INITIATIVE, None),))
    for name, colour, want in groups:
        points = [(float(i.effort or 0.0), v, max(i.budget or 0.0, 1.0)) for i, v in plotted
                  if want is None or (i.id in (chosen or [])) is want]
        labels = [short_name(i) for i, v in plotted
                  if want is None or (i.id in (chosen or [])) is want]
        if points:
            series.append(BubbleSeries(name, points, labels, colour))
    quadrants: dict[str, list[str]] = {}
    for initiative, value in plotted:
        high = value >= middle_y
        cheap = float(initiative.effort or 0.0) <= middle_x
        key = ("Quick wins" if high and cheap else "Major projects" if high
               else "Fill-ins" if cheap else "Question these")
        quadrants.setdefault(key, []).append(short_name(initiative))
    costed = [(i.budget, short_name(i)) for i, _ in plotted if i.budget]
    key_items = [Bullet(f"{name}: {', '.join(quadrants[name][:NAMED])}"
                        + (f" +{len(quadrants[name]) - NAMED} more"
                           if len(quadrants[name]) > NAMED else ""))
                 for name in ("Quick wins", "Major projects", "Fill-ins", "Question these")
                 if name in quadrants]
    if costed:
        cheapest, dearest = min(costed), max(costed)
        key_items.append(Bullet(f"Bubble area shows cost, from {money(cheapest[0])} "
                                f"({cheapest[1]}) to {money(dearest[0])} ({dearest[1]})"))
    key_items.append(Bullet("The axes cross at the median effort and value"))
    size, pages = bullet_pages(key_items, ctx.geometry, "minor", "How to read it",
                               sizes=(14.0, 12.0))
    wins = quadrants.get("Quick wins", [])
    title = first_fitting(
        ctx.geometry,
        f"Quick wins: {', '.join(wins[:3])} give high value for little effort" if wins else "",
        f"Quick wins: {', '.join(wins[:3])}" if wins else "",
        "Value against effort")
    left_out = len(ranked) - len(plotted)
    return [Slide(
        "priorities", title, "Title Only",
        [Chart("bubble", [], [], "major", bubbles=series, number_format="#,##0",
               x_title="Effort (person-days)", y_title="Value (points)",
               cross=(middle_x, middle_y)),
         Bullets(pages[0], "minor", size, "How to read it")],
        "Top left are the quick wins; top right the major projects worth their effort; "
        "bottom right is where to ask whether the work is needed at all.",
        caption=with_note(ctx.geometry, "Value against effort",
                          more(left_out, f"initiatives without effort or beyond the first "
                                         f"{BUBBLES}")
                          if left_out else ""),
        finding=title if wins else "")]


def _portfolio_slides(ctx: Context) -> list[Slide]:
    decision = ctx.decision
    picked = decision.picked()
    budget = decision.data.settings.budget
    cost = decision.total_cost()
    summary = [f"{len(picked)} initiatives costing {money(cost)}"
               + (f" of the {money(budget)} budget" if budget is not None else "")]
    summary += [f"{used:,.0f} of {capacity:,.0f} {unit} of {name}"
                for name, unit, used, capacity in decision.usage()]
    items = [Bullet("; ".join(summary))] + [
        Bullet(safe.line(i.label) + (f" ({money(i.budget)})" if i.budget else ""), 1)
        for i in picked]
    size, left = bullet_pages(items, ctx.geometry, "left", "The recommended portfolio",
                              sizes=(16.0, 14.0, 12.0))
    reasons = [[safe.line(w.initiative.label), safe.line(w.reason)] for w in decision.waiting]
    right = table_pages(["Waits", "Why"], reasons, ctx.geometry, "right") if reasons else []
    more_chosen = sum(len(p) for p in left[BODY_PAGES:])
    more_waiting = sum(len(t.rows) for t in right[BODY_PAGES:])
    left, right = left[:BODY_PAGES], right[:BODY_PAGES]
    pages = max(len(left), len(right), 1)
    what = f"the {money(budget)} budget" if budget is not None else "the capacity"
    count = number_word(len(picked)).capitalize()
    if decision.proven_optimal:
        title = first_fitting(ctx.geometry,
                              f"{count} initiatives give the most value {what} allows",
                              f"{count} initiatives give the most value")
    else:
        title = first_fitting(
            ctx.geometry,
            f"{count} initiatives give the most value {what} allows, within "
            f"{percent(decision.gap)} of the best",
            f"{count} initiatives, within {percent(decision.gap)} of the best portfolio")
    notes = ("The portfolio is the best total value the budget and capacities allow, with the "
             "must-do work in and the excluded work out. Each initiative that waits has its "
             "reason.")
    if not decision.proven_optimal:
        notes += (f" The solver stopped at its time limit; it proved this portfolio within "
                  f"{percent(decision.gap)} of the best possible.")
    note = "; ".join(p for p in (more(more_chosen, "chosen initiatives"),
                                 more(more_waiting, "initiatives that wait")) if p)
    slides = []
    for n in range(pages):
        blocks: list[Any] = []
        if n < len(left):
            blocks.append(Bullets(left[n], "left", size, "The recommended portfolio"))
        if n < len(right):
            blocks.append(right[n])
        slides.append(Slide(
            "priorities", title, "Title Only", blocks, notes,
            caption=with_note(ctx.geometry, page_caption("The portfolio we recommend", n + 1,
                                                         pages),
                              note if n == pages - 1 else ""),
            finding=title if n == 0 else ""))
    return slides


def run_change_slides(ctx: Context) -> list[Slide]:
    """Run and Change: how the budget divides between running and changing the business."""
    decision = ctx.decision
    data = decision.data
    if not data.initiatives:
        raise Missing("No initiatives to split yet.")
    picked = decision.picked() if decision.chosen is not None else None
    run_change = RunChange(split(data.initiatives), None if picked is None else split(picked),
                           data.settings.target())
    shares = split_data(run_change)
    if not shares.classes or not any(shares.current):
        raise Missing("No initiative has a budget yet.")
    portfolio = shares.selected if shares.selected is not None else shares.current
    which = "the recommended portfolio" if shares.selected is not None else "all initiatives"
    names = [safe.chart_label(c) for c in shares.classes]
    colours = [CLASS_FILLS.get(c, palette.RULE) for c in shares.classes]
    doughnut = Chart("doughnut", names, [Series(f"Budget of {which}", finite(portfolio))],
                     "left", title=f"Budget of {which}", number_format='0"%"', colours=colours)
    bars = [Series("All initiatives", finite(shares.current), palette.CURRENT)]
    if shares.selected is not None:
        bars.append(Series("Recommended portfolio", finite(shares.selected), palette.CHOSEN))
    if any(t is not None for t in shares.target):
        bars.append(Series("Target", finite(shares.target), palette.TARGET))
    compare = Chart("clustered_bar", names, bars, "right", title="Share of budget (%)",
                    number_format='0"%"')
    targeted = [(abs(share - target), name, share, target)
                for name, share, target in zip(shares.classes, portfolio, shares.target,
                                               strict=True) if target is not None]
    owner = ("the recommended portfolio's budget" if shares.selected is not None
             else "the budget of all initiatives")
    if targeted:
        _, name, share, target = max(targeted)
        title = f"{name} takes {share:.0f}% of {owner} against a {target:.0f}% target"
    else:
        top = max(zip(portfolio, shares.classes, strict=True))
        title = f"{top[1]} takes the largest share of the budget: {top[0]:.0f}%"
    title = first_fitting(ctx.geometry, title, "Run and Change")
    lines = run_change.current if run_change.selected is None else run_change.selected
    detail = "; ".join(f"{line.name} {money(line.budget)} ({line.budget_share:.0f}%)"
                       for line in lines)
    problem = run_change.target_problem()
    notes = (f"Run keeps the business going; Grow and Transform change it. {detail}. "
             "Both draw on the same people and money, so they are planned together.")
    if problem:
        notes += f" Note: {problem}"
    return [Slide("run-change", title, "Title Only", [doughnut, compare], notes,
                  caption=caption(ctx.geometry, "Run and Change",
                                  "share of budget by class of work"),
                  finding=title)]
