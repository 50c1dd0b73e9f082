"""The record of committed edits on a server: what each touched, who made it and when.

Every edit made on a server workshop adds one row to ``bigdesk_change`` in the same
transaction, and announces it with NOTIFY, carrying the same ``Changes`` the views use.
An edit touching a row that someone else changed after this window last caught up is
refused: each row's version counter moved on without this window seeing it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, TextualSelect, bindparam, column, text

from bigdesk.domain.errors import EditRejectedError
from bigdesk.store.edits import (
    ORDER_COLUMN,
    Batch,
    Changes,
    DeleteRow,
    Edit,
    SetValues,
    table_of,
)
from bigdesk.store.server.address import quoted

LOG = "bigdesk_change"
# -- PostgreSQL drops a notification payload of 8,000 bytes or more; a larger change is
#    announced by its id alone and read from the record
PAYLOAD_LIMIT = 7900
# -- the record is for catching up and for conflicts, not an audit trail: a window that
#    has been away longer than this reloads everything
KEPT = dt.timedelta(days=2)

CREATE_LOG = f"""
CREATE TABLE {LOG} (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    session text NOT NULL,
    token text NOT NULL,
    by_person text NOT NULL,
    by_role text NOT NULL DEFAULT session_user,
    touched text[] NOT NULL,
    reshaped text[] NOT NULL,
    changed text[] NOT NULL
)"""


class EditConflictError(EditRejectedError):
    """Someone else changed a row this edit touches after this window last caught up."""


@cache
def person() -> str:
    """Return how other people see who made an edit: the user on this computer."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    return f"{user} on {socket.gethostname()}"


def channel(workshop: str) -> str:
    """Return the NOTIFY channel of one workshop."""
    return f"bigdesk:{workshop}"


