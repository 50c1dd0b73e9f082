"""Draw a deck plan with python-pptx: native charts, tables, shapes and connectors.

The plan is already laid out for the template (``template.measure``), so drawing
never shrinks, cuts or drops anything. Titles go into the template's title
placeholder, the date, footer and slide number into its own placeholders when it
has them; content is drawn in text boxes, tables, charts and shapes placed on the
template's content area, and every placeholder left unused is removed, so no
"Click to add text" ever shows. python-pptx is imported inside the functions, so
nothing pays for it until a deck is written.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.diagrams import CORNER
from bigdesk.exchange.deck.metrics import font_for, line_height, wrap
from bigdesk.exchange.deck.plan import (
    BULLET_INDENT,
    CAPTION_BAND,
    CAPTION_SIZE,
    INSET_X,
    INSET_Y,
    LEVEL_INDENT,
    MIN_TITLE,
    SPACE_BEFORE,
    Box,
    Bullets,
    Chart,
    Deck,
    Diagram,
    Slide,
    Table,
)
from bigdesk.exchange.deck.template import (
    EMU,
    P,
    Rect,
    Stage,
    is_content,
    is_footer,
    is_title,
    measure,
    open_template,
    ph_type,
    pick_layout,
    rect,
)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
COVERS = ("Title Slide", "Section Header")
# -- the smallest a footer may shrink to fit its box
MIN_FOOTER = 8.0
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def _emu(inches: float) -> int:
    return round(inches * EMU)


def _inches(value: int) -> float:
    return value / EMU


# ---------------------------------------------------------------- text


def _rgb(value: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(value)  # type: ignore[no-untyped-call]


def _run(paragraph: Any, text: str, size: float, family: str, bold: bool = False,
         colour: str | None = None, italic: bool = False) -> Any:
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = safe.text(text)
    run.font.size = Pt(size)
    run.font.name = family
    run.font.bold = bold
    if italic:
        run.font.italic = True
    if colour is not None:
        run.font.color.rgb = _rgb(colour)
    return run


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    """Append a new DrawingML element to ``parent`` and return it."""
    from pptx.oxml.xmlchemy import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(name, value)
    parent.append(element)
    return element


def _bullet(paragraph: Any, level: int, size: float) -> None:
    """Give a paragraph a round bullet and a hanging indent."""
    from pptx.oxml.ns import qn

    indent = _emu(BULLET_INDENT + LEVEL_INDENT * level)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-_emu(0.25)))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    _child(ppr, "a:buChar", char="•" if level == 0 else "–")
    paragraph.space_before = int(size * SPACE_BEFORE * 12700)


def _text_frame(shape: Any, anchor: str = "top", margins: tuple[float, float] = (INSET_X,
                                                                                   INSET_Y)) -> Any:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Emu

    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                             "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    frame.margin_left = frame.margin_right = Emu(_emu(margins[0]))
    frame.margin_top = frame.margin_bottom = Emu(_emu(margins[1]))
    return frame


def _name(text: str, fallback: str) -> str:
    """Return a shape's name in the selection pane: its text made safe, short."""
    return safe.line(text)[:60] or fallback


def _textbox(slide: Any, box: Rect, name: str) -> Any:
    shape = slide.shapes.add_textbox(*box)
    shape.name = _name(name, "Text")
    return shape


def _fit_size(text: str, box: Rect, largest: float, smallest: float, family: str,
              bold: bool = False, insets: tuple[float, float] = (INSET_X, INSET_Y)) -> float:
    """Return the largest size from ``largest`` down to ``smallest`` at which text fits the box."""
    font = font_for(family)
    width = _inches(box[2]) - 2 * insets[0]
    height = _inches(box[3]) - 2 * insets[1]
    size = largest
    while size > smallest:
        if len(wrap(text, width, size, bold, font)) * line_height(size, font) <= height:
            return size
        size -= 1.0
    return smallest


# ---------------------------------------------------------------- regions


