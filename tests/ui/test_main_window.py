"""The main window: welcome screen, opening files, undo, copies, recent files, errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from bigdesk.app import settings
from bigdesk.app.errors import install_error_log
from bigdesk.domain.steps import STEPS
from bigdesk.store import element_counts, open_workshop

from bigdesk.ui import application
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.welcome import WelcomePage

from tests.ui.conftest import Dialogs


def test_welcome_screen_offers_the_ways_in(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    labels = {b.text() for b in window.welcome.findChildren(QPushButton)}
    assert {"New blank workshop…", "Open…", "Start from this…",
            "Open the sample workshop"} == labels
    assert not window.save_copy_action.isEnabled()
    assert not window.undo_action.isEnabled()


def test_open_the_sample_from_the_welcome_screen(window: MainWindow, qtbot: Any) -> None:
    button = next(
        b for b in window.welcome.findChildren(QPushButton) if b.text().startswith("Open the")
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document is not None
    assert "Northgate" in window.windowTitle()
    assert window.workspace is not None
    shown = [window.workspace.steps.item(i).text().splitlines()[0]
             for i in range(window.workspace.steps.count())]
    assert shown == [step.title for step in STEPS]
    # -- opening the sample again keeps the open file rather than re-creating it
    window.open_sample()
    assert window.document.title.startswith("Northgate")


def test_opening_a_workshop_lists_it_in_recent_files(
    window: MainWindow, sample_path: Path, qtbot: Any
) -> None:
    assert window.open_path(sample_path)
    assert settings.RECENT_FILES.get()[0] == str(sample_path.resolve())
    window.close_workshop()
    assert window.stack.currentWidget() is window.welcome
    qtbot.waitUntil(lambda: window.welcome.recent.count() == 1)
    assert "Marked as open" not in window.welcome.recent.item(0).text()
    assert [a.text() for a in window.recent_menu.actions()] == [str(sample_path.resolve())]


def test_a_bad_file_gets_a_clear_message_and_nothing_opens(
    window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    bad = tmp_path / "notes.bigdesk"
    bad.write_text("minutes of the last board meeting")
    assert not window.open_path(bad)
    assert window.document is None
    assert "is not a BIG Desk workshop file" in dialogs.messages()
    assert "Traceback" not in dialogs.messages()


def test_a_missing_recent_file_is_forgotten(window: MainWindow, tmp_path: Path) -> None:
    gone = tmp_path / "gone.bigdesk"
    settings.RECENT_FILES.set([str(gone)])
    assert not window.open_path(gone)
    assert settings.RECENT_FILES.get() == []


def test_a_file_open_elsewhere_can_be_opened_read_only(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    holder = open_workshop(sample_path)
    try:
        dialogs.answer = QMessageBox.StandardButton.Open
        assert window.open_path(sample_path)
        assert "already open in BIG Desk by" in dialogs.messages()
        assert window.document is not None and window.document.read_only
        assert "[read-only]" in window.windowTitle()
        page = window.workspace.current_page()  # type: ignore[union-attr]
        people = page.people.model
        assert not people.flags(people.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    finally:
        window.close_workshop()
        holder.close()


def test_refusing_read_only_leaves_the_welcome_screen(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    holder = open_workshop(sample_path)
    try:
        assert not window.open_path(sample_path)
        assert window.document is None
    finally:
        holder.close()


def test_new_workshop_refuses_to_overwrite(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    before = sample_path.read_bytes()
    assert not window.create_at(sample_path)
    assert "already exists" in dialogs.messages()
    assert sample_path.read_bytes() == before


def test_new_workshop_is_a_file_from_the_start(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "fresh.bigdesk"
    assert window.create_at(path)
    assert path.exists()
    window.close_workshop()
    reopened = open_workshop(path, read_only=True)
    with reopened.read() as conn:
        assert element_counts(conn)["people"] == 0
    reopened.close()


def test_undo_and_redo_carry_readable_names(window: MainWindow, sample_path: Path) -> None:
    window.open_path(sample_path)
    page = window.workspace.current_page()  # type: ignore[union-attr]
    people = page.people.model
    assert people.setData(people.index(1, 0), "Amara Okafor-Bell")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Change person name"
    window.undo_action.trigger()
    assert people.record(1).name == "Amara Okafor"
    assert window.redo_action.text() == "&Redo Change person name"
    window.redo_action.trigger()
    assert people.record(1).name == "Amara Okafor-Bell"
    assert {s.toString() for s in window.redo_action.shortcuts()} == {"Ctrl+Y", "Ctrl+Shift+Z"}


def test_save_a_copy_writes_an_openable_workshop(
    window: MainWindow, sample_path: Path, tmp_path: Path
) -> None:
    window.open_path(sample_path)
    copy = tmp_path / "copy.bigdesk"
    window.save_copy(copy)
    opened = open_workshop(copy, read_only=True)
    with opened.read() as conn:
        assert element_counts(conn)["people"] == 9
    opened.close()


def test_the_window_remembers_its_geometry(qtbot: Any, dialogs: Dialogs) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.close()
    assert not settings.WINDOW_GEOMETRY.get().isEmpty()
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_full_screen_toggles(window: MainWindow) -> None:
    assert window.full_screen_action.shortcut().toString() == "F11"
    window.full_screen_action.trigger()
    assert window.isFullScreen()
    window.full_screen_action.trigger()
    assert not window.isFullScreen()


def test_unexpected_errors_are_logged_and_explained_without_a_traceback(
    qapp: Any, tmp_path: Path, dialogs: Dialogs, monkeypatch: Any
) -> None:
    log_path = install_error_log()
    previous = sys.excepthook
    try:
        application._install_excepthook(log_path)
        try:
            raise RuntimeError("a bug in a slot")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert "a bug in a slot" in log_path.read_text()
    assert "Your work is safe" in dialogs.messages()
    assert "Traceback" not in dialogs.messages()
    assert str(log_path) in dialogs.messages()
    if sys.platform != "win32":
        assert log_path.stat().st_mode & 0o777 == 0o600


def test_welcome_page_lists_recent_files(qtbot: Any) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    page.show()
    page.show_recent(["/x/a.bigdesk", "/y/b.bigdesk"])
    assert page.recent.count() == 2
    assert page.recent.item(0).text() == "a\nNot found: moved, renamed or deleted"
    with qtbot.waitSignal(page.path_requested) as signal:
        page.recent.itemActivated.emit(page.recent.item(1))
    assert signal.args == ["/y/b.bigdesk"]


def test_welcome_page_shows_follow_ups_as_a_chain(qtbot: Any, sample_path: Path,
                                                  tmp_path: Path) -> None:
    from bigdesk.exchange.follow_up import create_follow_up

    later = tmp_path / "later.bigdesk"
    create_follow_up(sample_path, later).close()
    page = WelcomePage()
    qtbot.addWidget(page)
    page.show()
    page.show_recent([str(later), str(sample_path)])
    assert page.recent.count() == 2
    assert "↳ follows" not in page.recent.item(0).text()
    assert "↳ follows " in page.recent.item(1).text()
    assert page.recent.item(1).data(Qt.ItemDataRole.UserRole) == str(sample_path.resolve())
