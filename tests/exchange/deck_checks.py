"""Structural checks every exported deck must pass, and ways to read one back."""

from __future__ import annotations

import math
import posixpath
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def xml_text(path: Path) -> str:
    """Return every XML part of the file, decoded and joined (to search for leaks)."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                         if name.endswith((".xml", ".rels")))


def all_text(path: Path) -> str:
    """Return every part of the file, embedded workbooks unzipped, as text (to search)."""
    parts = [xml_text(path)]
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xlsx"):
                import io

                with zipfile.ZipFile(io.BytesIO(archive.read(name))) as book:
                    parts += [book.read(n).decode("utf-8") for n in book.namelist()
                              if n.endswith(".xml")]
    return "\n".join(parts)


def _relationships_resolve(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    for name in names:
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in ElementTree.fromstring(archive.read(name)).iter(RELS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") \
                if not target.startswith("/") else target.lstrip("/")
            assert resolved in names, f"{name} points to {target}, which is not in the file"


def _chart_values_finite(archive: zipfile.ZipFile) -> None:
    for name in archive.namelist():
        if not (name.startswith("ppt/charts/chart") and name.endswith(".xml")):
            continue
        root = ElementTree.fromstring(archive.read(name))
        for cache in root.iter(f"{C}numCache"):
            for value in cache.iter(f"{C}v"):
                number = float(value.text or "nan")
                assert math.isfinite(number), f"{name} holds a value that is not finite"


def check_deck(path: Path) -> Any:
    """Assert the deck is sound and return it opened with python-pptx.

    Unique shape ids on every slide, no relationship pointing nowhere, no empty
    placeholder, every chart value finite.
    """
    from pptx import Presentation

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        _relationships_resolve(archive)
        _chart_values_finite(archive)
    prs = Presentation(str(path))
    for number, slide in enumerate(prs.slides, start=1):
        ids = [int(e.get("id")) for e in slide.shapes._spTree.iter() if e.tag == f"{P}cNvPr"]
        assert len(ids) == len(set(ids)), f"slide {number} repeats a shape id: {sorted(ids)}"
        for holder in slide.placeholders:
            assert holder.has_text_frame and holder.text_frame.text.strip(), (
                f"slide {number} has an empty placeholder {holder.name!r}")
        for shape in slide.shapes:
            if shape.has_chart:
                for plot in shape.chart.plots:
                    for series in plot.series:
                        assert all(v is None or math.isfinite(v) for v in series.values)
    return prs


def slide_texts(slide: Any) -> str:
    """Return all the text on one slide: shapes, tables and chart titles."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


# ---------------------------------------------------------------- the layout of every slide

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU = 914400
# -- body text must read from across a boardroom; diagrams and charts may be a little smaller
MIN_BODY, MIN_DIAGRAM = 12.0, 10.0
# -- single line spacing as a share of the size, as PowerPoint and LibreOffice lay text out
LINE = 1.2
# -- what an estimate may be off by before a frame counts as overflowing, in inches
TOLERANCE = 0.04
FOOTER_TYPES = ("dt", "ftr", "sldNum")
FOOTER_NAMES = ("Footer", "Slide number")


def _font_file(family: str, bold: bool) -> str:
    """Return the font file a renderer uses for ``family`` (fontconfig's choice)."""
    import shutil
    import subprocess

    pattern = f"{family}:bold" if bold else f"{family}:regular"
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                               text=True, check=False).stdout.strip()
        if found:
            return found
    return "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"


_FONTS: dict[tuple[str, bool, float], Any] = {}


def _font(family: str, bold: bool, size: float) -> Any:
    from PIL import ImageFont

    key = (family, bold, size)
    if key not in _FONTS:
        # -- measured at 10 times the size in points, so widths come out in tenths of a point
        _FONTS[key] = ImageFont.truetype(_font_file(family, bold), int(size * 10))
    return _FONTS[key]