def _regions(stage: Stage) -> dict[str, Rect]:
    """Return where each region of the plan sits on a body slide, under the topic band."""
    left, top, width, height = stage.content
    band = _emu(CAPTION_BAND)
    geometry = stage.geometry
    top, height = top + band, height - band
    gutter = _emu(geometry.gutter)
    half = (width - gutter) // 2
    major = int((width - gutter) * geometry.major_share)
    return {"body": (left, top, width, height), "left": (left, top, half, height),
            "right": (left + half + gutter, top, width - half - gutter, height),
            "major": (left, top, major, height),
            "minor": (left + major + gutter, top, width - major - gutter, height)}


# ---------------------------------------------------------------- blocks


def _bullets(slide: Any, regions: dict[str, Rect], block: Bullets, stage: Stage) -> None:
    if not block.items and not block.heading:
        return
    box = regions[block.region]
    frame = _text_frame(_textbox(slide, box, block.heading or "Points"))
    family = stage.body_family
    first = True
    if block.heading:
        _run(frame.paragraphs[0], block.heading, block.size * 1.1, family, bold=True,
             colour=palette.INK)
        first = False
    for item in block.items:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        _bullet(paragraph, item.level, block.size)
        _run(paragraph, item.text, block.size, family, colour=palette.INK)


def _table(slide: Any, regions: dict[str, Rect], block: Table, stage: Stage) -> None:
    from pptx.oxml import parse_xml

    left, top, _, _ = regions[block.region]
    widths = [_emu(w) for w in block.widths]
    heights = [_emu(h) for h in block.heights]
    shape = slide.shapes.add_table(len(block.rows) + 1, len(block.headers), left, top,
                                   sum(widths), sum(heights))
    shape.name = _name("Table: " + " · ".join(block.headers), "Table")
    # -- written as XML in one go: cell by cell through python-pptx takes a second a deck;
    #    the cells keep PowerPoint's default margins, which the plan measured with
    family = escape(stage.body_family, {'"': "&quot;"})
    size = int(block.size * 100)
    parts = [f'<a:tbl xmlns:a="{A[1:-1]}"><a:tblGrid>']
    parts += [f'<a:gridCol w="{w}"/>' for w in widths]
    parts.append("</a:tblGrid>")
    for r, (row, height) in enumerate(zip([block.headers, *block.rows], heights, strict=True)):
        parts.append(f'<a:tr h="{height}">')
        for c in range(len(block.headers)):
            if r == 0:
                fill = palette.INK
            else:
                custom = block.fills[r - 1][c] if block.fills else None
                fill = custom or (palette.TINT if r % 2 else palette.PAPER)
            bold = ' b="1"' if r == 0 or (r - 1) in block.bold else ""
            text = escape(safe.text(row[c] if c < len(row) else ""))
            props = (f'lang="en-GB" sz="{size}"{bold} dirty="0"><a:solidFill><a:srgbClr '
                     f'val="{palette.text_on(fill)}"/></a:solidFill>'
                     f'<a:latin typeface="{family}"/>')
            run = (f"<a:r><a:rPr {props}</a:rPr><a:t>{text}</a:t></a:r>" if text
                   else f"<a:endParaRPr {props}</a:endParaRPr>")
            parts.append(f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>{run}</a:p></a:txBody>'
                         f'<a:tcPr><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
                         "</a:tcPr></a:tc>")
        parts.append("</a:tr>")
    parts.append("</a:tbl>")
    drawn = parse_xml("".join(parts))
    table = shape._element.graphic.graphicData.tbl
    for old in [*table.findall(f"{A}tblGrid"), *table.findall(f"{A}tr")]:
        table.remove(old)
    for element in list(drawn):
        table.append(element)


