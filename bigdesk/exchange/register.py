"""The cascade register: one row per element, in CSV or XLSX, in and out.

The contract (columns, values, errors) is written down in docs/register.md.
Import is all or nothing: every problem is listed by row and column and the
workshop is left untouched; otherwise the whole file becomes one edit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.people import person_labels
from bigdesk.exchange.cascade_import import (
    CascadeImport,
    ImportedElement,
    ParentLink,
    Problem,
    RegisterError,
    plan_cascade_import,
)
from bigdesk.exchange.tabular import Cell, Sheet, Table, read_table, write_csv, write_xlsx
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Direction,
    DriverKind,
    ElementType,
    InitiativeKind,
    Period,
    Portfolio,
)
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore

__all__ = [
    "COLUMNS",
    "RegisterError",
    "export_register",
    "import_register_cli",
    "plan_register_import",
    "read_register",
    "register_rows",
]

COLUMNS = (
    "id", "type", "title", "parents", "node", "owner", "metric", "unit", "baseline", "target",
    "current", "due", "progress", "status", "period", "kind", "portfolio", "budget", "effort",
    "description",
)  # fmt: skip
REQUIRED = ("id", "type", "title")
SHEET_NAME = "Cascade register"
IMPORT_LABEL = "Import cascade register"

TYPES = {t.value: t for t in ElementType}
TYPE_ALIASES = {"keyresult": ElementType.KEY_RESULT, "kr": ElementType.KEY_RESULT}
INITIATIVE_KINDS = {k.value: k for k in InitiativeKind} | {
    "program": InitiativeKind.PROGRAMME,
    "business_as_usual": InitiativeKind.BAU,
}
DRIVER_KINDS = {k.value: k for k in DriverKind}
DIRECTIONS = {d.value: d for d in Direction}
PORTFOLIOS = {p.value: p for p in Portfolio}
KEY_RESULT_ONLY = ("metric", "unit", "baseline", "target", "current")
INITIATIVE_ONLY = ("portfolio", "budget", "effort")
ORDER = list(ElementType)


# ---------------------------------------------------------------- values


def _word(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


_SPACES = re.compile(r"[\s\u00a0\u202f']")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(text: str) -> float:
    """Return the number ``text`` holds; raise ValueError when it is not one.

    Accepts spaces and apostrophes between digit groups, a currency sign in
    front, a percent sign behind, and a decimal comma (``1,5``); ``1,500`` and
    ``1,500.25`` read as thousands.
    """
    cleaned = _SPACES.sub("", text).lstrip("£$€").rstrip("%")
    if "," in cleaned:
        if _THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(",", "")
        elif "." not in cleaned and cleaned.count(",") == 1:
            cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    """Return the date ``text`` holds (ISO, or day first); raise ValueError otherwise."""
    cleaned = text.strip()
    # -- a spreadsheet date cell may come with a midnight time
    cleaned = re.sub(r"[T ]00:00(:00)?(\.0+)?$", "", cleaned)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _number_text(value: float | None) -> Cell:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


# ---------------------------------------------------------------- reading


@dataclass
class _Row:
    """One data row with its cells by column, and the problems found in it."""

    number: int
    cells: dict[str, str]
    headers: dict[str, str]
    problems: list[Problem]

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(message, self.number, self.headers.get(column, column)))

    def value(self, column: str, convert: Callable[[str], Any], what: str) -> Any:
        text = self.text(column)
        if not text:
            return None
        try:
            return convert(text)
        except ValueError:
            self.problem(column, f"{text!r} is not {what}.")
            return None

    def choice(self, column: str, choices: dict[str, Any], what: str) -> Any:
        text = self.text(column)
        if not text:
            return None
        found = choices.get(_word(text))
        if found is None:
            names = ", ".join(sorted({c.value for c in choices.values()}))
            self.problem(column, f"{text!r} is not {what} (choose {names}).")
        return found


def _headers(table: Table) -> tuple[dict[str, int], dict[str, str], list[Problem], list[str]]:
    """Match the header row to the register's columns, case-insensitively, in any order."""
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for position, header in enumerate(table.headers):
        key = _word(header)
        if key in COLUMNS:
            if key in index:
                problems.append(Problem(f"the column {header!r} appears twice.", 1, header))
                continue
            index[key] = position
            written[key] = header
        elif header.strip():
            unknown.append(header.strip())
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        problems.append(Problem(
            f"the file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''} "
            f"(the register needs {', '.join(REQUIRED)}; it found "
            f"{', '.join(h for h in table.headers if h) or 'no headers'}).", 1,
        ))  # fmt: skip
    return index, written, problems, unknown


