"""Build the shipped 16:9 First Steps template from python-pptx's default one.

Run ``python -m bigdesk.exchange.deck.house_template`` to write
``resources/deck/first-steps.pptx`` again after changing the house style here.
The deck only relies on the layouts' names and placeholders, so a corporate
template with the same layout names replaces this one without code changes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bigdesk.exchange.deck.theme import PALETTE, theme_colour

INCH = 914400
SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5
MARGIN = 0.6
CONTENT_TOP, CONTENT_HEIGHT = 1.5, 5.25
FOOTER_TOP = 7.0
GUTTER = 0.35
# -- the layouts the deck asks for by name, in the order the template lists them
LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only",
           "Blank")  # fmt: skip
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}


def _emu(inches: float) -> int:
    return round(inches * INCH)


def _place(shape: Any, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top, shape.width, shape.height = (
        _emu(left), _emu(top), _emu(width), _emu(height))


def _qn(tag: str) -> str:
    prefix, _, name = tag.partition(":")
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    """Append a new element to ``parent`` and return it."""
    from pptx.oxml.xmlchemy import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(name, value)
    parent.append(element)
    return element


def _theme(prs: Any) -> None:
    """Set the colour scheme to the house palette and keep Calibri (Carlito renders it)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.oxml import serialize_part_xml
    from pptx.oxml import parse_xml

    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = parse_xml(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "BIG Desk")
    for slot, colour in PALETTE.items():
        holder = scheme.find(f"a:{slot}", NS)
        for child in list(holder):
            holder.remove(child)
        _sub(holder, "a:srgbClr", val=colour)
    root.set("name", "BIG Desk")
    part._blob = serialize_part_xml(root)


