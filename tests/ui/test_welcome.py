"""The welcome screen: templates as cards, the sample, recent workshops, a dropped file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel

from bigdesk.app import settings
from bigdesk.domain.steps import STEP_KEYS
from bigdesk.exchange.templates import available_templates

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.welcome import duration_words


def test_every_template_is_a_card_saying_what_it_is_for_and_how_long(
        window: MainWindow) -> None:
    cards = window.welcome.cards
    templates = available_templates()[0]
    assert len(cards) == len(templates) + 1
    for card, template in zip(cards, templates, strict=False):
        text = " ".join(label.text() for label in card.findChildren(QLabel))
        assert template.description in text
        assert duration_words(template.total_minutes) in text


def test_lengths_are_said_in_hours_and_minutes() -> None:
    assert [duration_words(m) for m in (45, 60, 90, 160)] == ["45 min", "1 h", "1 h 30 min",
                                                              "2 h 40 min"]


def test_a_card_starts_a_workshop_from_its_template(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> None:
    target = tmp_path / "Board session.bigdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    card = next(c for c in window.welcome.cards if "First Steps Conversation" in
                c.button.accessibleName())
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.place == target
    assert window.workspace is not None
    assert window.workspace.steps.currentRow() == STEP_KEYS.index("room")


def test_recent_workshops_say_client_date_and_the_step_reached(
        window: MainWindow, sample_path: Path, tmp_path: Path) -> None:
    assert window.open_path(sample_path)
    window.close_workshop()
    settings.RECENT_FILES.set([str(sample_path), str(tmp_path / "gone.bigdesk")])
    window._refresh_recent()
    first, second = (window.welcome.recent.item(n).text() for n in range(2))
    assert "Reached Prioritise (done)" in first and " 20" in first
    assert second == "gone\nNot found: moved, renamed or deleted"
    assert window.welcome.no_recent.isHidden()


def _drop_event(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), actions, data, buttons, keys)
    drop = QDropEvent(QPoint(10, 10), actions, data, buttons, keys)
    return enter, drop, data


def test_a_dropped_workshop_opens(window: MainWindow, sample_path: Path) -> None:
    enter, drop, _data = _drop_event(sample_path)
    window.welcome.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.welcome.dropEvent(drop)
    assert window.document is not None and window.document.place == sample_path.resolve()
