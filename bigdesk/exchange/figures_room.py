"""The room's views of each step for the presenter screen: numbers first, then a projector figure.

``room_view`` reads what the room may see of the step a block opens: the assessment's
agreed or median levels (never a person's score), the cascade's titles, the nodes and
what each owns, the ranking, the dots added up and the chosen portfolio, the key
points already revealed, and each key result and benefit against its line since the last
session. ``draw_room_view`` draws it on a matplotlib ``Figure`` with
every label at least ``LABEL_PT`` points, sized for a projector at 1920×1080. Nothing
here imports Qt, and matplotlib is imported only when drawing.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bigdesk import paths
from bigdesk.analysis.assessment import assessment_statistics, load_assessment
from bigdesk.analysis.cascade import Cascade, load_cascade
from bigdesk.analysis.review import LAGGING_VERDICTS, Trajectory, review
from bigdesk.analysis.room import key_points, table_groups, visible_to_room
from bigdesk.domain.values import measure_text
from bigdesk.exchange.deck import palette
from bigdesk.exchange.figures_assessment import GapData, RadarData, draw_gaps, draw_radar
from bigdesk.exchange.figures_assessment import gap_data as assessment_gaps
from bigdesk.exchange.figures_assessment import radar_data as assessment_radar
from bigdesk.model import ElementType, NodeKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# -- the typeface of the windows, so the projector's charts read as the rest of the screen
TYPEFACE_FILES = ("Inter-Regular.otf", "Inter-Bold.otf")
# -- at the figure's 100 dots an inch: 16 points is 22 pixels, readable from the back row
LABEL_PT = 16.0
HEADING_PT = 20.0
FIGURE_DPI = 100
# -- the deck's figures are drawn at 7 to 11 points; the room's at 16 and over
ROOM_SCALE = LABEL_PT / 7.0
# -- more spokes than this crowd a radar at projector sizes: the gaps show instead
RADAR_MOST = 10
CASCADE_KINDS = (
    (ElementType.PURPOSE, "Purpose", palette.PURPOSE),
    (ElementType.VISION, "Vision", palette.VISION),
    (ElementType.DRIVER, "Drivers", palette.DRIVER),
    (ElementType.OBJECTIVE, "Objectives", palette.OBJECTIVE),
    (ElementType.KEY_RESULT, "Key results", palette.KEY_RESULT),
    (ElementType.INITIATIVE, "Initiatives", palette.INITIATIVE),
)


def _hex(colour: str) -> str:
    return f"#{colour}"


# ---------------------------------------------------------------- what the room may see


@dataclass(frozen=True)
class AssessView:
    """The room's levels: agreed where agreed, else the median; and how many have scored."""

    radar: RadarData
    gaps: GapData
    scored: int
    participants: int


@dataclass(frozen=True)
class Card:
    """One box on a diagram: the element it stands for, its text and its fill from the palette."""

    key: int
    text: str
    fill: str


@dataclass(frozen=True)
class CascadeView:
    """The cascade by level, each element a card, with the links the room can follow."""

    columns: tuple[tuple[str, tuple[Card, ...]], ...]
    links: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NodeLine:
    """One accountability node in the tree: its depth, its name and what it owns."""

    depth: int
    name: str
    owns: tuple[str, ...]
    governs: bool


@dataclass(frozen=True)
class NodesView:
    """The accountability nodes as a tree, in the order a reader walks it."""

    lines: tuple[NodeLine, ...]


@dataclass(frozen=True)
class PrioritiesView:
    """The ranking best first, the dots on each initiative, and the chosen portfolio's cost."""

    # -- (label, value out of 100, chosen)
    ranking: tuple[tuple[str, float, bool], ...]
    # -- (label, dots), most dots first
    dots: tuple[tuple[str, int], ...]
    spent: float | None
    budget: float | None
    note: str


@dataclass(frozen=True)
class PointsView:
    """The key points already revealed, by table group, and the parking lot."""

    # -- (table group's name, its points)
    tables: tuple[tuple[str, tuple[str, ...]], ...]
    hidden: int


@dataclass(frozen=True)
class ReviewView:
    """Each key result and benefit against its line since the last session, laggards first."""

    # -- (label, where it stands against its target, verdict)
    rows: tuple[tuple[str, str, str], ...]
    # -- the day of the session this one follows (None: it follows none, or its day is unknown)
    since: dt.date | None
    follows: bool


