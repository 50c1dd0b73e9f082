"""Running a whole session: template, timed agenda, silent capture, reveal, RAID, export."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from bigdesk.app import prepare, room
from bigdesk.app.session import NOTHING
from bigdesk.exchange.templates import find_template
from bigdesk.model import PersonKind, RaidKind
from bigdesk.store import open_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.palette import contrast
from bigdesk.ui.steps.room.console import RoomPage
from bigdesk.ui.steps.room.presenter import PresenterWindow
from bigdesk.ui.steps.room.quick_capture import QuickCaptureDialog
from bigdesk.ui.steps.room.raid import cell_colour, count_ink
from bigdesk.ui.templates_dialog import TemplateChooser


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def now(self) -> float:
        return self.seconds


def stored(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the file through a second, read-only connection: what a crash would leave."""
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql).all()]
    finally:
        store.close()


def room_page(window: MainWindow) -> RoomPage:
    assert window.workspace is not None
    page = window.workspace.findChild(RoomPage)
    assert isinstance(page, RoomPage)
    return page


def check_models(page: RoomPage, qtmodeltester: Any) -> None:
    for model in (page.agenda_model, page.raid_model, page.capture.groups.model,
                  page.capture.point_model):
        qtmodeltester.check(model)


def test_a_whole_connecting_pmo_session(window: MainWindow, qtbot: Any, qtmodeltester: Any,
                                        tmp_path: Path) -> None:
    # -- pick a template: the chooser offers the shipped ones, the workshop opens on Run session
    chooser = TemplateChooser(window)
    qtbot.addWidget(chooser)
    keys = [t.key for t in chooser.templates]
    assert {"first-steps", "connecting-pmo", "assessment-only", "pmo-mandate"} <= set(keys)
    chooser.list.setCurrentRow(keys.index("connecting-pmo"))
    assert "Strategy connection" in chooser.details.text()
    path = tmp_path / "session.bigdesk"
    assert window.room_actions.create_from(chooser.chosen(), path)  # type: ignore[arg-type]
    document = window.document
    assert document is not None and window.workspace is not None
    page = room_page(window)
    assert window.workspace.current_page() is page
    session = page.session
    clock = session.clock = FakeClock()
    prepare.set_detail(document, "start_time", dt.time(9, 0), "Change start time")
    ana = prepare.add_person(document, PersonKind.PARTICIPANT)
    ben = prepare.add_person(document, PersonKind.PARTICIPANT)
    prepare.PEOPLE.set_value(document, ana, "name", "Ana Ruiz")
    prepare.PEOPLE.set_value(document, ben, "name", "Ben Cole")
    check_models(page, qtmodeltester)

    # -- the opening block: 10 minutes; amber at 2 minutes left, red at 30 seconds
    panel = page.timer_panel
    assert panel.block.text() == "Opening"
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    assert session.running and panel.toggle_button.text() == "Pause"
    clock.seconds += 7 * 60 + 59
    session.ticked.emit()
    assert panel.timer.text() == "2:01" and panel.timer.property("phase") == "normal"
    clock.seconds += 1
    session.ticked.emit()
    assert panel.timer.property("phase") == "amber"
    clock.seconds += 90
    session.ticked.emit()
    assert panel.timer.text() == "0:30" and panel.timer.property("phase") == "red"
    # -- paused time does not count
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    clock.seconds += 600
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    clock.seconds += 150
    session.ticked.emit()
    assert panel.timer.text() == "+2:00" and panel.timer.property("phase") == "over"
    assert panel.status.text() == "Behind by 2 min"
    # -- the later blocks' start times have shifted already
    assert page.agenda_model.index(1, 4).data() == "09:12"

    # -- next block: the actual length is in the file at once, and is no undo step
    undo_steps = document.undo_stack.count()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert stored(path, "SELECT actual_seconds FROM agenda_item ORDER BY position")[:2] == [
        (720,), (None,)
    ]
    assert document.undo_stack.count() == undo_steps
    assert panel.block.text() == "Prepare at your table"
    assert page.agenda_model.index(0, 6).data() == "+2 min"
    # -- five minutes planned, three taken: the session is back on time
    clock.seconds += 180
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == "On time"
    assert page.agenda_model.index(2, 4).data() == "09:15"
    # -- Previous goes back and carries on from the recorded time
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert panel.block.text() == "Prepare at your table"
    assert session.elapsed() == 180
    assert stored(path, "SELECT actual_seconds FROM agenda_item ORDER BY position")[1] == (None,)
    clock.seconds += 60
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert stored(path, "SELECT actual_seconds FROM agenda_item ORDER BY position")[1] == (240,)
    assert panel.block.text() == "Table discussion"
    check_models(page, qtmodeltester)

    # -- capture at the strategy table, on the projector
    capture = page.capture
    page.tabs.setCurrentWidget(capture)
    group = capture.target.itemData(0)
    capture.select_group(group)
    room.set_members(document, group, [ana, ben])
    qtbot.mouseClick(capture.project_button, Qt.MouseButton.LeftButton)
    assert session.capture == group
    presenter = page.open_presenter()
    qtbot.addWidget(presenter)
    assert "Strategy connection" in presenter.shown_text()
    assert "Ana Ruiz" in presenter.shown_text()

    # -- a silent round: the point is stored but kept off the projector
    capture.silent.setChecked(True)
    assert session.silent_round
    qtbot.keyClicks(capture.entry, "Projects start before anyone owns the objective")
    qtbot.keyClick(capture.entry, Qt.Key.Key_Return)
    assert capture.entry.text() == ""
    assert stored(path, "SELECT text, silent, revealed FROM key_point") == [
        ("Projects start before anyone owns the objective", 1, 0)
    ]
    assert "Projects start" not in presenter.shown_text()
    assert "1 more point being written" in presenter.shown_text()
    assert capture.count.text().startswith("1 of 3\u20135 key points")
    capture.silent.setChecked(False)
    qtbot.keyClicks(capture.entry, "No one arbitrates between programmes")
    qtbot.keyClick(capture.entry, Qt.Key.Key_Return)
    assert "No one arbitrates" in presenter.shown_text()
    assert "Projects start" not in presenter.shown_text()

    # -- reveal, undo the reveal, redo it
    assert capture.reveal_button.text() == "Reveal 1 hidden point"
    qtbot.mouseClick(capture.reveal_button, Qt.MouseButton.LeftButton)
    assert "Projects start" in presenter.shown_text()
    window.undo()
    assert "Projects start" not in presenter.shown_text()
    window.redo()
    assert "Projects start" in presenter.shown_text()

    # -- the parking lot
    capture.select_group(None)
    qtbot.keyClicks(capture.entry, "Bonus scheme")
    qtbot.keyClick(capture.entry, Qt.Key.Key_Return)
    assert stored(path, "SELECT text FROM key_point WHERE table_group_id IS NULL") == [
        ("Bonus scheme",)
    ]

    # -- quick capture from another step, with the keyboard
    window.workspace.show_step("prepare")

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuickCaptureDialog)
        dialog.kinds.button(1).setChecked(True)  # -- a decision
        dialog.title.setText("Every project names its objective")
        dialog.owner.setCurrentIndex(dialog.owner.findData(ben))
        dialog.due.setDate(QDate(2027, 1, 15))
        dialog.accept()

    QTimer.singleShot(0, fill)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert stored(path, "SELECT kind, title, owner_id, due_date FROM raid_item") == [
        ("decision", "Every project names its objective", ben, "2027-01-15")
    ]
    assert page.raid_model.rowCount() == 1
    assert page.raid_model.index(0, 2).data() == "Ben Cole"
    room.add_raid_item(document, RaidKind.ACTION, "Map the accountability nodes", ana,
                       dt.date(2027, 2, 1))
    check_models(page, qtmodeltester)

    # -- export the outcomes and read them back
    out = tmp_path / "outcomes.xlsx"
    assert window.room_actions.export_outcomes(out) == [out]
    book = load_workbook(out)
    agenda = [list(r) for r in book["Agenda"].iter_rows(values_only=True)]
    assert agenda[1][0] == "Opening" and agenda[1][5] == 12 and agenda[1][7] == 2
    assert agenda[2][5] == 4 and agenda[2][6] == "09:12"
    points = [list(r) for r in book["Key points"].iter_rows(values_only=True)]
    assert [r[0] for r in points[1:]] == ["Strategy connection"] * 2 + ["Parking lot"]
    assert points[1][2] == "Ana Ruiz, Ben Cole"
    raid = [list(r) for r in book["RAID log"].iter_rows(values_only=True)]
    assert [r[0] for r in raid[1:]] == ["Decision", "Action"]
    assert raid[1][3:5] == ["Ben Cole", "2027-01-15"]

    # -- the agenda saved as a template is offered next time
    saved = window.room_actions.save_template_as("Our PMO session")
    assert saved is not None and find_template("our-pmo-session").table_groups
    chooser = TemplateChooser(window)
    qtbot.addWidget(chooser)
    assert "our-pmo-session" in [t.key for t in chooser.templates]


