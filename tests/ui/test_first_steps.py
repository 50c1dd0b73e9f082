"""Every step with no work says what to do first, and its one button does it (undoably)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from bigdesk.app import cascade, prepare, room
from bigdesk.domain.steps import STEPS
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import ElementType
from bigdesk.store import create_workshop, open_workshop

from bigdesk.ui.first_steps import ACTIONS, StepFrame
from bigdesk.ui.main_window import MainWindow


@pytest.fixture
def blank_path(tmp_path: Path) -> Path:
    """Return a new, empty workshop file (closed), as File ▸ New makes it."""
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    return path


def frame_of(window: MainWindow, key: str) -> StepFrame:
    """Show the step called ``key`` and return its frame."""
    assert window.workspace is not None
    window.workspace.show_step(key)
    frame = window.workspace.frame(key)
    assert window.workspace.pages.currentWidget() is frame
    return frame


def click(qtbot: Any, frame: StepFrame) -> None:
    """Click the empty state's one primary button."""
    assert frame.showing_empty_state() and frame.empty_state.button.isVisible()
    qtbot.mouseClick(frame.empty_state.button, Qt.MouseButton.LeftButton)


def count(window: MainWindow, table: str) -> int:
    assert window.document is not None
    with window.document.read() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_every_declared_action_is_one_the_window_can_do() -> None:
    declared = {key for step in STEPS for first in step.first_steps
                for key in (first.action, *(k for _, k in first.also))}
    assert declared <= ACTIONS.keys()
    # -- every step that holds work says what to do first
    assert all(step.first_steps for step in STEPS if step.tables)


def test_prepare_adds_the_first_participant_to_edit(window: MainWindow, blank_path: Path,
                                                   qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "prepare")
    assert frame.empty_state.heading.text() == "Prepare the session"
    assert frame.empty_state.button.text() == "Add the first participant"
    click(qtbot, frame)
    assert count(window, "person") == 1
    assert not frame.showing_empty_state()
    page = frame.page
    assert page.currentWidget() is page.people
    assert page.people.view.state() == page.people.view.State.EditingState
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Ada Lovelace")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # -- Qt commits a line edit's text on Return from the event loop
    qtbot.waitUntil(lambda: count(window, "person WHERE name = 'Ada Lovelace'") == 1)
    window.undo()
    window.undo()
    assert count(window, "person") == 0 and frame.showing_empty_state()
    window.redo()
    assert not frame.showing_empty_state()


def test_run_session_adds_the_first_table_group(window: MainWindow, blank_path: Path,
                                                qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "room")
    assert frame.empty_state.button.text() == "Add the first table group"
    click(qtbot, frame)
    assert count(window, "table_group") == 1
    assert frame.page.tabs.currentWidget() is frame.page.capture
    assert frame.page.capture.groups.model.rowCount() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.undo()
    assert frame.showing_empty_state()


def test_assess_starts_scoring_the_first_capability(window: MainWindow, blank_path: Path,
                                                    qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "assess")
    assert frame.empty_state.button.text() == "Score the first capability"
    click(qtbot, frame)
    grid, model = frame.page.grid, frame.page.model
    index = grid.currentIndex()
    assert index.isValid() and model.columns[index.column()].is_level
    assert model.rows[index.row()].dimension is not None
    # -- the page stays while the first score is typed
    assert not frame.showing_empty_state() and grid.hasFocus()
    qtbot.keyClick(grid, Qt.Key.Key_3)
    assert count(window, "score") + count(window, "consensus") == 1
    window.undo()
    assert frame.showing_empty_state()


def test_map_adds_the_first_purpose_to_edit(window: MainWindow, blank_path: Path,
                                            qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "map")
    assert frame.empty_state.button.text() == "Add the first purpose"
    click(qtbot, frame)
    assert count(window, "element") == 1
    outline = frame.page.outline
    assert frame.page.tabs.currentWidget() is outline
    assert outline.current_row() is not None
    assert outline.view.state() == outline.view.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.undo()
    assert count(window, "element") == 0 and frame.showing_empty_state()


def test_map_offers_to_import_a_register(window: MainWindow, blank_path: Path, qtbot: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def cancel(_parent: Any, title: str, *_: Any) -> tuple[str, str]:
        asked.append(title)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(cancel))
    assert window.open_path(blank_path)
    frame = frame_of(window, "map")
    (link,) = [b for b in frame.empty_state.findChildren(type(frame.empty_state.button))
               if b.text() == "Import a register…"]
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert asked == ["Import"]
    # -- nothing imported: the step still says what to do first
    assert frame.showing_empty_state()


def test_accountability_adds_the_first_node(window: MainWindow, blank_path: Path,
                                            qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "accountability")
    assert frame.empty_state.button.text() == "Add the first accountability node"
    click(qtbot, frame)
    assert count(window, "accountability_node") == 1
    assert frame.page.current_node() is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.undo()
    assert frame.showing_empty_state()


