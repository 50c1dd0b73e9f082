"""Plan charts: the schedule as a Gantt with dependencies and milestones, and the load.

``*_data`` functions give the plain numbers a chart shows; ``draw_*`` functions draw
them on a ``matplotlib.figure.Figure``, never pyplot. matplotlib is imported only when
a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bigdesk.analysis.planning import Horizon, Plan, PlannedMilestone, QuarterLoad
from bigdesk.analysis.prioritisation.data import InitiativeInfo
from bigdesk.exchange.deck import palette
from bigdesk.exchange.figures_prioritisation import _empty, _new_figure, plain_numbers
from bigdesk.model import MilestoneStatus, Portfolio

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CLASS_COLOURS = {Portfolio.RUN: f"#{palette.RUN}", Portfolio.GROW: f"#{palette.GROW}",
                 Portfolio.TRANSFORM: f"#{palette.TRANSFORM}",
                 None: f"#{palette.WAITS}"}  # fmt: skip
ENABLER_COLOUR = f"#{palette.ENABLER}"
OVER_COLOUR = f"#{palette.ALERT}"
USED_COLOUR = f"#{palette.CURRENT}"
CAPACITY_COLOUR = f"#{palette.INK}"
MILESTONE_COLOURS = {MilestoneStatus.PLANNED: f"#{palette.INK}",
                     MilestoneStatus.AT_RISK: f"#{palette.TARGET}",
                     MilestoneStatus.ACHIEVED: f"#{palette.CHOSEN}",
                     MilestoneStatus.MISSED: f"#{palette.ALERT}"}  # fmt: skip
MAX_ROWS = 40


@dataclass(frozen=True)
class GanttBar:
    """One initiative on the Gantt: where it starts and how long it runs, in quarters."""

    label: str
    start: int
    length: int
    colour: str
    # -- (position in quarters from the horizon's start, name, colour) of each milestone
    milestones: list[tuple[float, str, str]]


@dataclass(frozen=True)
class GanttData:
    """The bars top to bottom, the dependency arrows between them, and the quarter names."""

    bars: list[GanttBar]
    # -- (prerequisite bar, dependent bar, kind)
    arrows: list[tuple[int, int, str]]
    quarters: list[str]
    hidden: int


def _position(horizon: Horizon, day: dt.date) -> float:
    """Return where ``day`` falls, in quarters from the horizon's start."""
    quarter = horizon.index(day)
    start, end = horizon.start(quarter), horizon.end(quarter)
    return quarter + (day - start).days / ((end - start).days + 1)


def gantt_data(plan: Plan, initiatives: list[InitiativeInfo], enablers: set[int],
               milestones: dict[int, list[PlannedMilestone]],
               limit: int = MAX_ROWS) -> GanttData:
    """Return the Gantt of a plan: enablers first, then by start."""
    horizon = plan.problem.horizon
    order = sorted(plan.starts, key=lambda i: (initiatives[i].id not in enablers,
                                               plan.starts[i], i))
    shown = order[:limit]
    row = {index: n for n, index in enumerate(shown)}
    bars = []
    for index in shown:
        info = initiatives[index]
        colour = ENABLER_COLOUR if info.id in enablers else CLASS_COLOURS[info.portfolio]
        marks = [(_position(horizon, m.due), m.name, MILESTONE_COLOURS[m.status])
                 for m in milestones.get(info.id, [])
                 if m.due is not None and 0 <= horizon.index(m.due) < horizon.quarters]
        bars.append(GanttBar(info.ref or info.title[:24], plan.starts[index],
                             plan.problem.durations[index], colour, marks))
    arrows = [(row[p], row[d], kind) for d, p, kind in plan.problem.links
              if d in row and p in row]  # fmt: skip
    return GanttData(bars, arrows, [horizon.label(q) for q in range(horizon.quarters)],
                     len(order) - len(shown))


