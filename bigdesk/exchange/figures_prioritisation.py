"""Prioritisation charts: breakdown, value against effort, frontier, sensitivity, Run/Change.

``*_data`` functions give the plain numbers a chart shows (the deck reuses them for
native charts); ``draw_*`` functions draw them on a ``matplotlib.figure.Figure``,
never pyplot, either a new one or the app's canvas figure. matplotlib is imported
only inside the drawing functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bigdesk.analysis.prioritisation import (
    FrontierPoint,
    Ranking,
    RunChange,
    Selection,
    Sensitivity,
    money,
)
from bigdesk.domain.values import number_text
from bigdesk.exchange.deck import palette

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SELECTED_COLOUR = f"#{palette.CHOSEN}"
LEFT_OUT_COLOUR = f"#{palette.WAITS}"
TARGET_COLOUR = f"#{palette.TARGET}"
# -- one colour per criterion, in criterion order: the palette's categories
CRITERION_COLOURS = [f"#{colour}" for colour in palette.CATEGORIES]
MAX_BARS = 25


def _empty(figure: Figure, message: str) -> None:
    figure.clear()
    axes = figure.add_subplot()
    axes.axis("off")
    axes.text(0.5, 0.5, message, ha="center", va="center", wrap=True, color="#555555")


def _new_figure(figure: Figure | None, size: tuple[float, float] = (8, 5)) -> Figure:
    if figure is not None:
        figure.clear()
        return figure
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


def plain_numbers(*axes: Any) -> None:
    """Label each axis's ticks as people write numbers: 2,500,000, never 2.5 under a "1e6"."""
    from matplotlib.ticker import FuncFormatter

    for axis in axes:
        axis.set_major_formatter(FuncFormatter(lambda value, _: number_text(value)))


@dataclass(frozen=True)
class BreakdownData:
    """Each ranked initiative's value split by criterion, best first."""

    labels: list[str]
    criteria: list[str]
    # -- per initiative, points per criterion
    parts: list[list[float]]
    selected: list[bool | None]


def breakdown_data(ranking: Ranking, selection: Selection | None = None,
                   limit: int = MAX_BARS) -> BreakdownData:
    """Return the numbers of the stacked breakdown bar chart (the top ``limit`` initiatives)."""
    order = ranking.order[:limit]
    return BreakdownData(
        [ranking.initiatives[i].short_label(20) for i in order],
        [c.name or c.key or "(unnamed criterion)" for c in ranking.criteria],
        [[float(x) for x in ranking.contributions[i]] for i in order],
        [None if selection is None else bool(selection.selected[i]) for i in order],
    )


def draw_breakdown(data: BreakdownData, figure: Figure | None = None) -> Figure:
    """Draw the ranking as horizontal stacked bars, best at the top."""
    figure = _new_figure(figure)
    if not data.labels:
        _empty(figure, "No initiatives to rank yet.")
        return figure
    axes = figure.add_subplot()
    positions = list(range(len(data.labels)))[::-1]
    left = [0.0] * len(data.labels)
    for j, name in enumerate(data.criteria):
        widths = [row[j] for row in data.parts]
        axes.barh(positions, widths, left=left, label=name,
                  color=CRITERION_COLOURS[j % len(CRITERION_COLOURS)], height=0.7)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, [
        f"{label} ✓" if chosen else label
        for label, chosen in zip(data.labels, data.selected, strict=True)])  # fmt: skip
    for y, total in zip(positions, left, strict=True):
        axes.text(total + 0.5, y, f"{total:.1f}", va="center", fontsize=8)
    axes.set_xlabel("Weighted value (points out of 100)")
    axes.set_xlim(0, max(100.0, max(left) * 1.08))
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


@dataclass(frozen=True)
class BubbleData:
    """Value against effort, bubble area by cost, for the 2x2 chart."""

    labels: list[str]
    effort: list[float]
    value: list[float]
    cost: list[float]
    selected: list[bool | None]


