"""Bring epics in from a Jira CSV export: each epic becomes an initiative.

Jira's "Export Excel CSV (all fields)" writes one row per issue, with repeated
columns for values that come in lists (`Labels`, `Sprint`, issue links), dates
such as `12/Oct/26 9:14 AM`, estimates in seconds, and custom fields as
`Custom field (Start date)`. Epics become initiatives; stories, tasks and
sub-tasks are not initiatives, but a "blocks" link between issues of two
different epics becomes a dependency between those epics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from bigdesk.domain.values import parse_date, parse_number
from bigdesk.domain.words import count
from bigdesk.exchange.cascade_import import (
    CascadeImport,
    DependencyLink,
    ImportedElement,
    Problem,
    plan_cascade_import,
)
from bigdesk.exchange.tabular import Table
from bigdesk.model import ElementType, InitiativeKind

IMPORT_LABEL = "Import Jira epics"
# -- Jira's working day when it turns estimates into days; estimates come in seconds
SECONDS_PER_DAY = 8 * 3600
_JIRA_DATE = re.compile(
    r"^(?P<day>\d{1,2})/(?P<month>[A-Za-z]{3})/(?P<year>\d{2}|\d{4})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?)?$"
)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}  # fmt: skip
# -- each value read, and the headers Jira gives it (lower case), the first found wins
COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("issue key",),
    "id": ("issue id",),
    "type": ("issue type",),
    "summary": ("summary",),
    "status": ("status",),
    "owner": ("assignee", "custom field (owner)"),
    "description": ("description",),
    "start": ("custom field (start date)", "custom field (target start)"),
    "end": ("due date", "custom field (target end)", "custom field (end date)"),
    "estimate": ("original estimate", "σ original estimate"),
    "spent": ("time spent", "σ time spent"),
    "remaining": ("remaining estimate", "σ remaining estimate"),
    "budget": ("custom field (budget)", "custom field (cost)"),
    "epic_link": ("custom field (epic link)",),
    "parent": ("parent", "parent id"),
}  # fmt: skip
BLOCKS = "outward issue link (blocks)"
BLOCKED_BY = "inward issue link (blocks)"


def _header(text: str) -> str:
    return " ".join(text.split()).casefold()


def looks_like_jira(headers: Sequence[str]) -> bool:
    """Return whether a table's headers are those of a Jira CSV export."""
    keys = {_header(h) for h in headers}
    return {"issue key", "issue type", "summary"} <= keys


def jira_date(text: str) -> dt.date:
    """Return the date a Jira cell holds (`12/Oct/26 9:14 AM`, or ISO); raise ValueError."""
    found = _JIRA_DATE.match(text.strip())
    if found is None:
        cleaned = text.strip()
        if re.match(r"^\d{4}-\d\d-\d\d[ T]", cleaned):
            cleaned = cleaned[:10]
        return parse_date(cleaned)
    month = _MONTHS.get(found["month"].casefold())
    if month is None:
        raise ValueError(text)
    year = int(found["year"])
    return dt.date(year + 2000 if year < 100 else year, month, int(found["day"]))


