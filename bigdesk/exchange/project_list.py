"""Bring in a project list from any grid (Planner, Project for the web, a PPM tool) by mapping.

Such exports have no fixed headers, so the user says which column holds what
(`title=Project Name,owner=Project Manager,start=Start`): the mapped columns are read
as the register's own columns and checked by the very same rules, and every problem
names the column as the file writes it. Rows are initiatives unless a `type` column is
mapped. Dates written with slashes are read day first or month first as the column
shows (`31/03/2026` can only be day first); when every date could be either, the
caller must say which.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bigdesk.exchange.cascade_import import Problem, RegisterError
from bigdesk.exchange.tabular import Table

if TYPE_CHECKING:
    from bigdesk.exchange.imports import PlannedImport

IMPORT_LABEL = "Import project list"
# -- the register's columns a mapping may fill, in the order the mapping dialog shows them
TARGETS = ("title", "id", "owner", "node", "start", "end", "due", "budget", "effort",
           "progress", "status", "portfolio", "kind", "period", "depends_on", "parents",
           "description", "type")  # fmt: skip
DATE_TARGETS = ("start", "end", "due", "review")
# -- a mapping that fills any of these reads the rows as RAID items, each field under the
#    header the RAID log import knows it by
RAID_HEADERS = {"type": "Type", "title": "Title", "owner": "Owner", "due": "Due date",
                "status": "Status", "probability": "Probability", "impact": "Impact",
                "mitigation": "Mitigation", "review": "Review date",
                "description": "Description", "concerns": "Concerns"}  # fmt: skip
RAID_ONLY = ("probability", "impact", "mitigation", "review", "concerns")
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T].*)?$")
# -- common words for each target in project lists, to suggest a mapping
SUGGESTIONS: dict[str, tuple[str, ...]] = {
    "title": ("project name", "name", "title", "task name", "project", "initiative"),
    "id": ("id", "project id", "task id", "key", "code", "project code"),
    "owner": ("project manager", "owner", "manager", "assigned to", "sponsor", "lead"),
    "node": ("department", "business unit", "bucket", "portfolio owner", "team"),
    "start": ("start", "start date", "planned start", "baseline start"),
    "end": ("finish", "end", "end date", "finish date", "due date", "planned finish"),
    "budget": ("budget", "cost", "approved budget", "total budget"),
    "effort": ("effort", "effort (days)", "person-days", "work (days)"),
    "progress": ("% complete", "percent complete", "progress", "% done"),
    "status": ("status", "progress status", "health", "rag"),
    "description": ("description", "notes", "summary", "scope"),
    "due": ("due", "due date", "target date", "deadline"),
    "probability": ("probability", "likelihood", "likelihood score", "probability score"),
    "impact": ("impact", "severity", "consequence", "impact score", "consequence score"),
    "mitigation": ("mitigation", "response", "treatment", "action plan", "mitigation plan"),
    "review": ("review", "review date", "next review", "next look"),
    "concerns": ("concerns", "links", "related to", "relates to"),
}  # fmt: skip


class DateOrder(enum.Enum):
    """How dates written with slashes are read."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


class DateOrderNeeded(ValueError):
    """Every slashed date could be read either way: the user must say which."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which header of the file fills each register column, and how dates are read."""

    columns: Mapping[str, str] = field(default_factory=dict)
    dates: DateOrder | None = None
    # -- the rows are RAID items (also when a RAID log's own field is mapped)
    raid_items: bool = False

    @property
    def raid(self) -> bool:
        """Return whether the rows are RAID items rather than initiatives."""
        return self.raid_items or any(target in RAID_ONLY for target in self.columns)


def parse_mapping(text: str, dates: str | None = None) -> ColumnMapping:
    """Return the mapping written as `title=Project Name,owner=Project Manager`; raise
    ValueError saying what is wrong."""
    columns: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        target, equals, header = (p.strip() for p in part.partition("="))
        target = re.sub(r"[\s\-]+", "_", target.casefold())
        if not equals or not header:
            raise ValueError(f"--map: {part.strip()!r} is not COLUMN=Header in the file.")
        if target not in TARGETS and target not in RAID_ONLY:
            raise ValueError(f"--map: {target!r} is not a column BIG Desk fills (choose "
                             f"{', '.join(TARGETS)}; for a RAID log, "
                             f"{', '.join(RAID_HEADERS)}).")  # fmt: skip
        if target in columns:
            raise ValueError(f"--map: {target} is mapped twice.")
        columns[target] = header
    wrong = [t for t in columns if t not in RAID_HEADERS]
    if any(t in RAID_ONLY for t in columns) and wrong:
        raise ValueError(f"--map: a RAID log has no {', '.join(wrong)} (choose "
                         f"{', '.join(RAID_HEADERS)}).")  # fmt: skip
    if "title" not in columns:
        raise ValueError("--map must say which column holds the title (title=…).")
    try:
        order = DateOrder(dates) if dates else None
    except ValueError:
        raise ValueError(f"--dates: choose day-first or month-first, not {dates!r}.") from None
    return ColumnMapping(columns, order)


