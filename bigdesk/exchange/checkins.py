"""Check-ins in and out of CSV and XLSX: `id,date,current,status,note` (and `confidence`, `by`).

A file with exactly these columns is a check-in file. Import is all or nothing: every
problem is listed by row and column, or the whole file becomes one edit that adds the
check-ins and lets each element show its latest. A row the workshop already holds
exactly (same element, date, value, status and note) is not added twice, so a file
exported and imported again changes nothing.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.tracking import latest_edits
from bigdesk.domain.cascade import CHECKED_IN, percent_problem
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import field_of
from bigdesk.domain.values import number_text
from bigdesk.domain.words import count
from bigdesk.exchange.cascade_import import Problem, RegisterError
from bigdesk.exchange.register import register_ids
from bigdesk.exchange.tabular import Cell, Sheet, Table, write_csv, write_xlsx
from bigdesk.model import CheckIn, Element, ElementType
from bigdesk.store import Batch, Edit, InsertRows, WorkshopStore, fetch

REQUIRED = ("id", "date", "current", "status", "note")
OPTIONAL = ("confidence", "by")
COLUMNS = REQUIRED + OPTIONAL
# -- the check-in column behind each file column
FIELD_OF_COLUMN = {"date": "checked_on", "current": "value", "status": "status", "note": "note",
                   "confidence": "confidence", "by": "made_by"}  # fmt: skip
SHEET_NAME = "Check-ins"
IMPORT_LABEL = "Import check-ins"


def _word(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def looks_like_check_ins(headers: Sequence[str]) -> bool:
    """Return whether a table's header row is that of a check-in file."""
    keys = [_word(h) for h in headers if h.strip()]
    return set(REQUIRED) <= set(keys) and set(keys) <= set(COLUMNS)


def same_check_in(row: Any) -> tuple[Any, ...]:
    """Return what makes two check-ins the same reading: element, date, value, status, note."""
    return (row.element_id, row.checked_on, row.value, row.status, row.note)


@dataclass(frozen=True)
class CheckInImport:
    """The planned import of a check-in file: one edit, its report and its preview."""

    edit: Batch
    summary: str
    lines: tuple[str, ...]

    def preview(self) -> list[str]:
        """Return one line per check-in added."""
        return [f"add {line}" for line in self.lines]


def plan_check_in_table(conn: Connection, table: Table) -> CheckInImport:
    """Check a check-in file already read and return the one edit that adds it."""
    ids = register_ids(conn)
    reader = _Reader(table.headers, ids, {
        i: t for i, t in conn.execute(select(Element.id, Element.type))})
    rows = [found for number, cells in enumerate(table.rows, start=2)
            if (found := reader.row(number, cells)) is not None]
    if reader.problems:
        raise RegisterError(table.source, reader.problems)
    return _planned(conn, table.source, rows, ids)


class _Reader:
    """Reads the data rows of a check-in file and notes each problem with its row and column."""

    def __init__(self, headers: Sequence[str], ids: dict[int, str],
                 kinds: dict[int, ElementType]) -> None:  # fmt: skip
        self.index = {_word(h): i for i, h in enumerate(headers) if h.strip()}
        self.written = {_word(h): h for h in headers if h.strip()}
        self.by_ref = {ref: element_id for element_id, ref in ids.items()}
        self.folded = {ref.casefold(): element_id for ref, element_id in self.by_ref.items()}
        self.kinds = kinds
        self.fields = [(column, self.index[column], field_of(CheckIn, key))
                       for column, key in FIELD_OF_COLUMN.items() if column in self.index]
        self.problems: list[Problem] = []
        # -- dates, statuses and names repeat down a file: each text is checked once
        self.cleaned: dict[tuple[str, str], Any] = {}

    def problem(self, number: int, column: str, message: str) -> None:
        self.problems.append(Problem(message, number, self.written.get(column, column)))

    def row(self, number: int, cells: Sequence[str]) -> tuple[int, dict[str, Any]] | None:
        """Read one data row; return (element id, check-in values), or None if it is wrong."""
        key = cells[self.index["id"]].strip() if self.index["id"] < len(cells) else ""
        element_id = self.by_ref.get(key, self.folded.get(key.casefold())) if key else None
        kind = self.kinds.get(element_id) if element_id is not None else None
        if not key:
            self.problem(number, "id", "the id is empty; give the id of a key result, "
                                       "initiative or benefit.")  # fmt: skip
        elif element_id is None:
            self.problem(number, "id", f"there is no element with the id {key!r} in this "
                                       "workshop.")  # fmt: skip
        elif kind not in CHECKED_IN:
            self.problem(number, "id", f"{key} is not a key result, initiative or benefit, "
                                       "so it takes no check-ins.")  # fmt: skip
        values: dict[str, Any] = {"value": None, "progress": None, "status": "",
                                  "confidence": None, "note": "", "made_by": ""}
        fine = kind in CHECKED_IN
        for column, position, field in self.fields:
            text = cells[position] if position < len(cells) else ""
            try:
                if (column, text) in self.cleaned:
                    values[field.key] = self.cleaned[column, text]
                else:
                    values[field.key] = self.cleaned[column, text] = field.clean(text)
            except EditRejectedError as error:
                self.problem(number, column, str(error))
                fine = False
        problem = percent_problem(kind, values["value"]) if kind is not None else None
        if problem:
            self.problem(number, "current", problem)
            fine = False
        return (element_id, values) if fine and element_id is not None else None


