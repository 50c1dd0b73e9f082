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