def read_register(table: Table) -> tuple[list[ImportedElement], list[Problem], list[str]]:
    """Read a register table into elements; return them, the problems found and warnings."""
    index, written, problems, unknown = _headers(table)
    warnings = []
    if unknown:
        warnings.append(f"ignored unknown column{'s' if len(unknown) > 1 else ''}: "
                        f"{', '.join(unknown)}.")  # fmt: skip
    if any(c not in index for c in REQUIRED):
        return [], problems, warnings
    elements = []
    for number, cells in enumerate(table.rows, start=2):
        row = _Row(number, {c: cells[i] if i < len(cells) else "" for c, i in index.items()},
                   written, problems)  # fmt: skip
        element = _element(row)
        if element is not None:
            elements.append(element)
    return elements, problems, warnings


def _parents(row: _Row) -> list[ParentLink]:
    links = []
    for part in row.text("parents").split(";"):
        if not part.strip():
            continue
        key, equals, weight_text = part.partition("=")
        key = key.strip()
        if not key:
            row.problem("parents", f"{part.strip()!r} names no parent id.")
            continue
        weight = None
        if equals:
            try:
                weight = parse_number(weight_text)
            except ValueError:
                row.problem("parents", f"the weight {weight_text.strip()!r} of {key!r} is not a "
                                       "number.")  # fmt: skip
            else:
                if weight < 0:
                    row.problem("parents", f"the weight of {key!r} is negative.")
                    weight = None
        links.append(ParentLink(key, weight))
    return links


def _element(row: _Row) -> ImportedElement | None:
    key = row.text("id")
    type_text = row.text("type")
    kind = TYPES.get(_word(type_text)) or TYPE_ALIASES.get(_word(type_text).replace("_", ""))
    if not key:
        row.problem("id", "the id is empty.")
    if kind is None:
        names = ", ".join(TYPES)
        row.problem("type", f"{type_text!r} is not a type of element (choose {names})."
                    if type_text else f"the type is empty (choose {names}).")  # fmt: skip
    if not row.text("title"):
        row.problem("title", "the title is empty.")
    values: dict[str, Any] = {}
    for column in ("description", "status"):
        if row.text(column):
            values[column] = row.cells[column].strip()
    values["due"] = row.value("due", parse_date, "a date (write 2027-03-31 or 31/03/2027)")
    progress = row.value("progress", parse_number, "a number")
    if progress is not None and not 0 <= progress <= 100:
        row.problem("progress", f"progress {progress:g} is outside 0 to 100.")
        progress = None
    values["progress"] = progress
    kind_text = row.text("kind")
    if kind is ElementType.KEY_RESULT:
        values["metric"] = row.text("metric") or None
        values["unit"] = row.text("unit") or None
        for column in ("baseline", "target", "current"):
            values[column] = row.value(column, parse_number, "a number")
        values["direction"] = row.choice("kind", DIRECTIONS, "a direction for a key result")
    elif kind is not None:
        for column in KEY_RESULT_ONLY:
            if row.text(column):
                row.problem(column, f"{column} applies only to key results, not to a "
                                    f"{kind.value.replace('_', ' ')}.")  # fmt: skip
    if kind is ElementType.INITIATIVE:
        values["initiative_kind"] = row.choice("kind", INITIATIVE_KINDS, "a kind of initiative")
        values["portfolio"] = row.choice("portfolio", PORTFOLIOS, "a portfolio")
        for column in ("budget", "effort"):
            amount = row.value(column, parse_number, "a number")
            if amount is not None and amount < 0:
                row.problem(column, f"{column} {amount:g} is negative.")
                amount = None
            values[column] = amount
    elif kind is not None:
        for column in INITIATIVE_ONLY:
            if row.text(column):
                row.problem(column, f"{column} applies only to initiatives, not to a "
                                    f"{kind.value.replace('_', ' ')}.")  # fmt: skip
    if kind is ElementType.DRIVER:
        values["driver_kind"] = row.choice("kind", DRIVER_KINDS, "a kind of driver")
    elif kind in (ElementType.PURPOSE, ElementType.VISION, ElementType.OBJECTIVE) and kind_text:
        row.problem("kind", f"kind does not apply to a {kind.value}.")
    parents = _parents(row)
    if not key:
        return None
    return ImportedElement(
        key=key, type=kind or ElementType.OBJECTIVE, title=row.text("title"), row=row.number,
        parents=parents, node=row.text("node") or None, owner=row.text("owner") or None,
        period=row.text("period") or None,
        values={k: v for k, v in values.items() if v is not None},
    )  # fmt: skip


