"""Edits as data: each one changes the file, and its inverse puts it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bigdesk.model import PersonKind
from bigdesk.store import (
    Batch,
    DeleteRow,
    DeleteRows,
    EditRejectedError,
    InsertRow,
    InsertRows,
    SetRows,
    SetValues,
    WorkshopStore,
    open_workshop,
    reorder,
)

from tests.store.content import content


def _person(store: WorkshopStore, row_id: int) -> dict[str, object]:
    return content(store, ("person",))["person"][row_id]


def test_set_values_and_its_inverse(store: WorkshopStore) -> None:
    before = _person(store, 2)
    inverse, changes = store.apply(
        SetValues("person", 2, {"role": "COO", "influence": 3}, "Edit role")
    )
    after = _person(store, 2)
    assert after["role"] == "COO" and after["influence"] == 3
    assert after["version"] == before["version"] + 1
    assert changes.rows == {("person", 2)} and not changes.reshaped
    assert changes.touches("person") and not changes.touches("note")
    assert inverse == SetValues(
        "person", 2, {"role": before["role"], "influence": before["influence"]}, "Edit role"
    )

    store.apply(inverse)
    undone = _person(store, 2)
    # -- every value is back; the version counter still moves forward, so a later
    #    shared mode can tell that the row was touched
    assert {k: v for k, v in undone.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }
    assert undone["version"] == before["version"] + 2


def test_setting_the_order_column_reshapes_the_table(store: WorkshopStore) -> None:
    _, changes = store.apply(SetValues("agenda_item", 1, {"position": 99}))
    assert changes.reshaped == {"agenda_item"}


def test_insert_then_undo_deletes_the_row(store: WorkshopStore) -> None:
    before = content(store)
    values = {"name": "Nadia Petrov", "kind": PersonKind.STAKEHOLDER, "position": 9}
    inverse, changes = store.apply(InsertRow("person", values))
    assert changes.reshaped == {"person"}
    assert isinstance(inverse, DeleteRow)
    added = _person(store, inverse.row_id)
    assert added["name"] == "Nadia Petrov" and added["kind"] is PersonKind.STAKEHOLDER
    # -- defaults from the model fill what the edit left out
    assert added["version"] == 1 and added["role"] == "" and added["influence"] is None
    store.apply(inverse)
    assert content(store) == before


def test_delete_then_undo_restores_the_exact_row(store: WorkshopStore, sample_path: Path) -> None:
    store.apply(SetValues("note", 3, {"text": "Edited before deletion"}))
    before = content(store)
    inverse, changes = store.apply(DeleteRow("note", 3, "Delete note"))
    assert 3 not in content(store)["note"]
    assert changes.reshaped == {"note"}
    # -- the undo survives closing and reopening the file
    store.close()
    reopened = open_workshop(sample_path)
    try:
        reopened.apply(inverse)
        assert content(reopened) == before
        assert content(reopened)["note"][3]["version"] == 2
    finally:
        reopened.close()


def test_delete_of_a_missing_row_is_rejected(store: WorkshopStore) -> None:
    before = content(store)
    with pytest.raises(EditRejectedError, match="That note no longer exists"):
        store.apply(DeleteRow("note", 999))
    with pytest.raises(EditRejectedError, match="That person no longer exists"):
        store.apply(SetValues("person", 999, {"name": "Ghost"}))
    with pytest.raises(EditRejectedError, match="no kind of element called 'ghost'"):
        store.apply(SetValues("ghost", 1, {"name": "Ghost"}))
    assert content(store) == before


def test_a_rejected_step_rolls_back_the_whole_batch(store: WorkshopStore) -> None:
    before = content(store)
    batch = Batch((SetValues("person", 1, {"name": "Half"}), DeleteRow("person", 999)))
    with pytest.raises(EditRejectedError):
        store.apply(batch)
    assert content(store) == before


def test_a_constraint_violation_changes_nothing(store: WorkshopStore) -> None:
    from sqlalchemy.exc import IntegrityError

    before = content(store)
    with pytest.raises(IntegrityError):
        store.apply(SetValues("person", 1, {"influence": 9}))
    with pytest.raises(IntegrityError):
        store.apply(InsertRow("agenda_item", {"title": "Too long", "duration_minutes": 5000}))
    assert content(store) == before


def test_batch_and_its_inverse(store: WorkshopStore) -> None:
    before = content(store)
    created = dt.datetime(2026, 12, 3, 14, 5)
    batch = Batch(
        (
            InsertRow("note", {"id": 50, "text": "Sponsor left early", "created_at": created}),
            SetValues("workshop", 1, {"anonymous": True}),
            DeleteRow("agenda_item", 4),
        ),
        "Several",
    )
    inverse, changes = store.apply(batch)
    assert changes.reshaped == {"note", "agenda_item"}
    assert changes.rows == {("workshop", 1)}
    after = content(store)
    assert after["note"][50]["created_at"] == created
    assert after["workshop"][1]["anonymous"] is True
    assert 4 not in after["agenda_item"]
    assert isinstance(inverse, Batch) and inverse.label == "Several"

    store.apply(inverse)
    undone = content(store)
    undone["workshop"][1].pop("version")
    before["workshop"][1].pop("version")
    assert undone == before


def test_reorder_and_undo(store: WorkshopStore) -> None:
    agenda = content(store, ("agenda_item",))["agenda_item"]
    ids = sorted(agenda, key=lambda i: agenda[i]["position"])
    wanted = list(reversed(ids))
    inverse, changes = store.apply(reorder("agenda_item", wanted, "Reverse agenda"))
    assert changes.reshaped == {"agenda_item"}
    after = content(store, ("agenda_item",))["agenda_item"]
    assert sorted(after, key=lambda i: after[i]["position"]) == wanted
    store.apply(inverse)
    undone = content(store, ("agenda_item",))["agenda_item"]
    assert {i: r["position"] for i, r in undone.items()} == {
        i: r["position"] for i, r in agenda.items()
    }


def _unversioned(tables: dict[str, Any]) -> dict[str, Any]:
    return {name: {i: {k: v for k, v in row.items() if k != "version"} for i, row in rows.items()}
            for name, rows in tables.items()}


def test_bulk_edits_and_their_inverses(store: WorkshopStore) -> None:
    tables = ("person", "element")
    before = content(store, tables)
    rows = tuple({"id": 900 + n, "name": f"Guest {n}", "kind": PersonKind.STAKEHOLDER,
                  "position": 90 + n} for n in range(3))
    undo_insert = store.do(InsertRows("person", rows, "Add guests"))
    assert {900, 901, 902} <= set(content(store, ("person",))["person"])
    undo_set = store.do(SetRows("person", ((900, {"role": "Board"}), (901, {"role": "Audit"}),
                                           (2, {"concerns": "Time"})), "Roles"))
    people = content(store, ("person",))["person"]
    assert (people[900]["role"], people[901]["role"], people[2]["concerns"]) == (
        "Board", "Audit", "Time")
    store.do(undo_set)
    store.do(undo_insert)
    # -- every value is back; the version counter of a row set twice moves forward
    after = content(store, tables)
    assert after["element"] == before["element"]
    assert {k: v for k, v in after["person"][2].items() if k != "version"} == {
        k: v for k, v in before["person"][2].items() if k != "version"}
    assert after["person"][2]["version"] == before["person"][2]["version"] + 2
    before = after
    # -- deleting several rows takes what depends on them, and undo brings all back
    undo_delete = store.do(DeleteRows("person", (2, 3), "Remove two"))
    assert 2 not in content(store, ("person",))["person"]
    store.do(undo_delete)
    # -- the owners the delete cleared are set back, which counts as a change of version
    assert _unversioned(content(store, tables)) == _unversioned(before)
    with pytest.raises(EditRejectedError):
        store.do(SetRows("person", ((99_999, {"role": "x"}),), "Gone"))
