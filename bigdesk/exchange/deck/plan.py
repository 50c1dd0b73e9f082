"""The deck as plain data: slides, bullet lists, tables, charts and diagrams.

Built from the workshop by ``build.build_plan`` and drawn by ``render``; tests
read it without PowerPoint. The plan is laid out for the template it will be
drawn on (its ``Geometry``): every list and table is sized from its text with
the template's font metrics and continues on the next slide rather than being
cut, so the renderer never has to shrink or drop anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.metrics import CALIBRI, Font, line_height, text_width, wrap

Region = Literal["body", "left", "right", "major", "minor"]
ChartKind = Literal["radar", "bar", "clustered_bar", "doughnut", "bubble"]

# -- readable from across a boardroom: body text never below 12 points, diagrams never
#    below 10, titles never below 20
BULLET_SIZES = (18.0, 16.0, 14.0, 12.0)
TABLE_SIZES = (14.0, 12.0)
TABLE_SIZE = 12.0
CAPTION_SIZE = 12.0
MIN_TITLE = 20.0
# -- the band under the title that carries the slide's topic
CAPTION_BAND = 0.42
# -- text frame insets PowerPoint uses by default, in inches
INSET_X, INSET_Y = 0.1, 0.05
# -- room a column keeps beyond its measured text, in inches: the font that renders the
#    deck (a template's, or a viewer's substitute) can run a little wider than the metrics,
#    and a short header such as "Now" must never break inside its word
COLUMN_SLACK = 0.06
# -- a paragraph's space before, as a share of its size
SPACE_BEFORE = 0.45
BULLET_INDENT, LEVEL_INDENT = 0.28, 0.3
# -- what a blank table cell shows
BLANK = "—"
# -- the least a column of running text keeps while short columns take their whole line
WRAPPING_WIDTH = 1.2


@dataclass(frozen=True)
class Geometry:
    """What the plan needs of a template: its content area, title box and fonts, in inches."""

    # -- the content area under the topic band
    width: float = 12.13
    height: float = 5.25 - CAPTION_BAND
    # -- the title box, inside its insets, and the template's title size
    title_width: float = 11.93
    title_height: float = 0.85
    title_size: float = 28.0
    body_font: Font = CALIBRI
    title_font: Font = CALIBRI
    gutter: float = 0.35
    # -- a wide left part and a narrow right one, for a chart beside its table
    major_share: float = 0.59

    def region(self, name: Region) -> tuple[float, float]:
        """Return the width and height of a region of the content area."""
        inner = self.width - self.gutter
        widths = {"body": self.width, "left": inner / 2, "right": inner / 2,
                  "major": inner * self.major_share, "minor": inner * (1 - self.major_share)}
        return widths[name], self.height

    def title_fits(self, text: str, minimum: float = MIN_TITLE) -> bool:
        """Return whether ``text`` fits the title box at ``minimum`` points or more."""
        lines = wrap(text, self.title_width, minimum, True, self.title_font)
        return len(lines) * line_height(minimum, self.title_font) <= self.title_height

    def caption_fits(self, text: str) -> bool:
        """Return whether ``text`` fits the topic band on one line."""
        return text_width(text, CAPTION_SIZE, False, self.body_font) <= self.width - 2 * INSET_X


HOUSE = Geometry()


@dataclass(frozen=True)
class Bullet:
    """One point of a list, with its level of indentation."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Bullets:
    """A list of points in one region, at one size."""

    items: list[Bullet]
    region: Region = "body"
    size: float = BULLET_SIZES[0]
    # -- a bold line above the points, such as "Business drivers"
    heading: str = ""


@dataclass(frozen=True)
class Table:
    """A table: headers, rows of text, each column's width in inches, and each row's height."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    heights: list[float]
    region: Region = "body"
    size: float = TABLE_SIZE
    # -- rows drawn bold (such as the selected portfolio)
    bold: list[int] = field(default_factory=list)
    # -- a fill per cell (RGB), row by row, for tables whose colour carries data
    fills: list[list[str | None]] = field(default_factory=list)

    @property
    def height(self) -> float:
        """Return the table's height in inches, header included."""
        return sum(self.heights)