def _chart(slide: Any, regions: dict[str, Rect], block: Chart, stage: Stage) -> None:
    from pptx.enum.chart import (
        XL_CHART_TYPE,
        XL_LABEL_POSITION,
        XL_LEGEND_POSITION,
        XL_TICK_LABEL_POSITION,
    )
    from pptx.util import Pt

    from bigdesk.exchange.deck.chart_data import TextBubbleChartData, TextCategoryChartData

    left, top, width, height = regions[block.region]
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
    graphic.name = _name(f"Chart: {block.title or block.kind}", "Chart")
    chart = graphic.chart
    chart.font.size = Pt(block.label_size)
    chart.font.name = stage.body_family
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(block.label_size)
    if safe.line(block.title):
        chart.has_title = True
        _chart_text(chart.chart_title.text_frame, block.title, 14, bold=True)
    else:
        chart.has_title = False
    plot = chart.plots[0]
    if block.kind == "doughnut":
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = block.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.font.size = Pt(14)
        labels.font.bold = True
        for n, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            fill = block.colours[n % len(block.colours)] if block.colours else palette.RULE
            point.format.fill.fore_color.rgb = _rgb(fill)
            labels_colour = palette.text_on(fill)
            point.data_label.font.color.rgb = _rgb(labels_colour)
            point.data_label.font.size = Pt(14)
            point.data_label.font.bold = True
        return
    colours = [s.colour or palette.RULE for s in (block.bubbles if block.kind == "bubble"
                                                   else block.series)]
    for series, colour in zip(plot.series, colours, strict=False):
        if block.kind == "radar":
            series.format.line.width = Pt(2.25)
            series.format.line.color.rgb = _rgb(colour)
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(colour)
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
    if block.kind == "radar":
        axis = chart.value_axis
        axis.maximum_scale = block.axis_max or 5.0
        axis.minimum_scale = 0.0
        axis.major_unit = 1.0
        axis.tick_labels.font.size = Pt(block.label_size)
        chart.category_axis.tick_labels.font.size = Pt(block.label_size)
    elif block.kind in ("clustered_bar", "bar"):
        plot.has_data_labels = True
        plot.data_labels.number_format = block.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Pt(block.label_size)
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.visible = False
        chart.category_axis.tick_labels.font.size = Pt(block.label_size)
        if block.axis_max is not None:
            chart.value_axis.maximum_scale = block.axis_max
            chart.value_axis.minimum_scale = 0.0
        plot.gap_width = 60
        if block.kind == "bar":
            # -- the first category at the top, as a ranked list reads
            chart.category_axis.reverse_order = True
            plot.overlap = -10
    elif block.kind == "bubble":
        plot.bubble_scale = 40
        for n, series in enumerate(plot.series):
            for point, label in zip(series.points, block.bubbles[n].labels, strict=False):
                _chart_text(point.data_label.text_frame, label, block.label_size)
                point.data_label.position = XL_LABEL_POSITION.CENTER
        for axis, title in ((chart.category_axis, block.x_title),
                            (chart.value_axis, block.y_title)):
            axis.has_title = bool(safe.line(title))
            if axis.has_title:
                _chart_text(axis.axis_title.text_frame, title, 12)
            axis.has_major_gridlines = False
            axis.tick_labels.font.size = Pt(block.label_size)
            # -- the axes cross mid-chart as quadrant lines; their labels stay at the edges
            axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
            axis.format.line.color.rgb = _rgb(palette.RULE)
        chart.value_axis.minimum_scale = 0.0
        chart.category_axis.minimum_scale = 0.0
        if block.cross is not None:
            # -- where on each axis the other one crosses it: the medians, as quadrant lines
            chart.category_axis.crosses_at = block.cross[0]
            chart.value_axis.crosses_at = block.cross[1]


def _chart_text(frame: Any, value: str, size: float, bold: bool = False) -> None:
    """Put one line of text in a chart's title or label at ``size`` points."""
    from pptx.util import Pt

    frame.text = safe.line(value)
    # -- text that is empty once made safe leaves the paragraph with no run to size
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(size)
        run.font.bold = bold


