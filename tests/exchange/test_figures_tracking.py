"""The check-in history chart: readings, target line and trend, in numbers people read."""

from __future__ import annotations

import datetime as dt

from matplotlib.backends.backend_agg import FigureCanvasAgg

from bigdesk.exchange.figures_tracking import HistoryData, draw_history


def _drawn_ticks(values: list[float], target: float) -> tuple[list[str], str, list[str]]:
    days = [dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31)][:len(values)]
    figure = draw_history(HistoryData("B3 Agency spend", "£", days, values, target,
                                      values[0], dt.date(2027, 12, 31), None))
    FigureCanvasAgg(figure).draw()
    axes = figure.axes[0]
    legend = axes.get_legend()
    assert legend is not None
    return ([t.get_text() for t in axes.get_yticklabels()],
            axes.yaxis.get_offset_text().get_text(), [t.get_text() for t in legend.get_texts()])


def test_millions_read_in_full_on_the_axis_and_in_the_legend() -> None:
    ticks, offset, legend = _drawn_ticks([2.5e6, 2.3e6, 2.2e6], 1.25e6)
    assert offset == ""
    assert "2,000,000" in ticks and not any("e" in t for t in ticks)
    assert "target 1,250,000" in legend


def test_small_values_keep_their_decimals() -> None:
    ticks, offset, _ = _drawn_ticks([0.42, 0.40, 0.37], 0.3)
    assert offset == ""
    assert "0.4" in ticks
