"""The presenter screen: the room's view on the projector, in large type, nothing private."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from bigdesk.analysis.room import PresenterView, presenter_view
from bigdesk.analysis.timing import TimerPhase, clock_text
from bigdesk.app.device_room import DeviceRoom
from bigdesk.app.room import plural
from bigdesk.app.session import RoomSession
from bigdesk.model import AgendaItem, KeyPoint, Person, TableGroup, TableGroupMember, Workshop

from bigdesk.ui.steps.room.join_panel import JoinPanel
from bigdesk.ui.watching import WatchingView

# -- high contrast on a dark room's projector: light on black, warnings in amber and red
PHASE_COLOURS = {
    TimerPhase.NORMAL: "#ffffff",
    TimerPhase.AMBER: "#ffb000",
    TimerPhase.RED: "#ff4d4d",
    TimerPhase.OVER: "#ff4d4d",
}
BLANK_KEY = Qt.Key.Key_B
STYLE = """
#presenter, #presenterPage, #presenterBlank { background: #000000; }
#presenter QLabel { color: #ffffff; background: transparent; }
#presenter QLabel#presenterBlock { color: #9ecbff; }
#presenter QLabel#presenterCaptureTitle { color: #9ecbff; }
#presenter QLabel#presenterMembers, #presenter QLabel#presenterHidden,
#presenter QLabel#presenterTarget { color: #c8c8c8; }
"""


def _show(widget: QWidget, visible: bool) -> None:
    # -- showing or hiding re-lays the screen out: only when it really changes
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def _label(parent: QWidget, name: str, scale: float, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    # -- plain text only: nothing typed in the room is ever read as markup
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class PresenterWindow(WatchingView, QWidget):
    """A second top-level window for the projector, driven by the console's session.

    It shows only a ``PresenterView``: the block's title and question, the timer,
    and the points already visible for the table group or parking lot on show.
    """

    watches = (AgendaItem, TableGroup, TableGroupMember, KeyPoint, Person, Workshop)

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setObjectName("presenter")
        self.setWindowTitle(self.tr("BIG Desk: presenter screen"))
        self.setAccessibleName(self.tr("Presenter screen"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.view: PresenterView | None = None

        self._base_size = max(self.font().pointSizeF(), 10.0)
        self.stack = QStackedWidget(self)
        page = self.page = QWidget(self.stack)
        page.setObjectName("presenterPage")
        self.block = _label(page, "presenterBlock", 2.0, bold=True)
        self.question = _label(page, "presenterQuestion", 2.6)
        self.timer = _label(page, "presenterTimer", 5.0, bold=True)
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.timer.setWordWrap(False)
        self.capture_title = _label(page, "presenterCaptureTitle", 2.2, bold=True)
        self.capture_question = _label(page, "presenterCaptureQuestion", 1.8)
        self.members = _label(page, "presenterMembers", 1.5)
        self.points = _label(page, "presenterPoints", 2.2)
        self.hidden = _label(page, "presenterHidden", 1.5)
        self.target = _label(page, "presenterTarget", 1.4)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(14)
        top = QHBoxLayout()
        top.addWidget(self.block, 1)
        top.addWidget(self.timer)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addSpacing(24)
        for label in (self.capture_title, self.capture_question, self.members, self.points,
                      self.hidden, self.target):
            layout.addWidget(label)
        layout.addStretch(1)
        # -- while the room is open to devices: how to join, at the foot of the screen
        self.join_panel = JoinPanel(DeviceRoom.of(session.document), page)
        layout.addWidget(self.join_panel)
        self.blank_page = QWidget(self.stack)
        self.blank_page.setObjectName("presenterBlank")
        self.stack.addWidget(page)
        self.stack.addWidget(self.blank_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        session.ticked.connect(self.update_timer)
        session.state_changed.connect(self.reload)
        self.watch(session.document)
        self.reload()

    # -- placing the window

    def show_on_projector(self) -> None:
        """Show full screen on a second screen when there is one, else as a normal window."""
        parent = self.parentWidget()
        own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not own]
        if others:
            screen = others[0]
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
            self.showFullScreen()
        else:
            self.resize(1024, 640)
            self.showNormal()
        self.raise_()

    # -- what it shows

    def reload(self) -> None:
        """Read what the room may see and show it (or the blank page)."""
        self.stack.setCurrentWidget(self.blank_page if self.session.blanked else self.page)
        with self.session.document.read() as conn:
            view = presenter_view(conn, self.session.current_id, self.session.capture)
        self.view = view
        if self.session.current_id is None:
            self.block.setText(self.tr("End of the agenda"))
        else:
            self.block.setText(view.block_title)
        self.question.setText(view.question)
        _show(self.question, bool(view.question))
        capture_title = view.capture_title
        if self.session.capture is None:
            capture_title = self.tr("Parking lot")
        self.capture_title.setText(capture_title)
        _show(self.capture_title, bool(capture_title))
        self.capture_question.setText(view.capture_question)
        _show(self.capture_question, bool(view.capture_question))
        self.members.setText(self.tr("At this table: %s") % ", ".join(view.members)
                             if view.members else "")
        _show(self.members, bool(view.members))
        self.points.setText("\n".join(f"\u2022 {point}" for point in view.points))
        # -- more points, smaller type, so a table's five points still fit the screen
        font = self.points.font()
        font.setPointSizeF(self._base_size * (2.0 if len(view.points) <= 3 else 1.6
                                              if len(view.points) <= 6 else 1.25))
        self.points.setFont(font)
        _show(self.points, bool(view.points))
        if view.hidden_points:
            self.hidden.setText(self.tr("%s being written")
                                % plural(view.hidden_points, "more point", "more points"))
        _show(self.hidden, bool(view.hidden_points))
        if view.target is not None:
            low, high = view.target
            self.target.setText(self.tr("Aim for %d to %d key points") % (low, high))
        _show(self.target, view.target is not None)
        self.update_timer()

    def update_timer(self) -> None:
        """Show the current block's time left in its warning colour."""
        if self.session.current() is None:
            self.timer.setText("")
            return
        self.timer.setText(clock_text(self.session.remaining()))
        colour = PHASE_COLOURS[self.session.phase()]
        self.timer.setStyleSheet(f"color: {colour};")
        self.timer.setProperty("phase", self.session.phase().value)

    def shown_text(self) -> str:
        """Return every text the screen shows now (what a camera in the room would read)."""
        if self.session.blanked:
            return ""
        labels = [self.timer, self.block, self.question, self.capture_title,
                  self.capture_question, self.members, self.points, self.hidden, self.target]
        shown = [label.text() for label in labels if not label.isHidden()]
        return "\n".join([*shown, self.join_panel.shown_text()]).strip()

    # -- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == BLANK_KEY:
            self.session.set_blanked(not self.session.blanked)
            return
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.set_blanked(False)
        super().closeEvent(event)
