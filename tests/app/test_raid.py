"""The corporate RAID log: exposure, what items concern, one undo step, and its findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bigdesk.analysis.findings import run_rules
from bigdesk.analysis.raid import concerns
from bigdesk.app import room
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    AccountabilityNode,
    GovernanceBody,
    Objective,
    RaidItem,
    RaidKind,
    RaidLink,
    RaidStatus,
    Workshop,
)
from bigdesk.store import EditRejectedError, InsertRow, SetValues, create_workshop

from tests.app.test_pitch import Recorder


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Recorder]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    store.do(InsertRow(Objective, {"ref": "O1", "title": "On time", "type": Objective.__mapper__
                                   .polymorphic_identity, "position": 1}))
    store.do(InsertRow(AccountabilityNode, {"name": "Depots", "position": 1}))
    store.do(InsertRow(GovernanceBody, {"name": "Transformation Board", "position": 1}))
    yield Recorder(store)
    store.close()


def test_an_item_and_what_it_concerns_are_one_undo_step(workspace: Recorder) -> None:
    with workspace.read() as conn:
        targets = dict(room.raid_targets(conn))
    assert set(targets.values()) == {"Transformation Board", "Depots", "O1 On time"}
    item = room.save_raid_item(workspace, None, {
        "kind": RaidKind.RISK, "title": "Union consultation", "probability": 4, "impact": "5",
        "response": "Brief the unions early", "review_date": dt.date(2027, 1, 8)},
        list(targets))  # fmt: skip
    with workspace.read() as conn:
        stored = conn.execute(select(RaidItem.probability, RaidItem.impact)).one()
        assert tuple(stored) == (4, 5)
        assert sorted(concerns(conn)[item]) == ["Depots", "O1 On time", "Transformation Board"]
    assert len(workspace.undo) == 1
    # -- changing what it concerns adds and removes links in one step
    room.save_raid_item(workspace, item, {"impact": 3}, [(AccountabilityNode, 1)])
    with workspace.read() as conn:
        assert concerns(conn)[item] == ["Depots"]
        assert conn.execute(select(RaidItem.impact)).scalar_one() == 3
    workspace.undo_last()
    with workspace.read() as conn:
        assert len(concerns(conn)[item]) == 3
    workspace.undo_last()
    with workspace.read() as conn:
        assert conn.execute(select(RaidLink.id)).first() is None


@pytest.mark.parametrize(("values", "message"), [
    ({"probability": 6}, "5"), ({"impact": 0}, "1"), ({"probability": 2.5}, "whole"),
    ({"title": "x" * 201}, "200"),
])  # fmt: skip
def test_grades_outside_the_grid_are_refused(workspace: Recorder, values: dict[str, object],
                                             message: str) -> None:
    with pytest.raises(EditRejectedError, match=message):
        room.save_raid_item(workspace, None, {"kind": RaidKind.RISK, "title": "R", **values})
    assert workspace.undo == []


def test_findings_cover_exposed_risks_and_overdue_actions(workspace: Recorder) -> None:
    with workspace.read() as conn:
        workshop = conn.execute(select(Workshop.id)).scalar_one()
    workspace.store.do(SetValues(Workshop, workshop, {"session_date": dt.date(2026, 12, 3)}))
    bare = room.save_raid_item(workspace, None, {
        "kind": RaidKind.RISK, "title": "Budget freeze", "probability": 5, "impact": 3})
    room.save_raid_item(workspace, None, {
        "kind": RaidKind.RISK, "title": "Minor", "probability": 2, "impact": 2})
    room.save_raid_item(workspace, None, {
        "kind": RaidKind.RISK, "title": "Handled", "probability": 5, "impact": 5,
        "response": "Hedge", "owner_id": None, "status": RaidStatus.CLOSED})
    late = room.save_raid_item(workspace, None, {
        "kind": RaidKind.ACTION, "title": "Book the board", "due_date": dt.date(2026, 12, 1)})
    room.save_raid_item(workspace, None, {
        "kind": RaidKind.ACTION, "title": "Later", "due_date": dt.date(2026, 12, 10)})
    with workspace.read() as conn:
        found = {(f.code, f.element) for f in run_rules(conn)
                 if f.code in ("risk-unmitigated", "risk-unowned", "action-overdue")}
    assert found == {("risk-unmitigated", f"raid_item:{bare}"),
                     ("risk-unowned", f"raid_item:{bare}"),
                     ("action-overdue", f"raid_item:{late}")}