def draw_gantt(data: GanttData, figure: Figure | None = None) -> Figure:
    """Draw the schedule: a bar per initiative, arrows for dependencies, diamonds for milestones."""
    figure = _new_figure(figure, (10, 6))
    if not data.bars:
        _empty(figure, "Nothing is planned yet: add initiatives with value, then plan.")
        return figure
    axes = figure.add_subplot()
    rows = len(data.bars)
    for n, bar in enumerate(data.bars):
        axes.barh(n, bar.length, left=bar.start, height=0.6, color=bar.colour)
        for position, name, colour in bar.milestones:
            axes.plot(position, n, marker="D", color=colour, markersize=7,
                      markeredgecolor="white", zorder=3)
            axes.annotate(name, (position, n), xytext=(4, 6), textcoords="offset points",
                          fontsize=7, color="#333333")
    for prerequisite, dependent, kind in data.arrows:
        before, after = data.bars[prerequisite], data.bars[dependent]
        x_from = before.start if kind == "start-to-start" else before.start + before.length
        x_to = after.start if kind != "finish-to-finish" else after.start + after.length
        axes.annotate("", xy=(x_to, dependent), xytext=(x_from, prerequisite),
                      arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 1,
                                  "connectionstyle": "arc3,rad=0.2"})
    axes.set_yticks(range(rows), [bar.label for bar in data.bars])
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xticks([q + 0.5 for q in range(len(data.quarters))], data.quarters, fontsize=8)
    axes.set_xlim(0, len(data.quarters))
    for q in range(len(data.quarters) + 1):
        axes.axvline(q, color="#dddddd", lw=0.8, zorder=0)
    axes.tick_params(axis="x", length=0)
    from matplotlib.patches import Patch

    used = {bar.colour for bar in data.bars}
    keys = [(ENABLER_COLOUR, "Enabler"), *((CLASS_COLOURS[c], n) for c, n in (
        (Portfolio.RUN, "Run"), (Portfolio.GROW, "Grow"), (Portfolio.TRANSFORM, "Transform"),
        (None, "Not classed")))]
    axes.legend(handles=[Patch(color=colour, label=name) for colour, name in keys
                         if colour in used], loc="upper right", fontsize=8, framealpha=0.9)
    title = "Plan by quarter: enablers first"
    if data.hidden:
        title += f" ({data.hidden} more not shown)"
    axes.set_title(title, fontsize=10)
    return figure


@dataclass(frozen=True)
class LoadData:
    """Per resource: its unit, and the use and capacity of each quarter."""

    quarters: list[str]
    # -- (resource, unit, used per quarter, capacity per quarter or None)
    resources: list[tuple[str, str, list[float], list[float | None]]]


def load_data(lines: list[QuarterLoad]) -> LoadData:
    """Return the load chart's numbers from the plan's load lines."""
    quarters: list[str] = []
    resources: dict[str, tuple[str, list[float], list[float | None]]] = {}
    for line in lines:
        if line.quarter not in quarters:
            quarters.append(line.quarter)
        _, used, capacity = resources.setdefault(line.resource, (line.unit, [], []))
        used.append(line.used)
        capacity.append(line.capacity)
    return LoadData(quarters, [(name, unit, used, capacity)
                               for name, (unit, used, capacity) in resources.items()])


def draw_load(data: LoadData, figure: Figure | None = None) -> Figure:
    """Draw each resource's use per quarter as bars against its capacity as a line."""
    figure = _new_figure(figure, (10, 6))
    if not data.resources:
        _empty(figure, "No resource is needed or limited: add resource types and demands.")
        return figure
    count = len(data.resources)
    axes_list = figure.subplots(count, 1, sharex=True, squeeze=False)[:, 0]
    positions = list(range(len(data.quarters)))
    for axes, (name, unit, used, capacity) in zip(axes_list, data.resources, strict=True):
        colours = [OVER_COLOUR if c is not None and u > c + 1e-6 else USED_COLOUR
                   for u, c in zip(used, capacity, strict=True)]
        axes.bar(positions, used, color=colours, width=0.7)
        if any(c is not None for c in capacity):
            steps = [float("nan") if c is None else c for c in capacity]
            axes.step([p - 0.5 for p in positions] + [positions[-1] + 0.5],
                      [*steps, steps[-1]], where="post", color=CAPACITY_COLOUR, lw=1.5,
                      label="capacity")
        axes.set_ylabel(unit, fontsize=8)
        plain_numbers(axes.yaxis)
        axes.set_title(name, fontsize=9, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
    axes_list[-1].set_xticks(positions, data.quarters, fontsize=8)
    return figure
