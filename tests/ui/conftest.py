"""Qt fixtures: private settings, a sample workshop, a main window, recorded dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop

from bigdesk.ui.application import make_application
from bigdesk.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """Create the application with BIG Desk's names, as the real start-up does."""
    return make_application([])


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """Keep every test's preferences in its own folder, never the user's."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    yield folder
    QSettings().clear()


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """Return a freshly created sample workshop file (closed)."""
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


@dataclass
class Dialogs:
    """Message boxes the code under test asked to show, with the answer to give."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel

    def messages(self) -> str:
        """Return every message shown, joined."""
        return "\n".join(text for _, text in self.shown)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Record message boxes instead of blocking on them."""
    record = Dialogs()

    def show(_parent: Any, title: str, text: str, *_: Any, **__: Any) -> Any:
        record.shown.append((title, text))
        return record.answer

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(show))
    return record


def open_step(window: MainWindow, path: Path, key: str) -> Any:
    """Open the workshop at ``path`` and show the step called ``key``; return its page."""
    assert window.open_path(path)
    assert window.workspace is not None
    window.workspace.show_step(key)
    return window.workspace.page(key)


@pytest.fixture
def window(qtbot: Any, dialogs: Dialogs) -> Iterator[MainWindow]:
    """Return a shown main window; it is closed (and its file released) afterwards."""
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    # -- keyboard shortcuts reach only the active window, as on a real desktop
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    main.close_workshop()
