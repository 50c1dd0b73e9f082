"""Bring a corporate RAID log in from a spreadsheet, recognised by its headers.

A RAID log kept in Excel has a row per risk, action, issue or decision, with its
owner, dates, status, probability and impact, mitigation and what it concerns. Each
row is checked against the log's own fields (``bigdesk.domain.fields``); an item
whose kind and title the workshop already holds is updated, any other is added,
all in one edit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import field_of
from bigdesk.domain.values import parse_date
from bigdesk.domain.words import count
from bigdesk.exchange.cascade_import import Problem, RegisterError
from bigdesk.exchange.tabular import Table
from bigdesk.model import (
    AccountabilityNode,
    Element,
    GovernanceBody,
    Person,
    PersonKind,
    RaidItem,
    RaidKind,
    RaidLink,
    RaidStatus,
)
from bigdesk.store import Batch, Edit, InsertRow, SetValues, fetch

IMPORT_LABEL = "Import RAID log"
# -- each field, and the headers RAID logs give it (folded), the first found wins
HEADERS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "kind", "category", "raid type", "item type"),
    "title": ("title", "summary", "name", "item", "risk"),
    "owner": ("owner", "assigned to", "action owner", "risk owner"),
    "due_date": ("due", "due date", "target date", "deadline"),
    "status": ("status", "state"),
    "probability": ("probability", "likelihood"),
    "impact": ("impact", "severity", "consequence"),
    "response": ("mitigation or response", "mitigation", "response", "mitigation plan",
                 "action plan"),
    "review_date": ("review", "review date", "next review"),
    "description": ("description", "details", "notes"),
    "concerns": ("concerns", "links", "related to", "relates to"),
}  # fmt: skip
# -- the headers only a RAID log has: with a type and a title, they tell it from a register
OWN = ("probability", "impact", "response", "review_date")
KINDS = {"risk": RaidKind.RISK, "risks": RaidKind.RISK, "r": RaidKind.RISK,
         "action": RaidKind.ACTION, "actions": RaidKind.ACTION, "a": RaidKind.ACTION,
         "issue": RaidKind.ISSUE, "issues": RaidKind.ISSUE, "i": RaidKind.ISSUE,
         "decision": RaidKind.DECISION, "decisions": RaidKind.DECISION, "d": RaidKind.DECISION}
STATUSES = {"open": RaidStatus.OPEN, "new": RaidStatus.OPEN, "not started": RaidStatus.OPEN,
            "in progress": RaidStatus.IN_PROGRESS, "ongoing": RaidStatus.IN_PROGRESS,
            "active": RaidStatus.IN_PROGRESS, "closed": RaidStatus.CLOSED,
            "done": RaidStatus.CLOSED, "complete": RaidStatus.CLOSED,
            "completed": RaidStatus.CLOSED, "resolved": RaidStatus.CLOSED}  # fmt: skip
# -- grades in words, as five-point logs write them (and three-point ones, in the middle)
GRADES = {"very low": 1, "rare": 1, "minor": 1, "insignificant": 1, "low": 2, "unlikely": 2,
          "moderate": 3, "possible": 3, "medium": 3, "significant": 3, "high": 4,
          "likely": 4, "major": 4, "very high": 5, "almost certain": 5, "severe": 5,
          "critical": 5}  # fmt: skip


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _columns(headers: Sequence[str]) -> dict[str, int]:
    folded = [_fold(h) for h in headers]
    found: dict[str, int] = {}
    for name, aliases in HEADERS.items():
        position = next((folded.index(a) for a in aliases if a in folded), None)
        if position is not None and position not in found.values():
            found[name] = position
    return found


def looks_like_raid(headers: Sequence[str]) -> bool:
    """Return whether a table's headers are those of a RAID log."""
    found = _columns(headers)
    return "kind" in found and "title" in found and any(name in found for name in OWN)


@dataclass(frozen=True)
class RaidImport:
    """The planned import: the one edit, what it adds and changes, and its report."""

    edit: Batch
    summary: str
    added: tuple[str, ...]
    changed: tuple[str, ...]

    def preview(self) -> list[str]:
        """Return one line per item added and per field changed."""
        return [f"add {line}" for line in self.added] + [f"change {c}" for c in self.changed]


