"""Assessment charts: radar, gap chart and heat map, as numbers first and matplotlib figures after.

The ``*_data`` functions give the plain numbers a chart shows, so the deck can draw
native charts from exactly the same figures; the ``draw_*`` functions draw them on a
``matplotlib.figure.Figure`` (never pyplot), either a new one or the app's canvas
figure. matplotlib is imported only inside the drawing functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bigdesk.analysis.assessment import Assessment, DimensionStatistics, by_gap
from bigdesk.exchange.deck import palette
from bigdesk.model import NOT_APPLICABLE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# -- the palette of the app and the deck: current in blue, target in orange
CURRENT_COLOUR = f"#{palette.CURRENT}"
TARGET_COLOUR = f"#{palette.TARGET}"
GAP_COLOUR = CURRENT_COLOUR
MAX_LEVEL = 5
ANNOTATE_CELLS = 400


@dataclass(frozen=True)
class RadarData:
    """Current and target level per dimension, in framework order (None: not known)."""

    labels: list[str]
    groups: list[str]
    current: list[float | None]
    target: list[float | None]


@dataclass(frozen=True)
class GapData:
    """The gap (target minus current) per dimension, largest first."""

    labels: list[str]
    current: list[float]
    target: list[float]
    gaps: list[float]


@dataclass(frozen=True)
class HeatmapData:
    """Participants' levels per dimension: rows are dimensions, columns participants.

    A value is a level 1 to 5, 0 for not applicable, or None when not scored.
    """

    which: str
    rows: list[str]
    columns: list[str]
    values: list[list[int | None]]


def radar_data(rows: Sequence[DimensionStatistics]) -> RadarData:
    """Return the radar's numbers: consensus where agreed, else the median."""
    return RadarData(
        [r.dimension.name for r in rows],
        [r.dimension.group for r in rows],
        [r.current_level for r in rows],
        [r.target_level for r in rows],
    )


def gap_data(rows: Sequence[DimensionStatistics]) -> GapData:
    """Return the gap chart's numbers, largest gap first."""
    ordered = by_gap(rows)
    return GapData(
        [r.dimension.name for r in ordered],
        [float(r.current_level or 0.0) for r in ordered],
        [float(r.target_level or 0.0) for r in ordered],
        [float(r.gap or 0.0) for r in ordered],
    )


def heatmap_data(assessment: Assessment, labels: Mapping[int, str],
                 which: str = "current") -> HeatmapData:
    """Return each participant's ``which`` level per dimension, named by ``labels``.

    ``labels`` comes from ``analysis.people.participant_labels``, so anonymous mode
    shows P1, P2, … here as everywhere.
    """
    people = [p for p in assessment.participants if p in labels]
    return HeatmapData(
        which,
        [d.name for d in assessment.dimensions],
        [labels[p] for p in people],
        [[assessment.scores.get((p, d.id), (None, None))[0 if which == "current" else 1]
          for p in people] for d in assessment.dimensions],
    )


def _new_figure(figure: Figure | None, size: tuple[float, float]) -> Figure:
    if figure is not None:
        figure.clear()
        return figure
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=100, layout="constrained")


def _short(label: str, width: int = 22) -> str:
    # -- long dimension names wrap onto two lines around the radar
    if len(label) <= width:
        return label
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def draw_radar(data: RadarData, figure: Figure | None = None, scale: float = 1.0) -> Figure:
    """Draw current against target on a radar with one spoke per dimension.

    ``scale`` enlarges every text and line, for the projector.
    """
    import numpy as np
    from matplotlib.projections.polar import PolarAxes

    figure = _new_figure(figure, (8, 7))
    axes = figure.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    count = len(data.labels)
    if count < 3:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "A radar needs at least three dimensions.", ha="center",
                  va="center", transform=axes.transAxes)
        return figure
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False)
    for values, colour, label in ((data.target, TARGET_COLOUR, "Target"),
                                  (data.current, CURRENT_COLOUR, "Current")):
        # -- an unknown level sits at the centre so the outline stays closed
        radii = np.array([v if v is not None else 0.0 for v in values])
        closed_angles = np.append(angles, angles[0])
        closed_radii = np.append(radii, radii[0])
        axes.plot(closed_angles, closed_radii, color=colour, linewidth=2 * scale, label=label)
        axes.fill(closed_angles, closed_radii, color=colour, alpha=0.15)
    axes.set_theta_offset(np.pi / 2)
    axes.set_theta_direction(-1)
    axes.set_xticks(angles)
    axes.set_xticklabels([_short(label) for label in data.labels], fontsize=7 * scale)
    axes.set_ylim(0, MAX_LEVEL)
    axes.set_yticks(range(1, MAX_LEVEL + 1))
    axes.set_yticklabels([str(n) for n in range(1, MAX_LEVEL + 1)], fontsize=7 * scale,
                         color="#666")
    axes.set_rlabel_position(0)
    axes.legend(loc="upper right", bbox_to_anchor=(1.15, 1.1), fontsize=8 * scale,
                frameon=False)
    axes.set_title("Current and target maturity", fontsize=11 * scale, pad=18 * scale)
    return figure


