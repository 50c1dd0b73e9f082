"""Draw a deck plan with python-pptx: native charts, tables, shapes and connectors.

python-pptx and matplotlib are imported inside the functions here, so nothing
pays for them until a deck is written. Layouts are found by name in the template
(the shipped one or the user's corporate one) with a fallback by placeholder
types; every placeholder left unused is removed, so no "Click to add title"
ever shows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bigdesk.exchange.archive import check_xml_parts, open_archive
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.plan import (
    LINE,
    MAJOR_SHARE,
    Box,
    Bullets,
    Chart,
    Deck,
    Diagram,
    Picture,
    Slide,
    Table,
    chars_per_line,
    lines_of,
    row_height,
)
from bigdesk.exchange.deck.theme import BOX_STYLES, SELECTED, WAITING, theme_colour
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_PACKED_BYTES
from bigdesk.paths import resource

EMU = 914400
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = ("application/vnd.openxmlformats-officedocument.presentationml"
                     ".presentation.main+xml")
MIN_TEXT, MIN_BOX_TEXT = 10.0, 7.0
CAPTION_HEIGHT = 0.42
FOOTER_HEIGHT = 0.3
# -- series colours: theme slots so a corporate template recolours them, except the
#    grey of "waits", which means "not chosen" in every template
SERIES_SLOTS = ["accent1", "accent2", "accent3", "accent4", "accent5", "accent6"]
LIGHT_STYLES = {"label", "more"}


class DeckError(ValueError):
    """The deck cannot be written; the message says why (a bad template, usually)."""


Rect = tuple[int, int, int, int]


def default_template() -> Path:
    """Return the shipped 16:9 First Steps template."""
    return resource("deck", "first-steps.pptx")


def open_template(path: Path | None) -> Any:
    """Return a presentation from a .pptx or .potx template, emptied of its slides."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    path = Path(path) if path is not None else default_template()
    try:
        data = read_incoming(path, MAX_PACKED_BYTES)
        # -- a file that is no ZIP at all is left to python-pptx to name below
        if zipfile.is_zipfile(io.BytesIO(data)):
            with open_archive(io.BytesIO(data), path.name, "PowerPoint template") as archive:
                check_xml_parts(archive, path.name)
    except IncomingFileError as error:
        raise DeckError(f"the template cannot be used: {error}") from None
    try:
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise DeckError(f"{path} is not a PowerPoint template (.pptx or .potx): "
                        f"{error}.") from None
    except Exception as error:  # -- a damaged file can fail anywhere in the parser
        raise DeckError(f"{path} cannot be read as a PowerPoint template: {error}.") from None
    if not len(prs.slide_layouts):
        raise DeckError(f"{path} has no slide layouts to build a deck from.")
    _drop_slides(prs)
    return prs


def _as_presentation(data: bytes) -> bytes:
    """Return a .potx's bytes with its main part typed as a presentation; a .pptx unchanged.

    python-pptx opens presentations only; a template differs in one content type.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml").decode("utf-8")
        if TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                payload = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    payload = types.replace(TEMPLATE_TYPE, PRESENTATION_TYPE).encode("utf-8")
                target.writestr(item, payload)
        return out.getvalue()


def _drop_slides(prs: Any) -> None:
    """Remove the slides a template came with; the deck brings its own."""
    ids = prs.slides._sldIdLst
    for entry in list(ids):
        prs.part.drop_rel(entry.rId)
        ids.remove(entry)


# ---------------------------------------------------------------- layouts


def _kinds(layout: Any) -> tuple[bool, int, bool]:
    """Return whether a layout has a title, how many content placeholders, and a subtitle."""
    from pptx.enum.shapes import PP_PLACEHOLDER as P

    types = [ph.placeholder_format.type for ph in layout.placeholders]
    title = any(t in (P.TITLE, P.CENTER_TITLE) for t in types)
    content = sum(1 for t in types if t in (P.OBJECT, P.BODY))
    return title, content, P.SUBTITLE in types


def pick_layout(prs: Any, name: str) -> Any:
    """Return the layout called ``name``, else the closest by its placeholders."""
    layouts = list(prs.slide_layouts)
    for layout in layouts:
        if layout.name.strip().lower() == name.lower():
            return layout
    wanted: dict[str, Any] = {
        "Title Slide": lambda t, c, s: t and s,
        "Title and Content": lambda t, c, s: t and c == 1 and not s,
        "Two Content": lambda t, c, s: t and c >= 2,
        "Section Header": lambda t, c, s: t and c == 1,
        "Title Only": lambda t, c, s: t and c == 0 and not s,
        "Blank": lambda t, c, s: not t and c == 0,
    }
    test = wanted.get(name, wanted["Title Only"])
    for layout in layouts:
        if test(*_kinds(layout)):
            return layout
    # -- any layout with a title will do: unused placeholders are removed anyway
    return next((lay for lay in layouts if _kinds(lay)[0]), layouts[0])


# ---------------------------------------------------------------- geometry


@dataclass
class Frame:
    """Where a slide's parts go, in EMU."""

    regions: dict[str, Rect]
    placeholders: dict[str, Any]


