"""Edits as data: each one changes the file and returns the edit that undoes it.

Edits work on table rows through SQLAlchemy Core, so one small set of edit kinds
serves every table the information model has now or gains later, and undo is
tested without Qt. An edit names its table by the model's class (``SetValues(Element,
…)``); it keeps the table's name, so that edits stay plain data.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import Connection, Table, select

from bigdesk.domain.errors import EditRejectedError
from bigdesk.model import Base

# -- a column of this name orders its table's rows; changing it reorders, not just updates
ORDER_COLUMN = "position"
# -- a table of the information model: its mapped class, or its name
TableRef: TypeAlias = "type[Base] | str"


def table_name(table: TableRef) -> str:
    """Return the name of the table ``table`` refers to."""
    return table if isinstance(table, str) else str(table.__tablename__)


@dataclass(frozen=True)
class Changes:
    """What an edit touched, so each view refreshes only what it shows."""

    # -- tables whose set or order of rows changed: views reload them
    reshaped: frozenset[str] = frozenset()
    # -- rows whose values changed in place: views repaint them
    rows: frozenset[tuple[str, int]] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.reshaped | other.reshaped, self.rows | other.rows)

    def touches(self, *tables: TableRef) -> bool:
        """Return whether anything in any of ``tables`` changed."""
        names = {table_name(t) for t in tables}
        return bool(names & self.reshaped) or any(name in names for name, _ in self.rows)

    def reshapes(self, *tables: TableRef) -> bool:
        """Return whether the set or order of rows of any of ``tables`` changed."""
        return bool({table_name(t) for t in tables} & self.reshaped)

    def rows_of(self, table: TableRef) -> list[int]:
        """Return the ids of the rows of ``table`` whose values changed in place."""
        name = table_name(table)
        return [row_id for t, row_id in self.rows if t == name]


def table_of(table: TableRef) -> Table:
    """Return the table ``table`` refers to in the information model."""
    name = table_name(table)
    try:
        return Base.metadata.tables[name]
    except KeyError:
        raise EditRejectedError(f"There is no kind of element called {name!r}.") from None


def _noun(table: Table) -> str:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return str(getattr(mapper.class_, "noun", "item"))
    return "item"


class Edit(ABC):
    """One change to a workshop file that knows how to undo itself."""

    label: str

    @abstractmethod
    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        """Make the change inside the caller's transaction; return its inverse and what changed."""


@dataclass(frozen=True)
class SetValues(Edit):
    """Set some columns of one row."""

    table: TableRef
    row_id: int
    values: Mapping[str, Any]
    label: str = "Edit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        columns = [table.c[name] for name in self.values]
        old = conn.execute(select(*columns).where(table.c.id == self.row_id)).mappings().first()
        if old is None:
            raise EditRejectedError(f"That {_noun(table)} no longer exists.")
        update = table.update().where(table.c.id == self.row_id).values(**self.values)
        if "version" in table.c:
            update = update.values(version=table.c.version + 1)
        conn.execute(update)
        inverse = SetValues(self.table, self.row_id, dict(old), self.label)
        if ORDER_COLUMN in self.values:
            return inverse, Changes(reshaped=frozenset({table.name}))
        return inverse, Changes(rows=frozenset({(table.name, self.row_id)}))


@dataclass(frozen=True)
class InsertRow(Edit):
    """Add one row; its id is chosen by the file unless given (as when undoing a delete)."""

    table: TableRef
    values: Mapping[str, Any]
    label: str = "Add"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        # -- values as parameters, not baked into the statement: the compiled insert is
        #    then cached, which makes the thousands of inserts of an import fast
        result = conn.execute(table.insert(), dict(self.values))
        row_id = self.values.get("id") or result.inserted_primary_key[0]  # type: ignore[index]
        return DeleteRow(table.name, int(row_id), self.label), Changes(
            reshaped=frozenset({table.name})
        )


@dataclass(frozen=True)
class DeleteRow(Edit):
    """Remove one row together with every row that depends on it."""

    table: TableRef
    row_id: int
    label: str = "Delete"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        doomed: list[tuple[Table, dict[str, Any]]] = []
        cleared: list[SetValues] = []
        _collect(conn, table, [self.row_id], doomed, cleared, set())
        if not doomed:
            raise EditRejectedError(f"That {_noun(table)} no longer exists.")
        changes = Changes(reshaped=frozenset(t.name for t, _ in doomed))
        restored_references: list[Edit] = []
        for clear in cleared:
            inverse, changed = clear.apply(conn)
            restored_references.append(inverse)
            changes = changes | changed
        # -- dependents first, so no reference is ever left dangling mid-transaction
        for dependent, row in reversed(doomed):
            conn.execute(dependent.delete().where(dependent.c.id == row["id"]))
        # -- undo re-creates parents before dependents, then restores cleared references
        restore: list[Edit] = [InsertRow(t.name, row, self.label) for t, row in doomed]
        restore += restored_references
        return Batch(tuple(restore), self.label), changes


def _collect(
    conn: Connection,
    table: Table,
    ids: Sequence[int],
    doomed: list[tuple[Table, dict[str, Any]]],
    cleared: list[SetValues],
    seen: set[tuple[str, int]],
) -> None:
    """Gather rows to delete, parents first, following every foreign key that points here."""
    fresh = [i for i in ids if (table.name, i) not in seen]
    if not fresh:
        return
    rows = conn.execute(select(table).where(table.c.id.in_(fresh))).mappings().all()
    for row in rows:
        seen.add((table.name, row["id"]))
        doomed.append((table, dict(row)))
    found = [row["id"] for row in rows]
    if not found:
        return
    for child in Base.metadata.sorted_tables:
        for key in child.foreign_keys:
            if key.column.table is not table:
                continue
            column = key.parent
            child_ids = conn.execute(select(child.c.id).where(column.in_(found))).scalars().all()
            if key.ondelete and key.ondelete.upper() == "SET NULL":
                # -- the dependent survives; only its reference is cleared (and restored on undo)
                cleared.extend(SetValues(child.name, cid, {column.name: None}) for cid in child_ids)
            else:
                _collect(conn, child, list(child_ids), doomed, cleared, seen)


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits made, and undone, as one."""

    edits: tuple[Edit, ...]
    label: str = "Edit"

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        inverses: list[Edit] = []
        changes = Changes()
        for edit in self.edits:
            inverse, changed = edit.apply(conn)
            inverses.append(inverse)
            changes = changes | changed
        return Batch(tuple(reversed(inverses)), self.label), changes


def reorder(table: TableRef, ids_in_order: Iterable[int], label: str) -> Batch:
    """Return the edit that gives rows of ``table`` the order ``ids_in_order``."""
    return Batch(
        tuple(SetValues(table, row_id, {ORDER_COLUMN: index}, label)
              for index, row_id in enumerate(ids_in_order)),
        label,
    )