def _text_styles(prs: Any) -> None:
    """Left-aligned bold titles in the dark theme colour; body text sized for a projector."""
    styles = prs.slide_master._element.find("p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    run = title.find("a:defRPr", NS)
    run.set("sz", "2800")
    run.set("b", "1")
    fill = run.find("a:solidFill", NS)
    fill.find("a:schemeClr", NS).set("val", "tx2")
    body = styles.find("p:bodyStyle", NS)
    for level, size in zip(range(1, 10), (2000, 1800, 1600, 1400, 1400, 1400, 1400, 1400, 1400),
                           strict=True):
        paragraph = body.find(f"a:lvl{level}pPr", NS)
        if paragraph is None:
            continue
        paragraph.find("a:defRPr", NS).set("sz", str(size))
        before = paragraph.find("a:spcBef", NS)
        if before is None:
            before = _sub(paragraph, "a:spcBef")
        for child in list(before):
            before.remove(child)
        _sub(before, "a:spcPts", val="600")


def _decoration(prs: Any, shapes: Any, name: str, box: tuple[float, float, float, float],
                colour: str) -> None:
    """Add a filled rectangle to a master or layout (their shape trees have no add_shape)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    scratch = prs.slides.add_slide(prs.slide_layouts[-1])
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
    shape.name = name
    _solid(shape, colour)
    tree = shapes._spTree
    used = [int(e.get("id")) for e in tree.iter() if e.tag == _qn("p:cNvPr")]
    shape._element.find(".//p:cNvPr", NS).set("id", str(max(used, default=1) + 1))
    # -- after the group properties (nvGrpSpPr, grpSpPr): drawn first, under the placeholders
    tree.insert(2, shape._element)
    _drop_last_slide(prs)


def _drop_last_slide(prs: Any) -> None:
    ids = prs.slides._sldIdLst
    entry = ids[-1]
    prs.part.drop_rel(entry.get(_qn_r("id")))
    ids.remove(entry)


def _solid(shape: Any, scheme: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.theme_color = theme_colour(scheme)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _drop_layouts(prs: Any) -> None:
    master = prs.slide_master
    id_list = master._element.find("p:sldLayoutIdLst", NS)
    for layout in list(master.slide_layouts):
        if layout.name not in LAYOUTS:
            for entry in id_list:
                rid = entry.get(_qn_r("id"))
                if master.part.related_part(rid) is layout.part:
                    id_list.remove(entry)
                    master.part.drop_rel(rid)
                    break


def _qn_r(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/officeDocument/2006/relationships}}{name}"


def _geometry(prs: Any) -> None:
    """Lay every placeholder out on the 16:9 grid: one margin, one content area, one footer."""
    width = SLIDE_WIDTH - 2 * MARGIN
    half = (width - GUTTER) / 2
    footer = {10: (MARGIN, FOOTER_TOP, 2.5, 0.3), 11: (MARGIN + 2.7, FOOTER_TOP, 6.5, 0.3),
              12: (SLIDE_WIDTH - MARGIN - 1.2, FOOTER_TOP, 1.2, 0.3)}  # fmt: skip
    boxes: dict[str, dict[int, tuple[float, float, float, float]]] = {
        "Title Slide": {0: (1.0, 2.2, 11.3, 1.6), 1: (1.0, 3.95, 11.3, 1.6)},
        "Title and Content": {0: (MARGIN, 0.35, width, 0.95),
                              1: (MARGIN, CONTENT_TOP, width, CONTENT_HEIGHT)},
        "Section Header": {0: (1.0, 2.9, 11.3, 1.2), 1: (1.0, 4.15, 11.3, 1.0)},
        "Two Content": {0: (MARGIN, 0.35, width, 0.95),
                        1: (MARGIN, CONTENT_TOP, half, CONTENT_HEIGHT),
                        2: (MARGIN + half + GUTTER, CONTENT_TOP, half, CONTENT_HEIGHT)},
        "Title Only": {0: (MARGIN, 0.35, width, 0.95)},
        "Blank": {},
    }  # fmt: skip
    master = prs.slide_master
    for shape in master.placeholders:
        idx = {1: 0, 2: 1, 16: 10, 15: 11, 13: 12}.get(int(shape.placeholder_format.type), -1)
        spot = boxes["Title and Content"].get(idx) or footer.get(idx)
        if spot:
            _place(shape, *spot)
    _decoration(prs, master.shapes, "Rule under the title", (MARGIN, 1.3, width, 0.02), "tx2")
    for layout in master.slide_layouts:
        for shape in layout.placeholders:
            idx = shape.placeholder_format.idx
            spot = boxes[layout.name].get(idx) or footer.get(idx)
            if spot:
                _place(shape, *spot)
        if layout.name in ("Title Slide", "Section Header"):
            # -- these two carry the band instead of the master's line under the title
            layout._element.set("showMasterSp", "0")
            _decoration(prs, layout.shapes, "Side band", (0, 0, 0.35, SLIDE_HEIGHT), "tx2")


def _title_layout_text(prs: Any) -> None:
    """Larger, left-aligned title and subtitle on the title and section layouts."""
    from pptx.oxml.xmlchemy import OxmlElement

    for layout in prs.slide_master.slide_layouts:
        if layout.name not in ("Title Slide", "Section Header"):
            continue
        for shape in layout.placeholders:
            title = shape.placeholder_format.idx == 0
            body = shape._element.find(".//p:txBody", NS)
            styles = body.find("a:lstStyle", NS)
            if styles is None:
                styles = OxmlElement("a:lstStyle")
                body.insert(1, styles)
            for child in list(styles):
                styles.remove(child)
            level = _sub(styles, "a:lvl1pPr", algn="l", marL="0", indent="0")
            size = (40 if title else 20) - (0 if layout.name == "Title Slide" else 4)
            _sub(level, "a:buNone")
            run = _sub(level, "a:defRPr", sz=str(size * 100), b="1" if title else "0")
            _sub(_sub(run, "a:solidFill"), "a:schemeClr", val="tx2" if title else "accent1")
            body.find("a:bodyPr", NS).set("anchor", "b" if title else "t")


def build(target: Path) -> None:
    """Write the house template to ``target``."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    # -- PowerPoint's own 16:9 size in EMU (13.333 inches is a rounded figure)
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    _drop_layouts(prs)
    _theme(prs)
    _text_styles(prs)
    _geometry(prs)
    _title_layout_text(prs)
    prs.core_properties.title = "First Steps"
    prs.core_properties.author = "BIG Desk"
    target.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(target))


if __name__ == "__main__":
    from bigdesk.paths import resource

    build(Path(sys.argv[1]) if len(sys.argv) > 1 else resource("deck", "first-steps.pptx"))