def draw_gaps(data: GapData, figure: Figure | None = None, scale: float = 1.0) -> Figure:
    """Draw a horizontal bar per dimension, largest gap at the top; ``scale`` enlarges text."""
    figure = _new_figure(figure, (8, max(3.0, 0.32 * len(data.labels) + 1.2)))
    axes = figure.add_subplot()
    if not data.labels:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No gaps yet: score current and target levels first.",
                  ha="center", va="center", transform=axes.transAxes)
        return figure
    positions = list(range(len(data.labels)))
    bars = axes.barh(positions, data.gaps, color=GAP_COLOUR, height=0.6)
    axes.invert_yaxis()
    axes.set_yticks(positions, [_short(label, 40) for label in data.labels], fontsize=8 * scale)
    for bar, current, target in zip(bars, data.current, data.target, strict=True):
        axes.annotate(f"{current:g} → {target:g}", (bar.get_width(), bar.get_y() +
                      bar.get_height() / 2), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7 * scale, color="#444")
    axes.tick_params(axis="x", labelsize=7 * scale)
    axes.axvline(0, color="#888", linewidth=0.8)
    low = min(0.0, *data.gaps)
    axes.set_xlim(low - 0.2 if low < 0 else 0, max(1.0, *data.gaps) + 1.0)
    axes.set_xlabel("Gap in maturity levels (target − current)", fontsize=8 * scale)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title("Gaps to close, largest first", fontsize=11 * scale)
    return figure


def draw_heatmap(data: HeatmapData, figure: Figure | None = None) -> Figure:
    """Draw participants by dimensions, coloured by level; N/A and unscored stay blank."""
    import numpy as np

    width = max(5.0, 0.55 * len(data.columns) + 3.5)
    figure = _new_figure(figure, (width, max(3.0, 0.3 * len(data.rows) + 1.5)))
    axes = figure.add_subplot()
    if not data.rows or not data.columns:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No participants or dimensions to show yet.", ha="center",
                  va="center", transform=axes.transAxes)
        return figure
    grid = np.array([[np.nan if v is None or v == NOT_APPLICABLE else v for v in row]
                     for row in data.values], dtype=float)
    image = axes.imshow(grid, cmap="YlGnBu", vmin=1, vmax=MAX_LEVEL, aspect="auto")
    # -- numbers in the cells help up to a few hundred cells; beyond that they are
    #    unreadable on a projector and each one costs drawing time
    annotate = len(data.rows) * len(data.columns) <= ANNOTATE_CELLS
    for r, row in enumerate(data.values if annotate else []):
        for c, value in enumerate(row):
            text = "" if value is None else ("N/A" if value == NOT_APPLICABLE else str(value))
            if text:
                dark = value is not None and value >= 4
                axes.text(c, r, text, ha="center", va="center", fontsize=7,
                          color="white" if dark else "#222")
    axes.set_xticks(range(len(data.columns)), data.columns, fontsize=8, rotation=45,
                    ha="right", rotation_mode="anchor")
    axes.set_yticks(range(len(data.rows)), [_short(r, 40) for r in data.rows], fontsize=8)
    axes.tick_params(length=0)
    colourbar = figure.colorbar(image, ax=axes, shrink=0.6, ticks=range(1, MAX_LEVEL + 1))
    colourbar.ax.tick_params(labelsize=7)
    title = "Current level by participant" if data.which == "current" else \
        "Target level by participant"
    axes.set_title(title, fontsize=11)
    return figure


def save_figure(figure: Figure, target: Path | str, dpi: int = 150) -> None:
    """Write ``figure`` as a PNG or SVG through the Agg renderer (no GUI needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from bigdesk.exchange.atomic import atomic_path

    target = Path(target)
    FigureCanvasAgg(figure)
    with atomic_path(target) as partial:
        figure.savefig(partial, dpi=dpi, format=target.suffix.lstrip(".").lower() or "png")


@dataclass(frozen=True)
class AssessmentCharts:
    """The three charts of the assessment, each with the numbers it draws."""

    radar: tuple[Figure, RadarData]
    gaps: tuple[Figure, GapData]
    heatmap: tuple[Figure, HeatmapData]


def assessment_charts(assessment: Assessment, rows: Sequence[DimensionStatistics],
                      labels: Mapping[int, str], which: str = "current") -> AssessmentCharts:
    """Build the radar, the gap chart and the heat map with the numbers behind them."""
    radar, gaps, heat = radar_data(rows), gap_data(rows), heatmap_data(assessment, labels, which)
    return AssessmentCharts((draw_radar(radar), radar), (draw_gaps(gaps), gaps),
                            (draw_heatmap(heat), heat))