class _Reader:
    """Reads the rows of a RAID log into checked values, collecting every problem."""

    def __init__(self, conn: Connection, table: Table) -> None:
        self.table = table
        self.columns = _columns(table.headers)
        self.problems: list[Problem] = []
        self.targets: dict[str, tuple[str, int]] = {}
        for body_id, name in conn.execute(select(GovernanceBody.id, GovernanceBody.name)):
            self.targets.setdefault(_fold(name), ("body_id", body_id))
        for node_id, name in conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)):
            self.targets.setdefault(_fold(name), ("node_id", node_id))
        for element_id, ref, title in conn.execute(select(Element.id, Element.ref,
                                                          Element.title)):  # fmt: skip
            for key in (ref, title, f"{ref} {title}" if ref else None):
                if key:
                    self.targets.setdefault(_fold(key), ("element_id", element_id))

    def header(self, name: str) -> str:
        return self.table.headers[self.columns[name]]

    def cell(self, cells: Sequence[str], name: str) -> str:
        position = self.columns.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def problem(self, row: int, name: str, message: str) -> None:
        self.problems.append(Problem(message, row, self.header(name)))

    def row(self, number: int, cells: Sequence[str]) -> tuple[dict[str, Any], list[Any]] | None:
        values: dict[str, Any] = {}
        kind_text = self.cell(cells, "kind")
        kind = KINDS.get(_fold(kind_text))
        if kind is None:
            self.problem(number, "kind", f"{kind_text!r} is not a risk, action, issue or "
                         "decision." if kind_text else "the type is empty (risk, action, "
                         "issue or decision).")  # fmt: skip
        values["kind"] = kind
        for name in ("title", "description", "response"):
            if name in self.columns:
                values[name] = self.checked(number, name, self.cell(cells, name))
        if not self.cell(cells, "title"):
            self.problem(number, "title", "the title is empty.")
        if "status" in self.columns:
            text = self.cell(cells, "status")
            values["status"] = STATUSES.get(_fold(text), RaidStatus.OPEN if not text else None)
            if values["status"] is None:
                self.problem(number, "status", f"{text!r} is not open, in progress or closed.")
        for name in ("probability", "impact"):
            if name in self.columns:
                values[name] = self.grade(number, name, self.cell(cells, name))
        for name in ("due_date", "review_date"):
            if name in self.columns:
                values[name] = self.date(number, name, self.cell(cells, name))
        if "owner" in self.columns:
            values["owner"] = " ".join(self.cell(cells, "owner").split()) or None
        links = []
        for part in re.split(r"[;\n]", self.cell(cells, "concerns")):
            if not part.strip():
                continue
            target = self.targets.get(_fold(part))
            if target is None:
                self.problem(number, "concerns", f"{part.strip()!r} is not an element, "
                             "accountability node or governance body of this workshop.")
            elif target not in links:
                links.append(target)
        return (values, links) if kind is not None else None

    def checked(self, row: int, name: str, value: Any) -> Any:
        try:
            return field_of(RaidItem, name).clean(value)
        except EditRejectedError as error:
            self.problem(row, name, str(error).rstrip(".") + ".")
            return None

    def grade(self, row: int, name: str, text: str) -> int | None:
        if not text:
            return None
        grade = GRADES.get(_fold(text)) or (int(text) if re.fullmatch(r"[1-5]", text) else None)
        if grade is None:
            shown = text if len(text) <= 20 else f"{text[:17]}…"
            self.problem(row, name, f"{shown!r} is not a grade from 1 to 5 (nor a word such as "
                         "Unlikely, Likely, Moderate or Major).")  # fmt: skip
        return grade

    def date(self, row: int, name: str, text: str) -> dt.date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.problem(row, name, f"{text[:40]!r} is not a date (write 2027-03-31 or "
                         "31/03/2027).")  # fmt: skip
            return None