def _diagram(slide: Any, regions: dict[str, Rect], block: Diagram, stage: Stage) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Pt

    left, top, width, height = regions[block.region]

    def at(x: float, y: float, w: float, h: float) -> Rect:
        return (left + int(x * width), top + int(y * height), int(w * width), int(h * height))

    tree = slide.shapes._spTree
    for rule in block.rules:
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, left + int(rule.x1 * width), top + int(rule.y1 * height),
            left + int(rule.x2 * width), top + int(rule.y2 * height))
        line.name = "Line"
        line.line.width = Pt(1.5)
        line.line.color.rgb = _rgb(rule.colour)
        if rule.dashed:
            from pptx.enum.dml import MSO_LINE

            line.line.dash_style = MSO_LINE.DASH
    shapes: dict[str, Any] = {}
    for item in block.boxes:
        shapes[item.key] = _box(slide, at(item.x, item.y, item.w, item.h), item, stage)
    for link in block.connectors:
        start, end = shapes.get(link.start), shapes.get(link.end)
        if start is None or end is None:
            continue
        kind = MSO_CONNECTOR.STRAIGHT if link.straight else MSO_CONNECTOR.ELBOW
        line = slide.shapes.add_connector(kind, 0, 0, 1, 1)
        if link.route == "down":
            line.begin_connect(start, 2)
            line.end_connect(end, 0)
        else:
            line.begin_connect(start, 3)
            line.end_connect(end, 1)
        line.name = f"Link {start.name[:30]} to {end.name[:30]}"
        line.line.width = Pt(1.25)
        line.line.color.rgb = _rgb(palette.RULE)
        if link.dashed:
            from pptx.enum.dml import MSO_LINE

            line.line.dash_style = MSO_LINE.DASH
        if link.arrow:
            _child(line.line._get_or_add_ln(), "a:tailEnd", type="triangle", w="med", len="med")
        # -- under the boxes, so a line never hides a box's text
        tree.remove(line._element)
        tree.insert(2, line._element)


def _box(slide: Any, box: Rect, item: Box, stage: Stage) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.oxml import parse_xml

    # -- a plain label is still a shape of the diagram, with neither fill nor outline
    kind = MSO_SHAPE.RECTANGLE if item.plain else MSO_SHAPE.ROUNDED_RECTANGLE
    shape = slide.shapes.add_shape(kind, *box)
    shape.name = _name(item.text, item.key)
    # -- no theme style: its effects would shade the text, and every colour is set below
    shape._element.remove(shape._element.find(f"{P}style"))
    shape.line.fill.background()
    if item.plain:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(item.fill)
        shape.adjustments[0] = CORNER
    # -- a plain label's text wears its colour; a box's text is readable on its fill
    colour = item.fill if item.plain else palette.text_on(item.fill)
    small = max(item.size - 2, 10.0)
    parts = [(item.kicker, small, False, True, colour)] if item.kicker else []
    parts.append((item.text, item.size, True, False, colour))
    if item.detail:
        parts.append((item.detail, small, False, False, palette.MUTED if item.plain else colour))
    family = escape(stage.body_family, {'"': "&quot;"})
    align = "l" if item.align == "left" else "ctr"
    bolds, italics = ' b="1"', ' i="1"'
    paragraphs = "".join(
        f'<a:p><a:pPr algn="{align}"/><a:r><a:rPr lang="en-GB" sz="{int(size * 100)}"'
        f'{bolds if bold else ""}{italics if italic else ""} dirty="0"><a:solidFill>'
        f'<a:srgbClr val="{tone}"/></a:solidFill><a:latin typeface="{family}"/></a:rPr>'
        f"<a:t>{escape(safe.text(content))}</a:t></a:r></a:p>"
        for content, size, bold, italic, tone in parts)
    x, y = _emu(0.06), _emu(0.03)
    body = parse_xml(
        f'<p:txBody xmlns:p="{P[1:-1]}" xmlns:a="{A[1:-1]}"><a:bodyPr wrap="square" '
        f'lIns="{x}" rIns="{x}" tIns="{y}" bIns="{y}" anchor="{"t" if item.plain else "ctr"}" '
        f'rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody>')
    old = shape._element.find(f"{P}txBody")
    if old is not None:
        shape._element.remove(old)
    shape._element.append(body)
    return shape


# ---------------------------------------------------------------- placeholders


def _place(shape: Any, box: Rect) -> None:
    """Give a placeholder its own position, so nothing depends on how it inherits one."""
    shape.left, shape.top, shape.width, shape.height = box


