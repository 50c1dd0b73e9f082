"""The cascade register: one row per element, in CSV or XLSX, in and out.

The contract (columns, values, errors) is written down in docs/register.md.
Import is all or nothing: every problem is listed by row and column and the
workshop is left untouched; otherwise the whole file becomes one edit.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.people import person_labels
from bigdesk.domain.cascade import NOUNS
from bigdesk.domain.fields import element_field, fields_of
from bigdesk.domain.values import parse_number
from bigdesk.domain.words import a, plural
from bigdesk.exchange.cascade_import import (
    DEFAULT_DEPENDENCY,
    CascadeImport,
    DependencyLink,
    ImportedElement,
    ParentLink,
    Problem,
    RegisterError,
    check_value,
    plan_cascade_import,
)
from bigdesk.exchange.tabular import Cell, Sheet, Table, write_csv, write_xlsx
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Dependency,
    Dimension,
    ElementType,
    Period,
)
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore

__all__ = [
    "COLUMNS",
    "RegisterError",
    "export_register",
    "plan_register_table",
    "read_register",
    "register_ids",
    "register_rows",
]

COLUMNS = (
    "id", "type", "title", "parents", "depends_on", "node", "owner", "metric", "unit",
    "baseline", "target", "current", "due", "progress", "status", "period", "kind",
    "portfolio", "budget", "effort", "start", "end", "closes", "description",
)  # fmt: skip
REQUIRED = ("id", "type", "title")
SHEET_NAME = "Cascade register"
IMPORT_LABEL = "Import cascade register"

TYPES = {t.value: t for t in ElementType}
TYPE_ALIASES = {"keyresult": ElementType.KEY_RESULT, "kr": ElementType.KEY_RESULT}
# -- the element column behind each register column whose name differs
FIELD_OF_COLUMN = {"start": "starts_on", "end": "ends_on"}
# -- what the one "kind" column means for each kind of element
KIND_FIELD = {ElementType.DRIVER: "driver_kind", ElementType.KEY_RESULT: "direction",
              ElementType.INITIATIVE: "initiative_kind",
              ElementType.BENEFIT: "direction"}  # fmt: skip
COLUMN_OF_FIELD = {**{f: c for c, f in FIELD_OF_COLUMN.items()},
                   **{f: "kind" for f in KIND_FIELD.values()}}
# -- register columns that name a reference instead of holding a value
NAME_COLUMNS = ("node", "owner", "period", "closes")
ORDER = list(ElementType)


def _word(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


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

    def value(self, column: str, convert: Callable[[str], Any]) -> Any:
        text = self.text(column)
        if not text:
            return None
        try:
            return convert(text)
        except ValueError as error:
            self.problem(column, str(error))
            return None


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


DEPENDENCY_KINDS = ("finish-to-start", "start-to-start", "finish-to-finish")


def _depends_on(row: _Row) -> list[DependencyLink]:
    links = []
    for part in row.text("depends_on").split(";"):
        if not part.strip():
            continue
        key, _, kind = (p.strip() for p in part.partition(":"))
        kind = _word(kind).replace("_", "-") or DEFAULT_DEPENDENCY
        if not key:
            row.problem("depends_on", f"{part.strip()!r} names no element id.")
        elif kind not in DEPENDENCY_KINDS:
            row.problem("depends_on", f"{kind!r} is not a kind of dependency "
                                      f"(choose {', '.join(DEPENDENCY_KINDS)}).")
        else:
            links.append(DependencyLink(key, kind))
    return links


def _element(row: _Row) -> ImportedElement | None:
    key = row.text("id")
    type_text = row.text("type")
    kind = TYPES.get(_word(type_text)) or TYPE_ALIASES.get(_word(type_text).replace("_", ""))
    if not key:
        row.problem("id", "the id is empty.")
    if kind is None:
        choices = ", ".join(TYPES)
        row.problem("type", f"{type_text!r} is not a type of element (choose {choices})."
                    if type_text else f"the type is empty (choose {choices}).")  # fmt: skip
    if not row.text("title"):
        row.problem("title", "the title is empty.")
    values: dict[str, Any] = {}
    names: dict[str, str | None] = {}
    for column in row.cells:
        if column in ("id", "type", "title", "parents", "depends_on"):
            continue
        if column in NAME_COLUMNS:
            names[column] = row.text(column) or None
            continue
        if kind is None:
            continue
        if column == "kind":
            field_key = KIND_FIELD.get(kind)
            if field_key is None:
                if row.text(column):
                    row.problem(column, f"Kind does not apply to {a(NOUNS[kind])}.")
                continue
        else:
            field_key = FIELD_OF_COLUMN.get(column, column)
        if kind not in element_field(field_key).applies_to:
            if row.text(column):
                row.problem(column, f"{element_field(field_key).label} applies only to "
                                    f"{_kinds_with(field_key)}, not to {a(NOUNS[kind])}.")
            continue
        values[field_key] = row.value(column, _checker(kind, field_key))
    if kind is not ElementType.INITIATIVE and names.pop("closes", None):
        row.problem("closes", f"Closes applies only to initiatives, not to "
                              f"{a(NOUNS[kind or ElementType.OBJECTIVE])}.")
    if not key:
        return None
    return ImportedElement(
        key=key, type=kind or ElementType.OBJECTIVE, title=row.text("title"), row=row.number,
        parents=_parents(row) if "parents" in row.cells else None,
        depends_on=_depends_on(row) if "depends_on" in row.cells else None,
        names=names, values=values,
    )


def _checker(kind: ElementType, field_key: str) -> Callable[[str], Any]:
    return lambda text: check_value(kind, field_key, text)


def _kinds_with(field_key: str) -> str:
    kinds = [plural(NOUNS[k]) for k in ElementType if k in element_field(field_key).applies_to]
    return ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else kinds[0]


def plan_register_table(conn: Connection, table: Table) -> CascadeImport:
    """Return the one edit that adds a register already read from its file."""
    elements, problems, warnings = read_register(table)
    return plan_cascade_import(
        conn, elements, source=table.source, label=IMPORT_LABEL, problems=problems,
        warnings=warnings, parents_column=_written(table, "parents"),
        id_column=_written(table, "id"), depends_column=_written(table, "depends_on"),
    )  # fmt: skip


def _written(table: Table, column: str) -> str:
    return next((h for h in table.headers if _word(h) == column), column)


# ---------------------------------------------------------------- writing


def register_rows(conn: Connection, anonymous: bool | None = None) -> Iterator[list[Cell]]:
    """Yield one register row per element, in the order of ``COLUMNS``, parents before
    children where possible."""
    # -- anonymous mode names participants P1, P2, … and stakeholders S1, S2, …
    people = person_labels(conn, anonymous)
    n = AccountabilityNode
    nodes = {row.id: row.name for row in conn.execute(select(n.id, n.name))}
    periods = {row.id: row.name for row in conn.execute(select(Period.id, Period.name))}
    dimensions = dict(conn.execute(select(Dimension.id, Dimension.key)).all())
    # -- plain rows, not mapped objects: a large cascade is read several times faster
    rows = conn.execute(select(Element.__table__)).all()
    ids = _register_ids(rows)
    parents: dict[int, list[str]] = {}
    for parent, child, weight in conn.execute(
        select(Alignment.parent_id, Alignment.child_id, Alignment.weight)
        .order_by(Alignment.parent_id, Alignment.position, Alignment.id)
    ):
        text = ids[parent] if weight is None else f"{ids[parent]}={_number_text(weight)}"
        parents.setdefault(child, []).append(text)
    depends: dict[int, list[str]] = {}
    for dependent, prerequisite, kind in conn.execute(
        select(Dependency.dependent_id, Dependency.prerequisite_id, Dependency.kind)
        .order_by(Dependency.id)
    ):
        text = ids[prerequisite] if kind == DEFAULT_DEPENDENCY else f"{ids[prerequisite]}:{kind}"
        depends.setdefault(dependent, []).append(text)
    # -- the register column of each field every kind has
    columns_of = {kind: [(f.key, COLUMN_OF_FIELD.get(f.key, f.key)) for f in fields_of(kind)
                         if COLUMN_OF_FIELD.get(f.key, f.key) in COLUMNS] for kind in ORDER}
    rank = {kind: number for number, kind in enumerate(ORDER)}
    for row in sorted(rows, key=lambda r: (rank[r.type], r.position, r.id)):
        cells: dict[str, Cell] = {
            "id": ids[row.id], "type": row.type.value, "title": row.title,
            "parents": ";".join(parents.get(row.id, [])),
            "depends_on": ";".join(depends.get(row.id, [])),
            "node": _named(nodes, row.node_id), "owner": _named(people, row.owner_id),
            "period": _named(periods, row.period_id), "status": row.status or None,
            "description": row.description or None,
        }  # fmt: skip
        for key, column in columns_of[row.type]:
            if column not in cells:
                cells[column] = _cell(getattr(row, key))
        cells["closes"] = _named(dimensions, row.closes_dimension_id
                                 if row.type is ElementType.INITIATIVE else None)
        yield [cells.get(column) for column in COLUMNS]


def _named(names: dict[int, str], row_id: int | None) -> str | None:
    return None if row_id is None else names.get(row_id)


def _cell(value: Any) -> Cell:
    """Return a stored value as the register writes it."""
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return _number_text(float(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value.value)


def register_ids(conn: Connection) -> dict[int, str]:
    """Return the id the register gives every element: its ref, or E<id> when it has none."""
    return _register_ids(conn.execute(select(Element.id, Element.ref)).all())


def _register_ids(rows: Sequence[Any]) -> dict[int, str]:
    """Give every element the id the register shows: its ref, or a new unique one."""
    taken = {r.ref for r in rows if r.ref}
    ids: dict[int, str] = {}
    for row in rows:
        ref = row.ref
        if not ref:
            ref = f"E{row.id}"
            while ref in taken:
                ref += "x"
            taken.add(ref)
        ids[row.id] = ref
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
