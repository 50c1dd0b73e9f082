"""The progress-over-time chart: a key result's check-ins against its target line.

``history_data`` gives the plain numbers; ``draw_history`` draws them on a
``matplotlib.figure.Figure``, never pyplot. matplotlib is imported only when drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from textwrap import shorten
from typing import TYPE_CHECKING, Any

from bigdesk.analysis.tracking import readings, trend_at
from bigdesk.domain.cascade import MEASURED
from bigdesk.domain.values import number_text
from bigdesk.exchange.figures_prioritisation import _empty, _new_figure, plain_numbers

if TYPE_CHECKING:
    from matplotlib.figure import Figure

READING_COLOUR = "#3b5b92"
# -- the longest title that fits over a chart as narrow as the inspector
TITLE_LENGTH = 40
TARGET_COLOUR = "#5b9a68"
TREND_COLOUR = "#a88b3d"


@dataclass(frozen=True)
class HistoryData:
    """One element's readings, its target and baseline, its due date, and the trend's end."""

    title: str
    unit: str
    days: list[dt.date]
    values: list[float]
    target: float | None
    baseline: float | None
    due: dt.date | None
    # -- where the trend through the readings reaches on the due date (None: no trend)
    forecast: float | None


def history_data(element: Any, check_ins: Sequence[Any]) -> HistoryData:
    """Return what the chart of a key result's or initiative's check-ins shows."""
    points = readings(check_ins)
    measured = element.type in MEASURED
    due = element.due or getattr(element, "ends_on", None)
    return HistoryData(
        title=shorten(f"{element.ref or ''} {element.title}".strip(), TITLE_LENGTH,
                      placeholder="…"),
        unit=(element.unit or "") if measured else "% complete",
        days=[p.day for p in points], values=[p.value for p in points],
        target=element.target if measured else 100.0,
        baseline=element.baseline if measured else 0.0, due=due,
        forecast=trend_at(points, due) if due is not None and points and due > points[-1].day
        else None,
    )  # fmt: skip


def draw_history(data: HistoryData, figure: Figure | None = None) -> Figure:
    """Draw the readings over time, the target as a line, and the trend to the due date."""
    figure = _new_figure(figure, (6, 3))
    if not data.values:
        _empty(figure, "No check-in with a value yet: record one to start the history.")
        return figure
    axes = figure.subplots()
    days: Any = data.days  # -- matplotlib plots dates, though its stubs say numbers
    axes.plot(days, data.values, marker="o", color=READING_COLOUR, lw=1.8, label="check-ins")
    if data.target is not None:
        axes.axhline(data.target, color=TARGET_COLOUR, lw=1.2, ls="--",
                     label=f"target {number_text(data.target)}")
    if data.forecast is not None and data.due is not None:
        trend: Any = [data.days[-1], data.due]
        axes.plot(trend, [data.values[-1], data.forecast],
                  color=TREND_COLOUR, lw=1.2, ls=":", label="trend to the due date")
    axes.set_ylabel(data.unit, fontsize=8)
    plain_numbers(axes.yaxis)
    axes.set_title(data.title, fontsize=9, loc="left")
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="lower right")
    figure.autofmt_xdate()
    return figure
