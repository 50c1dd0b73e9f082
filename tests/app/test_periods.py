"""Reporting periods given by name: a new name adds the period in the same undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bigdesk.app import cascade, periods
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType
from bigdesk.store import Edit, EditRejectedError, WorkshopStore, create_workshop


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


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Recorder]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    yield Recorder(store)
    store.close()


def period_of(workspace: Recorder, element_id: int) -> str | None:
    with workspace.read() as conn:
        row = cascade.element(conn, element_id)
        names = {p.id: p.name for p in periods.periods(conn)}
    assert row is not None
    return None if row.period_id is None else names[row.period_id]


def names(workspace: Recorder) -> list[str]:
    with workspace.read() as conn:
        return [p.name for p in periods.periods(conn)]


def test_a_new_name_adds_the_period_and_sets_it_in_one_edit(workspace: Recorder) -> None:
    first = cascade.add_element(workspace, ElementType.OBJECTIVE, title="On time")
    second = cascade.add_element(workspace, ElementType.OBJECTIVE, title="Greener")
    edits = len(workspace.undo)
    assert periods.set_period_named(workspace, [first, second], "  FY27   Q1 ")
    assert len(workspace.undo) == edits + 1
    assert names(workspace) == ["FY27 Q1"]
    assert period_of(workspace, first) == period_of(workspace, second) == "FY27 Q1"
    workspace.store.do(workspace.undo.pop())
    assert names(workspace) == []
    assert period_of(workspace, first) is None


def test_a_known_name_is_reused_whatever_its_case_and_empty_clears(workspace: Recorder) -> None:
    element = cascade.add_element(workspace, ElementType.OBJECTIVE, title="On time")
    periods.set_period_named(workspace, [element], "FY27Q1")
    other = cascade.add_element(workspace, ElementType.OBJECTIVE, title="Greener")
    assert periods.set_period_named(workspace, [other], "fy27q1")
    assert names(workspace) == ["FY27Q1"]
    assert period_of(workspace, other) == "FY27Q1"
    assert not periods.set_period_named(workspace, [other], "FY27Q1")
    assert periods.set_period_named(workspace, [other], "")
    assert period_of(workspace, other) is None
    assert names(workspace) == ["FY27Q1"]


def test_a_name_too_long_or_a_missing_element_writes_nothing(workspace: Recorder) -> None:
    element = cascade.add_element(workspace, ElementType.OBJECTIVE, title="On time")
    edits = len(workspace.undo)
    with pytest.raises(EditRejectedError, match="50 characters"):
        periods.set_period_named(workspace, [element], "Q" * 51)
    with pytest.raises(EditRejectedError, match="no longer exists"):
        periods.set_period_named(workspace, [element, element + 99], "FY27Q1")
    assert len(workspace.undo) == edits
    assert names(workspace) == []
