"""Opening what another computer holds, or what cannot be written, from the window."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from bigdesk.store import open_workshop
from bigdesk.store.lock import lock_path

from bigdesk.ui.main_window import MainWindow

from tests.ui.conftest import Dialogs


def _held_elsewhere(path: Path) -> None:
    record = {"user": "alex", "host": "other-laptop", "pid": 4242, "since": "2026-11-20 09:15",
              "started": time.time() - 2 * 3600}
    lock_path(path).write_text(json.dumps(record), encoding="utf-8")


def test_another_computers_lock_is_taken_over_when_the_user_says_yes(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    _held_elsewhere(sample_path)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert window.open_path(sample_path)
    assert "the lock is 2 hours old" in dialogs.messages()
    assert "Take the lock over" in dialogs.messages()
    assert window.document is not None and not window.document.read_only
    window.close_workshop()


def test_another_computers_lock_can_still_be_looked_at_read_only(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    _held_elsewhere(sample_path)
    dialogs.answer = QMessageBox.StandardButton.Open
    assert window.open_path(sample_path)
    assert window.document is not None and window.document.read_only
    window.close_workshop()
    assert json.loads(lock_path(sample_path).read_text())["host"] == "other-laptop"


def test_a_file_that_cannot_be_written_opens_read_only_and_says_so(
    window: MainWindow, sample_path: Path, dialogs: Dialogs
) -> None:
    copy = sample_path.with_name("copy.bigdesk")
    store = open_workshop(sample_path, read_only=True)
    try:
        store.save_copy(copy)
    finally:
        store.close()
    data = bytearray(copy.read_bytes())
    data[18] = 3  # -- a newer SQLite's write version: SQLite reads the file only
    copy.write_bytes(bytes(data))
    assert window.open_path(copy)
    assert window.document is not None and window.document.read_only
    assert window.statusBar().currentMessage().startswith("Opened read-only:")
    assert dialogs.messages() == ""
    window.close_workshop()