# -- the fill of each verdict's chip
VERDICT_FILLS = {"behind": palette.ALERT, "off target": palette.ALERT,
                 "on track": palette.CHOSEN, "ahead": palette.CHOSEN}

RoomView = AssessView | CascadeView | NodesView | PrioritiesView | PointsView | ReviewView


def room_view(conn: Connection, step: str, cascade: Cascade | None = None) -> RoomView | None:
    """Return what the room sees of ``step``'s work, or None for a step with no room view."""
    if step == "assess":
        return assess_view(conn)
    if step == "map":
        return cascade_view(cascade or load_cascade(conn))
    if step == "accountability":
        return nodes_view(cascade or load_cascade(conn))
    if step == "prioritise":
        return priorities_view(conn)
    if step == "room":
        return points_view(conn)
    if step == "review":
        return review_view(conn)
    return None


def review_view(conn: Connection) -> ReviewView:
    """Return each key result and benefit against its line, those behind it first."""
    found = review(conn)
    if found is None:
        return ReviewView((), None, False)
    rows = sorted(found.trajectories, key=lambda t: t.verdict not in LAGGING_VERDICTS)
    return ReviewView(tuple((t.label, _standing(t), t.verdict) for t in rows),
                      found.previous_date, True)


def _standing(trajectory: Trajectory) -> str:
    unit = trajectory.unit
    now = "no reading" if trajectory.now is None else measure_text(trajectory.now, unit)
    if trajectory.target is None:
        return now
    return f"{now}, target {measure_text(trajectory.target, unit)}"


def assess_view(conn: Connection) -> AssessView:
    """Return the room's levels per dimension: never one person's score."""
    assessment = load_assessment(conn)
    rows = assessment_statistics(assessment)
    scored = len({person for person, _ in assessment.scores})
    return AssessView(assessment_radar(rows), assessment_gaps(rows), scored,
                      len(assessment.participants))


def _title(ref: str | None, title: str) -> str:
    title = " ".join(title.split()) or "(untitled)"
    return f"{ref} {title}" if ref else title


def cascade_view(cascade: Cascade) -> CascadeView:
    """Return the cascade's elements by level, each level ordered under its parents."""
    columns: list[tuple[str, tuple[Card, ...]]] = []
    placed: dict[int, int] = {}
    for kind, heading, fill in CASCADE_KINDS:
        rows = cascade.of_type(kind)
        if not rows:
            continue

        def under(row_id: int) -> tuple[int, int]:
            # -- below the first parent already placed, so few links cross
            parents = [placed[p] for p in cascade.parents(row_id) if p in placed]
            return (min(parents) if parents else len(placed), row_id)

        ordered = sorted((row.id for row in rows), key=under)
        for n, row_id in enumerate(ordered):
            placed[row_id] = n
        by_id = {row.id: row for row in rows}
        columns.append((heading, tuple(Card(i, _title(by_id[i].ref, by_id[i].title), fill)
                                       for i in ordered)))
    links = tuple((link.parent_id, link.child_id) for link in cascade.links)
    return CascadeView(tuple(columns), links)


def nodes_view(cascade: Cascade) -> NodesView:
    """Return the accountability nodes as a tree, each with the elements it owns."""
    owned: dict[int, list[str]] = {}
    for row in cascade.elements.values():
        if row.node_id is not None:
            owned.setdefault(row.node_id, []).append(row.ref or _title(None, row.title))
    children: dict[int | None, list[int]] = {}
    for node in cascade.nodes.values():
        parent = node.parent_id if node.parent_id in cascade.nodes else None
        children.setdefault(parent, []).append(node.id)
    lines: list[NodeLine] = []

    def walk(parent: int | None, depth: int) -> None:
        for node_id in children.get(parent, []):
            node = cascade.nodes[node_id]
            lines.append(NodeLine(depth, " ".join(node.name.split()) or "(unnamed node)",
                                  tuple(owned.get(node_id, ())),
                                  node.kind in (NodeKind.GOVERNANCE_BODY, NodeKind.SUPPORT_OFFICE)))
            walk(node_id, depth + 1)

    walk(None, 0)
    return NodesView(tuple(lines))