def _layout_rects(layout: Any) -> dict[str, Rect]:
    """Return the rectangles of a layout's title and first content placeholder."""
    found: dict[str, Rect] = {}
    for shape in layout.placeholders:
        key = "title" if is_title(shape) else "content" if is_content(shape) else ""
        box = rect(shape)
        if key and key not in found and box is not None:
            found[key] = box
    return found


def _fill(shape: Any, lines: list[str], box: Rect, family: str, largest: float,
          bold: bool = False) -> None:
    """Write ``lines`` into a placeholder at the largest size up to ``largest`` that fits."""
    from pptx.util import Pt

    body = shape._element.find(f".//{A}bodyPr")
    insets = (INSET_X, INSET_Y)
    if body is not None:
        insets = (int(body.get("lIns", _emu(INSET_X))) / EMU,
                  int(body.get("tIns", _emu(INSET_Y))) / EMU)
    size = _fit_size("\n".join(lines), box, largest, MIN_TITLE if bold else 12.0, family,
                     bold, insets)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = safe.text(line)
        run.font.size = Pt(size)
        run.font.name = family


def _title(slide: Any, item: Slide, stage: Stage, layout: Any, used: list[Any]) -> None:
    # -- every body slide's title goes in the one box the plan measured, grown for a finding
    if not safe.line(item.title):
        return
    box = _layout_rects(layout).get("title") if item.layout in COVERS else stage.title
    holder = next((s for s in slide.placeholders if is_title(s)), None)
    if holder is None or box is None:
        box = box or stage.title
        holder = _textbox(slide, box, "Title")
    else:
        _place(holder, box)
        used.append(holder._element)
    largest = stage.title_size if item.layout not in COVERS else max(stage.title_size, 32.0)
    _fill(holder, [safe.line(item.title)], box, stage.title_family, largest, bold=True)


def _subtitle(slide: Any, item: Slide, stage: Stage, layout: Any, used: list[Any]) -> None:
    lines = [safe.line(line) for line in safe.text(item.subtitle).split("\n") if safe.line(line)]
    holder = next((s for s in slide.placeholders if is_content(s)), None)
    box = _layout_rects(layout).get("content")
    if not lines or holder is None or box is None:
        return
    _place(holder, box)
    used.append(holder._element)
    _fill(holder, lines, box, stage.body_family, 20.0)


def _caption(slide: Any, stage: Stage, text: str) -> None:
    left, top, width, _ = stage.content
    frame = _text_frame(_textbox(slide, (left, top, width, _emu(CAPTION_BAND)), "Topic"))
    _run(frame.paragraphs[0], safe.line(text), CAPTION_SIZE, stage.body_family,
         colour=palette.MUTED)


def _footer_sources(layout: Any) -> dict[str, tuple[Any, Rect | None]]:
    """Return the layout's date, footer and slide-number placeholders (the master's where the
    layout has none), each with where it sits."""
    return {ph_type(s): (s._element, rect(s))
            for s in (*layout.slide_master.placeholders, *layout.placeholders) if is_footer(s)}