def _content_placeholders(slide: Any) -> list[Any]:
    from pptx.enum.shapes import PP_PLACEHOLDER as P

    found = [ph for ph in slide.placeholders
             if ph.placeholder_format.type in (P.OBJECT, P.BODY, P.SUBTITLE)]
    return sorted(found, key=lambda ph: (ph.left or 0, ph.top or 0))


def _frame(prs: Any, slide: Any) -> Frame:
    width, height = prs.slide_width, prs.slide_height
    title = slide.shapes.title
    margin = int(width * 0.045)
    if title is not None and title.width:
        left, right = title.left, title.left + title.width
        top = title.top + title.height + int(0.15 * EMU)
    else:
        left, right, top = margin, width - margin, int(1.4 * EMU)
    bottom = height - int(0.55 * EMU)
    base: Rect = (left, top, right - left, max(bottom - top, int(EMU)))
    holders = [ph for ph in _content_placeholders(slide)
               if ph.width and ph.height and ph.width > EMU and ph.height > EMU]
    placeholders: dict[str, Any] = {}
    if holders:
        first = holders[0]
        base = (first.left, first.top, first.width if len(holders) == 1 else
                holders[-1].left + holders[-1].width - first.left, first.height)
        placeholders["body"] = first
    gutter = int(0.35 * EMU)
    half = (base[2] - gutter) // 2
    major = int((base[2] - gutter) * MAJOR_SHARE)
    regions = {"body": base, "left": (base[0], base[1], half, base[3]),
               "right": (base[0] + half + gutter, base[1], half, base[3]),
               "major": (base[0], base[1], major, base[3]),
               "minor": (base[0] + major + gutter, base[1], base[2] - major - gutter, base[3])}
    if len(holders) >= 2:
        a, b = holders[0], holders[1]
        regions["left"] = (a.left, a.top, a.width, a.height)
        regions["right"] = (b.left, b.top, b.width, b.height)
        placeholders = {"left": a, "right": b}
    elif holders:
        placeholders = {"body": holders[0], "left": holders[0]}
    return Frame(regions, placeholders)


def _inches(value: int) -> float:
    return value / EMU


# ---------------------------------------------------------------- text


def _fit(texts: Sequence[tuple[str, float]], width: float, height: float, size: float,
         minimum: float) -> float:
    """Return the largest size up to ``size`` at which the texts (text, scale) fit the box."""
    while True:
        need = sum(lines_of(text, chars_per_line(width, size * scale)) * size * scale * LINE
                   for text, scale in texts)
        if need <= height * 72 or size <= minimum:
            return size
        size -= 0.5


def _clip_to(text: str, width: float, height: float, size: float) -> str:
    """Return ``text`` cut so that it fits the box at ``size`` points, with an ellipsis."""
    per_line = chars_per_line(width, size)
    lines = max(1, int(height * 72 / (size * LINE)))
    if lines_of(text, per_line) <= lines:
        return text
    return safe.clip(text, max(per_line * lines - per_line // 2, 1))


def _run(paragraph: Any, text: str, size: float, bold: bool = False,
         colour: str | None = None, italic: bool = False) -> Any:
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = safe.text(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if italic:
        run.font.italic = True
    if colour is not None:
        _colour(run.font.color, colour)
    return run


def _colour(target: Any, colour: str) -> None:
    from pptx.dml.color import RGBColor

    if colour.startswith("#"):
        value = int(colour.lstrip("#"), 16)
        target.rgb = RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)  # type: ignore[no-untyped-call]
    else:
        target.theme_color = theme_colour(colour)


def _bullet(paragraph: Any, level: int, size: float) -> None:
    """Give a paragraph a round bullet and a hanging indent, in a placeholder or a text box."""
    from pptx.oxml.ns import qn

    indent = int((0.28 + 0.3 * level) * EMU)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-int(0.25 * EMU)))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    _child(ppr, "a:buChar", char="•" if level == 0 else "–")
    paragraph.space_before = int(size * 0.45 * 12700)