def priorities_view(conn: Connection) -> PrioritiesView:
    """Return the ranking, the dots added up over every participant, and the accepted portfolio.

    The portfolio is the one the facilitator accepted in the plan, as the deck reports
    it: read, never solved again while the room watches.
    """
    from bigdesk.analysis.planning import stored_plan
    from bigdesk.analysis.prioritisation import PrioritisationError, load, rank

    data = load(conn)
    rows: tuple[tuple[str, float, bool], ...] = ()
    note = "No portfolio accepted yet"
    accepted = stored_plan(conn)
    chosen = set(accepted.selected) if accepted is not None else set()
    try:
        ranking = rank(data)
    except (PrioritisationError, ValueError, ArithmeticError) as error:
        note = f"The ranking cannot be worked out: {error}"
    else:
        rows = tuple((ranking.initiatives[i].label, float(ranking.values[i]),
                      ranking.initiatives[i].id in chosen) for i in ranking.order)
    dots = sorted(((i.label, data.dots(i.id)) for i in data.initiatives if data.dots(i.id)),
                  key=lambda pair: -pair[1])
    spent = None
    if accepted is not None:
        spent = sum(i.budget or 0.0 for i in data.initiatives if i.id in chosen)
        note = f"{len(chosen)} chosen"
    return PrioritiesView(rows, tuple(dots), spent, data.settings.budget, note)


def points_view(conn: Connection) -> PointsView:
    """Return the revealed key points of every table group, then the parking lot."""
    tables: list[tuple[str, tuple[str, ...]]] = []
    hidden = 0
    for group_id, name in [(g.id, g.name or "Table") for g in table_groups(conn)] + [
            (None, "Parking lot")]:
        points = key_points(conn, group_id)
        shown = tuple(" ".join(p.text.split()) for p in points
                      if visible_to_room(p) and p.text.strip())
        hidden += sum(1 for p in points if not visible_to_room(p))
        if shown or group_id is not None:
            tables.append((name, shown))
    return PointsView(tuple(tables), hidden)


# ---------------------------------------------------------------- drawing


def new_room_figure(width_px: int = 1800, height_px: int = 700, ratio: float = 1.0) -> Figure:
    """Return an empty figure of the given size in pixels at the room's resolution.

    ``ratio`` is the screen's device pixels per pixel: the figure has that many more
    dots, and its type keeps its size.
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(max(width_px, 200) / FIGURE_DPI, max(height_px, 150) / FIGURE_DPI),
                  dpi=FIGURE_DPI * ratio)


def _pixels(figure: Figure) -> tuple[float, float]:
    width, height = figure.get_size_inches()
    return width * figure.dpi, height * figure.dpi


def _line_px(points: float, figure: Figure) -> float:
    return points * figure.dpi / 72 * 1.3


def _message(figure: Figure, text: str) -> None:
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=HEADING_PT,
              color=_hex(palette.MUTED), wrap=True, transform=axes.transAxes)


def draw_room_view(view: RoomView, figure: Figure) -> Figure:
    """Draw ``view`` on ``figure`` (cleared first) at projector sizes."""
    figure.clear()
    figure.set_facecolor(_hex(palette.PAPER))
    figure.set_layout_engine("none")
    if isinstance(view, AssessView):
        _draw_assessment(view, figure)
    elif isinstance(view, CascadeView):
        _draw_cascade(view, figure)
    elif isinstance(view, NodesView):
        _draw_nodes(view, figure)
    elif isinstance(view, PrioritiesView):
        _draw_priorities(view, figure)
    elif isinstance(view, ReviewView):
        _draw_review(view, figure)
    else:
        _draw_points(view, figure)
    from matplotlib.text import Text

    family = _typeface()
    for text in figure.findobj(Text):
        # -- titles typed in the room are words, never formulas: "$5m" stays "$5m"
        text.set_parse_math(False)
        text.set_fontfamily(family)
    return figure


@cache
def _typeface() -> str:
    """Register the app's bundled typeface with matplotlib; return the family to draw in."""
    from matplotlib import font_manager

    try:
        for name in TYPEFACE_FILES:
            font_manager.fontManager.addfont(str(paths.resource("fonts", name)))
    except (OSError, RuntimeError):
        # -- without the bundled files, matplotlib's own typeface still draws every view
        return "DejaVu Sans"
    return "Inter"


