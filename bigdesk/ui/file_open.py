"""Open workshops the desktop hands over as events (macOS Finder, a Dock drop)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from bigdesk.ui.main_window import MainWindow


class FileOpenHandler(QObject):
    """Send each file-open request from the system to the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # -- macOS delivers a double-clicked document as an event, never on the command line
        if isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_path(Path(event.file()))
            return True
        return super().eventFilter(watched, event)
