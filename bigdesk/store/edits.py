"""Edits as data: each one changes the file and returns the edit that undoes it.

Edits work on table rows through SQLAlchemy Core, so one small set of edit kinds
serves every table the information model has now or gains later, and undo is
tested without Qt. An edit names its table by the model's class (``SetValues(Element,
…)``); it keeps the table's name, so that edits stay plain data.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import Connection, Table, bindparam, select

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
class InsertRows(Edit):
    """Add many rows of one table in one statement, each giving its id and the same columns.

    An import of thousands of rows is one of these: inserting them one by one would
    cost a statement each.
    """

    table: TableRef
    rows: tuple[Mapping[str, Any], ...]
    label: str = "Add"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        if self.rows:
            conn.execute(table.insert(), [dict(row) for row in self.rows])
        return DeleteRows(table.name, tuple(int(row["id"]) for row in self.rows),
                          self.label), Changes(reshaped=frozenset({table.name}))


@dataclass(frozen=True)
class SetRows(Edit):
    """Set columns of many rows of one table: (row id, values) each."""

    table: TableRef
    rows: tuple[tuple[int, Mapping[str, Any]], ...]
    label: str = "Edit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        groups: dict[tuple[str, ...], list[tuple[int, Mapping[str, Any]]]] = {}
        for row_id, values in self.rows:
            groups.setdefault(tuple(values), []).append((row_id, values))
        inverse: list[tuple[int, Mapping[str, Any]]] = []
        for keys, rows in groups.items():
            old: dict[int, dict[str, Any]] = {}
            for chunk in _chunks([row_id for row_id, _ in rows]):
                for found in conn.execute(select(table.c.id, *(table.c[k] for k in keys))
                                          .where(table.c.id.in_(chunk))).mappings():
                    old[found["id"]] = {k: found[k] for k in keys}
            gone = [row_id for row_id, _ in rows if row_id not in old]
            if gone:
                raise EditRejectedError(f"That {_noun(table)} no longer exists.")
            # -- one statement, run once per row with bound values
            update = table.update().where(table.c.id == bindparam("row_id_")).values(
                {k: bindparam(k) for k in keys})
            if "version" in table.c:
                update = update.values(version=table.c.version + 1)
            conn.execute(update, [{"row_id_": row_id, **values} for row_id, values in rows])
            inverse += [(row_id, old[row_id]) for row_id, _ in rows]
        ordered = any(ORDER_COLUMN in keys for keys in groups)
        changes = Changes(reshaped=frozenset({table.name})) if ordered else Changes(
            rows=frozenset((table.name, row_id) for row_id, _ in self.rows))
        return SetRows(table.name, tuple(inverse), self.label), changes


def _chunks(ids: Sequence[int], size: int = 10_000) -> Iterator[Sequence[int]]:
    # -- SQLite takes at most 32,766 bound values in one statement
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


@dataclass(frozen=True)
class DeleteRows(Edit):
    """Remove rows together with every row that depends on them."""

    table: TableRef
    row_ids: tuple[int, ...]
    label: str = "Delete"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        table = table_of(self.table)
        doomed: list[tuple[Table, dict[str, Any]]] = []
        cleared: list[SetValues] = []
        seen: set[tuple[str, int]] = set()
        for chunk in _chunks(self.row_ids):
            _collect(conn, table, chunk, doomed, cleared, seen)
        if not doomed:
            raise EditRejectedError(f"That {_noun(table)} no longer exists.")
        changes = Changes(reshaped=frozenset(t.name for t, _ in doomed))
        restored_references: list[Edit] = []
        for clear in cleared:
            inverse, changed = clear.apply(conn)
            restored_references.append(inverse)
            changes = changes | changed
        runs = _runs(doomed)
        # -- dependents first, so no reference is ever left dangling mid-transaction
        for dependent, rows in reversed(runs):
            conn.execute(dependent.delete().where(dependent.c.id == bindparam("row_id_")),
                         [{"row_id_": row["id"]} for row in reversed(rows)])
        # -- undo re-creates parents before dependents, then restores cleared references
        restore: list[Edit] = [InsertRow(t.name, rows[0], self.label) if len(rows) == 1
                               else InsertRows(t.name, tuple(rows), self.label)
                               for t, rows in runs]
        restore += restored_references
        return Batch(tuple(restore), self.label), changes


def _runs(doomed: Sequence[tuple[Table, dict[str, Any]]]
          ) -> list[tuple[Table, list[dict[str, Any]]]]:  # fmt: skip
    """Group rows in order into runs of the same table, keeping parents before dependents."""
    runs: list[tuple[Table, list[dict[str, Any]]]] = []
    for table, row in doomed:
        if runs and runs[-1][0] is table:
            runs[-1][1].append(row)
        else:
            runs.append((table, [row]))
    return runs


@dataclass(frozen=True)
class DeleteRow(Edit):
    """Remove one row together with every row that depends on it."""

    table: TableRef
    row_id: int
    label: str = "Delete"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", table_name(self.table))

    def apply(self, conn: Connection) -> tuple[Edit, Changes]:
        return DeleteRows(self.table, (self.row_id,), self.label).apply(conn)


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