def _no_bullet(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    _child(ppr, "a:buNone")


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    """Append a new DrawingML element to ``parent`` and return it."""
    from pptx.oxml.xmlchemy import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(name, value)
    parent.append(element)
    return element


def _text_frame(shape: Any, anchor: str = "top") -> Any:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                             "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    return frame


def _textbox(slide: Any, rect: Rect) -> Any:
    return slide.shapes.add_textbox(*rect)


# ---------------------------------------------------------------- blocks


def _bullets(slide: Any, frame: Frame, block: Bullets, used: set[int]) -> None:
    # -- a list with nothing to read draws nothing, so no empty placeholder is left
    if not any(safe.line(t) for t in (block.heading, *(i.text for i in block.items))):
        return
    rect = frame.regions[block.region]
    holder = frame.placeholders.get(block.region)
    if holder is not None and _idx(holder) not in used:
        used.add(_idx(holder))
        holder.left, holder.top, holder.width, holder.height = rect
        shape = holder
    else:
        shape = _textbox(slide, rect)
    text = _text_frame(shape)
    width, height = _inches(rect[2]) - 0.45, _inches(rect[3]) - 0.1
    texts = [(item.text, 1.0) for item in block.items]
    if block.heading:
        texts.append((block.heading, 1.1))
    size = _fit(texts, width, height, block.size, MIN_TEXT)
    first = True
    if block.heading:
        paragraph = text.paragraphs[0]
        _no_bullet(paragraph)
        _run(paragraph, block.heading, size * 1.1, bold=True, colour="accent1")
        first = False
    budget = height - (size * 1.1 * LINE / 72 if block.heading else 0)
    for item in block.items:
        need = lines_of(item.text, chars_per_line(width - 0.3 * item.level, size)) * size * LINE
        content = item.text
        if need / 72 > budget:
            # -- the plan paginated for the shipped template; a smaller box cuts the last point
            content = _clip_to(item.text, width, max(budget, size * LINE / 72), size)
        budget -= need / 72 + size * 0.45 / 72
        paragraph = text.paragraphs[0] if first else text.add_paragraph()
        first = False
        _bullet(paragraph, item.level, size)
        _run(paragraph, content, size * (0.92 if item.level else 1.0))
        if budget <= 0:
            break


def _table(slide: Any, frame: Frame, block: Table) -> None:
    from pptx.util import Emu, Pt

    left, top, width, height = frame.regions[block.region]
    columns = len(block.headers)
    total = sum(block.widths) or 1.0
    shares = [w / total for w in block.widths]
    region_width = _inches(width)
    heights = [row_height(block.headers, shares, region_width, block.size)]
    heights += [row_height(row, shares, region_width, block.size) for row in block.rows]
    # -- a smaller template region than the plan assumed: shrink the text to fit
    size = block.size
    scale = min(1.0, _inches(height) / sum(heights))
    if scale < 1.0:
        size = max(8.0, block.size * scale)
        heights = [h * scale for h in heights]
    shape = slide.shapes.add_table(len(block.rows) + 1, columns, left, top, width,
                                   int(sum(heights) * EMU))
    table = shape.table
    for n, share in enumerate(shares):
        table.columns[n].width = Emu(int(width * share))
    for r, h in enumerate(heights):
        table.rows[r].height = Emu(int(h * EMU))
    for r, row in enumerate([block.headers, *block.rows]):
        for c in range(columns):
            # -- PowerPoint's default cell margins (0.1 inch each side) are what the
            #    row heights were estimated with
            cell = table.cell(r, c)
            text = cell.text_frame
            text.word_wrap = True
            paragraph = text.paragraphs[0]
            value = row[c] if c < len(row) else ""
            run = paragraph.add_run()
            run.text = safe.text(value)
            run.font.size = Pt(size)
            if r == 0 or (r - 1) in block.highlight:
                run.font.bold = True


def _chart(slide: Any, frame: Frame, block: Chart) -> None:
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.util import Pt

    from bigdesk.exchange.deck.chart_data import TextBubbleChartData, TextCategoryChartData

    left, top, width, height = frame.regions[block.region]
    kinds = {"radar": XL_CHART_TYPE.RADAR_MARKERS, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
             "clustered_bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
             "doughnut": XL_CHART_TYPE.DOUGHNUT, "bubble": XL_CHART_TYPE.BUBBLE}
    data: Any
    if block.kind == "bubble":
        data = TextBubbleChartData()  # type: ignore[no-untyped-call]
        for bubble in block.bubbles:
            entry = data.add_series(safe.chart_label(bubble.name), number_format="0")
            for x, y, size in bubble.points:
                entry.add_data_point(safe.number(x) or 0.0, safe.number(y) or 0.0,
                                     max(safe.number(size) or 0.0, 1e-6))
    else:
        data = TextCategoryChartData(number_format=block.number_format)  # type: ignore[no-untyped-call]
        data.categories = [safe.chart_label(c) for c in block.categories]
        for series in block.series:
            data.add_series(safe.chart_label(series.name),
                            [safe.number(v) for v in series.values])
    graphic = slide.shapes.add_chart(kinds[block.kind], left, top, width, height, data)
    chart = graphic.chart
    chart.font.size = Pt(11)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    if safe.line(block.title):
        chart.has_title = True
        _chart_text(chart.chart_title.text_frame, block.title, 13, bold=True)
    else:
        chart.has_title = False
    plot = chart.plots[0]
    if block.kind == "doughnut":
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = block.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.font.size = Pt(12)
        labels.font.bold = True
        for n, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            _colour(point.format.fill.fore_color, SERIES_SLOTS[n % len(SERIES_SLOTS)])
        return
    for n, series in enumerate(plot.series):
        name = block.series[n].name if block.kind != "bubble" else block.bubbles[n].name
        colour = WAITING if name in ("All initiatives", "Waits") else (
            SELECTED if name == "In the portfolio" else SERIES_SLOTS[
                (n - (1 if block.kind == "clustered_bar" else 0)) % len(SERIES_SLOTS)])
        if block.kind == "radar":
            series.format.line.width = Pt(2.25)
            _colour(series.format.line.color, colour)
            series.marker.format.fill.solid()
            _colour(series.marker.format.fill.fore_color, colour)
            series.smooth = False
        else:
            series.format.fill.solid()
            _colour(series.format.fill.fore_color, colour)
    if block.kind == "radar":
        axis = chart.value_axis
        axis.maximum_scale = block.axis_max or 5.0
        axis.minimum_scale = 0.0
        axis.major_unit = 1.0
        axis.tick_labels.font.size = Pt(9)
        chart.category_axis.tick_labels.font.size = Pt(9)
    elif block.kind == "clustered_bar":
        plot.has_data_labels = True
        plot.data_labels.number_format = block.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Pt(10)
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.visible = False
        plot.gap_width = 60
    elif block.kind == "bubble":
        plot.bubble_scale = 45
        for n, series in enumerate(plot.series):
            for point, label in zip(series.points, block.bubbles[n].labels, strict=False):
                _chart_text(point.data_label.text_frame, label, 10)
                point.data_label.position = XL_LABEL_POSITION.CENTER
        for axis, title in ((chart.category_axis, block.x_title),
                            (chart.value_axis, block.y_title)):
            axis.has_title = bool(safe.line(title))
            if axis.has_title:
                _chart_text(axis.axis_title.text_frame, title, 11)
            axis.has_major_gridlines = False
            axis.tick_labels.font.size = Pt(10)
        chart.value_axis.minimum_scale = 0.0
        chart.category_axis.minimum_scale = 0.0


def _chart_text(frame: Any, value: str, size: float, bold: bool = False) -> None:
    """Put one line of text in a chart's title or label at ``size`` points."""
    from pptx.util import Pt

    frame.text = safe.line(value)
    # -- text that is empty once made safe leaves the paragraph with no run to size
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(size)
        run.font.bold = bold


def _diagram(slide: Any, frame: Frame, block: Diagram) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    left, top, width, height = frame.regions[block.region]

    def at(x: float, y: float, w: float, h: float) -> Rect:
        return (left + int(x * width), top + int(y * height), int(w * width), int(h * height))

    for text, x, w in block.headings:
        box = _textbox(slide, at(x, 0.0, w, 0.07))
        paragraph = _text_frame(box, "bottom").paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        _run(paragraph, text, 12, bold=True, colour="tx2")
    # -- boxes of one kind share one size of text, the size the fullest of them needs
    sizes: dict[str, float] = {}
    for item in block.boxes:
        size = _box_size(at(item.x, item.y, item.w, item.h), item)
        sizes[item.style] = min(size, sizes.get(item.style, size))
    shapes: dict[str, Any] = {}
    for item in block.boxes:
        shapes[item.key] = _box(slide, at(item.x, item.y, item.w, item.h), item,
                                sizes[item.style])
    tree = slide.shapes._spTree
    for link in block.connectors:
        start, end = shapes.get(link.start), shapes.get(link.end)
        if start is None or end is None:
            continue
        line = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 1, 1)
        if link.route == "down":
            line.begin_connect(start, 2)
            line.end_connect(end, 0)
        else:
            line.begin_connect(start, 3)
            line.end_connect(end, 1)
        line.line.width = Pt(1.25)
        _colour(line.line.color, "#8A94A6")
        if link.dashed:
            from pptx.enum.dml import MSO_LINE

            line.line.dash_style = MSO_LINE.DASH
        # -- under the boxes, so a line never hides a box's text
        tree.remove(line._element)
        tree.insert(2, line._element)


