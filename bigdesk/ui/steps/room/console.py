"""The Run session step: the facilitator's console with timer, agenda, capture and RAID log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.timing import BlockTiming, TimerPhase, clock_text, signed_minutes
from bigdesk.app import prepare
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.session import RoomSession
from bigdesk.domain.steps import NO_STEP, step

from bigdesk.ui.icon import icon
from bigdesk.ui.palette import ink
from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.session_keys import PRESENTER_KEYS, QUICK_CAPTURE_KEYS
from bigdesk.ui.steps.room.capture import CapturePanel
from bigdesk.ui.steps.room.devices import DevicesPanel
from bigdesk.ui.steps.room.pitch import PitchForm
from bigdesk.ui.steps.room.presenter import BLANK_KEY, FREEZE_KEY, PresenterWindow
from bigdesk.ui.steps.room.quick_capture import QuickCaptureDialog
from bigdesk.ui.steps.room.raid import RaidFindings, RaidHeatMap, RaidModel
from bigdesk.ui.steps.room.stakeholders import StakeholderGrid
from bigdesk.ui.table_editor import TableEditor

Index = QModelIndex | QPersistentModelIndex
# -- the console's own timer colours: readable on a light laptop screen
CONSOLE_COLOURS = {TimerPhase.NORMAL: "#1b1b1b", TimerPhase.AMBER: "#b36b00",
                   TimerPhase.RED: "#c62828", TimerPhase.OVER: "#c62828"}  # fmt: skip
TOGGLE_KEYS = "F8"
NEXT_KEYS = "F9"
FREEZE_KEYS = "F7"


class RunAgendaModel(RowTableModel):
    """The agenda as it runs: the plan, the start times as they shift, the actual lengths."""

    def __init__(self, session: RoomSession) -> None:
        self.session = session
        self._timing: dict[int, BlockTiming] = {}
        agenda = prepare.AGENDA
        columns = [
            Column.of(agenda.field("title"), "Block"),
            Column.of(agenda.field("step")),
            Column.of(agenda.field("question")),
            Column.of(agenda.field("duration_minutes")),
            Column("start", "Starts", "computed", compute=self._start,
                   tooltip="Start times follow from the blocks before, as they really ran"),
            Column("actual", "Took", "computed", compute=self._actual),
            Column("difference", "Over or under", "computed", compute=self._difference),
        ]
        super().__init__(session.document, agenda, columns)
        self._update_timing()
        session.ticked.connect(self._on_tick)
        session.state_changed.connect(self._on_tick)

    def _update_timing(self) -> None:
        self._timing = {block.item_id: block for block in self.session.timing().blocks}

    def _on_tick(self) -> None:
        self._update_timing()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 4), self.index(self.rowCount() - 1, 6))
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def _block(self, row: int, rows: Sequence[Any]) -> BlockTiming | None:
        return self._timing.get(rows[row].id)

    def _start(self, row: int, rows: Sequence[Any]) -> str:
        block = self._block(row, rows)
        return block.start.strftime("%H:%M") if block and block.start else ""

    def _actual(self, row: int, rows: Sequence[Any]) -> str:
        seconds = rows[row].actual_seconds
        if rows[row].id == self.session.current_id:
            return clock_text(self.session.elapsed()) + " \u25b8"
        return "" if seconds is None else clock_text(seconds)

    def _difference(self, row: int, rows: Sequence[Any]) -> str:
        block = self._block(row, rows)
        if block is None or block.difference_seconds is None:
            return ""
        return signed_minutes(block.difference_seconds)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self.rowCount():
            current = self.record(index.row()).id == self.session.current_id
            if role == Qt.ItemDataRole.FontRole and current:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole and current:
                return QColor("#fff4c2")
            if role == Qt.ItemDataRole.ForegroundRole and current:
                return QColor("#000000")
        return super().data(index, role)


class TimerPanel(QFrame):
    """The current block, its question and timer, and the buttons that run the session."""

    step_requested = Signal(str)
    presenter_requested = Signal()

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.block = QLabel(self)
        self.block.setAccessibleName(self.tr("Current block"))
        self.block.setTextFormat(Qt.TextFormat.PlainText)
        font = self.block.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.block.setFont(font)
        self.block.setWordWrap(True)
        self.question = QLabel(self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.timer = QLabel(self)
        self.timer.setAccessibleName(self.tr("Time left"))
        font = self.timer.font()
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.timer.setFont(font)
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Ahead or behind"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight)

        def button(text: str, keys: str, slot: Any, tip: str) -> QPushButton:
            made = QPushButton(self.tr(text), self)
            made.setAccessibleName(self.tr(text).replace("&", ""))
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setToolTip(f"{self.tr(tip)} ({keys})")
            else:
                made.setToolTip(self.tr(tip))
            made.clicked.connect(slot)
            return made

        self.toggle_button = button("Start", TOGGLE_KEYS, session.toggle,
                                    "Start or pause the block's timer")
        self.minute_button = button("+1 min", "", session.add_minute,
                                    "Give this block one more minute")
        self.previous_button = button("Previous", "", session.previous_block,
                                      "Go back to the block before and carry on timing it")
        self.next_button = button("Next block", NEXT_KEYS, session.next_block,
                                  "Record how long this block took and start the next")
        self.step_button = button("Open step", "", self._open_step,
                                  "Open the step of the app this block works in")
        self.presenter_button = button("Presenter screen", PRESENTER_KEYS,
                                       self.presenter_requested.emit,
                                       "Show the room's view on the projector")
        self.blank_button = QPushButton(self.tr("Blank projector"), self)
        self.blank_button.setAccessibleName(self.tr("Blank projector"))
        self.blank_button.setCheckable(True)
        self.blank_button.setShortcut(QKeySequence("Ctrl+B"))
        self.blank_button.setToolTip(
            self.tr("Blank the projector (Ctrl+B here, or %s on the presenter screen)")
            % QKeySequence(BLANK_KEY).toString()
        )
        self.blank_button.toggled.connect(session.set_blanked)
        self.freeze_button = QPushButton(self.tr("Freeze projector"), self)
        self.freeze_button.setAccessibleName(self.tr("Freeze projector"))
        self.freeze_button.setCheckable(True)
        self.freeze_button.setShortcut(QKeySequence(FREEZE_KEYS))
        self.freeze_button.setToolTip(
            self.tr("Keep the projector on what it shows while you move on here "
                    "(%s here, or %s on the presenter screen)")
            % (FREEZE_KEYS, QKeySequence(FREEZE_KEY).toString())
        )
        self.freeze_button.toggled.connect(session.set_frozen)
        self.hint = QLabel(
            self.tr("Quick capture of an action, decision, risk or issue: %s")
            % QUICK_CAPTURE_KEYS, self
        )
        self.hint.setObjectName("hint")

        for widget, name in ((self.toggle_button, "play-fill"), (self.previous_button,
                              "skip-backward"), (self.next_button, "skip-forward"),
                             (self.presenter_button, "display"), (self.freeze_button, "snow"),
                             (self.blank_button, "eye-slash")):
            widget.setIcon(icon(name))
        buttons = QHBoxLayout()
        for widget in (self.toggle_button, self.minute_button, self.previous_button,
                       self.next_button, self.step_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.presenter_button)
        buttons.addWidget(self.freeze_button)
        buttons.addWidget(self.blank_button)
        grid = QGridLayout(self)
        grid.addWidget(self.block, 0, 0)
        grid.addWidget(self.timer, 0, 1, 2, 1)
        grid.addWidget(self.question, 1, 0)
        grid.addWidget(self.status, 2, 1)
        grid.addWidget(self.hint, 2, 0)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        session.ticked.connect(self.update_timer)
        session.state_changed.connect(self.refresh)
        self.refresh()
        # -- a new block's title must not re-lay out the whole window: the panel keeps
        #    its height, and a long question wraps within it
        self.question.setMinimumHeight(self.question.fontMetrics().lineSpacing() * 2)
        self.setFixedHeight(self.sizeHint().height())

    def _step_key(self) -> str | None:
        block = self.session.current()
        if block is None:
            return None
        return None if block.step == NO_STEP else block.step

    def _open_step(self) -> None:
        key = self._step_key()
        if key is not None:
            self.step_requested.emit(key)

    def refresh(self) -> None:
        """Show the current block and which buttons apply."""
        block = self.session.current()
        if block is None:
            done = bool(self.session.items())
            self.block.setText(self.tr("End of the agenda") if done
                               else self.tr("The agenda is empty"))
            self.question.setText(self.tr("Every block has its actual time recorded.") if done
                                  else self.tr("Add blocks in Prepare > Agenda, or start a "
                                               "workshop from a template."))
        else:
            self.block.setText(block.title or self.tr("Untitled block"))
            self.question.setText(block.question)
        read_only = self.session.document.read_only
        has_block = block is not None and not read_only
        self.toggle_button.setText(self.tr("Pause") if self.session.running else self.tr("Start"))
        self.toggle_button.setEnabled(has_block)
        self.minute_button.setEnabled(has_block)
        self.next_button.setEnabled(has_block)
        ids = [i.id for i in self.session.items()]
        self.previous_button.setEnabled(
            not read_only and bool(ids) and self.session.current_id != ids[0]
        )
        key = self._step_key()
        # -- always shown (hiding it would re-lay the console out at every block)
        if key is None:
            self.step_button.setText(self.tr("No step to open"))
            self.step_button.setEnabled(False)
            self.step_button.setToolTip(self.tr("This block does not work in a step of the app"))
        else:
            self.step_button.setText(self.tr("Open %s") % self.tr(step(key).title))
            self.step_button.setEnabled(not read_only)
            self.step_button.setToolTip(self.tr("Open the step of the app this block works in"))
        if self.blank_button.isChecked() != self.session.blanked:
            self.blank_button.setChecked(self.session.blanked)
        if self.freeze_button.isChecked() != self.session.frozen:
            self.freeze_button.setChecked(self.session.frozen)
        self.update_timer()

    def update_timer(self) -> None:
        """Show the time left in its warning colour, and how far ahead or behind."""
        if self.session.current() is None:
            self.timer.setText("")
        else:
            self.timer.setText(clock_text(self.session.remaining()))
            phase = self.session.phase()
            self.timer.setStyleSheet(f"color: {ink(CONSOLE_COLOURS[phase]).name()};")
            self.timer.setProperty("phase", phase.value)
        behind = self.session.timing().behind_seconds
        if round(behind / 60) == 0:
            self.status.setText(self.tr("On time"))
        elif behind > 0:
            self.status.setText(self.tr("Behind by %d min") % round(behind / 60))
        else:
            self.status.setText(self.tr("Ahead by %d min") % round(-behind / 60))


class RoomPage(QWidget):
    """The Run session step: the console a facilitator runs the room from."""

    # -- asks the workspace to show another step (the one a block opens)
    step_requested = Signal(str)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Run session"))
        self.document = document
        self.session = RoomSession.of(document)
        self.presenter: PresenterWindow | None = None
        self.timer_panel = TimerPanel(self.session, self)
        self.timer_panel.step_requested.connect(self.step_requested.emit)
        self.timer_panel.presenter_requested.connect(self.open_presenter)

        self.tabs = QTabWidget(self)
        self.agenda_model = RunAgendaModel(self.session)
        self.agenda = TableEditor(
            self.agenda_model, [],
            "Start times shift as blocks run over or under. Edit the plan in Prepare > Agenda; "
            "here you can set the question and the step each block opens.",
            self,
        )
        self.tabs.addTab(self.agenda, self.tr("Agenda"))
        self.capture = CapturePanel(self.session, self)
        self.tabs.addTab(self.capture, self.tr("Capture"))
        self.raid_model = RaidModel(document)
        self.raid = TableEditor(
            self.raid_model,
            [("Log item…", self.log_raid_item)],
            "The workshop's RAID log: risks, actions, issues and decisions, with probability "
            f"and impact on the heat map. {QUICK_CAPTURE_KEYS} logs one from anywhere; "
            "double-click an owner, a date or what it concerns to change them.",
            self,
        )
        self.raid.view.doubleClicked.connect(self._raid_double_clicked)
        self.heat_map = RaidHeatMap(document, self)
        self.raid_findings = RaidFindings(document, self)
        self.raid_findings.finding_activated.connect(self.reveal_raid_item)
        beside = QSplitter(Qt.Orientation.Vertical, self)
        beside.addWidget(self.heat_map)
        beside.addWidget(self.raid_findings)
        beside.setStretchFactor(1, 1)
        raid_tab = QSplitter(self)
        raid_tab.addWidget(self.raid)
        raid_tab.addWidget(beside)
        raid_tab.setStretchFactor(0, 1)
        raid_tab.setCollapsible(1, True)
        self.tabs.addTab(raid_tab, self.tr("RAID log"))
        self.tabs.addTab(StakeholderGrid(document, self), self.tr("Stakeholders"))
        self.tabs.addTab(PitchForm(document, self), self.tr("Sponsor pitch and mandate"))
        self.devices = DevicesPanel(self.session, self)
        self.tabs.addTab(self.devices, self.tr("Devices"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.timer_panel)
        layout.addWidget(self.tabs, 1)

    def log_raid_item(self) -> int:
        """Open the quick-capture form (the table shows the new item; nothing to edit next)."""
        QuickCaptureDialog(self.document, self).exec()
        return 0

    def reveal_raid_item(self, _table: str, item_id: int) -> None:
        """Select the RAID item a finding is about in the log."""
        row = self.raid_model.row_of(item_id)
        if row is not None:
            self.raid.view.selectRow(row)
            self.raid.view.scrollTo(self.raid_model.index(row, 0))
            self.raid.view.setFocus()

    def _raid_double_clicked(self, index: QModelIndex) -> None:
        if self.raid_model.columns[index.column()].kind != "computed":
            return
        item = self.raid_model.record(index.row())
        QuickCaptureDialog(self.document, self, item=item).exec()

    def show_devices(self) -> DevicesPanel:
        """Show the tab that opens the room to participants' devices."""
        self.tabs.setCurrentWidget(self.devices)
        return self.devices

    def open_presenter(self) -> PresenterWindow:
        """Show the presenter screen (on the second screen when there is one)."""
        if self.presenter is None:
            self.presenter = PresenterWindow(self.session, self)
        self.presenter.show_on_projector()
        return self.presenter