def _draw_assessment(view: AssessView, figure: Figure) -> None:
    if view.scored == 0:
        _message(figure, "No scores yet: the chart fills in as the room scores.")
        return
    figure.set_layout_engine("constrained")
    count = len(view.radar.labels)
    if 3 <= count <= RADAR_MOST:
        draw_radar(view.radar, figure, scale=ROOM_SCALE)
    else:
        _, height = _pixels(figure)
        fits = max(3, int((height - 160) // _line_px(LABEL_PT * 1.4, figure)))
        gaps = view.gaps
        shown = GapData(gaps.labels[:fits], gaps.current[:fits], gaps.target[:fits],
                        gaps.gaps[:fits])
        draw_gaps(shown, figure, scale=ROOM_SCALE)
    figure.suptitle(f"{view.scored} of {view.participants} participants have scored",
                    fontsize=LABEL_PT, color=_hex(palette.MUTED), x=0.99, ha="right")


def _wrap(text: str, width_px: float, points: float, lines: int = 2,
          dpi: float = FIGURE_DPI, bold: bool = False) -> str:
    # -- an average character is about half the type's size wide, bold a little more
    chars = max(8, int(width_px / (points * dpi / 72 * (0.62 if bold else 0.52))))
    wrapped = textwrap.wrap(text, chars) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(1, chars - 1)].rstrip() + "…"
    return "\n".join(wrapped)


def _box(axes: Axes, x: float, y: float, w: float, h: float, text: str, fill: str,
         points: float = LABEL_PT, bold: bool = False) -> None:
    from matplotlib.patches import FancyBboxPatch

    axes.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=6",
                                  facecolor=_hex(fill), edgecolor="none"))
    axes.text(x + 12, y + h / 2, text, ha="left", va="center", fontsize=points,
              color=_hex(palette.text_on(fill)), fontweight="bold" if bold else "normal",
              linespacing=1.15)