def _box_parts(item: Box) -> list[tuple[str, float]]:
    return [(item.text, 1.0)] + ([(item.detail, 0.82)] if item.detail else []) + (
        [(item.kicker, 0.75)] if item.kicker else [])


def _box_size(rect: Rect, item: Box) -> float:
    """Return the largest text size at which a box's text fits it."""
    width, height = _inches(rect[2]) - 0.14, _inches(rect[3]) - 0.08
    return _fit(_box_parts(item), width, height, 24.0 if height > 1.2 else 13.0, MIN_BOX_TEXT)


def _box(slide: Any, rect: Rect, item: Box, size: float) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu

    light = item.style in LIGHT_STYLES
    kind = MSO_SHAPE.ROUNDED_RECTANGLE
    # -- a label is plain text: a text box carries no shape style to shade its letters
    shape = _textbox(slide, rect) if item.style == "label" else slide.shapes.add_shape(kind, *rect)
    shape.name = safe.clip(safe.line(item.text), 60) or item.key
    if item.style != "label":
        shape.fill.solid()
        _colour(shape.fill.fore_color, BOX_STYLES.get(item.style, "accent1"))
        shape.line.fill.background()
        shape.adjustments[0] = 0.08
        shape.shadow.inherit = False
    text = _text_frame(shape, "middle")
    margin = Emu(int(0.06 * EMU))
    text.margin_left = text.margin_right = margin
    text.margin_top = text.margin_bottom = Emu(int(0.03 * EMU))
    width, height = _inches(rect[2]) - 0.14, _inches(rect[3]) - 0.08
    colour = "tx2" if light else "bg1"
    align = PP_ALIGN.LEFT if item.style == "label" else PP_ALIGN.CENTER
    budget = height
    paragraphs = []
    if item.kicker:
        paragraphs.append((item.kicker, size * 0.75, False, True))
    paragraphs.append((item.text, size, True, False))
    if item.detail:
        paragraphs.append((item.detail, size * 0.82, False, False))
    for n, (content, points, bold, italic) in enumerate(paragraphs):
        fitted = _clip_to(content, width, max(budget, points * LINE / 72), points)
        budget -= lines_of(fitted, chars_per_line(width, points)) * points * LINE / 72
        paragraph = text.paragraphs[0] if n == 0 else text.add_paragraph()
        paragraph.alignment = align
        kicker_colour = ("accent1" if item.style == "label" else colour)
        _run(paragraph, fitted, points, bold=bold, italic=italic,
             colour=kicker_colour if italic else colour)
        if budget <= 0:
            break
    return shape


