"""The deck as plain data: slides, bullet lists, tables, charts and diagrams.

Built from the workshop by ``build.build_plan`` and drawn by ``render``; tests
read it without PowerPoint. Positions inside a region are fractions (0 to 1) of
the region, so the same plan fits any template's content area.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bigdesk.exchange.deck import safe

Region = Literal["body", "left", "right", "major", "minor"]
ChartKind = Literal["radar", "bar", "clustered_bar", "doughnut", "bubble"]

# -- the content area of the shipped 16:9 template, in inches; budgets are worked
#    out against it and the renderer shrinks text a little for a smaller one
REGION_SIZE: dict[str, tuple[float, float]] = {
    "body": (12.13, 5.25),
    "left": (5.89, 5.25),
    "right": (5.89, 5.25),
    # -- a wide left part and a narrow right one, for a chart beside its table
    "major": (7.0, 5.25),
    "minor": (4.78, 5.25),
}
MAJOR_SHARE = 0.59
BULLET_SIZE, MIN_BULLET_SIZE = 18.0, 12.0
TABLE_SIZE, APPENDIX_TABLE_SIZE = 12.0, 10.0
# -- average glyph width of Calibri (and Carlito) as a share of the font size
GLYPH = 0.47
LINE = 1.2


@dataclass(frozen=True)
class Bullet:
    """One point of a list, with its level of indentation."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Bullets:
    """A list of points in one region."""

    items: list[Bullet]
    region: Region = "body"
    size: float = BULLET_SIZE
    # -- a bold line above the points, such as "Business drivers"
    heading: str = ""


@dataclass(frozen=True)
class Table:
    """A table: headers, rows of text, and each column's share of the width."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    region: Region = "body"
    size: float = TABLE_SIZE
    # -- rows drawn in the accent colour (such as the selected portfolio)
    highlight: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Series:
    """One series of a chart: a name and one value per category (None: a gap)."""

    name: str
    values: list[float | None]


@dataclass(frozen=True)
class BubbleSeries:
    """One series of a bubble chart: points of x, y and size, each with a label."""

    name: str
    points: list[tuple[float, float, float]]
    labels: list[str]


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


@dataclass(frozen=True)
class Box:
    """A box of a diagram; position and size are fractions of the region."""

    key: str
    text: str
    x: float
    y: float
    w: float
    h: float
    style: str
    detail: str = ""
    # -- a small label above the text, such as "Purpose" or "Enabler"
    kicker: str = ""


@dataclass(frozen=True)
class Connector:
    """A line joining two boxes: from the right of ``start`` to the left of ``end``, or down."""

    start: str
    end: str
    # -- "across": right side to left side; "down": bottom to top
    route: Literal["across", "down"] = "across"
    dashed: bool = False


@dataclass(frozen=True)
class Diagram:
    """Boxes and connectors drawn as PowerPoint shapes, so they stay editable."""

    boxes: list[Box]
    connectors: list[Connector] = field(default_factory=list)
    region: Region = "body"
    # -- column or lane headings: (text, x, width) as fractions, drawn above the boxes
    headings: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Picture:
    """A matplotlib figure, for the charts PowerPoint has no native form of (the heat map)."""

    kind: Literal["heatmap"]
    data: object
    region: Region = "body"


Block = Bullets | Table | Chart | Diagram | Picture


@dataclass(frozen=True)
class Slide:
    """One slide: its section, title, layout by name, blocks and speaker notes."""

    section: str
    title: str
    layout: str
    blocks: list[Block] = field(default_factory=list)
    notes: str = ""
    subtitle: str = ""
    # -- a short line under the title saying what the slide shows or where the numbers come from
    caption: str = ""


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

    def titles(self) -> list[str]:
        """Return every slide's title, in order."""
        return [s.title for s in self.slides]


# ---------------------------------------------------------------- budgets


def chars_per_line(width: float, size: float) -> int:
    """Return how many characters of ``size`` points fit on a line ``width`` inches wide."""
    return max(4, int(width * 72 / (size * GLYPH)))


def lines_of(text: str, per_line: int) -> int:
    """Return the lines ``text`` takes when wrapped at ``per_line`` characters."""
    total = 0
    for paragraph in text.split("\n"):
        words, length, count = paragraph.split(), 0, 1
        for word in words:
            # -- a word longer than a line breaks wherever it must
            need = len(word) + (1 if length else 0)
            if length and length + need > per_line:
                count += 1
                length = len(word)
            else:
                length += need
            while length > per_line:
                count += 1
                length -= per_line
        total += count
    return total


def bullet_pages(items: Sequence[Bullet], region: Region = "body",
                 size: float = BULLET_SIZE, max_lines: int = 6) -> list[list[Bullet]]:
    """Return ``items`` split into pages that fit the region at ``size`` points.

    A point longer than ``max_lines`` lines is cut with an ellipsis; the full
    text is in the registers of the appendix.
    """
    width, height = REGION_SIZE[region]
    pages: list[list[Bullet]] = [[]]
    # -- room kept for a heading line above the points
    used = 30.0
    for item in items:
        indent = 0.35 * (item.level + 1)
        per_line = chars_per_line(width - indent, size)
        clipped = safe.clip(item.text, per_line * max_lines)
        # -- points of height: the lines plus the space before each paragraph
        need = lines_of(clipped, per_line) * size * LINE + 6
        if pages[-1] and used + need > height * 72:
            pages.append([])
            used = 30.0
        pages[-1].append(Bullet(clipped, item.level))
        used += need
    return [page for page in pages if page]


def row_height(cells: Sequence[str], widths: Sequence[float], region_width: float,
               size: float) -> float:
    """Return the height in inches a table row needs, from its tallest cell."""
    lines = 1
    for cell, share in zip(cells, widths, strict=False):
        # -- 0.2 inches of cell margins left and right
        per_line = chars_per_line(max(share * region_width - 0.2, 0.3), size)
        lines = max(lines, lines_of(cell, per_line))
    return lines * size * LINE / 72 + 0.12


def clip_cells(row: Sequence[str], widths: Sequence[float], region_width: float, size: float,
               max_lines: int) -> list[str]:
    """Return a row whose cells are cut to ``max_lines`` lines each."""
    out = []
    for cell, share in zip(row, widths, strict=False):
        per_line = chars_per_line(max(share * region_width - 0.2, 0.3), size)
        out.append(safe.clip(cell, per_line * max_lines) if lines_of(cell, per_line) > max_lines
                   else cell)
    return out


def table_pages(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                region: Region = "body", size: float = TABLE_SIZE,
                max_lines: int = 4) -> list[list[list[str]]]:
    """Return ``rows`` split into pages that fit the region, each page under the header row."""
    width, height = REGION_SIZE[region]
    total = sum(widths) or 1.0
    shares = [w / total for w in widths]
    header = row_height(headers, shares, width, size)
    pages: list[list[list[str]]] = [[]]
    used = header
    for row in rows:
        cells = clip_cells(row, shares, width, size, max_lines)
        need = row_height(cells, shares, width, size)
        if pages[-1] and used + need > height:
            pages.append([])
            used = header
        pages[-1].append(cells)
        used += need
    return [page for page in pages if page] or [[]]


def page_title(title: str, page: int, pages: int) -> str:
    """Return a slide title with "(2 of 3)" on continuation slides."""
    return title if pages <= 1 else f"{title} ({page} of {pages})"


def finite(values: Sequence[float | None]) -> list[float | None]:
    """Return chart values with anything not finite turned into a gap."""
    return [None if v is None or not math.isfinite(v) else float(v) for v in values]