def bubble_data(ranking: Ranking, selection: Selection | None = None) -> BubbleData:
    """Return value, effort and cost per initiative (unknown effort or cost counts as 0)."""
    items = ranking.initiatives
    return BubbleData(
        [i.short_label(12) for i in items], [i.effort or 0.0 for i in items],
        [float(v) for v in ranking.values], [i.budget or 0.0 for i in items],
        [None if selection is None else bool(s) for s in (
            selection.selected if selection is not None else [None] * len(items))],
    )  # fmt: skip


def draw_value_effort(data: BubbleData, figure: Figure | None = None) -> Figure:
    """Draw value against effort in four quadrants split at the medians; bubbles sized by cost."""
    import statistics

    figure = _new_figure(figure)
    if not data.labels:
        _empty(figure, "No initiatives yet.")
        return figure
    axes = figure.add_subplot()
    largest = max(data.cost) or 1.0
    sizes = [60 + 1400 * c / largest for c in data.cost]
    colours = [SELECTED_COLOUR if s or s is None else LEFT_OUT_COLOUR for s in data.selected]
    axes.scatter(data.effort, data.value, s=sizes, c=colours, alpha=0.6, edgecolors="white")
    for x, y, label in zip(data.effort, data.value, data.labels, strict=True):
        axes.annotate(label, (x, y), ha="center", va="center", fontsize=8)
    mid_x, mid_y = statistics.median(data.effort), statistics.median(data.value)
    axes.axvline(mid_x, color="#999999", linewidth=0.8, linestyle="--")
    axes.axhline(mid_y, color="#999999", linewidth=0.8, linestyle="--")
    corner: dict[str, Any] = {"fontsize": 9, "color": "#555555", "transform": axes.transAxes}
    axes.text(0.02, 0.97, "Quick wins", va="top", **corner)
    axes.text(0.98, 0.97, "Major projects", va="top", ha="right", **corner)
    axes.text(0.02, 0.03, "Fill-ins", **corner)
    axes.text(0.98, 0.03, "Reconsider", ha="right", **corner)
    axes.set_xlabel("Effort (person-days)")
    axes.set_ylabel("Weighted value (points)")
    plain_numbers(axes.xaxis, axes.yaxis)
    axes.set_title("Value against effort; bubble area shows cost", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


@dataclass(frozen=True)
class FrontierData:
    """Best total value at each budget, and where the current budget sits."""

    budgets: list[float]
    values: list[float]
    budget: float | None
    value: float | None


def frontier_data(points: list[FrontierPoint], selection: Selection | None) -> FrontierData:
    """Return the frontier's numbers and the current portfolio's point."""
    return FrontierData([p.budget for p in points], [p.value for p in points],
                        None if selection is None else selection.budget,
                        None if selection is None else selection.total_value)  # fmt: skip


def draw_frontier(data: FrontierData, figure: Figure | None = None) -> Figure:
    """Draw the efficient frontier as a step line with the current budget marked."""
    from matplotlib.ticker import FuncFormatter

    figure = _new_figure(figure)
    if not data.budgets:
        _empty(figure, "No frontier: the constraints admit no portfolio.")
        return figure
    axes = figure.add_subplot()
    axes.step(data.budgets, data.values, where="post", color=SELECTED_COLOUR, linewidth=2)
    axes.plot(data.budgets, data.values, "o", color=SELECTED_COLOUR, markersize=4)
    if data.budget is not None and data.value is not None:
        axes.axvline(data.budget, color=TARGET_COLOUR, linestyle="--", linewidth=1)
        axes.plot([data.budget], [data.value], "D", color=TARGET_COLOUR, markersize=8)
        axes.annotate(f"Budget {money(data.budget)}: {data.value:.0f} points",
                      (data.budget, data.value), textcoords="offset points", xytext=(6, -14),
                      fontsize=9, color=TARGET_COLOUR)  # fmt: skip
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: money(x)))
    axes.set_xlabel("Budget")
    axes.set_ylabel("Best total value (points)")
    axes.set_title("Efficient frontier: the most value each budget can buy", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


@dataclass(frozen=True)
class SensitivityData:
    """Per initiative, the share of samples in the top N and in the portfolio, in percent."""

    labels: list[str]
    top_n: list[float]
    portfolio: list[float] | None
    n: int
    samples: int
    perturbation: float


def sensitivity_data(ranking: Ranking, result: Sensitivity) -> SensitivityData:
    """Return the sensitivity chart's numbers in ranking order."""
    order = ranking.order[:MAX_BARS]
    return SensitivityData(
        [ranking.initiatives[i].short_label(20) for i in order],
        [100 * result.in_top_n[i] for i in order],
        None if result.in_portfolio is None else [100 * result.in_portfolio[i] for i in order],
        result.top_n, result.samples, result.perturbation,
    )


def draw_sensitivity(data: SensitivityData, figure: Figure | None = None) -> Figure:
    """Draw how often each initiative stays in the top N and in the portfolio."""
    figure = _new_figure(figure)
    if not data.labels:
        _empty(figure, "No initiatives yet.")
        return figure
    axes = figure.add_subplot()
    positions = list(range(len(data.labels)))[::-1]
    height = 0.4
    axes.barh([p + height / 2 for p in positions], data.top_n, height=height,
              color=TARGET_COLOUR, label=f"In the top {data.n}")
    if data.portfolio is not None:
        axes.barh([p - height / 2 for p in positions], data.portfolio, height=height,
                  color=SELECTED_COLOUR, label="In the optimal portfolio")
    axes.set_yticks(positions, data.labels)
    axes.set_xlim(0, 100)
    axes.set_xlabel(f"Share of {data.samples:,} samples with weights ±{data.perturbation:.0%} (%)")
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


@dataclass(frozen=True)
class SplitData:
    """Budget shares (percent) of Run, Grow and Transform: all, selected, target."""

    classes: list[str]
    current: list[float]
    selected: list[float] | None
    target: list[float | None]


def split_data(run_change: RunChange) -> SplitData:
    """Return the Run/Grow/Transform budget shares for the chart."""
    names = [line.name for line in run_change.current]
    selected = None
    if run_change.selected is not None:
        shares = {line.name: line.budget_share for line in run_change.selected}
        selected = [shares.get(name, 0.0) for name in names]
    target = [run_change.target.get(line.portfolio) if line.portfolio else None
              for line in run_change.current]  # fmt: skip
    return SplitData(names, [line.budget_share for line in run_change.current], selected,
                     target)  # fmt: skip


def draw_split(data: SplitData, figure: Figure | None = None) -> Figure:
    """Draw the budget split by class: all initiatives, the selection and the target."""
    figure = _new_figure(figure)
    if not data.classes or not any(data.current):
        _empty(figure, "No initiative has a budget yet.")
        return figure
    axes = figure.add_subplot()
    series = [("All initiatives", data.current, LEFT_OUT_COLOUR)]
    if data.selected is not None:
        series.append(("Selected portfolio", data.selected, SELECTED_COLOUR))
    if any(t is not None for t in data.target):
        series.append(("Target", [t or 0.0 for t in data.target], TARGET_COLOUR))
    width = 0.8 / len(series)
    for k, (label, values, colour) in enumerate(series):
        xs = [i + (k - (len(series) - 1) / 2) * width for i in range(len(data.classes))]
        bars = axes.bar(xs, values, width=width, label=label, color=colour)
        axes.bar_label(bars, labels=[f"{v:.0f} %" for v in values], fontsize=8)
    axes.set_xticks(range(len(data.classes)), data.classes)
    axes.set_ylabel("Share of budget (%)")
    axes.set_title("Run and Change: budget by class", fontsize=10)
    axes.legend(fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


