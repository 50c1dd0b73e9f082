"""Random edits, undos and reopens: the file always matches a simple in-memory model."""

from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import Connection, insert

from bigdesk.exchange.sample import populate_blank
from bigdesk.model import AgendaItem, Note, Person, PersonKind
from bigdesk.store import (
    DeleteRow,
    Edit,
    InsertRow,
    SetValues,
    WorkshopStore,
    create_workshop,
    open_workshop,
)

from tests.store.content import content

# -- any Unicode that SQLite can store as UTF-8, the NUL character included
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SCORE = st.none() | st.integers(1, 5)

VALUES = {
    "person": st.fixed_dictionaries(
        {},
        optional={
            "name": TEXT, "role": TEXT, "concerns": TEXT, "kind": st.sampled_from(PersonKind),
            "influence": SCORE, "interest": SCORE, "position": st.integers(0, 50),
        },
    ),
    "agenda_item": st.fixed_dictionaries(
        {},
        optional={
            "title": TEXT, "description": TEXT, "duration_minutes": st.integers(0, 1440),
            "position": st.integers(0, 50),
        },
    ),
    "note": st.fixed_dictionaries(
        {}, optional={"text": TEXT, "private": st.booleans(), "position": st.integers(0, 50)}
    ),
}  # fmt: skip
TABLES = st.sampled_from(sorted(VALUES))


def _populate(conn: Connection) -> None:
    # -- a few rows of each kind; the full sample is slow to build for every example
    populate_blank(conn)
    conn.execute(insert(Person), [{"name": f"Person {i}", "position": i} for i in range(3)])
    conn.execute(insert(AgendaItem), [{"title": f"Item {i}", "position": i} for i in range(3)])
    conn.execute(insert(Note), [{"text": f"Note {i}", "position": i} for i in range(2)])


@dataclass
class Done:
    """An edit made, its inverse, and the model as it was before the edit."""

    kind: str
    table: str
    row_id: int
    inverse: Edit
    before: dict[str, dict[int, dict[str, Any]]]


class WorkshopMachine(RuleBasedStateMachine):
    """Edit a real workshop file and a dict side by side, and compare them."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="bigdesk-stateful-"))
        self.path = self.folder / "w.bigdesk"
        self.store: WorkshopStore = create_workshop(self.path, _populate)
        self.model = {t: rows for t, rows in content(self.store).items() if t in VALUES}
        self.done: list[Done] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _defaults(self, table: str) -> dict[str, Any]:
        return {
            "person": {"position": 0, "name": "", "kind": PersonKind.PARTICIPANT, "role": "",
                       "organisation_unit": "", "influence": None, "interest": None,
                       "concerns": ""},
            "agenda_item": {"position": 0, "title": "", "duration_minutes": 15,
                            "description": "", "step": "none", "question": "",
                            "actual_seconds": None},
            "note": {"position": 0, "text": "", "private": True, "created_at": None},
        }[table]  # fmt: skip

    @rule(table=TABLES, data=st.data())
    def set_values(self, table: str, data: st.DataObject) -> None:
        if not self.model[table]:
            return
        row_id = data.draw(st.sampled_from(sorted(self.model[table])), label="row")
        values = data.draw(VALUES[table], label="values")
        if not values:
            return
        before = copy.deepcopy(self.model)
        inverse, _ = self.store.apply(SetValues(table, row_id, values))
        row = self.model[table][row_id]
        row.update(values)
        row["version"] += 1
        self.done.append(Done("set", table, row_id, inverse, before))

    @rule(table=TABLES, data=st.data())
    def insert(self, table: str, data: st.DataObject) -> None:
        values = data.draw(VALUES[table], label="values")
        before = copy.deepcopy(self.model)
        inverse, _ = self.store.apply(InsertRow(table, values))
        assert isinstance(inverse, DeleteRow)
        assert inverse.row_id not in self.model[table]
        self.model[table][inverse.row_id] = {
            **self._defaults(table), **values, "id": inverse.row_id, "version": 1,
        }  # fmt: skip
        self.done.append(Done("insert", table, inverse.row_id, inverse, before))

    @rule(table=TABLES, data=st.data())
    def delete(self, table: str, data: st.DataObject) -> None:
        if not self.model[table]:
            return
        row_id = data.draw(st.sampled_from(sorted(self.model[table])), label="row")
        before = copy.deepcopy(self.model)
        inverse, _ = self.store.apply(DeleteRow(table, row_id))
        del self.model[table][row_id]
        self.done.append(Done("delete", table, row_id, inverse, before))

    @precondition(lambda self: bool(self.done))
    @rule()
    def undo(self) -> None:
        last = self.done.pop()
        self.store.apply(last.inverse)
        if last.kind == "set":
            # -- values return; the version counter moves on once more
            version = self.model[last.table][last.row_id]["version"]
            self.model[last.table][last.row_id] = last.before[last.table][last.row_id]
            self.model[last.table][last.row_id]["version"] = version + 1
        elif last.kind == "insert":
            del self.model[last.table][last.row_id]
        else:
            self.model[last.table][last.row_id] = last.before[last.table][last.row_id]

    @rule(read_only=st.booleans())
    def reopen(self, read_only: bool) -> None:
        self.store.close()
        if read_only:
            # -- what a second window or ``bigdesk check`` sees, then back to editing
            reader = open_workshop(self.path, read_only=True)
            try:
                self._compare(reader)
            finally:
                reader.close()
        self.store = open_workshop(self.path)

    def _compare(self, store: WorkshopStore) -> None:
        actual = {t: rows for t, rows in content(store).items() if t in VALUES}
        assert actual == self.model

    @invariant()
    def file_matches_model(self) -> None:
        self._compare(self.store)


WorkshopMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestWorkshopMachine = WorkshopMachine.TestCase
