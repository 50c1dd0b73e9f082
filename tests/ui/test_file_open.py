"""A workshop the desktop hands over as an event (macOS Finder) opens in the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from bigdesk.ui.file_open import FileOpenHandler
from bigdesk.ui.main_window import MainWindow


def test_a_file_the_desktop_hands_over_opens_in_the_window(
    window: MainWindow, sample_path: Any, qapp: Any,
) -> None:
    handler = FileOpenHandler(window)
    qapp.installEventFilter(handler)
    try:
        QApplication.sendEvent(qapp, QFileOpenEvent(str(sample_path)))
    finally:
        qapp.removeEventFilter(handler)
    assert window.document is not None and window.document.place == sample_path
