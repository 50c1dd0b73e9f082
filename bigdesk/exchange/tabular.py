"""Tables in and out of CSV and XLSX files, safe against spreadsheet formulas.

One place for the rules every register and export shares: text that a
spreadsheet would run as a formula is neutralised on the way out, after every
other clean-up, and restored on the way in; CSV files are read in whatever
encoding and delimiter Excel wrote; files that come in are read within the
limits in ``limits.py``; files are written atomically.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bigdesk.exchange.atomic import atomic_path
from bigdesk.exchange.incoming import IncomingFileError, open_incoming, read_incoming
from bigdesk.exchange.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_PACKED_BYTES,
    MAX_ROWS,
    MAX_SHEET_LINES,
    MAX_TEXT_BYTES,
)

# -- what a spreadsheet may pass over before it looks for a formula sign: white space
#    and line breaks, control characters, byte-order marks and invisible format marks
_SKIPPED = (r"[\s\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f"
            r"\ufeff\ufff9-\ufffb\ufffe\uffff]*")
# -- the signs that start a formula (OWASP's list, with the full-width forms and the
#    brace of an array formula, "{=…}")
_FORMULA = re.compile(_SKIPPED + "(?:[-=+@\uff1d\uff0b\uff0d\uff20]|\\{" + _SKIPPED + "=)")
# -- the quote that tells the spreadsheet "this is text"; removed again on import
NEUTRALISER = "'"
# -- XML 1.0 allows tab, newline, carriage return and these ranges; everything else
#    (C0 controls, lone surrogates, U+FFFE and U+FFFF) cannot be stored in a workbook
XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Cell = str | int | float | None


class TableFileError(ValueError):
    """A table file cannot be read; the message says where the problem is."""


def runs_as_formula(text: str) -> bool:
    """Return whether a spreadsheet could run ``text`` as a formula."""
    # -- tab and carriage return are refused in front of anything (OWASP)
    return text.startswith(("\t", "\r")) or _FORMULA.match(text) is not None


def neutralise(value: Cell) -> Cell:
    """Return ``value`` made safe to put in a spreadsheet cell.

    Call it last, after any other clean-up: removing a character in front of a
    formula sign afterwards would bring the formula back.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str) and (value.startswith(NEUTRALISER) or runs_as_formula(value)):
        # -- a leading quote is doubled too, so restoring is exact
        return NEUTRALISER + value
    return value


def xml_text(text: str) -> str:
    """Return ``text`` without the characters an XML file cannot hold."""
    return XML_FORBIDDEN.sub("", text)


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
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in xml_text(name))
    return cleaned[:31].strip("'") or "Sheet"