@dataclass(frozen=True)
class Series:
    """One series of a chart: a name and one value per category (None: a gap)."""

    name: str
    values: list[float | None]
    colour: str = ""


@dataclass(frozen=True)
class BubbleSeries:
    """One series of a bubble chart: points of x, y and size, each with a label."""

    name: str
    points: list[tuple[float, float, float]]
    labels: list[str]
    colour: str = ""


@dataclass(frozen=True)
class Chart:
    """A native chart drawn from these numbers, editable in PowerPoint."""

    kind: ChartKind
    categories: list[str]
    series: list[Series]
    region: Region = "body"
    title: str = ""
    bubbles: list[BubbleSeries] = field(default_factory=list)
    number_format: str = "0"
    axis_max: float | None = None
    x_title: str = ""
    y_title: str = ""
    # -- a colour per category (doughnut slices)
    colours: list[str] = field(default_factory=list)
    # -- where the axes cross (bubble chart): the quadrant lines
    cross: tuple[float, float] | None = None
    # -- the size of category and tick labels
    label_size: float = 12.0


@dataclass(frozen=True)
class Box:
    """A box of a diagram; position and size are fractions of the region."""

    key: str
    text: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    size: float = 12.0
    detail: str = ""
    # -- a small label above the text, such as "Purpose" or "Enabler"
    kicker: str = ""
    # -- plain text on the slide, not a shape (a row label, a heading)
    plain: bool = False
    align: Literal["left", "centre"] = "centre"


@dataclass(frozen=True)
class Connector:
    """A line glued to two boxes, so it follows them when they are moved."""

    start: str
    end: str
    # -- "across": right side to left side; "down": bottom to top
    route: Literal["across", "down"] = "across"
    dashed: bool = False
    # -- an arrowhead at the end: "end" waits on "start"
    arrow: bool = False
    # -- a straight line, one per link, rather than an elbow that merges with others
    straight: bool = True


@dataclass(frozen=True)
class Rule:
    """A straight line in a diagram, from (x1, y1) to (x2, y2) in fractions of the region."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dashed: bool = False


@dataclass(frozen=True)
class Diagram:
    """Boxes, connectors and rules drawn as PowerPoint shapes, so they stay editable."""

    boxes: list[Box]
    connectors: list[Connector] = field(default_factory=list)
    region: Region = "body"
    rules: list[Rule] = field(default_factory=list)


Block = Bullets | Table | Chart | Diagram


@dataclass(frozen=True)
class Slide:
    """One slide: its finding as the title, its topic, its blocks and speaker notes."""

    section: str
    title: str
    layout: str
    blocks: list[Block] = field(default_factory=list)
    notes: str = ""
    subtitle: str = ""
    # -- the topic, small under the title: what the slide is about and where numbers come from
    caption: str = ""
    # -- the finding in one sentence for the executive summary ("" when it has none)
    finding: str = ""


@dataclass(frozen=True)
class Options:
    """What to put in the deck and how."""

    # -- the section keys to include; None: every section that has data
    sections: frozenset[str] | None = None
    notes: bool = True
    # -- None: as the workshop says
    anonymous: bool | None = None
    template: Path | None = None


@dataclass(frozen=True)
class SectionOutline:
    """A section as the Deck step lists it: its slides, or why it is left out."""

    key: str
    title: str
    slides: list[str]
    missing: str = ""


@dataclass
class Deck:
    """The whole deck: slides in order, and the footer every slide carries."""

    slides: list[Slide]
    footer: str
    outline: list[SectionOutline] = field(default_factory=list)
    # -- the date the template's date placeholder shows
    date: str = ""

    def titles(self) -> list[str]:
        """Return every slide's title, in order."""
        return [s.title for s in self.slides]


# ---------------------------------------------------------------- words that fit


