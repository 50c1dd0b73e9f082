"""Find cells that a spreadsheet would run as formulas, in every kind of file BIG Desk writes.

The rules are written here from the spreadsheets' side, not from BIG Desk's code:
a cell is live when it is stored as a formula, or when its text, past whatever a
spreadsheet skips in front, starts with a formula sign and no apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

# -- skipped in front by Excel, LibreOffice or Google Sheets on import: white space,
#    control characters, byte-order marks and invisible format characters
LEADING = re.compile(
    "^[\\s\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u180e\\u200b-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb\\ufffe\\uffff]*"
)
SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# -- a formula element in a sheet's XML, with or without a namespace prefix
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
HYPERLINK_ELEMENT = re.compile(rb"<(?:\w+:)?hyperlink[\s>/]")


def would_run(text: str) -> bool:
    """Return whether a spreadsheet could run ``text`` as a formula."""
    if text.startswith("'"):
        return False
    if text[:1] in ("\t", "\r"):
        return True
    rest = LEADING.sub("", text, count=1)
    if rest.startswith("{"):
        return LEADING.sub("", rest[1:], count=1).startswith("=")
    return rest.startswith(SIGNS)


def _workbook(name: str, data: bytes) -> list[str]:
    """Return the live formulas in one XLSX workbook's bytes."""
    from openpyxl import load_workbook

    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                xml = archive.read(part)
                if FORMULA_ELEMENT.search(xml):
                    found.append(f"{name}:{part}: a formula element")
                if HYPERLINK_ELEMENT.search(xml):
                    found.append(f"{name}:{part}: a hyperlink")
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and would_run(cell.value)):
                    found.append(f"{name}:{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def live_formulas(path: Path) -> list[str]:
    """Return a description of every cell in ``path`` a spreadsheet would run as a formula."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        return [f"{path.name}:{n}: {cell!r}"
                for n, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
                for cell in row if would_run(cell)]  # fmt: skip
    if suffix == ".xlsx":
        return _workbook(path.name, path.read_bytes())
    if suffix == ".pptx":
        found = []
        with zipfile.ZipFile(path) as deck:
            for part in deck.namelist():
                if part.startswith("ppt/embeddings/") and part.endswith(".xlsx"):
                    found += _workbook(f"{path.name}:{part}", deck.read(part))
        return found
    raise ValueError(f"no formula check for {path.name}")
