"""The presenter screen's room view of each step: live, legible at 1920×1080, nothing private."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from bigdesk.analysis.room import table_groups
from bigdesk.app import cascade, prepare, room
from bigdesk.exchange.figures_room import CascadeView
from bigdesk.model import ElementType, PersonKind

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.room.console import RoomPage
from bigdesk.ui.steps.room.presenter import PresenterWindow

from tests.exchange.room_figure_checks import small_texts
from tests.ui.test_room import room_page

# -- what each kind of block shows of the sample, beside its question
SHOWS = {
    "assess": "Gaps to close",
    "map": "O1 Deliver on time",
    "accountability": "Transformation Board",
    "prioritise": "Dot votes",
    "room": "Parking lot",
    # -- the sample is a first session
    "review": "follows no earlier one",
}


@pytest.fixture
def presenter(window: MainWindow, sample_path: Path, qtbot: Any) -> PresenterWindow:
    assert window.open_path(sample_path)
    assert window.workspace is not None
    window.workspace.show_step("room")
    shown = room_page(window).open_presenter()
    qtbot.addWidget(shown)
    shown.resize(1920, 1080)
    return shown


def _open(presenter: PresenterWindow, step: str) -> None:
    session = presenter.session
    assert session.current_id is not None
    prepare.AGENDA.set_value(session.document, session.current_id, "step", step)
    presenter.room_figure.catch_up()
    presenter.room_figure.settle()


def _secrets(presenter: PresenterWindow) -> list[str]:
    """Write something private of every kind into the sample; return what must never show."""
    document = presenter.session.document
    note = prepare.add_note(document, private=True)
    prepare.NOTES.set_value(document, note, "text", "PRIVATE: the CFO may resign")
    with document.read() as conn:
        groups = table_groups(conn)
        people = prepare.PEOPLE.rows(conn)
    room.add_key_point(document, groups[0].id, "UNREVEALED: depots ignore the plan",
                       silent=True)
    block = presenter.session.current_id
    assert block is not None
    prepare.AGENDA.set_value(document, block, "description", "SCRIPT: ask the CFO last")
    return ["PRIVATE", "UNREVEALED", "SCRIPT",
            *(p.name for p in people if p.kind is PersonKind.PARTICIPANT)]


def _cards(presenter: PresenterWindow) -> str:
    view = presenter.room_figure.view
    assert isinstance(view, CascadeView)
    return "\n".join(card.text for _, cards in view.columns for card in cards)


@pytest.mark.parametrize("step", sorted(SHOWS))
def test_each_block_shows_its_steps_room_view(presenter: PresenterWindow, step: str) -> None:
    secrets = _secrets(presenter)
    _open(presenter, step)
    assert presenter.room_figure.isVisibleTo(presenter)
    shown = presenter.shown_text()
    assert SHOWS[step] in shown
    assert presenter.view is not None and presenter.view.question in shown
    for secret in secrets:
        assert secret not in shown, f"{secret!r} is on the projector in {step}"
    # -- legible from the back of the room: screen text from 28 pixels, chart labels from 20
    for label in presenter.findChildren(QLabel):
        if label.isVisibleTo(presenter) and label.text():
            label.ensurePolished()
            assert QFontInfo(label.font()).pixelSize() >= 28, label.objectName()
    figure = presenter.room_figure.figure()
    assert figure is not None
    assert small_texts(figure) == []


def test_the_room_view_follows_edits_and_freezes(presenter: PresenterWindow, qtbot: Any) -> None:
    session = presenter.session
    document = session.document
    _open(presenter, "map")
    new = cascade.add_element(document, ElementType.OBJECTIVE)
    cascade.set_field(document, new, "title", "Win the north-east")
    presenter.room_figure.catch_up()
    presenter.room_figure.settle()
    assert "Win the north-east" in _cards(presenter)

    # -- frozen, the room keeps its picture while the laptop edits and moves on
    qtbot.keyClick(presenter, Qt.Key.Key_F)
    assert session.frozen
    page = presenter.parentWidget()
    assert isinstance(page, RoomPage) and page.timer_panel.freeze_button.isChecked()
    before = presenter.shown_text()
    cascade.set_field(document, new, "title", "Win the south-west")
    presenter.room_figure.catch_up()
    presenter.room_figure.settle()
    block = session.current_id
    session.next_block()
    assert presenter.shown_text() == before
    assert "Win the north-east" in _cards(presenter)
    page.timer_panel.freeze_button.click()
    assert not session.frozen and presenter.shown_text() != before

    # -- a clicker's Page Up and Page Down go back and on through the agenda
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert session.current_id == block
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert session.current_id != block