def first_fitting(geometry: Geometry, *candidates: str) -> str:
    """Return the first title that fits the template's title box, else the last one."""
    for candidate in candidates:
        if candidate and geometry.title_fits(candidate):
            return candidate
    return candidates[-1]


def caption(geometry: Geometry, topic: str, *notes: str) -> str:
    """Return the topic with as many of ``notes`` as fit the band, joined by " · "."""
    text = topic
    for note in notes:
        if note and geometry.caption_fits(f"{text} · {note}"):
            text = f"{text} · {note}"
    return text


def with_note(geometry: Geometry, text: str, note: str) -> str:
    """Return the caption with a note that must show (such as "+3 more, see the appendix"),
    giving up the rest of the caption rather than the note when both do not fit."""
    if not note:
        return text
    joined = f"{text} · {note}"
    return joined if geometry.caption_fits(joined) else note


def page_caption(text: str, page: int, pages: int) -> str:
    """Return a caption with "2 of 3" on slides that continue a list."""
    return text if pages <= 1 else f"{text} · {page} of {pages}"


def finite(values: Sequence[float | None]) -> list[float | None]:
    """Return chart values with anything not finite turned into a gap."""
    return [None if v is None or not math.isfinite(v) else float(v) for v in values]


def cell(value: str) -> str:
    """Return a table cell's text: a dash for a blank."""
    return safe.line(value) or BLANK


# ---------------------------------------------------------------- lists


def _item_height(item: Bullet, width: float, size: float, font: Font) -> float:
    room = width - 2 * INSET_X - BULLET_INDENT - LEVEL_INDENT * item.level
    lines = wrap(item.text, room, size, False, font)
    return len(lines) * line_height(size, font) + size * SPACE_BEFORE / 72


def _heading_height(heading: str, width: float, size: float, font: Font) -> float:
    if not heading:
        return 0.0
    lines = wrap(heading, width - 2 * INSET_X, size * 1.1, True, font)
    return len(lines) * line_height(size * 1.1, font)


def _split_long(item: Bullet, width: float, height: float, size: float,
                font: Font) -> list[Bullet]:
    """Return a point too tall for a whole slide as parts that each fit, cut between lines."""
    room = width - 2 * INSET_X - BULLET_INDENT - LEVEL_INDENT * item.level
    lines = wrap(item.text, room, size, False, font)
    per_page = max(1, int((height - size * SPACE_BEFORE / 72) / line_height(size, font)))
    if len(lines) <= per_page:
        return [item]
    return [Bullet(" ".join(lines[n:n + per_page]), item.level)
            for n in range(0, len(lines), per_page)]


def bullet_pages(items: Sequence[Bullet], geometry: Geometry, region: Region = "body",
                 heading: str = "", sizes: Sequence[float] = BULLET_SIZES,
                 height: float | None = None) -> tuple[float, list[list[Bullet]]]:
    """Return the size and the pages of ``items`` in a region: one page at the largest size
    that fits, else as few pages as the smallest size needs, balanced so none is near empty.
    """
    width, full = geometry.region(region)
    room = (height if height is not None else full) - 2 * INSET_Y
    font = geometry.body_font
    for size in sizes:
        top = _heading_height(heading, width, size, font)
        need = sum(_item_height(i, width, size, font) for i in items)
        if top + need <= room:
            return size, [list(items)]
    size = sizes[-1]
    top = _heading_height(heading, width, size, font)
    parts = [part for item in items
             for part in _split_long(item, width, room - top, size, font)]
    heights = [_item_height(p, width, size, font) for p in parts]
    pages: list[list[Bullet]] = [[]]
    used = top
    for part, need in zip(parts, heights, strict=True):
        if pages[-1] and used + need > room:
            pages.append([])
            used = top
        pages[-1].append(part)
        used += need
    return size, _balance(pages, heights, room - top)