def test_prioritise_and_deck_point_to_the_map_until_there_is_a_cascade(
        window: MainWindow, blank_path: Path, qtbot: Any) -> None:
    assert window.open_path(blank_path)
    assert window.workspace is not None and window.document is not None
    for key in ("prioritise", "deck"):
        frame = frame_of(window, key)
        assert frame.empty_state.button.text() == "Go to the Map step"
        click(qtbot, frame)
        assert window.workspace.steps.currentRow() == [s.key for s in STEPS].index("map")
        # -- the step still says what to do first when the user comes back
        assert frame.showing_empty_state()
    purpose = cascade.add_element(window.document, ElementType.PURPOSE, title="Serve")
    assert not window.workspace.frame("deck").showing_empty_state()
    prioritise = window.workspace.frame("prioritise")
    assert prioritise.empty_state.button.text() == "Score the first initiative"
    cascade.delete_elements(window.document, [purpose])
    assert window.workspace.frame("deck").showing_empty_state()


def test_prioritise_starts_scoring_the_first_initiative(window: MainWindow, blank_path: Path,
                                                        qtbot: Any) -> None:
    assert window.open_path(blank_path)
    assert window.document is not None
    cascade.add_element(window.document, ElementType.INITIATIVE, title="New CRM")
    frame = frame_of(window, "prioritise")
    click(qtbot, frame)
    scoring = frame.page.scoring
    assert frame.page.tabs.currentWidget() is scoring
    index = scoring.view.currentIndex()
    assert index.isValid() and scoring.model.column(index.column()).kind == "digit"
    qtbot.keyClick(scoring.view, Qt.Key.Key_4)
    assert count(window, "criterion_score") == 1
    window.undo()
    assert frame.showing_empty_state()


def test_review_starts_a_follow_up_session(window: MainWindow, blank_path: Path, tmp_path: Path,
                                           qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "second.bigdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args, **_kw: (str(target), "")))
    assert window.open_path(blank_path)
    frame = frame_of(window, "review")
    assert frame.empty_state.button.text() == "New follow-up session…"
    assert "first session" in frame.empty_state.advice.text()
    click(qtbot, frame)
    assert window.document is not None and window.document.place == target
    assert window.workspace is not None
    follow_up = window.workspace.frame("review")
    assert window.workspace.pages.currentWidget() is follow_up
    assert not follow_up.showing_empty_state()


def test_the_whole_step_shows_on_request_until_work_comes_and_goes(
        window: MainWindow, blank_path: Path, qtbot: Any) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "room")
    qtbot.mouseClick(frame.empty_state.whole, Qt.MouseButton.LeftButton)
    assert not frame.showing_empty_state()
    assert frame.page.timer_panel.isVisible()
    assert window.document is not None
    room.add_table_group(window.document, "Table 1")
    assert not frame.showing_empty_state()
    window.undo()
    assert frame.showing_empty_state()


def test_a_read_only_workshop_offers_no_button(window: MainWindow, blank_path: Path) -> None:
    assert window.open_path(blank_path)
    window.close_workshop()
    window._show_document(open_workshop(blank_path, read_only=True))
    frame = frame_of(window, "map")
    assert frame.showing_empty_state()
    assert not frame.empty_state.button.isEnabled()
    assert frame.empty_state.read_only.isVisible()


def test_an_agenda_made_after_the_session_opened_can_be_run(window: MainWindow,
                                                            blank_path: Path) -> None:
    assert window.open_path(blank_path)
    frame = frame_of(window, "room")
    session = frame.page.session
    assert session.current_id is None
    assert window.document is not None
    first = prepare.add_agenda_item(window.document)
    prepare.add_agenda_item(window.document)
    # -- the console runs the new agenda from its first block, not "End of the agenda"
    assert session.current_id == first
    assert frame.page.timer_panel.toggle_button.isEnabled()


def test_run_session_with_an_agenda_starts_its_first_block(window: MainWindow, blank_path: Path,
                                                           qtbot: Any) -> None:
    assert window.open_path(blank_path)
    assert window.document is not None
    first = prepare.add_agenda_item(window.document)
    frame = frame_of(window, "room")
    assert frame.empty_state.button.text() == "Start the session"
    links = [b.text() for b in frame.empty_state.findChildren(type(frame.empty_state.button))]
    assert "Add the first table group" in links
    click(qtbot, frame)
    session = frame.page.session
    assert session.running and session.current_id == first
    assert frame.page.timer_panel.isVisible()
    session.pause()


def test_opening_the_room_to_devices_shows_the_console_of_an_empty_room(
        window: MainWindow, blank_path: Path) -> None:
    assert window.open_path(blank_path)
    window.room_actions.open_devices()
    assert window.workspace is not None
    frame = window.workspace.frame("room")
    assert not frame.showing_empty_state()
    assert frame.page.devices.isVisible()