def _footers(slide: Any, sources: dict[str, tuple[Any, Rect | None]], deck: Deck, number: int,
             stage: Stage, used: list[Any]) -> None:
    """Fill the template's date, footer and slide number, or draw a footer where it has none."""
    from pptx.shapes.shapetree import SlideShapeFactory

    texts = {"ftr": safe.line(deck.footer), "dt": safe.line(deck.date), "sldNum": str(number)}
    tree = slide.shapes._spTree
    for kind, (source, box) in sources.items():
        if not texts[kind] or box is None:
            continue
        element = copy.deepcopy(source)
        tree.append(element)
        shape = SlideShapeFactory(element, slide.shapes)
        _place(shape, box)
        used.append(element)
        _footer_text(shape, texts[kind], kind == "sldNum", box, stage)
    if "ftr" not in sources and texts["ftr"]:
        margin = _emu(0.5)
        box = (margin, stage.slide_height - _emu(0.42), stage.slide_width // 2, _emu(0.3))
        _footer_text(_textbox(slide, box, "Footer"), texts["ftr"], False, box, stage)
    if "sldNum" not in sources:
        box = (stage.slide_width - _emu(1.3), stage.slide_height - _emu(0.42), _emu(0.8),
               _emu(0.3))
        _footer_text(_textbox(slide, box, "Slide number"), str(number), True, box, stage)
    _renumber(slide)


def _footer_text(shape: Any, text: str, number: bool, box: Rect, stage: Stage) -> None:
    from pptx.enum.text import PP_ALIGN

    body = shape._element.find(f".//{A}bodyPr")
    insets = (INSET_X, INSET_Y)
    if body is not None and body.get("lIns") is not None:
        insets = (int(body.get("lIns")) / EMU, int(body.get("tIns", _emu(INSET_Y))) / EMU)
    size = _fit_size(text, box, 10.0, MIN_FOOTER, stage.body_family, False, insets)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    if number:
        paragraph.alignment = PP_ALIGN.RIGHT
        # -- a slide-number field, so the number stays right when slides are moved
        field = _child(paragraph._p, "a:fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
        props = _child(field, "a:rPr", lang="en-GB", sz=str(int(size * 100)))
        _child(props, "a:latin", typeface=stage.body_family)
        _child(field, "a:t").text = text
    else:
        _run(paragraph, text, size, stage.body_family, colour=palette.MUTED)


def _renumber(slide: Any) -> None:
    """Give every shape on the slide its own id (copied placeholders bring theirs along)."""
    seen: set[int] = set()
    elements = [e for e in slide.shapes._spTree.iter() if e.tag == f"{P}cNvPr"]
    top = max((int(e.get("id", "0")) for e in elements), default=1)
    for element in elements:
        value = int(element.get("id", "0"))
        if value in seen:
            top += 1
            element.set("id", str(top))
            value = top
        seen.add(value)


def _remove_unused(slide: Any, used: list[Any]) -> None:
    # -- by the element itself: LibreOffice's placeholders may all share one idx
    for holder in list(slide.placeholders):
        if not any(holder._element is element for element in used):
            holder._element.getparent().remove(holder._element)


def _notes(slide: Any, text: str) -> None:
    if text.strip():
        slide.notes_slide.notes_text_frame.text = safe.text(text)


def render(deck: Deck, target: Path, prs: Any = None, stage: Stage | None = None) -> None:
    """Draw ``deck`` on the template ``prs`` measured as ``stage`` (the shipped template when not
    given) and save it at ``target``."""
    if prs is None:
        prs = open_template(None)
    stage = stage or measure(prs)
    regions = _regions(stage)
    layouts: dict[str, Any] = {}
    footers: dict[str, dict[str, tuple[Any, Rect | None]]] = {}
    draw = {Bullets: _bullets, Table: _table, Chart: _chart, Diagram: _diagram}
    for number, item in enumerate(deck.slides, start=1):
        layout = layouts.get(item.layout)
        if layout is None:
            layout = layouts[item.layout] = pick_layout(prs, item.layout)
            footers[item.layout] = _footer_sources(layout)
        slide = prs.slides.add_slide(layout)
        # -- the placeholders filled (their elements, kept alive so they stay the same objects);
        #    the others are removed
        used: list[Any] = []
        _title(slide, item, stage, layout, used)
        if item.layout in COVERS:
            _subtitle(slide, item, stage, layout, used)
        elif item.caption:
            _caption(slide, stage, item.caption)
        for block in item.blocks:
            draw[type(block)](slide, regions, block, stage)  # type: ignore[operator]
        if item.layout not in COVERS:
            _footers(slide, footers[item.layout], deck, number, stage, used)
        _remove_unused(slide, used)
        _notes(slide, item.notes)
    prs.core_properties.title = (safe.line(deck.footer) or "First Steps")[:200]
    prs.core_properties.author = "BIG Desk"
    prs.core_properties.last_modified_by = "BIG Desk"
    prs.core_properties.comments = ""
    prs.save(str(target))
