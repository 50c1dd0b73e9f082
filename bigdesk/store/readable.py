"""Tell whether every value stored in a file can be read back by BIG Desk.

SQLite keeps whatever it is given: text in a number column, a date that is no
date, a choice the model does not know, a missing value where one is required,
a link to a row that is gone. A file holding one passes SQLite's integrity check
and then breaks the views and exports that read it; it is refused on opening.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    Time,
)

from bigdesk.model import Base

# -- SQLite accepts any text in a date column; these expressions are true only for a
#    value the app can read back (a modifier makes SQLite carry 30 February over into
#    March, so such a date no longer equals itself)
_DATES = {
    Date: ("date({c}, '+0 days') = {c}", "a valid date"),
    DateTime: ("datetime(substr({c}, 1, 19), '+0 seconds') = substr({c}, 1, 19)",
               "a valid date and time"),
    Time: ("time(substr({c}, 1, 8), '+0 seconds') = substr({c}, 1, 8)", "a valid time"),
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unreadable(column: Column[object]) -> tuple[str, str]:
    """Return an SQL test true for a value of ``column`` the app cannot read, and its words."""
    c = '"' + column.name + '"'
    kind = column.type
    if isinstance(kind, Enum):
        choices = ", ".join(_literal(str(v)) for v in kind.enums)
        test, what = f"typeof({c}) <> 'text' OR {c} NOT IN ({choices})", "one of its choices"
    elif isinstance(kind, Boolean):
        test, what = f"typeof({c}) <> 'integer' OR {c} NOT IN (0, 1)", "yes or no"
    elif isinstance(kind, Integer):
        test, what = f"typeof({c}) <> 'integer'", "a whole number"
    elif isinstance(kind, Float):
        test, what = f"typeof({c}) NOT IN ('integer', 'real')", "a number"
    elif isinstance(kind, LargeBinary):
        test, what = f"typeof({c}) <> 'blob'", "bytes"
    elif type(kind) in _DATES:
        check, what = _DATES[type(kind)]
        test = f"typeof({c}) <> 'text' OR ({check.format(c=c)}) IS NOT 1"
    else:
        test, what = f"typeof({c}) <> 'text'", "text"
    if column.nullable:
        return f"({c} IS NOT NULL AND ({test}))", what
    return f"({c} IS NULL OR {test})", f"{what} (it is required)"


def first_unreadable_value(conn: Connection) -> str | None:
    """Describe the first stored value the app cannot read back, if any."""
    for table in Base.metadata.sorted_tables:
        present = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
        columns = [c for c in table.columns if c.name in present]
        if not columns:
            continue
        tests = [_unreadable(c) for c in columns]
        # -- one pass over each table: which column failed is worked out from the row
        row = conn.exec_driver_sql(
            f"SELECT rowid, {', '.join(test for test, _ in tests)} FROM \"{table.name}\" "
            f"WHERE {' OR '.join(test for test, _ in tests)} LIMIT 1"
        ).first()
        if row is not None:
            column, (_, what) = next((c, t) for c, t, hit in zip(columns, tests, row[1:],
                                                                 strict=True) if hit)  # fmt: skip
            field = column.name.replace("_", " ")
            return f"the {field} in row {row[0]} of {table.name} is not {what}"
    return None


def first_broken_link(conn: Connection) -> str | None:
    """Describe the first row that refers to a row that is not there, if any."""
    row = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if row is None:
        return None
    table, rowid, parent, _ = row
    return f"row {rowid} of {table} refers to a row of {parent} that is not there"
