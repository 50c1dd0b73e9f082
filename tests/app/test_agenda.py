"""The step an agenda block opens: clearing it means the block opens none."""

from __future__ import annotations

from pathlib import Path

from bigdesk.app import prepare
from bigdesk.domain.steps import NO_STEP

from tests.generated import build


def test_clearing_the_step_an_agenda_block_opens_leaves_it_opening_none(
        tmp_path: Path) -> None:
    store = build((), tmp_path / "workshop.bigdesk")
    try:
        block = prepare.add_agenda_item(store)
        assert prepare.AGENDA.set_value(store, block, "step", "map")
        assert prepare.AGENDA.set_value(store, block, "step", "")
        with store.read() as conn:
            (row,) = prepare.AGENDA.rows(conn)
    finally:
        store.close()
    assert row.step == NO_STEP
