"""The sponsor pitch and mandate: each edit checked, one undo step, defaults started in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bigdesk.analysis.mandate import (
    governance_bodies,
    mandate,
    next_steps,
    support_services,
    the_ask,
)
from bigdesk.analysis.room import sponsor_pitch
from bigdesk.app import pitch, room
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    AccountabilityNode,
    Cadence,
    NodeKind,
    Person,
    PersonKind,
    RaidKind,
    RaidStatus,
    ServiceScope,
)
from bigdesk.store import Edit, EditRejectedError, InsertRow, WorkshopStore, create_workshop


class Recorder:
    """A bare store as a workspace that keeps each edit's inverse, to undo it."""

    def __init__(self, store: WorkshopStore) -> None:
        self.store = store
        self.read_only = False
        self.read = store.read
        self.undo: list[Edit] = []

    def do(self, edit: Edit) -> Edit:
        inverse = self.store.do(edit)
        self.undo.append(inverse)
        return inverse

    def undo_last(self) -> None:
        self.store.do(self.undo.pop())


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Recorder]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    store.do(InsertRow(Person, {"name": "Ada Stone", "kind": PersonKind.PARTICIPANT,
                                "role": "COO", "concerns": "Projects miss the strategy."}))
    yield Recorder(store)
    store.close()


def test_the_first_pitch_edit_starts_the_pitch_with_the_concerns_draft(
        workspace: Recorder) -> None:
    pitch.save_pitch(workspace, "sponsor", "  Ada Stone ", "Change sponsor")
    with workspace.read() as conn:
        stored = sponsor_pitch(conn)
    assert stored is not None
    assert stored.sponsor == "Ada Stone"
    assert stored.executive_concerns == "COO: Projects miss the strategy."
    pitch.save_pitch(workspace, "business_case_due", "31/03/2027", "Change due date")
    with workspace.read() as conn:
        assert the_ask(conn).business_case_due == dt.date(2027, 3, 31)
    workspace.undo_last()
    with workspace.read() as conn:
        assert the_ask(conn).business_case_due is None
    workspace.undo_last()
    with workspace.read() as conn:
        assert sponsor_pitch(conn) is None


def test_pitch_and_mandate_refuse_what_their_fields_refuse(workspace: Recorder) -> None:
    with pytest.raises(EditRejectedError, match="not a date"):
        pitch.save_pitch(workspace, "business_case_due", "next spring", "Change due date")
    with pytest.raises(EditRejectedError, match="no part called"):
        pitch.save_pitch(workspace, "next_steps", "x", "Change")
    with pytest.raises(EditRejectedError, match="200 characters"):
        pitch.save_mandate(workspace, "reports_to", "x" * 201, "Change reports to")
    assert workspace.undo == []


def test_the_mandate_is_one_row_and_the_ask_falls_back_to_the_sponsor(
        workspace: Recorder) -> None:
    with workspace.read() as conn:
        assert mandate(conn) is None
        assert the_ask(conn).reports_to == ""
    pitch.save_pitch(workspace, "sponsor", "Ada Stone", "Change sponsor")
    with workspace.read() as conn:
        assert the_ask(conn).reports_to == "Ada Stone"
    pitch.save_mandate(workspace, "reports_to", "Chief Operating Officer", "Change reports to")
    pitch.save_mandate(workspace, "statement", "Connect strategy to delivery", "Change mandate")
    with workspace.read() as conn:
        ask = the_ask(conn)
    assert (ask.reports_to, ask.mandate) == ("Chief Operating Officer",
                                             "Connect strategy to delivery")
    assert len(workspace.undo) == 3


def test_services_start_from_the_method_in_one_undo_step(workspace: Recorder) -> None:
    with workspace.read() as conn:
        proposed = support_services(conn)
    assert len(proposed) == 8
    assert sum(s.scope is ServiceScope.NOW for s in proposed) == 4
    assert pitch.start_services(workspace) == 8
    with pytest.raises(EditRejectedError, match="recorded already"):
        pitch.start_services(workspace)
    with workspace.read() as conn:
        first = pitch.SERVICES.rows(conn)[0]
    assert pitch.SERVICES.set_value(workspace, first.id, "scope", "Later")
    with workspace.read() as conn:
        assert support_services(conn)[0].scope is ServiceScope.LATER
    with pytest.raises(EditRejectedError, match="cannot be empty"):
        pitch.SERVICES.set_value(workspace, first.id, "name", "  ")
    workspace.undo_last()
    workspace.undo_last()
    with workspace.read() as conn:
        assert pitch.SERVICES.rows(conn) == []


def test_governance_starts_from_the_bodies_mapped_in_accountability(
        workspace: Recorder) -> None:
    with workspace.read() as conn:
        # -- nothing mapped: the method's rhythm, slowest body first
        assert [b.cadence for b in governance_bodies(conn)] == [
            Cadence.QUARTERLY, Cadence.MONTHLY, Cadence.WEEKLY]
    for n, (name, cadence) in enumerate((("Programme board", Cadence.MONTHLY),
                                         ("Executive committee", Cadence.QUARTERLY))):
        workspace.store.do(InsertRow(AccountabilityNode, {
            "name": name, "kind": NodeKind.GOVERNANCE_BODY, "cadence": cadence,
            "position": n}))
    workspace.store.do(InsertRow(AccountabilityNode, {"name": "Finance",
                                                      "kind": NodeKind.DEPARTMENT}))
    assert pitch.start_governance(workspace) == 2
    with workspace.read() as conn:
        assert [(b.name, b.cadence) for b in governance_bodies(conn)] == [
            ("Executive committee", Cadence.QUARTERLY), ("Programme board", Cadence.MONTHLY)]


def test_next_steps_are_the_open_actions_soonest_first(workspace: Recorder) -> None:
    later = room.add_raid_item(workspace, RaidKind.ACTION, "Book the board",
                               due_date=dt.date(2027, 2, 1))
    room.add_raid_item(workspace, RaidKind.RISK, "Budget freeze")
    soon = room.add_raid_item(workspace, RaidKind.ACTION, "Draft the mandate",
                              due_date=dt.date(2027, 1, 5))
    undated = room.add_raid_item(workspace, RaidKind.ACTION, "Find a venue")
    done = room.add_raid_item(workspace, RaidKind.ACTION, "Send the invitations")
    room.update_raid_item(workspace, done, {"status": RaidStatus.CLOSED})
    with workspace.read() as conn:
        assert [a.id for a in next_steps(conn)] == [soon, later, undated]