def plan_raid_table(conn: Connection, table: Table) -> RaidImport:
    """Return the one edit that brings a RAID log in; raise RegisterError listing problems."""
    reader = _Reader(conn, table)
    rows = [(number, reader.row(number, cells))
            for number, cells in enumerate(table.rows, start=2)]  # fmt: skip
    existing = {(item.kind, _fold(item.title)): item for item in fetch(conn, select(RaidItem))}
    seen: dict[tuple[RaidKind, str], int] = {}
    for number, read in rows:
        if read is None:
            continue
        key = (read[0]["kind"], _fold(read[0].get("title") or ""))
        if key in seen:
            reader.problems.append(Problem(
                f"the same {key[0].value} is on row {seen[key]} too.", number,
                reader.header("title")))
        seen.setdefault(key, number)
    if reader.problems:
        raise RegisterError(table.source, reader.problems)
    people = {_fold(name): i for i, name in conn.execute(select(Person.id, Person.name)) if name}
    next_person = int(conn.execute(select(func.max(Person.id))).scalar() or 0) + 1
    person_position = int(conn.execute(select(func.max(Person.position))).scalar() or 0) + 1
    next_item = int(conn.execute(select(func.max(RaidItem.id))).scalar() or 0) + 1
    position = int(conn.execute(select(func.max(RaidItem.position))).scalar() or 0) + 1
    linked = {(link.raid_item_id, column, getattr(link, column))
              for link in fetch(conn, select(RaidLink))
              for column in ("element_id", "node_id", "body_id")
              if getattr(link, column) is not None}  # fmt: skip
    edits: list[Edit] = []
    added: list[str] = []
    changed: list[str] = []
    new_people = 0
    for _, read in rows:
        assert read is not None
        values, links = read
        owner = values.pop("owner", None)
        if owner:
            if _fold(owner) not in people:
                people[_fold(owner)] = next_person
                edits.append(InsertRow(Person, {
                    "id": next_person, "name": owner, "position": person_position,
                    "kind": PersonKind.STAKEHOLDER, "role": "", "organisation_unit": "",
                    "concerns": f"Named in {table.source}."}, IMPORT_LABEL))  # fmt: skip
                next_person += 1
                person_position += 1
                new_people += 1
            values["owner_id"] = people[_fold(owner)]
        elif "owner" in reader.columns:
            values["owner_id"] = None
        old = existing.get((values["kind"], _fold(values.get("title") or "")))
        if old is None:
            item_id = next_item
            edits.append(InsertRow(RaidItem, {
                "id": item_id, "position": position, "description": "", "response": "",
                "created_at": dt.datetime.now().replace(microsecond=0),
                **{k: v for k, v in values.items() if v is not None}}, IMPORT_LABEL))
            added.append(f"{values['kind'].value} “{values.get('title')}”")
            next_item += 1
            position += 1
        else:
            item_id = old.id
            differing = {k: v for k, v in values.items() if getattr(old, k) != v}
            if differing:
                edits.append(SetValues(RaidItem, old.id, differing, IMPORT_LABEL))
                changed += [f"{old.kind.value} “{old.title}” {k.replace('_', ' ')}: "
                            f"{_shown(getattr(old, k))} → {_shown(v)}"
                            for k, v in differing.items()]  # fmt: skip
        for column, target in links:
            if (item_id, column, target) not in linked:
                edits.append(InsertRow(RaidLink, {"raid_item_id": item_id, column: target},
                                       IMPORT_LABEL))
                if old is not None:
                    changed.append(f"{old.kind.value} “{old.title}” concerns: + link")
    updated = len({line.split("”")[0] for line in changed})
    if added or changed:
        summary = (f"Imported {count(len(added), 'RAID item')} from {table.source}"
                   + (f" with {new_people} new {'person' if new_people == 1 else 'people'}"
                      if new_people else "")
                   + (f"; updated {count(updated, 'existing item')}" if updated else "") + ".")
    else:
        summary = (f"Nothing new from {table.source}: {count(len(rows), 'RAID item')} already "
                   "as the file says.")
    return RaidImport(Batch(tuple(edits), IMPORT_LABEL), summary, tuple(added), tuple(changed))


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if hasattr(value, "value"):
        return str(value.value).replace("_", " ")
    return str(value)
