"""Open a PowerPoint template and measure it: its layouts, content area, title box and fonts.

Any template works, whether saved by PowerPoint or by LibreOffice Impress, in 16:9
or 4:3. Layouts are found by name ("Title Slide", "Title and Content", …) or,
failing that, by their placeholders; placeholders are told apart by their
element, never by their ``idx`` alone, because LibreOffice writes body
placeholders without one (so they all read as the title's idx 0).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bigdesk.exchange.archive import check_xml_parts, open_archive
from bigdesk.exchange.deck.metrics import font_for, line_height
from bigdesk.exchange.deck.plan import CAPTION_BAND, MIN_TITLE, Geometry
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_PACKED_BYTES
from bigdesk.paths import resource

EMU = 914400
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = ("application/vnd.openxmlformats-officedocument.presentationml"
                     ".presentation.main+xml")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# -- PowerPoint's text insets when a template gives none, in EMU
INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
# -- the template's own date, footer and slide-number placeholders
FOOTER_TYPES = ("dt", "ftr", "sldNum")
DEFAULT_TITLE_SIZE = 44.0
# -- a finding needs room for two lines of title at this size; a shorter title box grows
FINDING_SIZE = 24.0

Rect = tuple[int, int, int, int]


class DeckError(ValueError):
    """The deck cannot be written; the message says why (a bad template, usually)."""


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


# ---------------------------------------------------------------- placeholders


def ph_type(shape: Any) -> str:
    """Return a placeholder's type as the file writes it ("title", "body", "obj", …)."""
    ph = shape._element.find(f".//{P}nvPr/{P}ph")
    if ph is None:
        return ""
    # -- a placeholder without a type is a content ("obj") placeholder
    return str(ph.get("type", "obj"))


def is_title(shape: Any) -> bool:
    """Return whether a placeholder holds a slide's title."""
    return ph_type(shape) in ("title", "ctrTitle")


def is_content(shape: Any) -> bool:
    """Return whether a placeholder takes body text or content."""
    return ph_type(shape) in ("body", "obj", "subTitle")


def is_footer(shape: Any) -> bool:
    """Return whether a placeholder is the template's date, footer or slide number."""
    return ph_type(shape) in FOOTER_TYPES


def rect(shape: Any) -> Rect | None:
    """Return a shape's position and size, inherited from its layout or master if need be."""
    try:
        box = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    if any(v is None for v in box):
        return None
    return int(box[0]), int(box[1]), int(box[2]), int(box[3])


def _kinds(layout: Any) -> tuple[bool, int, bool]:
    """Return whether a layout has a title, how many content placeholders, and a subtitle."""
    shapes = list(layout.placeholders)
    title = any(is_title(s) for s in shapes)
    content = sum(1 for s in shapes if ph_type(s) in ("body", "obj"))
    return title, content, any(ph_type(s) == "subTitle" for s in shapes)


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


# ---------------------------------------------------------------- fonts


def _theme_fonts(prs: Any) -> tuple[str, str]:
    """Return the theme's heading and body typefaces."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    try:
        theme = parse_xml(prs.slide_master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError):
        return "Calibri", "Calibri"
    found = []
    for kind in ("majorFont", "minorFont"):
        latin = theme.find(f".//{A}{kind}/{A}latin")
        found.append(latin.get("typeface") if latin is not None else "Calibri")
    return found[0] or "Calibri", found[1] or "Calibri"


def _style(element: Any, attribute: str) -> str | None:
    """Return the first level-one text style's value of ``attribute`` under ``element``."""
    if element is None:
        return None
    for path in (f".//{A}lvl1pPr/{A}defRPr", f".//{A}pPr/{A}defRPr", f".//{A}rPr",
                 f".//{A}endParaRPr"):
        for props in element.iterfind(path):
            if attribute == "typeface":
                latin = props.find(f"{A}latin")
                if latin is not None and latin.get("typeface"):
                    return str(latin.get("typeface"))
            elif props.get(attribute):
                return str(props.get(attribute))
    return None


@dataclass(frozen=True)
class Stage:
    """A template measured once: where body slides put their content, and the fonts to use."""

    geometry: Geometry
    # -- the content area, topic band included, and the title box of body slides, in EMU
    content: Rect
    title: Rect
    title_family: str
    body_family: str
    title_size: float
    slide_width: int
    slide_height: int


def _typeface(value: str | None, heading: str, body: str) -> str | None:
    if value is None:
        return None
    return {"+mj-lt": heading, "+mn-lt": body}.get(value, value)