def _picture(slide: Any, frame: Frame, block: Picture) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from bigdesk.exchange.figures_assessment import HeatmapData, draw_heatmap

    left, top, width, height = frame.regions[block.region]
    figure = Figure(figsize=(_inches(width), _inches(height)), dpi=100, layout="constrained")
    assert isinstance(block.data, HeatmapData)
    draw_heatmap(block.data, figure)
    FigureCanvasAgg(figure)
    image = io.BytesIO()
    # -- sharp enough on a projector at full width, and a third of the drawing time of 150 dpi
    figure.savefig(image, format="png", dpi=110)
    image.seek(0)
    slide.shapes.add_picture(image, left, top, width, height)


# ---------------------------------------------------------------- slides


def _title(slide: Any, prs: Any, item: Slide, used: set[int]) -> None:
    title = slide.shapes.title
    text = safe.clip(safe.line(item.title), 90)
    if title is None:
        title = _textbox(slide, (int(0.6 * EMU), int(0.35 * EMU),
                                 prs.slide_width - int(1.2 * EMU), int(0.95 * EMU)))
        _run(_text_frame(title, "bottom").paragraphs[0], text, 28, bold=True, colour="tx2")
    elif text:
        title.text_frame.text = text
        used.add(_idx(title))


def _subtitle(slide: Any, item: Slide, used: set[int]) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER as P

    holder = next((ph for ph in slide.placeholders
                   if ph.placeholder_format.type in (P.SUBTITLE, P.BODY, P.OBJECT)), None)
    if holder is None or not safe.line(item.subtitle):
        return
    used.add(_idx(holder))
    frame = holder.text_frame
    frame.clear()
    for n, line in enumerate(safe.text(item.subtitle).split("\n")):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = safe.clip(line, 120)