def suggest_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Return a first guess at the mapping from the words of the headers."""
    by_word = {_fold(h): h for h in headers if h.strip()}
    suggested: dict[str, str] = {}
    for target, words in SUGGESTIONS.items():
        for word in words:
            found = by_word.get(word) or next(
                (h for k, h in by_word.items() if k.startswith(word + " (")), None)
            if found and found not in suggested.values():
                suggested[target] = found
                break
    return suggested


def headers_signature(headers: Iterable[str]) -> str:
    """Return a short key for a set of headers, to remember the mapping made for them."""
    joined = "\n".join(sorted(_fold(h) for h in headers if h.strip()))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def date_order(table: Table, mapping: ColumnMapping) -> DateOrder | None:
    """Return how the mapped date columns must be read; None when no date needs an order.

    Raises DateOrderNeeded when every slashed date could be read either way and the
    mapping does not say, and RegisterError when the dates contradict each other.
    """
    day_first = month_first = None
    positions = [table.headers.index(h) for t, h in mapping.columns.items()
                 if t in DATE_TARGETS and h in table.headers]  # fmt: skip
    ambiguous = False
    for number, cells in enumerate(table.rows, start=2):
        for position in positions:
            found = _SLASHED.match(cells[position]) if position < len(cells) else None
            if found is None:
                continue
            first, second = int(found[1]), int(found[2])
            if first > 12:
                day_first = day_first or (number, table.headers[position], cells[position])
            elif second > 12:
                month_first = month_first or (number, table.headers[position], cells[position])
            elif first != second:
                ambiguous = True
    if day_first and month_first:
        raise RegisterError(table.source, [Problem(
            f"{month_first[2].strip()!r} is month first but {day_first[2].strip()!r} (row "
            f"{day_first[0]}) is day first; write the dates one way.", month_first[0],
            month_first[1])])
    if day_first:
        return DateOrder.DAY_FIRST
    if month_first:
        return DateOrder.MONTH_FIRST
    if ambiguous and mapping.dates is None:
        raise DateOrderNeeded(
            f"{table.source}: dates such as 03/04/2026 could be day first or month first. Say "
            "which with --dates day-first or --dates month-first.")
    return mapping.dates if ambiguous else None


def _iso(text: str, order: DateOrder | None) -> str:
    found = _SLASHED.match(text)
    if found is None or order is None:
        return text
    first, second, year = found[1], found[2], found[3]
    day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
    year = year if len(year) == 4 else f"20{year}"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return text  # -- left as written, so the refusal quotes what the file says


def plan_mapped_table(conn: Connection, table: Table, mapping: ColumnMapping) -> PlannedImport:
    """Return the edit that brings in a table read through ``mapping``."""
    from bigdesk.exchange.register import plan_register_table

    missing = [h for h in mapping.columns.values() if h not in table.headers]
    if missing:
        raise RegisterError(table.source, [Problem(
            f"the file has no column {header!r} (its columns are "
            f"{', '.join(h for h in table.headers if h)}).", 1) for header in missing])
    order = date_order(table, mapping)
    if mapping.raid:
        return _plan_raid(conn, table, mapping, order)
    positions = {t: table.headers.index(h) for t, h in mapping.columns.items()}
    targets = list(positions)
    rows = []
    titles: dict[str, int] = {}
    problems = []
    for number, cells in enumerate(table.rows, start=2):
        row = [cells[positions[t]] if positions[t] < len(cells) else "" for t in targets]
        row = [_iso(text, order) if t in DATE_TARGETS else text for t, text in zip(
            targets, row, strict=True)]
        title = " ".join(row[targets.index("title")].split())
        if "id" not in positions:
            # -- the title stands for the project: the same list imported again updates it
            if title and title.casefold() in titles:
                problems.append(Problem(
                    f"{title!r} is also the title on row {titles[title.casefold()]}; map an id "
                    "column to tell them apart.", number, mapping.columns["title"]))
            titles.setdefault(title.casefold(), number)
            row.append("PL-" + hashlib.sha256(title.casefold().encode()).hexdigest()[:8].upper())
        if "type" not in positions:
            row.append("initiative")
        rows.append(row)
    headers = targets + [c for c in ("id", "type") if c not in positions]
    if problems:
        raise RegisterError(table.source, problems)
    written = {**{c: c for c in headers}, **mapping.columns}
    return _renamed(table.source, written, lambda: plan_register_table(
        conn, Table(table.source, headers, rows), label=IMPORT_LABEL, written=written))


def _plan_raid(conn: Connection, table: Table, mapping: ColumnMapping,
               order: DateOrder | None) -> PlannedImport:
    """Read the mapped columns as a RAID log, under the headers its import knows."""
    from bigdesk.exchange.raid_import import plan_raid_table

    targets = list(mapping.columns)
    positions = [table.headers.index(mapping.columns[t]) for t in targets]
    rows = [[_iso(cells[p], order) if t in DATE_TARGETS and p < len(cells)
             else cells[p] if p < len(cells) else "" for t, p in zip(targets, positions,
                                                                    strict=True)]
            for cells in table.rows]  # fmt: skip
    renamed = Table(table.source, [RAID_HEADERS[t] for t in targets], rows)
    written = {RAID_HEADERS[t]: header for t, header in mapping.columns.items()}
    return _renamed(table.source, written, lambda: plan_raid_table(conn, renamed))


def _renamed(source: str, written: Mapping[str, str],
             plan: Callable[[], PlannedImport]) -> PlannedImport:
    """Run ``plan``, naming each problem's column as the user's file has it."""
    try:
        return plan()
    except RegisterError as error:
        raise RegisterError(source, [
            Problem(p.message, p.row, written.get(p.column or "", p.column), p.place)
            for p in error.problems]) from None