def _planned(conn: Connection, source: str, rows: list[tuple[int, dict[str, Any]]],
             ids: dict[int, str]) -> CheckInImport:  # fmt: skip
    touched = sorted({element_id for element_id, _ in rows})
    after: dict[int, list[Any]] = {element_id: [] for element_id in touched}
    for stored in fetch(conn, select(CheckIn).where(CheckIn.element_id.in_(touched))):
        after[stored.element_id].append(stored)
    seen = {same_check_in(r) for history in after.values() for r in history}
    first = int(conn.execute(select(CheckIn.id).order_by(CheckIn.id.desc())).scalar() or 0) + 1
    inserts: list[dict[str, Any]] = []
    lines: list[str] = []
    repeated = 0
    for element_id, values in rows:
        row = {**values, "element_id": element_id, "id": first + len(inserts)}
        reading = SimpleNamespace(**row)
        if same_check_in(reading) in seen:
            repeated += 1
            continue
        seen.add(same_check_in(reading))
        after[element_id].append(reading)
        inserts.append(row)
        shown = "" if row.get("value") is None else f" {number_text(row['value'])}"
        lines.append(f"check-in {ids[element_id]} {row['checked_on']:%Y-%m-%d}{shown}")
    edits: list[Edit] = [InsertRows(CheckIn, tuple(inserts), IMPORT_LABEL)] if inserts else []
    edits += latest_edits(conn, {e: h for e, h in after.items() if h}, IMPORT_LABEL)
    summary = f"Imported {count(len(inserts), 'check-in')} from {source}"
    if repeated:
        summary += f" ({count(repeated, 'row')} already in the workshop left as they were)"
    return CheckInImport(Batch(tuple(edits), IMPORT_LABEL), summary + ".", tuple(lines))


# ---------------------------------------------------------------- writing


def check_in_rows(conn: Connection) -> list[list[Cell]]:
    """Return one row per check-in, in the order of ``COLUMNS``: by element, then by date."""
    ids = register_ids(conn)
    c = CheckIn.__table__.c
    rows = conn.execute(select(c.element_id, c.checked_on, c.value, c.status, c.note,
                               c.confidence, c.made_by)
                        .order_by(c.element_id, c.checked_on, c.id)).all()
    return [[ids[r.element_id], r.checked_on.isoformat(), _number(r.value), r.status or None,
             r.note or None, r.confidence.value if r.confidence else None, r.made_by or None]
            for r in sorted(rows, key=lambda r: ids[r.element_id])]


def _number(value: float | None) -> Cell:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def export_check_ins(store: WorkshopStore, out: Path, args: argparse.Namespace | None) -> None:
    """Write every check-in to ``out`` (.csv or .xlsx): ``bigdesk export --checkins``."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError("choose a .csv or .xlsx file name for the check-ins.")
    with store.read() as conn:
        sheet = Sheet(SHEET_NAME, COLUMNS, check_in_rows(conn))
    if suffix == ".csv":
        write_csv(Path(out), sheet)
    else:
        write_xlsx(Path(out), [sheet])