@pytest.fixture
def sample_page(window: MainWindow, sample_path: Path) -> RoomPage:
    assert window.open_path(sample_path)
    assert window.workspace is not None
    window.workspace.show_step("room")
    return room_page(window)


def test_the_presenter_never_shows_what_is_private(sample_page: RoomPage, qtbot: Any) -> None:
    page = sample_page
    document = page.document
    session = page.session
    # -- a private note, the block's facilitator script and a point still hidden
    note = prepare.add_note(document, private=True)
    prepare.NOTES.set_value(document, note, "text", "PRIVATE: the CFO may resign")
    group = page.capture.target.itemData(0)
    room.add_key_point(document, group, "UNREVEALED: depots ignore the plan", silent=True)
    session.show_capture(group)
    presenter = page.open_presenter()
    qtbot.addWidget(presenter)
    with document.read() as conn:
        blocks = prepare.AGENDA.rows(conn)
        names = [p.name for p in prepare.PEOPLE.rows(conn)]
    current = next(b for b in blocks if b.id == session.current_id)
    shown = presenter.shown_text()
    assert current.title in shown
    assert "Depot improvement projects" in shown
    assert "Amara Okafor" in shown
    for secret in ("PRIVATE", "UNREVEALED", current.description):
        assert secret not in shown

    # -- anonymous mode: P1, P2, … and never a real name
    prepare.set_detail(document, "anonymous", True, "Turn anonymous mode on")
    shown = presenter.shown_text()
    assert "P1" in shown
    for name in names:
        assert name not in shown

    # -- the hide key blanks the projector, and the console shows it is blank
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert session.blanked and presenter.shown_text() == ""
    assert presenter.stack.currentWidget() is presenter.blank_page
    assert page.timer_panel.blank_button.isChecked()
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert not session.blanked and "P1" in presenter.shown_text()

    # -- the parking lot, then nothing captured on show
    session.show_capture(None)
    assert "Parking lot" in presenter.shown_text()
    assert "bonus scheme" in presenter.shown_text()
    session.show_capture(NOTHING)
    assert "Depot" not in presenter.shown_text()


