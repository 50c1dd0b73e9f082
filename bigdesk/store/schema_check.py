"""Tell whether a file holds exactly the schema BIG Desk creates, and nothing else.

A file from someone else may carry triggers that run on every edit, views that
stand in for tables, or lack a table the exports read. Tables, columns, indexes
and foreign keys are compared with those ``create_schema`` makes, the way
``tests/store/test_schema.py`` compares a created file with a migrated one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.pool import StaticPool

# -- the kinds of schema object BIG Desk never creates: each runs code of its own
#    whenever the tables it names are read or changed
FOREIGN_KINDS = ("trigger", "view")


@dataclass(frozen=True)
class TableShape:
    """What matters about one table: its columns, foreign keys and indexes."""

    # -- name -> (declared type, not null, place in the primary key)
    columns: dict[str, tuple[str, bool, int]]
    foreign_keys: frozenset[tuple[str, str, str, str]]
    # -- SQLite names its automatic indexes by their order in the table's SQL, which a
    #    migration may change: they are compared by what they cover, not by name
    indexes: frozenset[tuple[str | None, bool, tuple[str, ...]]]


Schema = dict[str, TableShape]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_shape(conn: Connection, table: str) -> TableShape:
    columns = {
        str(name): (" ".join(str(kind).upper().split()), bool(notnull), int(pk))
        for _, name, kind, notnull, _, pk, *_ in conn.exec_driver_sql(
            f"PRAGMA table_xinfo({_quoted(table)})"
        )
    }
    foreign_keys = frozenset(
        (str(source), str(target), str(column), str(on_delete))
        for _, _, target, source, column, _, on_delete, _ in conn.exec_driver_sql(
            f"PRAGMA foreign_key_list({_quoted(table)})"
        )
    )
    indexes = set()
    for _, name, unique, origin, *_ in conn.exec_driver_sql(
        f"PRAGMA index_list({_quoted(table)})"
    ):
        covered = tuple(
            str(row[2])
            for row in conn.exec_driver_sql(f"PRAGMA index_info({_quoted(str(name))})")
        )
        indexes.add((str(name) if origin == "c" else None, bool(unique), covered))
    return TableShape(columns, foreign_keys, frozenset(indexes))


def foreign_object(conn: Connection) -> str | None:
    """Describe the first trigger or view in the file (BIG Desk creates none), if any."""
    kinds = ", ".join(f"'{kind}'" for kind in FOREIGN_KINDS)
    row = conn.exec_driver_sql(
        f"SELECT type, name FROM sqlite_master WHERE type IN ({kinds}) ORDER BY type, name"
    ).first()
    return None if row is None else f"holds a {row[0]} “{row[1]}” that BIG Desk does not create"


def read_schema(conn: Connection) -> tuple[Schema, list[tuple[str, str]]]:
    """Return the tables of the file on ``conn`` and every other object as (kind, name)."""
    tables: Schema = {}
    others = []
    for kind, name in conn.exec_driver_sql(
        "SELECT type, name FROM sqlite_master ORDER BY type, name"
    ).all():
        if kind == "table":
            tables[str(name)] = _table_shape(conn, str(name))
        elif kind != "index":
            others.append((str(kind), str(name)))
    return tables, others


@cache
def expected_schema() -> Schema:
    """Return the tables a newly created workshop has."""
    from bigdesk.store.schema import create_schema

    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    try:
        with engine.begin() as conn:
            create_schema(conn)
            tables, _ = read_schema(conn)
    finally:
        engine.dispose()
        memory.close()
    return tables


def schema_difference(conn: Connection) -> str | None:
    """Describe the first way the file's schema differs from BIG Desk's, or None."""
    tables, others = read_schema(conn)
    if others:
        kind, name = others[0]
        return f"holds a {kind} “{name}” that BIG Desk does not create"
    expected = expected_schema()
    for name in sorted(expected.keys() - tables.keys()):
        return f"lacks the table “{name}”"
    for name in sorted(tables.keys() - expected.keys()):
        return f"holds a table “{name}” that BIG Desk does not create"
    for name, want in sorted(expected.items()):
        have = tables[name]
        for column in sorted(want.columns.keys() - have.columns.keys()):
            return f"lacks the column “{column}” of the table “{name}”"
        for column in sorted(have.columns.keys() - want.columns.keys()):
            return f"holds a column “{column}” in the table “{name}” that BIG Desk does not create"
        for column, shape in sorted(want.columns.items()):
            if have.columns[column] != shape:
                return f"has the column “{column}” of the table “{name}” changed"
        if have.foreign_keys != want.foreign_keys:
            return f"has the links of the table “{name}” to other tables changed"
        if have.indexes != want.indexes:
            return f"has the indexes of the table “{name}” changed"
    return None