class _Issues:
    """The export's rows, with each value found by its column however often it repeats."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.positions: dict[str, list[int]] = {}
        for position, header in enumerate(table.headers):
            self.positions.setdefault(_header(header), []).append(position)
        self.column = {name: next((h for h in aliases if h in self.positions), None)
                       for name, aliases in COLUMNS.items()}  # fmt: skip
        self.problems: list[Problem] = []

    def written(self, name: str) -> str:
        header = self.column.get(name) or name
        return self.table.headers[self.positions[header][0]] if header in self.positions \
            else header  # fmt: skip

    def text(self, cells: Sequence[str], name: str) -> str:
        header = self.column.get(name)
        if header is None:
            return ""
        position = self.positions[header][0]
        return cells[position].strip() if position < len(cells) else ""

    def every(self, cells: Sequence[str], header: str) -> list[str]:
        """Return every non-empty value of a repeated column."""
        return [cells[i].strip() for i in self.positions.get(header, [])
                if i < len(cells) and cells[i].strip()]  # fmt: skip

    def value(self, cells: Sequence[str], row: int, name: str, read: Any) -> Any:
        text = self.text(cells, name)
        if not text:
            return None
        try:
            return read(text)
        except ValueError:
            shown = text if len(text) <= 40 else f"{text[:37]}…"
            what = {jira_date: "a date", _seconds: "a number of seconds (not negative)"}.get(
                read, "a number")
            self.problems.append(Problem(f"{shown!r} is not {what}.", row, self.written(name)))
            return None


def _seconds(text: str) -> float:
    value = parse_number(text)
    if value < 0:
        raise ValueError(text)
    return value


def plan_jira_table(conn: Connection, table: Table) -> CascadeImport:
    """Return the edit that brings in the epics of a Jira CSV export, with their dependencies."""
    issues = _Issues(table)
    epics: dict[str, tuple[int, list[str]]] = {}
    epic_of: dict[str, str] = {}
    key_of_id: dict[str, str] = {}
    rows = list(enumerate(table.rows, start=2))
    for number, cells in rows:
        key = issues.text(cells, "key")
        if not key:
            issues.problems.append(Problem("the issue key is empty.", number,
                                           issues.written("key")))  # fmt: skip
            continue
        if issues.text(cells, "id"):
            key_of_id[issues.text(cells, "id")] = key
        if _header(issues.text(cells, "type")) == "epic":
            if key in epics:
                issues.problems.append(Problem(
                    f"the issue key {key!r} is used twice (also on row {epics[key][0]}).",
                    number, issues.written("key")))
                continue
            epics[key] = (number, cells)
            epic_of[key] = key
    for _, cells in rows:
        key = issues.text(cells, "key")
        if key and key not in epic_of:
            parent = issues.text(cells, "epic_link") or issues.text(cells, "parent")
            parent = key_of_id.get(parent, parent)
            if parent in epics:
                epic_of[key] = parent
    elements = [_epic(issues, key, number, cells) for key, (number, cells) in epics.items()]
    waits: dict[str, dict[str, None]] = {key: {} for key in epics}
    in_file = {issues.text(cells, "key") for _, cells in rows}
    unknown = 0
    for _, cells in rows:
        key = issues.text(cells, "key")
        for header, blocks in ((BLOCKS, True), (BLOCKED_BY, False)):
            for other in issues.every(cells, header):
                if other not in in_file:
                    unknown += 1
                    continue
                first, then = (key, other) if blocks else (other, key)
                before, after = epic_of.get(first), epic_of.get(then)
                if before and after and before != after:
                    waits[after][before] = None
    for element in elements:
        element.depends_on = [DependencyLink(key) for key in waits[element.key]]
    if not epics and not issues.problems:
        issues.problems.append(Problem(
            "the export holds no epics (Issue Type Epic); only epics become initiatives.",
            None, issues.written("type")))
    warnings = []
    others = sum(1 for _, cells in rows if issues.text(cells, "key") not in epics)
    if others:
        warnings.append(f"{others:,} stories, tasks and other issues are not initiatives and "
                        "were not imported; blocking links between their epics became "
                        "dependencies.")  # fmt: skip
    if unknown:
        warnings.append(f"{count(unknown, 'link')} to issues not in the export "
                        f"{'was' if unknown == 1 else 'were'} left out.")  # fmt: skip
    return plan_cascade_import(
        conn, elements, source=table.source, label=IMPORT_LABEL, problems=issues.problems,
        warnings=warnings, id_column=issues.written("key"),
        depends_column="Issue links (Blocks)",
    )  # fmt: skip


def _epic(issues: _Issues, key: str, row: int, cells: Sequence[str]) -> ImportedElement:
    """Return one epic as an initiative: dates, estimate as effort, time tracking as progress."""
    kind = ElementType.INITIATIVE
    values: dict[str, Any] = {
        "initiative_kind": InitiativeKind.PROJECT,
        "status": issues.text(cells, "status") or None,
        "description": issues.text(cells, "description") or None,
        "starts_on": issues.value(cells, row, "start", jira_date),
        "ends_on": issues.value(cells, row, "end", jira_date),
        "budget": issues.value(cells, row, "budget", parse_number),
    }
    estimate = issues.value(cells, row, "estimate", _seconds)
    if estimate is not None:
        values["effort"] = round(estimate / SECONDS_PER_DAY, 2)
    spent = issues.value(cells, row, "spent", _seconds)
    remaining = issues.value(cells, row, "remaining", _seconds)
    if spent is not None and remaining is not None and spent + remaining > 0:
        values["progress"] = round(100 * spent / (spent + remaining), 1)
    title = issues.text(cells, "summary")
    return ImportedElement(
        key=key, type=kind, title=title, row=row, parents=None, depends_on=[],
        names={"owner": issues.text(cells, "owner") or None},
        values={k: v for k, v in values.items() if v is not None},
    )  # fmt: skip