def test_presenter_colours_follow_the_timer(sample_page: RoomPage, qtbot: Any) -> None:
    session = sample_page.session
    clock = session.clock = FakeClock()
    presenter = sample_page.open_presenter()
    qtbot.addWidget(presenter)
    assert isinstance(presenter, PresenterWindow)
    planned = session.planned_seconds()
    session.start()
    clock.seconds += planned * 0.85
    session.ticked.emit()
    assert presenter.timer.property("phase") == "amber"
    session.add_minute()
    assert presenter.timer.property("phase") == "normal"
    clock.seconds += 60 + planned * 0.12
    session.ticked.emit()
    assert presenter.timer.property("phase") == "red"


def test_a_risk_is_rated_linked_and_shown_on_the_heat_map(window: MainWindow,
                                                          sample_path: Path) -> None:
    assert window.open_path(sample_path)
    window.workspace.show_step("room")
    page = window.workspace.page("room")
    assert isinstance(page, RoomPage)
    heat = page.heat_map
    # -- the sample's open risk (4 x 4) and issue (5 x 3)
    assert {cell: len(titles) for cell, titles in heat.cells.items()} == {(4, 4): 1, (5, 3): 1}
    assert heat.cell_at(heat._origin() + QPoint(3 * heat.CELL + 5, 1 * heat.CELL + 5)) == (4, 4)
    row = next(r for r in range(page.raid_model.rowCount())
               if page.raid_model.record(r).kind is RaidKind.RISK)
    item = page.raid_model.record(row)
    dialog = QuickCaptureDialog(page.document, page, item=item)
    assert dialog.probability.currentData() == 4
    dialog.probability.setCurrentIndex(dialog.probability.findData(2))
    dialog.concerns_filter.setText("body depot huddles")
    shown = [dialog.concerns.item(r) for r in range(dialog.concerns.count())
             if not dialog.concerns.item(r).isHidden()]
    assert [entry.text() for entry in shown] == ["Governance body: Depot huddles"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    steps = page.document.undo_stack.count()
    dialog.accept()
    assert page.document.undo_stack.count() == steps + 1
    assert {cell: len(titles) for cell, titles in heat.cells.items()} == {(2, 4): 1, (5, 3): 1}
    column = [c.key for c in page.raid_model.columns].index("concerns")
    assert page.raid_model.index(row, column).data() == "Transformation Board; Depot huddles"
    window.undo()
    assert (4, 4) in heat.cells
    window.close_workshop()


def test_the_raid_log_says_what_to_look_at_and_selects_it(window: MainWindow, sample_path: Path,
                                                         qtbot: Any) -> None:
    assert window.open_path(sample_path)
    assert window.workspace is not None
    window.workspace.show_step("room")
    page = window.workspace.page("room")
    assert isinstance(page, RoomPage)
    panel, steps = page.raid_findings, window.workspace.steps
    before, counted = Counter(panel.codes()), steps.counts["room"]
    # -- a red risk with no response and no owner, and an action due before the session
    risk = room.add_raid_item(page.document, RaidKind.RISK, "Depot union ballot")
    room.update_raid_item(page.document, risk, {"probability": 5, "impact": 4})
    room.add_raid_item(page.document, RaidKind.ACTION, "Send the survey",
                       due_date=dt.date(2020, 1, 6))
    # -- both refresh by themselves once the edits settle
    qtbot.waitUntil(lambda: Counter(panel.codes()) - before == Counter(
        ["action-overdue", "risk-unmitigated", "risk-unowned"]))
    qtbot.waitUntil(lambda: steps.counts["room"] == counted + 3)
    assert panel.title.text() == f"RAID log: {len(panel.codes())} to look at"
    row = next(r for r in range(panel.list.count())
               if panel.list.item(r).data(Qt.ItemDataRole.UserRole) == f"raid_item:{risk}")
    panel.list.itemActivated.emit(panel.list.item(row))
    selected = page.raid.view.selectionModel().selectedRows()
    assert [page.raid_model.row_id(index.row()) for index in selected] == [risk]
    # -- a response answers the unmitigated risk; undoing it brings the finding back
    room.update_raid_item(page.document, risk, {"response": "Brief the union reps first"})
    qtbot.waitUntil(lambda: (Counter(panel.codes()) - before)["risk-unmitigated"] == 0)
    window.undo()
    qtbot.waitUntil(lambda: (Counter(panel.codes()) - before)["risk-unmitigated"] == 1)
    window.close_workshop()


def test_every_heat_map_count_is_readable_on_its_cell() -> None:
    # -- WCAG AA's contrast for body text, on every colour a cell can take
    for score in range(1, 26):
        cell = cell_colour(score)
        assert contrast(count_ink(cell), cell) >= 4.5, score