def measure(prs: Any) -> Stage:
    """Return the content area, title box and fonts of a template's body slides."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    layout = pick_layout(prs, "Title and Content")
    master = prs.slide_master
    styles = master._element.find(f"{P}txStyles")
    heading, body_face = _theme_fonts(prs)
    title = next((s for s in layout.placeholders if is_title(s)), None)
    master_title = next((s for s in master.placeholders if is_title(s)), None)
    content = max((s for s in layout.placeholders if ph_type(s) in ("body", "obj")),
                  key=lambda s: (rect(s) or (0, 0, 0, 0))[2] * (rect(s) or (0, 0, 0, 0))[3],
                  default=None)
    title_family = (_typeface(_style(title._element if title is not None else None,
                                     "typeface"), heading, body_face)
                    or _typeface(_style(styles.find(f"{P}titleStyle") if styles is not None
                                        else None, "typeface"), heading, body_face)
                    or heading)
    body_family = (_typeface(_style(content._element if content is not None else None,
                                    "typeface"), heading, body_face)
                   or _typeface(_style(styles.find(f"{P}bodyStyle") if styles is not None
                                       else None, "typeface"), heading, body_face)
                   or body_face)
    size = next((int(v) / 100 for v in (
        _style(title._element if title is not None else None, "sz"),
        _style(master_title._element if master_title is not None else None, "sz"),
        _style(styles.find(f"{P}titleStyle") if styles is not None else None, "sz"))
        if v and v.isascii() and v.isdigit()), DEFAULT_TITLE_SIZE)
    margin = int(width * 0.045)
    title_box = rect(title) if title is not None else None
    if title_box is None:
        title_box = (margin, int(0.3 * EMU), width - 2 * margin, int(1.0 * EMU))
    insets = _insets(title if title is not None else master_title)
    room = int(2 * line_height(FINDING_SIZE, font_for(title_family)) * EMU) + insets[2] + insets[3]
    if title_box[3] < room:
        title_box = (title_box[0], title_box[1], title_box[2], room)
    left, right = title_box[0], title_box[0] + title_box[2]
    top = title_box[1] + title_box[3] + int(0.1 * EMU)
    bottom = height - int(0.5 * EMU)
    body_box = rect(content) if content is not None else None
    if body_box is not None:
        left, right = body_box[0], body_box[0] + body_box[2]
        top = max(top, body_box[1])
        bottom = min(bottom, body_box[1] + body_box[3]) if body_box[1] + body_box[3] > top \
            else bottom
    footers = [r[1] for s in (*layout.placeholders, *master.placeholders)
               if is_footer(s) and (r := rect(s)) is not None and r[1] > height // 2]
    if footers:
        bottom = min(bottom, min(footers) - int(0.05 * EMU))
    for band in _bands(layout, width, height):
        # -- text must not sit on a band of colour the template draws across the foot
        if band - int(0.1 * EMU) - top > int(2 * EMU):
            bottom = min(bottom, band - int(0.1 * EMU))
    left, right = max(left, 0), min(right, width)
    area = (left, top, right - left, max(bottom - top, int(1.5 * EMU)))
    title_width = (title_box[2] - insets[0] - insets[1]) / EMU
    title_height = (title_box[3] - insets[2] - insets[3]) / EMU
    geometry = Geometry(
        width=area[2] / EMU, height=area[3] / EMU - CAPTION_BAND,
        title_width=title_width, title_height=title_height,
        title_size=max(size, MIN_TITLE), body_font=font_for(body_family),
        title_font=font_for(title_family))
    return Stage(geometry, area, title_box, title_family, body_family, max(size, MIN_TITLE),
                 width, height)


def _bands(layout: Any, width: int, height: int) -> list[int]:
    """Return the tops of the wide, shallow decorations across the lower half of the slide."""
    shapes = list(layout.shapes)
    if layout._element.get("showMasterSp") != "0":
        shapes += list(layout.slide_master.shapes)
    tops = []
    for shape in shapes:
        box = rect(shape) if not shape.is_placeholder else None
        if box is not None and box[2] >= width * 0.6 and box[3] < height / 2 \
                and box[1] > height / 2:
            tops.append(box[1])
    return tops


def _insets(shape: Any) -> tuple[int, int, int, int]:
    """Return a text box's left, right, top and bottom insets in EMU."""
    body = shape._element.find(f".//{A}bodyPr") if shape is not None else None
    return tuple(int(body.get(k, v)) if body is not None else v  # type: ignore[return-value]
                 for k, v in INSETS.items())