def plan_register_table(conn: Connection, table: Table) -> CascadeImport:
    """Return the one edit that adds a register already read from its file."""
    elements, problems, warnings = read_register(table)
    return plan_cascade_import(
        conn, elements, source=table.source, label=IMPORT_LABEL, problems=problems,
        warnings=warnings, parents_column=_written(table, "parents"),
        id_column=_written(table, "id"),
    )  # fmt: skip


def _written(table: Table, column: str) -> str:
    return next((h for h in table.headers if _word(h) == column), column)


def plan_register_import(conn: Connection, path: Path) -> CascadeImport:
    """Read a register (or a Viva Goals explorer export) and return the edit that adds it.

    Raises RegisterError listing every problem; TableFileError (a ValueError)
    when the file cannot be read at all.
    """
    from bigdesk.exchange import vivagoals

    table = read_table(path)
    if vivagoals.looks_like_explorer(table.headers):
        return vivagoals.plan_explorer_table(conn, table)
    return plan_register_table(conn, table)


def import_register_cli(store: WorkshopStore, source: Path) -> str:
    """Add a register (or Viva Goals explorer export) to the workshop: ``bigdesk import``."""
    with store.read() as conn:
        planned = plan_register_import(conn, source)
    store.apply(planned.edit)
    return planned.summary


# ---------------------------------------------------------------- writing


def register_rows(conn: Connection, anonymous: bool | None = None) -> Iterator[list[Cell]]:
    """Yield one register row per element, parents before children where possible."""
    # -- anonymous mode names participants P1, P2, … and stakeholders S1, S2, …
    people = person_labels(conn, anonymous)
    n = AccountabilityNode
    nodes = dict(conn.execute(select(n.id, n.name)).all())
    periods = dict(conn.execute(select(Period.id, Period.name)).all())
    rows = conn.execute(select(Element.__table__)).mappings().all()
    ids = _register_ids(rows)
    parents: dict[int, list[str]] = {}
    a = Alignment
    for parent, child, weight in conn.execute(
        select(a.parent_id, a.child_id, a.weight).order_by(a.parent_id, a.position, a.id)
    ):
        text = ids[parent] if weight is None else f"{ids[parent]}={_number_text(weight)}"
        parents.setdefault(child, []).append(text)
    for row in sorted(rows, key=lambda r: (ORDER.index(r["type"]), r["position"], r["id"])):
        kind = row["initiative_kind"] or row["driver_kind"] or row["direction"]
        yield [
            ids[row["id"]], row["type"].value, row["title"], ";".join(parents.get(row["id"], [])),
            nodes.get(row["node_id"]), people.get(row["owner_id"]), row["metric"], row["unit"],
            _number_text(row["baseline"]), _number_text(row["target"]),
            _number_text(row["current"]), row["due"].isoformat() if row["due"] else None,
            _number_text(row["progress"]), row["status"] or None, periods.get(row["period_id"]),
            kind.value if kind else None, row["portfolio"].value if row["portfolio"] else None,
            _number_text(row["budget"]), _number_text(row["effort"]), row["description"] or None,
        ]  # fmt: skip


def _register_ids(rows: Sequence[Any]) -> dict[int, str]:
    """Give every element the id the register shows: its ref, or a new unique one."""
    taken = {r["ref"] for r in rows if r["ref"]}
    ids: dict[int, str] = {}
    for row in rows:
        ref = row["ref"]
        if not ref:
            ref = f"E{row['id']}"
            while ref in taken:
                ref += "x"
            taken.add(ref)
        ids[row["id"]] = ref
    return ids


def export_register(store: WorkshopStore, out: Path, args: argparse.Namespace | None) -> None:
    """Write the cascade register to ``out`` (.csv or .xlsx): ``bigdesk export --register``."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError("choose a .csv or .xlsx file name for the register.")
    anonymous = True if args is not None and getattr(args, "anonymous", False) else None
    with store.read() as conn:
        rows = list(register_rows(conn, anonymous))
    sheet = Sheet(SHEET_NAME, COLUMNS, rows)
    if suffix == ".csv":
        write_csv(Path(out), sheet)
    else:
        write_xlsx(Path(out), [sheet])
