"""The step list: where each step stands and what it has to look at, kept live."""

from __future__ import annotations

from pathlib import Path

from bigdesk.app import cascade
from bigdesk.domain.steps import STEP_KEYS
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType
from bigdesk.store import create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.step_list import StepList


def _status(steps: StepList, key: str) -> str:
    return steps.item(STEP_KEYS.index(key)).text().partition("\n")[2]


def _open_blank(window: MainWindow, tmp_path: Path) -> StepList:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    assert window.open_path(path)
    assert window.workspace is not None
    return window.workspace.steps


def test_a_new_workshop_shows_every_step_not_started(window: MainWindow,
                                                     tmp_path: Path) -> None:
    steps = _open_blank(window, tmp_path)
    shown = [_status(steps, key) for key in STEP_KEYS]
    assert shown == ["Not started"] * (len(STEP_KEYS) - 1) + [""]


def test_the_list_follows_edits_undo_and_findings(window: MainWindow, tmp_path: Path) -> None:
    steps = _open_blank(window, tmp_path)
    document = window.document
    assert document is not None
    purpose = cascade.add_element(document, ElementType.PURPOSE, title="Grow")
    steps.catch_up()
    assert _status(steps, "map").startswith("Started")
    cascade.add_element(document, ElementType.OBJECTIVE, parent_id=purpose, title="Win")
    steps.catch_up()
    # -- linked, so the map is done; the objective without a key result is one to look at
    status = _status(steps, "map")
    assert status.startswith("Done · ") and status.endswith(" to look at"), status
    assert steps.counts["map"] >= 1
    document.undo_stack.undo()
    document.undo_stack.undo()
    steps.catch_up()
    assert _status(steps, "map") == "Not started"
    assert steps.counts["map"] == 0


def test_the_sample_shows_its_findings_by_step(window: MainWindow, sample_path: Path) -> None:
    assert window.open_path(sample_path)
    assert window.workspace is not None
    steps = window.workspace.steps
    assert "Not started" not in {_status(steps, key) for key in STEP_KEYS}
    assert steps.item(STEP_KEYS.index("map")).text().startswith("Map\n")