def column_pages(columns: Sequence[tuple[Sequence[Bullet], Region, str]], geometry: Geometry,
                 sizes: Sequence[float] = BULLET_SIZES) -> tuple[float, list[list[list[Bullet]]]]:
    """Return one size for lists side by side on a slide, and each list's pages at that size:
    the largest size at which every list fits one page, else the smallest."""
    for size in sizes:
        laid = [bullet_pages(items, geometry, region, heading, (size,))
                for items, region, heading in columns]
        if all(len(pages) == 1 for _, pages in laid) or size == sizes[-1]:
            return size, [pages for _, pages in laid]
    raise AssertionError("no sizes given")


def _balance(pages: list[list[Bullet]], heights: list[float],
             room: float) -> list[list[Bullet]]:
    """Return the same items over the same number of pages, spread as evenly as they fit."""
    count = len(pages)
    if count < 2:
        return pages
    target = sum(heights) / count
    flat = [item for page in pages for item in page]
    balanced: list[list[Bullet]] = [[]]
    used = 0.0
    for item, need in zip(flat, heights, strict=True):
        if balanced[-1] and len(balanced) < count and (used + need > room
                                                       or used + need / 2 > target):
            balanced.append([])
            used = 0.0
        balanced[-1].append(item)
        used += need
        if used > room + 1e-9:
            return pages
    return balanced


# ---------------------------------------------------------------- tables


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], width: float,
                  size: float, font: Font, fixed: dict[int, float] | None = None) -> list[float]:
    """Return each column's width in inches, sized from its text to fill ``width``.

    Columns whose text is short (a date, a figure, a status) get all they need on one
    line; the room left goes to the columns of running text, each at least as wide as
    its longest word.
    """
    fixed = fixed or {}
    columns = len(headers)
    shortest, natural = [], []
    for c in range(columns):
        texts = [headers[c], *(row[c] for row in rows if c < len(row))]
        words = [w for t in texts for w in t.split()] or [""]
        shortest.append(max(text_width(w, size, True, font) for w in words) + 2 * INSET_X
                        + COLUMN_SLACK)
        natural.append(max(text_width(t, size, True, font) for t in texts) + 2 * INSET_X
                       + COLUMN_SLACK)
    for c, value in fixed.items():
        shortest[c] = natural[c] = value
    if sum(natural) <= width:
        spare = width - sum(natural)
        free = [c for c in range(columns) if c not in fixed] or list(range(columns))
        weight = sum(natural[c] for c in free) or 1.0
        return [natural[c] + (spare * natural[c] / weight if c in free else 0.0)
                for c in range(columns)]
    if sum(shortest) >= width:
        # -- even the longest words do not fit side by side: share the width by them
        return [width * s / sum(shortest) for s in shortest]
    widths = list(shortest)
    wrapping = set(range(columns)) - set(fixed)
    # -- the narrowest columns first get their whole line, while the others keep room
    for c in sorted(wrapping, key=natural.__getitem__):
        settled = sum(widths[o] for o in range(columns) if o not in wrapping)
        rest = sum(max(widths[o], WRAPPING_WIDTH) for o in wrapping if o != c)
        if settled + natural[c] + rest > width:
            break
        widths[c] = natural[c]
        wrapping.discard(c)
    spare = width - sum(widths)
    wants = {c: natural[c] - widths[c] for c in wrapping}
    total = sum(wants.values()) or 1.0
    return [widths[c] + spare * wants.get(c, 0.0) / total for c in range(columns)]


def row_height(cells: Sequence[str], widths: Sequence[float], size: float, font: Font,
               bold: bool = False) -> float:
    """Return the height in inches a table row needs, from its tallest cell."""
    lines = max((len(wrap(text, max(w - 2 * INSET_X, 0.2), size, bold, font))
                 for text, w in zip(cells, widths, strict=False)), default=1)
    return lines * line_height(size, font) + 2 * INSET_Y


def _fit_cell(text: str, width: float, height: float, size: float, font: Font) -> str:
    """Return a cell's text cut between words so it fits ``height``, saying where the rest is."""
    lines = wrap(text, max(width - 2 * INSET_X, 0.2), size, False, font)
    room = max(int((height - 2 * INSET_Y) / line_height(size, font)) - 1, 1)
    if len(lines) <= room + 1:
        return text
    return " ".join(lines[:room]) + " (continued in the workbook)"


