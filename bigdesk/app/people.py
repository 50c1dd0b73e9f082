"""Services for the people in the room: join from a device by name, merge two names into one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, select

from bigdesk.app.prepare import PEOPLE
from bigdesk.model import Base, Person, PersonKind
from bigdesk.store import Batch, DeleteRow, Edit, SetValues, Workspace, fetch_one
from bigdesk.store.errors import EditRejectedError

# -- what a merge copies from the merged person where the kept one has nothing
_DETAILS = ("role", "organisation_unit", "influence", "interest", "concerns")


def participant_named(conn: Connection, name: str) -> int | None:
    """Return the id of the participant called ``name`` (ignoring case and spacing), if any."""
    wanted = " ".join(name.split()).casefold()
    rows = conn.execute(select(Person.id, Person.name)
                        .where(Person.kind == PersonKind.PARTICIPANT)
                        .order_by(Person.position, Person.id))  # fmt: skip
    return next((pid for pid, known in rows if " ".join(known.split()).casefold() == wanted),
                None)


def join_participant(workspace: Workspace, name: str) -> int:
    """Return the participant called ``name``, adding them first if there is none.

    An empty name (anonymous mode) always adds a new participant, shown as P1, P2, ….
    """
    name = PEOPLE.field("name").clean(name)
    if name:
        with workspace.read() as conn:
            found = participant_named(conn, name)
        if found is not None:
            return found
    return PEOPLE.add(workspace, {"kind": PersonKind.PARTICIPANT, "name": name},
                      "Join from a device")


def _person_references() -> list[tuple[Table, str, list[list[str]]]]:
    """Return each table and column that refers to a person, with its unique column sets."""
    found = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is not Person.__table__:
                continue
            column = key.parent.name
            uniques = [[c.name for c in constraint.columns] for constraint in table.constraints
                       if isinstance(constraint, UniqueConstraint)
                       and column in constraint.columns]  # fmt: skip
            found.append((table, column, uniques))
    return found


def merge_people(workspace: Workspace, keep_id: int, merged_id: int) -> None:
    """Merge one person into another, as one undoable edit.

    Everything that names the merged person (scores, dots, poll answers, seats at a
    table, ownership) passes to the one kept; where both gave an answer to the same
    thing, the kept person's stands. Details the kept person lacks are taken over.
    """
    if keep_id == merged_id:
        raise EditRejectedError("Choose two different people to merge.")
    label = "Merge people"
    with workspace.read() as conn:
        keep, merged = fetch_one(conn, Person, keep_id), fetch_one(conn, Person, merged_id)
        if keep is None or merged is None:
            raise EditRejectedError("One of the people to merge no longer exists.")
        edits: list[Edit] = []
        for table, column, uniques in _person_references():
            for row in conn.execute(select(table).where(table.c[column] == merged_id)).mappings():
                # -- a row the kept person already has the like of goes with the merged
                #    person, whose removal below takes it along
                if not any(_taken(conn, table, column, keep_id, row, names) for names in uniques):
                    edits.append(SetValues(table.name, row["id"], {column: keep_id}, label))
    details = {name: getattr(merged, name) for name in _DETAILS
               if getattr(keep, name) in (None, "") and getattr(merged, name) not in (None, "")}
    if details:
        edits.append(SetValues(Person, keep_id, details, label))
    edits.append(DeleteRow(Person, merged_id, label))
    workspace.do(Batch(tuple(edits), label))


def _taken(conn: Connection, table: Table, column: str, keep_id: int, row: Any,
           names: list[str]) -> bool:
    """Return whether the kept person already holds the row's place under one unique rule."""
    where = [table.c[name] == (keep_id if name == column else row[name]) for name in names]
    return conn.execute(select(table.c.id).where(*where)).first() is not None