def _row(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


def touched_rows(edit: Edit) -> set[str]:
    """Return the existing rows ``edit`` changes or removes, as ``table:id``."""
    if isinstance(edit, Batch):
        return set().union(*(touched_rows(e) for e in edit.edits))
    if isinstance(edit, SetValues | DeleteRow):
        return {_row(str(edit.table), edit.row_id)}
    return set()


@dataclass(frozen=True)
class Notice:
    """One committed edit as other windows hear of it."""

    id: int
    session: str
    # -- None when the payload was too large: read the record instead
    changes: Changes | None


def _changes(reshaped: Iterable[str], changed: Iterable[str]) -> Changes:
    rows = set()
    for entry in changed:
        table, _, row_id = entry.rpartition(":")
        rows.add((table, int(row_id)))
    return Changes(frozenset(reshaped), frozenset(rows))


def _texts(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of texts")
    return value


def parse_notice(payload: str) -> Notice | None:
    """Read a notification's payload; None when it is not one of ours."""
    try:
        data = json.loads(payload)
        if not isinstance(data, dict) or not isinstance(data.get("session"), str):
            return None
        changes = None
        if "reshaped" in data:
            changes = _changes(_texts(data["reshaped"]), _texts(data["changed"]))
        return Notice(int(data["id"]), data["session"], changes)
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def _conflict(clash: Any, mine: list[str]) -> str:
    """Say, in words, who changed which row this edit touches, and when."""
    row = next(entry for entry in mine if entry in clash.touched)
    table, _, _ = row.rpartition(":")
    when = clash.at.astimezone().strftime("%H:%M:%S")
    return (f"This {_noun(table)} was changed by {clash.by_person} ({clash.by_role}) at {when}, "
            "after this window last showed it, so your change was not saved. Reload to see "
            "their change, then make yours again if it is still needed.")  # fmt: skip


def _noun(table: str) -> str:
    from bigdesk.model import Base

    mapped = table_of(table)
    for mapper in Base.registry.mappers:
        if mapper.local_table is mapped:
            return str(getattr(mapper.class_, "noun", "item"))
    return "item"


_CLASH = (
    f"clash AS (SELECT by_person, by_role, at, touched FROM {LOG} WHERE id > :seen "
    "AND session <> :session AND touched && CAST(:touched AS text[]) ORDER BY id DESC LIMIT 1)")


def _announced(source: str) -> str:
    """Return the steps that record and announce an edit once ``source`` yields a row.

    The lock is taken once ``source`` has its rows (and so, for an update, its row locks)
    and is held to the commit, so that records are numbered in the order they commit: a
    window that has seen number n has seen every change before it.
    """
    return (
        f"turn AS (SELECT pg_advisory_xact_lock(hashtext(:key)) FROM {source}), "
        f"added AS (INSERT INTO {LOG} (session, token, by_person, touched, reshaped, changed) "
        "SELECT :session, :token, :person, :touched, :reshaped, :changed FROM turn "
        "RETURNING id), "
        "whole AS (SELECT id, json_build_object('id', id, 'session', CAST(:session AS text), "
        "'reshaped', CAST(:reshaped AS text[]), 'changed', CAST(:changed AS text[]))::text "
        "AS payload FROM added), "
        "notice AS (SELECT id, pg_notify(:channel, CASE WHEN octet_length(payload) < :limit "
        "THEN payload ELSE json_build_object('id', id, 'session', CAST(:session AS text))::text "
        "END) FROM whole)")


def _record_params(workshop: str, session: str, token: str, touched: list[str],
                   changes: Changes, seen: int) -> dict[str, Any]:  # fmt: skip
    return {"seen": seen, "key": f"bigdesk-record:{workshop}", "session": session,
            "token": token, "person": person(), "touched": touched,
            "reshaped": sorted(changes.reshaped),
            "changed": sorted(_row(t, r) for t, r in changes.rows),
            "channel": channel(workshop), "limit": PAYLOAD_LIMIT}  # fmt: skip


_RECORD = text(
    f"WITH {_CLASH}, "
    f"{_announced('(SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM clash)) AS free')} "
    "SELECT notice.id, clash.by_person, clash.by_role, clash.at, clash.touched "
    "FROM (SELECT 1) AS one LEFT JOIN notice ON true LEFT JOIN clash ON true")


def record(conn: Connection, workshop: str, session: str, token: str, edit: Edit,
           changes: Changes, seen: int) -> int:  # fmt: skip
    """Record an edit and announce it (at commit) unless it conflicts; return its number.

    Refused with ``EditConflictError`` when someone else changed a row it touches after
    change ``seen``. One statement, one round trip: an edit waits on the server for nothing
    else.
    """
    touched = sorted(touched_rows(edit))
    result = conn.execute(_RECORD, _record_params(workshop, session, token, touched, changes,
                                                  seen)).one()  # fmt: skip
    if result.id is None:
        raise EditConflictError(_conflict(result, touched))
    return int(result.id)


def quick(edit: Edit) -> bool:
    """Return whether ``edit`` can be made by ``set_values``: values of one row of a
    versioned table, its id and version left to BIG Desk."""
    return (isinstance(edit, SetValues) and bool(edit.values)
            and not {"id", "version"} & set(edit.values)
            and {"id", "version"} <= set(table_of(edit.table).c.keys()))  # fmt: skip


@cache
def _set_values(table: str, keys: tuple[str, ...]) -> TextualSelect:
    """Return the one statement that sets ``keys`` of a row of ``table``, records and announces it.

    The row's version, as this statement first read it, must still be there when the row
    is locked for the update: an edit committed in between (by someone this window cannot
    have seen) leaves the update with nothing to do, and the edit is refused.
    """
    columns = table_of(table).c
    name = quoted(table)
    olds = ", ".join(quoted(k) for k in keys)
    sets = ", ".join(f"{quoted(k)} = :v{n}" for n, k in enumerate(keys))
    returned = ", ".join(f"old.{quoted(k)} AS o{n}" for n, k in enumerate(keys))
    olds_returned = ", ".join(f"updated.o{n}" for n in range(len(keys)))
    statement = text(
        f"WITH old AS (SELECT id, version, {olds} FROM {name} WHERE id = :row), {_CLASH}, "
        f"updated AS (UPDATE {name} SET {sets}, version = {name}.version + 1 FROM old "
        f"WHERE {name}.id = old.id AND {name}.version = old.version "
        f"AND NOT EXISTS (SELECT 1 FROM clash) RETURNING {returned}), "
        f"{_announced('updated')} "
        "SELECT notice.id, clash.by_person, clash.by_role, clash.at, clash.touched, "
        f"EXISTS (SELECT 1 FROM old) AS found, {olds_returned} "
        "FROM (SELECT 1) AS one LEFT JOIN notice ON true LEFT JOIN clash ON true "
        "LEFT JOIN updated ON true")
    statement = statement.bindparams(
        *(bindparam(f"v{n}", type_=columns[k].type) for n, k in enumerate(keys)))
    return statement.columns(*(column(f"o{n}", columns[k].type) for n, k in enumerate(keys)))


def set_values(conn: Connection, workshop: str, session: str, token: str, edit: SetValues,
               seen: int) -> tuple[Edit, Changes]:  # fmt: skip
    """Make, record and announce ``edit`` in one statement, and so one round trip.

    Run on a connection in autocommit, the statement is its own transaction: the record's
    lock is held only while the server commits, never while an answer travels.
    """
    keys = tuple(edit.values)
    table = str(edit.table)
    changes = (Changes(reshaped=frozenset({table})) if ORDER_COLUMN in keys
               else Changes(rows=frozenset({(table, edit.row_id)})))  # fmt: skip
    touched = [_row(table, edit.row_id)]
    params = _record_params(workshop, session, token, touched, changes, seen)
    params["row"] = edit.row_id
    params.update({f"v{n}": edit.values[k] for n, k in enumerate(keys)})
    result = conn.execute(_set_values(table, keys), params).one()
    if not result.found:
        raise EditRejectedError(f"That {_noun(table)} no longer exists.")
    if result.id is None:
        if result.by_person is None:
            # -- changed after this statement began: the record of it is committed by now
            clash = conn.execute(_CLASH_NOW, {"seen": seen, "session": session,
                                              "touched": touched}).first()  # fmt: skip
        else:
            clash = result
        if clash is None:
            raise EditConflictError(
                f"This {_noun(table)} was changed by someone else just now, so your change "
                "was not saved. Reload to see their change, then make yours again if it is "
                "still needed.")  # fmt: skip
        raise EditConflictError(_conflict(clash, touched))
    old = {k: result[n + 6] for n, k in enumerate(keys)}
    return SetValues(table, edit.row_id, old, edit.label), changes


_CLASH_NOW = text(f"WITH {_CLASH} SELECT by_person, by_role, at, touched FROM clash")


def newest(conn: Connection) -> int:
    """Return the number of the newest recorded change (0 when there is none)."""
    return int(conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {LOG}")).scalar_one())


def since(conn: Connection, seen: int, session: str) -> list[tuple[int, Changes]]:
    """Return the changes other windows committed after ``seen``, oldest first."""
    rows = conn.execute(text(
        f"SELECT id, reshaped, changed FROM {LOG} WHERE id > :seen AND session <> :session "
        "ORDER BY id"), {"seen": seen, "session": session}).all()  # fmt: skip
    return [(int(r.id), _changes(r.reshaped, r.changed)) for r in rows]


def committed(conn: Connection, token: str) -> bool:
    """Return whether the edit with ``token`` was committed (its answer may have been lost)."""
    found = conn.execute(text(f"SELECT 1 FROM {LOG} WHERE token = :token"), {"token": token})
    return found.first() is not None


def forget_old(conn: Connection) -> None:
    """Drop records older than anyone needs for catching up."""
    conn.execute(text(f"DELETE FROM {LOG} WHERE at < now() - :kept"), {"kept": KEPT})