def table_pages(headers: Sequence[str], rows: Sequence[Sequence[str]], geometry: Geometry,
                region: Region = "body", sizes: Sequence[float] = TABLE_SIZES,
                fixed: dict[int, float] | None = None, height: float | None = None,
                bold: Sequence[int] = (), fills: Sequence[Sequence[str | None]] = (),
                even: bool = True) -> list[Table]:
    """Return ``rows`` as tables that each fit the region, the header row on every page: at the
    largest of ``sizes`` that fits one page, else at the smallest, over pages of even length
    unless the first page should hold as much as it can."""
    for size in sizes:
        tables = _table_pages(headers, rows, geometry, region, size, fixed, height, bold, fills)
        if len(tables) == 1:
            return tables
    return _even(tables, geometry, region, height) if even else tables


def _even(tables: list[Table], geometry: Geometry, region: Region,
          height: float | None) -> list[Table]:
    """Return the same rows over the same number of pages, spread evenly so none is near empty."""
    room = height if height is not None else geometry.region(region)[1]
    first = tables[0]
    rows = [row for t in tables for row in t.rows]
    heights = [h for t in tables for h in t.heights[1:]]
    bold = [n for offset, t in enumerate(tables) for n in
            (b + sum(len(p.rows) for p in tables[:offset]) for b in t.bold)]
    fills = [f for t in tables for f in t.fills]
    count = len(tables)
    target = sum(heights) / count
    pages: list[list[int]] = [[]]
    used = first.heights[0]
    for n, need in enumerate(heights):
        if pages[-1] and len(pages) < count and (used + need > room or
                                                  used - first.heights[0] + need / 2 > target):
            pages.append([])
            used = first.heights[0]
        pages[-1].append(n)
        used += need
        if used > room + 1e-9:
            return tables
    return [Table(first.headers, [rows[n] for n in page], first.widths,
                  [first.heights[0], *(heights[n] for n in page)], first.region, first.size,
                  [i for i, n in enumerate(page) if n in bold],
                  [fills[n] for n in page] if fills else [])
            for page in pages]


def _table_pages(headers: Sequence[str], rows: Sequence[Sequence[str]], geometry: Geometry,
                 region: Region, size: float, fixed: dict[int, float] | None,
                 height: float | None, bold: Sequence[int],
                 fills: Sequence[Sequence[str | None]]) -> list[Table]:
    width, full = geometry.region(region)
    room = height if height is not None else full
    font = geometry.body_font
    header = [safe.line(h) for h in headers]
    body = [[cell(c) for c in row] for row in rows]
    widths = column_widths(header, body, width, size, font, fixed)
    top = row_height(header, widths, size, font, bold=True)
    tables: list[Table] = []
    page: list[int] = []
    used = top
    heights: list[float] = []
    for n, row in enumerate(body):
        need = row_height(row, widths, size, font, bold=n in bold)
        if top + need > room:
            body[n] = row = [_fit_cell(text, w, room - top, size, font)
                             for text, w in zip(row, widths, strict=True)]
            need = row_height(row, widths, size, font, bold=n in bold)
        if page and used + need > room:
            tables.append(_table(header, body, page, widths, top, heights, region, size, bold,
                                 fills))
            page, heights, used = [], [], top
        page.append(n)
        heights.append(need)
        used += need
    if page or not tables:
        tables.append(_table(header, body, page, widths, top, heights, region, size, bold, fills))
    return tables


def _table(header: list[str], body: list[list[str]], page: list[int], widths: list[float],
           top: float, heights: list[float], region: Region, size: float,
           bold: Sequence[int], fills: Sequence[Sequence[str | None]]) -> Table:
    return Table(header, [body[n] for n in page], list(widths), [top, *heights], region, size,
                 [i for i, n in enumerate(page) if n in bold],
                 [list(fills[n]) for n in page] if fills else [])