def _lines(text: str, width_pt: float, family: str, bold: bool, size: float) -> int:
    """Return how many lines ``text`` wraps to in a box ``width_pt`` points wide."""
    font = _font(family, bold, size)
    room = width_pt * 10
    count = 0
    for paragraph in text.split("\n"):
        line = ""
        count += 1
        for word in paragraph.split():
            trial = f"{line} {word}" if line else word
            if font.getlength(trial) <= room or not line:
                line = trial
                while font.getlength(line) > room and len(line) > 1:
                    # -- a word wider than the box breaks where it must
                    cut = len(line)
                    while cut > 1 and font.getlength(line[:cut]) > room:
                        cut -= 1
                    line = line[cut:]
                    count += 1
            else:
                line = word
                count += 1
    return count


def _runs(paragraph: Any) -> list[tuple[str, float, str, bool]]:
    """Return (text, size, family, bold) of each run of a paragraph, fields included."""
    found = []
    for element in paragraph._p:
        if element.tag not in (f"{A}r", f"{A}fld"):
            continue
        props = element.find(f"{A}rPr")
        text = "".join(t.text or "" for t in element.iter(f"{A}t"))
        size = float(props.get("sz")) / 100 if props is not None and props.get("sz") else 18.0
        latin = props.find(f"{A}latin") if props is not None else None
        family = latin.get("typeface") if latin is not None else "Calibri"
        bold = props is not None and props.get("b") == "1"
        found.append((text, size, family, bold))
    return found


def _needed(frame: Any, width_pt: float) -> float:
    """Return the height in points a text frame's paragraphs need at ``width_pt`` wide."""
    total = 0.0
    for paragraph in frame.paragraphs:
        runs = _runs(paragraph)
        size = max((r[1] for r in runs), default=0.0)
        if not runs or not "".join(r[0] for r in runs).strip():
            total += size * LINE
            continue
        text, _, family, bold = runs[0]
        text = "".join(r[0] for r in runs)
        indent = int(paragraph._p.pPr.get("marL", "0")) / 12700 if paragraph._p.pPr is not None \
            else 0.0
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        total += before + _lines(text, width_pt - indent, family, bold, size) * size * LINE
    return total


def _insets(shape: Any) -> tuple[float, float, float, float]:
    """Return the room a shape keeps clear of text on each side, in points: the frame's insets
    and, for a rounded rectangle, what its corners take (the preset's text rectangle)."""
    body = shape.text_frame._txBody.find(f"{A}bodyPr")

    def value(name: str, default: int) -> float:
        return int(body.get(name, default)) / 12700 if body is not None else default / 12700

    corner = 0.0
    geometry = shape._element.find(f".//{A}prstGeom")
    if geometry is not None and geometry.get("prst") == "roundRect":
        guide = geometry.find(f"{A}avLst/{A}gd")
        adjust = int(guide.get("fmla").split()[-1]) if guide is not None else 16667
        corner = min(shape.width, shape.height) / 12700 * adjust / 100000 * 0.29289
    return (value("lIns", 91440) + corner, value("rIns", 91440) + corner,
            value("tIns", 45720) + corner, value("bIns", 45720) + corner)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3]
            and b[1] < a[1] + a[3])


def _kind(shape: Any) -> str:
    ph = shape._element.find(".//{*}nvPr/{*}ph")
    return "" if ph is None else ph.get("type", "obj")


