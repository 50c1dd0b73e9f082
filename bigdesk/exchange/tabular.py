"""Tables in and out of CSV and XLSX files, safe against spreadsheet formulas.

One place for the rules every register and export shares: text that a
spreadsheet would run as a formula is neutralised on the way out and restored on
the way in, CSV files are read in whatever encoding and delimiter Excel wrote,
and files are written atomically.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bigdesk.exchange.atomic import atomic_path

# -- a spreadsheet treats a cell starting with one of these as a formula (OWASP's list)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# -- the quote that tells the spreadsheet "this is text"; removed again on import
NEUTRALISER = "'"

Cell = str | int | float | None


class TableFileError(ValueError):
    """A table file cannot be read; the message says where the problem is."""


def neutralise(value: Cell) -> Cell:
    """Return ``value`` made safe to put in a spreadsheet cell."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, NEUTRALISER)):
        # -- a leading quote is doubled too, so restoring is exact
        return NEUTRALISER + value
    return value


def restore(value: str) -> str:
    """Undo ``neutralise`` on text read back from a file."""
    return value[1:] if value.startswith(NEUTRALISER) else value


@dataclass(frozen=True)
class Sheet:
    """A named table: a header row and data rows."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def write_csv(target: Path, sheet: Sheet) -> None:
    """Write one table as UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8)."""
    with atomic_path(target) as partial, partial.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([neutralise(h) for h in sheet.headers])
        for row in sheet.rows:
            writer.writerow(["" if c is None else neutralise(c) for c in row])


def write_xlsx(target: Path, sheets: Sequence[Sheet]) -> None:
    """Write tables as the sheets of one XLSX workbook."""
    from openpyxl import Workbook  # -- imported only when a workbook is written
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(_sheet_title(sheet.name))
        # -- headers may be names people typed (a scenario's, say), so they are cleaned alike
        page.append([_xlsx_cell(h) for h in sheet.headers])
        for cell in page[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            page.append([_xlsx_cell(c) for c in row])
        page.freeze_panes = "A2"
    with atomic_path(target) as partial:
        book.save(partial)


def _sheet_title(name: str) -> str:
    # -- Excel limits sheet names to 31 characters and forbids a few
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)
    return cleaned[:31] or "Sheet"


def _xlsx_cell(value: Cell) -> Cell:
    safe = neutralise(value)
    if isinstance(safe, str):
        # -- characters XML forbids cannot be stored in a workbook at all
        return "".join(ch for ch in safe if ch in "\t\n\r" or ord(ch) >= 0x20)
    return safe


@dataclass(frozen=True)
class Table:
    """Rows read from a file, with the header names as written and the file's name."""

    source: str
    headers: list[str]
    rows: list[list[str]]


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TableFileError(
            f"{source}: line {line} is not valid UTF-8 text. Save the file as CSV UTF-8 "
            "or as Unicode Text and try again."
        ) from None


def read_csv(path: Path) -> Table:
    """Read a CSV (or Excel Unicode Text) file: UTF-8 with or without BOM, or UTF-16;
    comma, semicolon or tab delimited."""
    source = Path(path).name
    text = _decode(Path(path).read_bytes(), source)
    if not text.strip():
        raise TableFileError(f"{source} is empty.")
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableFileError(f"{source}: {error}") from None
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    headers = [h.strip() for h in lines[0]]
    rows = [[restore(cell) for cell in line] for line in lines[1:]]
    return Table(source, headers, rows)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    """Read the first (or the named) sheet of an XLSX workbook as text cells."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    source = Path(path).name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise TableFileError(f"{source} is not a readable XLSX workbook ({error}).") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableFileError(f"{source} has no sheet called {sheet!r}.")
        page = book[sheet] if sheet else book.worksheets[0]
        lines = [[_text(c) for c in row] for row in page.iter_rows(values_only=True)]
    finally:
        book.close()
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise TableFileError(f"{source} is empty.")
    headers = [h.strip() for h in lines[0]]
    width = len(headers)
    rows = [[restore(c) for c in (line + [""] * width)[:width]] for line in lines[1:]]
    return Table(source, headers, rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        # -- a date read from a cell comes back as midnight; keep just the date
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def read_table(path: Path) -> Table:
    """Read a CSV, TXT or XLSX file by its extension."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path)
    raise TableFileError(f"{Path(path).name}: choose a .csv, .txt or .xlsx file.")