def _caption(slide: Any, frame: Frame, text: str) -> None:
    left, top, width, _ = frame.regions["body"]
    box = _textbox(slide, (left, top, width, int(CAPTION_HEIGHT * EMU)))
    paragraph = _text_frame(box, "top").paragraphs[0]
    _run(paragraph, safe.clip(safe.line(text), chars_per_line(_inches(width), 13) - 2), 13,
         italic=True, colour="#5A6478")
    shift = int((CAPTION_HEIGHT + 0.05) * EMU)
    for name, (x, y, w, h) in list(frame.regions.items()):
        frame.regions[name] = (x, y + shift, w, h - shift)


def _footer(slide: Any, prs: Any, deck: Deck, number: int) -> None:
    margin = int(0.6 * EMU)
    top = prs.slide_height - int(0.45 * EMU)
    if deck.footer:
        box = _textbox(slide, (margin, top, prs.slide_width - 3 * margin, int(FOOTER_HEIGHT * EMU)))
        _run(_text_frame(box).paragraphs[0], safe.clip(deck.footer, 120), 10, colour="#7A8499")
    box = _textbox(slide, (prs.slide_width - margin - int(0.8 * EMU), top, int(0.8 * EMU),
                           int(FOOTER_HEIGHT * EMU)))
    paragraph = _text_frame(box).paragraphs[0]
    from pptx.enum.text import PP_ALIGN

    paragraph.alignment = PP_ALIGN.RIGHT
    # -- a slide-number field, so the number stays right when slides are moved
    field = _child(paragraph._p, "a:fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                   type="slidenum")
    props = _child(field, "a:rPr", lang="en-GB", sz="1000")
    _child(_child(props, "a:solidFill"), "a:srgbClr", val="7A8499")
    _child(field, "a:t").text = str(number)


def _idx(holder: Any) -> int:
    return int(holder.placeholder_format.idx)


def _remove_unused(slide: Any, used: set[int]) -> None:
    for holder in list(slide.placeholders):
        if _idx(holder) not in used:
            holder._element.getparent().remove(holder._element)


def _notes(slide: Any, text: str) -> None:
    if text.strip():
        slide.notes_slide.notes_text_frame.text = safe.text(text)


def render(deck: Deck, target: Path, template: Path | None = None) -> None:
    """Write ``deck`` as a .pptx at ``target`` (a path; the caller makes it atomic)."""
    prs = open_template(template)
    layouts: dict[str, Any] = {}
    for number, item in enumerate(deck.slides, start=1):
        layout = layouts.get(item.layout)
        if layout is None:
            layout = layouts[item.layout] = pick_layout(prs, item.layout)
        slide = prs.slides.add_slide(layout)
        # -- the placeholders filled, by index; the others are removed
        used: set[int] = set()
        _title(slide, prs, item, used)
        if item.layout in ("Title Slide", "Section Header"):
            _subtitle(slide, item, used)
        frame = _frame(prs, slide)
        if item.caption:
            _caption(slide, frame, item.caption)
        for block in item.blocks:
            if isinstance(block, Bullets):
                _bullets(slide, frame, block, used)
            elif isinstance(block, Table):
                _table(slide, frame, block)
            elif isinstance(block, Chart):
                _chart(slide, frame, block)
            elif isinstance(block, Diagram):
                _diagram(slide, frame, block)
            elif isinstance(block, Picture):
                _picture(slide, frame, block)
        _remove_unused(slide, used)
        if item.layout not in ("Title Slide", "Section Header"):
            _footer(slide, prs, deck, number)
        _notes(slide, item.notes)
    prs.core_properties.title = safe.clip(safe.line(deck.footer) or "First Steps", 200)
    prs.core_properties.author = "BIG Desk"
    prs.core_properties.last_modified_by = "BIG Desk"
    prs.core_properties.comments = ""
    prs.save(str(target))

