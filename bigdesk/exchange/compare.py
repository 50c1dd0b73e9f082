"""What moved between two sessions: elements added, removed and changed, and the assessment.

``bigdesk compare OLD NEW`` and the Review step both call ``compare``. Elements are
matched by the register's id (the ref, or ``E<id>`` for an element without one) and
compared column by column as the register writes them, so a change reads as it would
in the register; parents and dependencies compare as sets. Dimensions are matched by
key and compared by the median of the participants' current and target levels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from bigdesk.analysis.assessment import level_statistics, load_assessment
from bigdesk.exchange.register import COLUMNS, register_rows
from bigdesk.exchange.tabular import Cell

# -- register columns that hold lists, compared whatever their order
LIST_COLUMNS = ("parents", "depends_on")
# -- the two fields each dimension is compared by
MEDIANS = (("current", "median current level"), ("target", "median target level"))


@dataclass(frozen=True)
class Entry:
    """An element or dimension found in one session only."""

    ref: str
    type: str
    title: str


@dataclass(frozen=True)
class FieldChange:
    """One field of one element or dimension, before and after."""

    ref: str
    field: str
    before: Cell
    after: Cell


@dataclass(frozen=True)
class Comparison:
    """What was added, removed and changed from one session to the next."""

    added: list[Entry]
    removed: list[Entry]
    changed: list[FieldChange]

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Return the comparison as ``bigdesk compare --json`` prints it."""
        return {
            "added": [{"ref": e.ref, "type": e.type, "title": e.title} for e in self.added],
            "removed": [{"ref": e.ref, "type": e.type, "title": e.title} for e in self.removed],
            "changed": [{"ref": c.ref, "field": c.field, "before": c.before, "after": c.after}
                        for c in self.changed],
        }

    def lines(self) -> list[str]:
        """Return the comparison as lines of text, one per difference."""
        def shown(value: Cell) -> str:
            return "—" if value is None or value == "" else str(value)

        return ([f"+ {e.ref} ({e.type}) {e.title}" for e in self.added]
                + [f"- {e.ref} ({e.type}) {e.title}" for e in self.removed]
                + [f"~ {c.ref} {c.field}: {shown(c.before)} → {shown(c.after)}"
                   for c in self.changed])


@dataclass(frozen=True)
class Snapshot:
    """What a comparison reads from one session: its register rows and its medians.

    Plain data, so a follow-up session can keep its predecessor's as JSON.
    """

    # -- each element's register row by its register id, lists made order-free
    rows: dict[str, dict[str, Cell]]
    # -- each dimension's name and median current and target level, by its key
    medians: dict[str, tuple[str, dict[str, float | None]]]

    def as_json(self) -> dict[str, Any]:
        """Return the snapshot as JSON-ready data."""
        return {"rows": self.rows, "medians": {k: [n, m] for k, (n, m) in self.medians.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        """Return the snapshot ``as_json`` wrote."""
        return cls(dict(data.get("rows", {})),
                   {k: (str(n), dict(m)) for k, (n, m) in data.get("medians", {}).items()})


def snapshot(conn: Connection) -> Snapshot:
    """Read what a comparison needs from the session behind ``conn``."""
    rows = {}
    for cells in register_rows(conn):
        row = dict(zip(COLUMNS, cells, strict=True))
        for column in LIST_COLUMNS:
            row[column] = ";".join(sorted(str(row[column]).split(";"))) if row[column] else None
        rows[str(row["id"])] = row
    assessment = load_assessment(conn)
    medians = {d.key: (d.name, {which: level_statistics(assessment.levels(d.id, which)).median
                                for which, _ in MEDIANS})
               for d in assessment.dimensions}
    return Snapshot(rows, medians)


def compare(old: Connection, new: Connection) -> Comparison:
    """Compare the session behind ``old`` with the one behind ``new``."""
    return compare_snapshots(snapshot(old), snapshot(new))


def compare_snapshots(old: Snapshot, new: Snapshot) -> Comparison:
    """Compare two sessions' snapshots."""
    before, after = old.rows, new.rows
    added = [_entry(row) for ref, row in after.items() if ref not in before]
    removed = [_entry(row) for ref, row in before.items() if ref not in after]
    changed = [change for ref, row in after.items() if ref in before
               for change in _changes(ref, before[ref], row)]
    then, now = old.medians, new.medians
    added += [Entry(key, "dimension", name) for key, (name, _) in now.items() if key not in then]
    removed += [Entry(key, "dimension", name) for key, (name, _) in then.items()
                if key not in now]
    for key, (_, levels) in now.items():
        if key in then:
            changed += [FieldChange(key, label, then[key][1][which], levels[which])
                        for which, label in MEDIANS if then[key][1][which] != levels[which]]
    return Comparison(added, removed, changed)


def _entry(row: dict[str, Cell]) -> Entry:
    return Entry(str(row["id"]), str(row["type"]), str(row["title"] or ""))


def _changes(ref: str, before: dict[str, Cell], after: dict[str, Cell]
             ) -> Iterator[FieldChange]:  # fmt: skip
    for column in COLUMNS[1:]:
        if not _same(before[column], after[column]):
            yield FieldChange(ref, column, before[column], after[column])


def _same(a: Cell, b: Cell) -> bool:
    # -- an empty text and no value read alike in a register
    return (a if a != "" else None) == (b if b != "" else None)


def compare_files(old: Any, new: Any) -> Comparison:
    """Open two workshop files read-only and compare them; raise WorkshopFileError if unusable."""
    from bigdesk.store import open_workshop

    first = open_workshop(old, read_only=True)
    try:
        second = open_workshop(new, read_only=True)
        try:
            with first.read() as a, second.read() as b:
                return compare(a, b)
        finally:
            second.close()
    finally:
        first.close()