def _pixel_axes(figure: Figure) -> Axes:
    width, height = _pixels(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    return axes


def _draw_cascade(view: CascadeView, figure: Figure) -> None:
    if not view.columns:
        _message(figure, "The cascade is empty: it grows here as the room adds to it.")
        return
    axes = _pixel_axes(figure)
    width, height = _pixels(figure)
    gutter = 48
    column_w = (width - gutter * (len(view.columns) - 1)) / len(view.columns)
    line = _line_px(LABEL_PT, figure)
    card_h, gap, top = 2 * line + 16, 14, _line_px(HEADING_PT, figure) + 16
    fits = max(1, int((height - top - line - gap) // (card_h + gap)))
    anchors: dict[int, tuple[float, float, float]] = {}
    for n, (heading, cards) in enumerate(view.columns):
        x = n * (column_w + gutter)
        axes.text(x, 4, _wrap(heading, column_w, HEADING_PT, 1, figure.dpi, bold=True),
                  ha="left", va="top", fontsize=HEADING_PT, fontweight="bold",
                  color=_hex(cards[0].fill))
        shown = cards if len(cards) <= fits else cards[: fits - 1]
        for row, card in enumerate(shown):
            y = top + row * (card_h + gap)
            text = _wrap(card.text, column_w - 24, LABEL_PT, 2, figure.dpi)
            _box(axes, x, y, column_w, card_h, text, card.fill)
            anchors[card.key] = (x, x + column_w, y + card_h / 2)
        if len(shown) < len(cards):
            axes.text(x, top + len(shown) * (card_h + gap) + line / 2,
                      f"+{len(cards) - len(shown)} more", ha="left", va="center",
                      fontsize=LABEL_PT, color=_hex(palette.MUTED))
    for parent, child in view.links:
        if parent in anchors and child in anchors and anchors[parent][0] < anchors[child][0]:
            axes.plot([anchors[parent][1], anchors[child][0]],
                      [anchors[parent][2], anchors[child][2]],
                      color=_hex(palette.RULE), linewidth=1.5, zorder=0)


def _draw_nodes(view: NodesView, figure: Figure) -> None:
    if not view.lines:
        _message(figure, "No accountability nodes yet: they appear here as the room names them.")
        return
    axes = _pixel_axes(figure)
    width, height = _pixels(figure)
    line = _line_px(LABEL_PT, figure)
    row_h, gap, indent, name_w = line + 20, 10, 56, width * 0.36
    fits = max(1, int(height // (row_h + gap)))
    shown = view.lines if len(view.lines) <= fits else view.lines[: fits - 1]
    for row, node in enumerate(shown):
        y = row * (row_h + gap)
        x = 4 + node.depth * indent
        fill = palette.GOVERNANCE if node.governs else palette.NODE
        if node.depth:
            axes.plot([x - indent / 2, x - indent / 2, x], [y - gap, y + row_h / 2,
                      y + row_h / 2], color=_hex(palette.RULE), linewidth=1.5)
        name = _wrap(node.name, name_w - 24, LABEL_PT, 1, figure.dpi, bold=True)
        _box(axes, x, y, name_w, row_h, name, fill, bold=True)
        owns = ", ".join(node.owns) if node.owns else "owns nothing yet"
        right = x + name_w + 24
        axes.text(right, y + row_h / 2, _wrap(owns, width - right, LABEL_PT, 1, figure.dpi),
                  ha="left", va="center", fontsize=LABEL_PT,
                  color=_hex(palette.INK if node.owns else palette.MUTED))
    if len(shown) < len(view.lines):
        axes.text(4, len(shown) * (row_h + gap) + row_h / 2,
                  f"+{len(view.lines) - len(shown)} more nodes", ha="left", va="center",
                  fontsize=LABEL_PT, color=_hex(palette.MUTED))


def _bars(axes: Axes, rows: list[tuple[str, float, str]], title: str, fits: int,
          units: tuple[str, str] = ("", "")) -> None:
    shown = rows[:fits]
    axes.set_title(title, fontsize=HEADING_PT, loc="left", color=_hex(palette.INK),
                   fontweight="bold")
    positions = list(range(len(shown)))
    axes.barh(positions, [value for _, value, _ in shown],
              color=[_hex(fill) for _, _, fill in shown], height=0.7)
    axes.set_yticks(positions, [textwrap.shorten(label, 26, placeholder="…")
                                for label, _, _ in shown], fontsize=LABEL_PT,
                    color=_hex(palette.INK))
    axes.invert_yaxis()
    top = max((value for _, value, _ in shown), default=1.0) or 1.0
    axes.set_xlim(0, top * 1.4)
    for position, (_, value, _) in zip(positions, shown, strict=True):
        axes.text(value + top * 0.02, position, f"{value:,.0f}{units[value != 1]}", va="center",
                  fontsize=LABEL_PT, color=_hex(palette.INK))
    axes.set_xticks([])
    axes.tick_params(length=0)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    if len(rows) > len(shown):
        axes.set_xlabel(f"+{len(rows) - len(shown)} more", fontsize=LABEL_PT,
                        color=_hex(palette.MUTED), loc="left")


def _draw_priorities(view: PrioritiesView, figure: Figure) -> None:
    if not view.ranking and not view.dots:
        _message(figure, "Nothing ranked yet: add initiatives and score them against the "
                         "criteria.")
        return
    from bigdesk.analysis.prioritisation import money

    figure.set_layout_engine("constrained")
    _, height = _pixels(figure)
    grid = figure.add_gridspec(2, 2, height_ratios=(6, 1))
    fits = max(3, int((height * 0.8 - 120) // _line_px(LABEL_PT * 1.35, figure)))
    ranking = [(label, value, palette.CHOSEN if chosen else palette.WAITS)
               for label, value, chosen in view.ranking]
    title = "Ranking (green: in the portfolio)" if view.spent is not None else "Ranking"
    _bars(figure.add_subplot(grid[0, 0]), ranking, title, fits)
    votes = figure.add_subplot(grid[0, 1])
    if view.dots:
        _bars(votes, [(label, float(dots), palette.CURRENT) for label, dots in view.dots],
              "Dot votes", fits, (" dot", " dots"))
    else:
        votes.set_axis_off()
        votes.text(0.5, 0.5, "No dots placed yet", ha="center", va="center",
                   fontsize=LABEL_PT, color=_hex(palette.MUTED), transform=votes.transAxes)
    bar = figure.add_subplot(grid[1, :])
    bar.set_axis_off()
    if view.spent is None or view.budget is None:
        # -- no budget bar to draw: say what is missing instead
        text = view.note if view.budget is None else \
            f"{view.note}; the budget is {money(view.budget)}"
        bar.text(0, 0.5, text, va="center", ha="left", fontsize=LABEL_PT,
                 color=_hex(palette.MUTED), transform=bar.transAxes)
        return
    total = max(view.budget, view.spent) or 1.0
    bar.barh([0], [view.budget], color=_hex(palette.TINT), height=0.8)
    bar.barh([0], [view.spent], color=_hex(palette.ALERT if view.spent > view.budget
                                           else palette.CHOSEN), height=0.8)
    bar.set_xlim(0, total)
    bar.text(0, 0, f"  {view.note}: {money(view.spent)} of the {money(view.budget)} "
             "budget", va="center", ha="left", fontsize=LABEL_PT,
             color=_hex(palette.text_on(palette.CHOSEN)) if view.spent > total * 0.6
             else _hex(palette.INK), fontweight="bold")


def _draw_points(view: PointsView, figure: Figure) -> None:
    if not any(points for _, points in view.tables):
        text = "No key points revealed yet."
        if view.hidden:
            text += f" {view.hidden} being written."
        _message(figure, text)
        return
    axes = _pixel_axes(figure)
    width, height = _pixels(figure)
    tables = [t for t in view.tables if t[1]]
    gutter = 64
    column_w = (width - gutter * (len(tables) - 1)) / len(tables)
    # -- the points are the whole picture here: larger than a chart's labels
    points_pt, heading_pt = HEADING_PT, HEADING_PT * 1.2
    line = _line_px(points_pt, figure)
    top = _line_px(heading_pt, figure) + 20
    for n, (name, points) in enumerate(tables):
        x = n * (column_w + gutter)
        axes.text(x, 4, _wrap(name, column_w, heading_pt, 1, figure.dpi, bold=True), ha="left",
                  va="top", fontsize=heading_pt, fontweight="bold",
                  color=_hex(palette.OBJECTIVE))
        y = top
        for count, point in enumerate(points):
            text = _wrap(f"• {point}", column_w, points_pt, 3, figure.dpi)
            needed = line * (text.count("\n") + 1) + 16
            if y + needed + line > height:
                axes.text(x, y, f"+{len(points) - count} more", ha="left", va="top",
                          fontsize=LABEL_PT, color=_hex(palette.MUTED))
                break
            axes.text(x, y, text, ha="left", va="top", fontsize=points_pt,
                      color=_hex(palette.INK), linespacing=1.15)
            y += needed


def _draw_review(view: ReviewView, figure: Figure) -> None:
    if not view.follows:
        _message(figure, "This session follows no earlier one: nothing has moved yet.")
        return
    if not view.rows:
        _message(figure, "No key results or benefits to review: the cascade measures nothing yet.")
        return
    axes = _pixel_axes(figure)
    width, height = _pixels(figure)
    heading = "Key results and benefits against their line"
    if view.since is not None:
        heading += f" since {view.since.day} {view.since:%B %Y}"
    axes.text(0, 4, _wrap(heading, width, HEADING_PT, 1, figure.dpi, bold=True), ha="left",
              va="top", fontsize=HEADING_PT, fontweight="bold", color=_hex(palette.OBJECTIVE))
    line = _line_px(LABEL_PT, figure) + 14
    chip_w, gutter = max(width * 0.16, 150.0), 24
    standing_w = width * 0.26
    label_w = width - chip_w - standing_w - 2 * gutter
    y = _line_px(HEADING_PT, figure) + 24
    for count, (label, standing, verdict) in enumerate(view.rows):
        if y + 2 * line > height and count < len(view.rows) - 1:
            lagging = sum(v in LAGGING_VERDICTS for _, _, v in view.rows[count:])
            more = f"+{len(view.rows) - count} more"
            axes.text(0, y + line / 2, f"{more}, {lagging} of them behind" if lagging else more,
                      ha="left", va="center", fontsize=LABEL_PT, color=_hex(palette.MUTED))
            break
        middle = y + line / 2
        axes.text(0, middle, _wrap(label, label_w, LABEL_PT, 1, figure.dpi), ha="left",
                  va="center", fontsize=LABEL_PT, color=_hex(palette.INK))
        axes.text(label_w + gutter, middle, _wrap(standing, standing_w, LABEL_PT, 1, figure.dpi),
                  ha="left", va="center", fontsize=LABEL_PT, color=_hex(palette.INK))
        _box(axes, width - chip_w, y + 4, chip_w, line - 8,
             _wrap(verdict.capitalize(), chip_w - 24, LABEL_PT, 1, figure.dpi),
             VERDICT_FILLS.get(verdict, palette.TINT))
        y += line