def layout_problems(path: Path) -> list[str]:
    """Return every way the deck's slides break the layout rules (none: the deck is sound).

    Every shape inside the slide; nothing over the title; no text frame overflowing,
    estimated with the fonts a renderer uses; no empty placeholder; body text at
    least 12 points and diagram and chart text at least 10; no picture; no text
    cut with an ellipsis.
    """
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(path))
    width, height = prs.slide_width, prs.slide_height
    problems: list[str] = []
    for number, slide in enumerate(prs.slides, start=1):
        where = f"slide {number}"
        title = slide.shapes.title
        title_box = (title.left, title.top, title.width, title.height) if title is not None \
            else None
        title_id = title.shape_id if title is not None else None
        footers = [s for s in slide.shapes
                   if _kind(s) in FOOTER_TYPES or s.name in FOOTER_NAMES]
        floor = min((s.top for s in footers if s.top > height // 2), default=height)
        for shape in slide.shapes:
            name = f"{where} {shape.name!r}"
            box = (shape.left, shape.top, shape.width, shape.height)
            if any(v is None for v in box):
                problems.append(f"{name} has no position of its own")
                continue
            if box[0] < 0 or box[1] < 0 or box[0] + box[2] > width or box[1] + box[3] > height:
                problems.append(f"{name} runs off the slide")
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                problems.append(f"{name} is a picture")
            footer = any(shape.shape_id == f.shape_id for f in footers)
            if title_box is not None and shape.shape_id != title_id and not footer \
                    and _overlaps(box, title_box):
                problems.append(f"{name} is drawn over the title")
            if shape.is_placeholder and not (shape.has_text_frame
                                             and shape.text_frame.text.strip()):
                problems.append(f"{name} is an empty placeholder")
            if shape.has_text_frame:
                frame = shape.text_frame
                left, right, top, bottom = _insets(shape)
                need = _needed(frame, box[2] / 12700 - left - right) + top + bottom
                if need > box[3] / 12700 + TOLERANCE * 72:
                    problems.append(f"{name} overflows: its text needs {need:.0f} pt, it has "
                                    f"{box[3] / 12700:.0f} pt")
                if "…" in frame.text:
                    problems.append(f"{name} cuts its text with an ellipsis")
                diagram = shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                least = MIN_DIAGRAM if diagram else MIN_BODY
                if not footer:
                    for paragraph in frame.paragraphs:
                        for text, size, _, _ in _runs(paragraph):
                            if text.strip() and size < least:
                                problems.append(f"{name} has {size:g} pt text: {text[:30]!r}")
            if shape.has_table:
                problems += _table_problems(shape, where, floor)
            if shape.has_chart:
                problems += _chart_problems(shape, where)
    return problems


def _table_problems(shape: Any, where: str, floor: int) -> list[str]:
    problems = []
    table = shape.table
    widths = [column.width / 12700 for column in table.columns]
    grown = 0.0
    for row in table.rows:
        need = 0.0
        for cell, column in zip(row.cells, widths, strict=False):
            frame = cell.text_frame
            margins = (cell.margin_left + cell.margin_right) / 12700
            text = frame.text
            if "…" in text:
                problems.append(f"{where} table {shape.name!r} cuts a cell with an ellipsis")
            if not text.strip():
                problems.append(f"{where} table {shape.name!r} has a blank cell")
            for paragraph in frame.paragraphs:
                for run_text, size, _, _ in _runs(paragraph):
                    if run_text.strip() and size < MIN_BODY:
                        problems.append(f"{where} table {shape.name!r} has {size:g} pt text")
            need = max(need, _needed(frame, column - margins)
                       + (cell.margin_top + cell.margin_bottom) / 12700)
        grown += max(row.height / 12700, need)
    if shape.top + grown * 12700 > floor + TOLERANCE * EMU:
        problems.append(f"{where} table {shape.name!r} runs past the bottom of the content "
                        f"({(shape.top + grown * 12700) / EMU:.2f} in)")
    return problems


def _chart_problems(shape: Any, where: str) -> list[str]:
    root = shape.chart._chartSpace
    sizes = [int(e.get("sz")) / 100 for e in root.iter(f"{A}defRPr", f"{A}rPr")
             if e.get("sz")]
    return [f"{where} chart {shape.name!r} has {size:g} pt text" for size in sizes
            if size < MIN_DIAGRAM]


def check_layout(path: Path) -> None:
    """Assert the deck breaks none of the layout rules."""
    problems = layout_problems(path)
    assert not problems, "\n".join(problems[:40])