def _xlsx_cell(value: Cell) -> Cell:
    # -- clean first, neutralise last: "\x01=…" must not become "=…" after the check
    return neutralise(xml_text(value) if isinstance(value, str) else value)


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
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise TableFileError(
                    f"{source} is not valid {encoding.upper().removesuffix('-SIG')} text, though "
                    "it starts as such. Save it again as CSV UTF-8 or as Unicode Text."
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TableFileError(
            f"{source}: line {line} is not valid UTF-8 text. Save the file as CSV UTF-8 "
            "or as Unicode Text and try again."
        ) from None


class _Limits:
    """Counts rows and cells as they are read and refuses a table past a limit."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows = 0

    def row(self, cells: Sequence[str], where: str) -> None:
        if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
            raise TableFileError(f"{self.source}: {where} has more than {MAX_COLUMNS} columns, "
                                 "the most BIG Desk reads.")  # fmt: skip
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                raise TableFileError(
                    f"{self.source}: {where}, column {column} holds {len(cell):,} characters, "
                    f"more than the {MAX_CELL_CHARS:,} a spreadsheet cell can hold."
                )
        if any(c.strip() for c in cells):
            self.rows += 1
            # -- the header row is not a data row
            if self.rows > MAX_ROWS + 1:
                raise TableFileError(f"{self.source} has more than {MAX_ROWS:,} rows, the most "
                                     "BIG Desk imports at once.")  # fmt: skip


def _csv_lines(text: str, source: str) -> Iterator[list[str]]:
    """Yield the records of a CSV text, refusing a quote that is never closed."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    width = first_line.count(delimiter) + 1
    # -- a line after the text's end: if a quote is still open it is swallowed too, and
    #    the records then end without it
    sentinel = "\ue000bigdesk-end\ue000"
    reader = csv.reader(io.StringIO(text + "\n" + sentinel + "\n", newline=""),
                        delimiter=delimiter)  # fmt: skip
    limits = _Limits(source)
    start = ended = 0
    try:
        for cells in reader:
            start, ended = ended + 1, reader.line_num
            if cells == [sentinel]:
                return
            if cells and sentinel in cells[-1]:
                break
            if ended > start:
                _check_quote(cells, delimiter, width, source, start, ended)
            limits.row(cells, f"line {start}")
            yield cells
    except csv.Error as error:
        raise TableFileError(f"{source}: line {reader.line_num + 1}: {error}.") from None
    raise TableFileError(
        f"{source}: line {start}: a quote (\") opens a cell that is never closed, so every "
        "line after it would be read into that one cell. Close the quote or remove it."
    )


def _check_quote(cells: Sequence[str], delimiter: str, width: int, source: str, start: int,
                 end: int) -> None:  # fmt: skip
    """Refuse a cell running across lines that swallowed what look like whole rows."""
    if width < 3:
        return
    for cell in cells:
        for piece in cell.split("\n")[1:]:
            if piece.count(delimiter) >= width - 1:
                raise TableFileError(
                    f"{source}: line {start}: a quote (\") opens a cell that runs on to line "
                    f"{end} and takes in lines that look like rows. Close the quote on line "
                    f"{start} or remove it."
                )


def read_csv(path: Path) -> Table:
    """Read a CSV (or Excel Unicode Text) file: UTF-8 with or without BOM, or UTF-16;
    comma, semicolon or tab delimited."""
    source = Path(path).name
    try:
        data = read_incoming(Path(path), MAX_TEXT_BYTES)
    except IncomingFileError as error:
        raise TableFileError(str(error)) from None
    text = _decode(data, source)
    del data
    if not text.strip():
        raise TableFileError(f"{source} is empty.")
    lines = [line for line in _csv_lines(text, source) if any(cell.strip() for cell in line)]
    headers = [h.strip() for h in lines[0]]
    rows = [[restore(cell) for cell in line] for line in lines[1:]]
    return Table(source, headers, rows)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    """Read the first (or the named) sheet of an XLSX workbook as text cells."""
    from bigdesk.exchange.archive import check_xml_parts, open_archive

    source = Path(path).name
    try:
        with open_incoming(Path(path), MAX_PACKED_BYTES) as handle:
            with open_archive(handle, source, "XLSX workbook") as archive:
                check_xml_parts(archive, source)
            handle.seek(0)
            lines = _xlsx_lines(handle, source, sheet)
    except IncomingFileError as error:
        raise TableFileError(str(error)) from None
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise TableFileError(f"{source} is empty.")
    headers = [h.strip() for h in lines[0]]
    width = len(headers)
    rows = [[restore(c) for c in (line + [""] * width)[:width]] for line in lines[1:]]
    return Table(source, headers, rows)


def _xlsx_lines(handle: Any, source: str, sheet: str | None) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # -- a damaged workbook can fail anywhere in the parser
        raise TableFileError(f"{source} is not a readable XLSX workbook ({error}).") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableFileError(f"{source} has no sheet called {sheet!r}.")
        if not book.worksheets:
            raise TableFileError(f"{source} has no sheets.")
        page = book[sheet] if sheet else book.worksheets[0]
        # -- the size a sheet claims is not trusted: rows are read as they come, and
        #    no further right than one column past the limit
        page.reset_dimensions()
        limits = _Limits(source)
        lines: list[list[str]] = []
        width = 0
        for number, row in enumerate(page.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True),
                                     start=1):  # fmt: skip
            if number > MAX_SHEET_LINES:
                raise TableFileError(f"{source} has more than {MAX_ROWS:,} rows, the most BIG "
                                     "Desk imports at once.")  # fmt: skip
            if row.count(None) == len(row):
                continue
            if not width:
                # -- the header row sets the width: cells right of it are not read
                width = max(i for i, value in enumerate(row, start=1) if value is not None)
            cells = [_text(c) for c in row[:width]]
            limits.row(cells, f"row {number}")
            lines.append(cells)
        return lines
    except TableFileError:
        raise
    except Exception as error:  # -- damaged parts surface only while the rows are read
        raise TableFileError(f"{source} is not a readable XLSX workbook ({error}).") from None
    finally:
        book.close()


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
