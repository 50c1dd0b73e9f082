"""The presenter screen: the room's view on the projector, in large type, nothing private."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from bigdesk.analysis.room import PresenterView, presenter_view
from bigdesk.analysis.timing import TimerPhase, clock_text
from bigdesk.app.device_room import DeviceRoom
from bigdesk.app.room import plural
from bigdesk.app.session import NOTHING, RoomSession
from bigdesk.domain.steps import NO_STEP
from bigdesk.exchange.deck import palette
from bigdesk.exchange.figures_room import RoomView, draw_room_view, new_room_figure, room_view
from bigdesk.model import (
    AgendaItem,
    Base,
    KeyPoint,
    Person,
    TableGroup,
    TableGroupMember,
    Workshop,
)

from bigdesk.ui.steps.room.join_panel import JoinPanel
from bigdesk.ui.steps.room.projector import projector_screen
from bigdesk.ui.watching import WatchingView

# -- high contrast on the deck's white paper: the timer quiet until it warns
PHASE_COLOURS = {
    TimerPhase.NORMAL: f"#{palette.MUTED}",
    TimerPhase.AMBER: f"#{palette.WARNING_INK}",
    TimerPhase.RED: f"#{palette.ALERT_INK}",
    TimerPhase.OVER: f"#{palette.ALERT_INK}",
}
BLANK_KEY = Qt.Key.Key_B
FREEZE_KEY = Qt.Key.Key_F
# -- a presenter's clicker sends Page Down and Page Up (or the arrows)
NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_N)
PREVIOUS_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Left)
# -- the screen is designed at 1080 pixels high; every size follows the window's height
DESIGN_HEIGHT = 1080
# -- type sizes in pixels at 1080 high: nothing under 28, read from the back of a room
SIZES = {
    "presenterBlock": 34, "presenterTimer": 34, "presenterQuestion": 58,
    "presenterCaptureTitle": 48, "presenterCaptureQuestion": 40, "presenterMembers": 32,
    "presenterPoints": 44, "presenterHidden": 32, "presenterTarget": 30,
    "joinHeading": 34, "joinAddress": 34, "joinCode": 56, "joinCount": 30,
}  # fmt: skip
BOLD = frozenset({"presenterBlock", "presenterQuestion", "presenterCaptureTitle",
                  "presenterTimer", "joinHeading", "joinCode"})  # fmt: skip


def style_sheet(factor: float) -> str:
    """Return the presenter's style with every type size scaled by ``factor``."""
    rules = [
        f"#presenter, #presenterPage {{ background: #{palette.PAPER}; }}",
        "#presenterBlank { background: #000000; }",
        f"#presenter QLabel {{ color: #{palette.INK}; background: transparent; }}",
        f"#presenter QLabel#presenterBlock, #presenter QLabel#presenterCaptureTitle "
        f"{{ color: #{palette.OBJECTIVE}; }}",
        f"#presenter QLabel#presenterMembers, #presenter QLabel#presenterHidden, "
        f"#presenter QLabel#presenterTarget "
        f"{{ color: #{palette.MUTED}; }}",
    ]
    for name, size in SIZES.items():
        weight = "bold" if name in BOLD else "normal"
        rules.append(f"#presenter QLabel#{name} {{ font-size: {round(size * factor)}px; "
                     f"font-weight: {weight}; }}")
    return "\n".join(rules)


def _show(widget: QWidget, visible: bool) -> None:
    # -- showing or hiding re-lays the screen out: only when it really changes
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    # -- plain text only: nothing typed in the room is ever read as markup
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


# -- smaller than this, a room view has no room to be read: it waits to be given more
MIN_SIZE = QSize(320, 200)
# -- every table a room view draws from: any edit to one redraws the view on show
ROOM_TABLES = tuple(mapper.class_ for mapper in Base.registry.mappers)


class _Drawn(QObject):
    """Carries a finished drawing from the drawing thread back to the window's thread."""

    done = Signal(int, object)


class _Drawing(QRunnable):
    """Draws one room view into an image, away from the window's thread."""

    def __init__(self, generation: int, view: RoomView, size: QSize, ratio: float,
                 sink: _Drawn) -> None:
        super().__init__()
        self.generation, self.view, self.size, self.ratio = generation, view, size, ratio
        self.sink = sink

    def run(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        figure = new_room_figure(self.size.width(), self.size.height(), self.ratio)
        canvas: Any = FigureCanvasAgg(figure)
        draw_room_view(self.view, figure)
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        image = QImage(bytes(canvas.buffer_rgba()), width, height,
                       QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(self.ratio)
        self.sink.done.emit(self.generation, (image, figure))


class RoomFigure(WatchingView, QWidget):
    """The room view of the step the current block opens, drawn for the projector.

    The view is read on the window's thread (the workshop's connection lives there) and
    drawn on a thread of its own: a projector-sized figure takes a few hundred
    milliseconds to draw, and the facilitator's laptop must not stall while it does.
    """

    reads = ROOM_TABLES
    # -- scores and dots arrive a few a second from the room: one redraw once they pause
    refresh_delay_ms = 300

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenterFigure")
        self.setAccessibleName(self.tr("The room's view of the step"))
        self.session = session
        self.step = NO_STEP
        self.view: RoomView | None = None
        # -- edits arrived while the projector was frozen: read again when it thaws
        self.stale = False
        self.image: QImage | None = None
        self.drawn: Any = None
        self.generation = 0
        # -- one drawing at a time, and only the newest one waiting
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        # -- a child made after the pool: when the view goes, the pool first waits for the
        #    drawing under way, and only then is the sink that drawing reports to deleted
        self.sink = _Drawn(self)
        self.sink.done.connect(self._drawn)
        # -- drawing waits a moment: the laptop's own screen (the console, the next block)
        #    updates first, before the drawing thread starts sharing Python's lock with it,
        #    and a burst of resizes or edits makes one drawing
        self.redraw = QTimer(self)
        self.redraw.setSingleShot(True)
        self.redraw.setInterval(60)
        self.redraw.timeout.connect(self.draw)
        self.watch(session.document)

    def show_step(self, step: str) -> None:
        """Show the room view of ``step`` (nothing for a step without one)."""
        if step != self.step or self.stale:
            self.step = step
            self.reload()

    def reload(self) -> None:
        """Read the step's room view again and draw it (not while the projector is frozen)."""
        self.stale = self.session.frozen
        if self.stale:
            return
        if self.step == NO_STEP:
            self.view = None
        else:
            cascade = (self.session.document.cascade()
                       if self.step in ("map", "accountability") else None)
            with self.session.document.read() as conn:
                self.view = room_view(conn, self.step, cascade)
        self.redraw.start()

    def draw(self) -> None:
        """Draw the view read last at the widget's size, on the drawing thread."""
        self.generation += 1
        if self.view is None or not self.isVisible() or self.width() < MIN_SIZE.width() \
                or self.height() < MIN_SIZE.height():
            # -- nothing to draw yet: showing or resizing the widget draws again
            self.image = self.drawn = None
            self.update()
            return
        self.pool.clear()
        self.pool.start(_Drawing(self.generation, self.view, self.size(),
                                 self.devicePixelRatioF() or 1.0, self.sink))

    def _drawn(self, generation: int, drawing: tuple[QImage, Any]) -> None:
        if generation == self.generation:
            self.image, self.drawn = drawing
            self.update()

    def settle(self) -> None:
        """Draw now if a drawing waits, wait for it and show it (for tests and screenshots)."""
        if self.redraw.isActive():
            self.redraw.stop()
            self.draw()
        self.pool.waitForDone()
        QCoreApplication.sendPostedEvents(self.sink)
        QCoreApplication.processEvents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # -- the figure lays itself out in pixels: a new size is a new drawing
        self.redraw.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.image is None:
            self.redraw.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is not None:
            painter = QPainter(self)
            painter.drawImage(0, 0, self.image)
            painter.end()

    def figure(self) -> Any:
        """Return the matplotlib figure on show (None when there is none)."""
        return self.drawn

    def shown_text(self) -> str:
        """Return every text the figure shows."""
        figure = self.figure()
        if figure is None or self.isHidden():
            return ""
        from matplotlib.text import Text

        return "\n".join(text.get_text() for text in figure.findobj(Text)
                         if text.get_visible() and text.get_text())


class PresenterWindow(WatchingView, QWidget):
    """A second top-level window for the projector, driven by the console's session.

    It shows only what the room may see: the block's title and question in large
    type, a quiet timer, and either the points on show for a table group or the
    parking lot, or the room view of the step the block opens.
    """

    watches = (AgendaItem, TableGroup, TableGroupMember, KeyPoint, Person, Workshop)

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setObjectName("presenter")
        self.setWindowTitle(self.tr("BIG Desk: presenter screen"))
        self.setAccessibleName(self.tr("Presenter screen"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._factor = 0.0
        self.view: PresenterView | None = None
        self._following_screens = False

        self.stack = QStackedWidget(self)
        page = self.page = QWidget(self.stack)
        page.setObjectName("presenterPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.block = _label(page, "presenterBlock")
        self.question = _label(page, "presenterQuestion")
        self.timer = _label(page, "presenterTimer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.timer.setWordWrap(False)
        self.capture_title = _label(page, "presenterCaptureTitle")
        self.capture_question = _label(page, "presenterCaptureQuestion")
        self.members = _label(page, "presenterMembers")
        self.points = _label(page, "presenterPoints")
        self.hidden = _label(page, "presenterHidden")
        self.target = _label(page, "presenterTarget")
        self.room_figure = RoomFigure(session, page)
        self.capture = QWidget(page)
        capture = QVBoxLayout(self.capture)
        capture.setContentsMargins(0, 0, 0, 0)
        for label in (self.capture_title, self.capture_question, self.members, self.points,
                      self.hidden, self.target):
            capture.addWidget(label)
        capture.addStretch(1)
        self.layout_ = layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(self.block, 1)
        top.addWidget(self.timer)
        layout.addLayout(top)
        layout.addWidget(self.question)
        # -- the room's view takes all the height it is given; without one, the question
        #    stays at the top
        layout.addWidget(self.capture, 100)
        layout.addWidget(self.room_figure, 100)
        layout.addStretch(1)
        # -- while the room is open to devices: how to join, at the foot of the screen
        self.join_panel = JoinPanel(DeviceRoom.of(session.document), page)
        layout.addWidget(self.join_panel)
        self.blank_page = QWidget(self.stack)
        self.blank_page.setObjectName("presenterBlank")
        self.blank_page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.stack.addWidget(page)
        self.stack.addWidget(self.blank_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._scale_to(DESIGN_HEIGHT)

        session.ticked.connect(self.update_timer)
        session.state_changed.connect(self.reload)
        self.watch(session.document)
        self.reload()

    # -- placing the window

    def show_on_projector(self) -> None:
        """Show full screen on a second screen when there is one, else as a normal window;
        follow screens plugged in or out while it is open."""
        if not self._following_screens:
            app = QGuiApplication.instance()
            assert isinstance(app, QGuiApplication)
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screen_removed)
            self._following_screens = True
        self._place(QGuiApplication.screens())
        self.raise_()

    def _place(self, screens: list[QScreen]) -> None:
        parent = self.parentWidget()
        own = parent.window().screen() if parent is not None else QGuiApplication.primaryScreen()
        target = projector_screen(screens, own)
        if target is not None:
            self.setScreen(target)
            self.move(target.geometry().topLeft())
            self.showFullScreen()
            return
        if self.isFullScreen() or not self.isVisible():
            # -- back from a projector unplugged: a window beside the console
            self.showNormal()
            self.resize(1280, 720)

    def _screens_changed(self, _screen: QScreen) -> None:
        if self.isVisible():
            self._place(QGuiApplication.screens())

    def _screen_removed(self, screen: QScreen) -> None:
        # -- told before Qt lets the screen go: place as if it were gone already
        if self.isVisible():
            self._place([s for s in QGuiApplication.screens() if s is not screen])

    def _scale_to(self, height: int) -> None:
        # -- type follows the screen's height, so a 720-line projector shows the same page
        factor = round(min(max(height / DESIGN_HEIGHT, 0.5), 2.0), 2)
        if factor == self._factor:
            return
        self._factor = factor
        self.setStyleSheet(style_sheet(factor))
        margin = round(48 * factor)
        self.layout_.setContentsMargins(margin, round(32 * factor), margin, round(32 * factor))
        self.layout_.setSpacing(round(16 * factor))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scale_to(event.size().height())
        super().resizeEvent(event)

    # -- what it shows

    def reload(self) -> None:
        """Read what the room may see and show it (or the blank page, or the frozen one)."""
        session = self.session
        self.stack.setCurrentWidget(self.blank_page if session.blanked else self.page)
        if session.frozen:
            # -- the room keeps what it sees; the clock would tell another block's time
            self.timer.setText("")
            return
        with session.document.read() as conn:
            view = presenter_view(conn, session.current_id, session.capture)
        self.view = view
        title = view.block_title if session.current_id is not None else \
            self.tr("End of the agenda")
        # -- a block without a question shows its title in the question's large type
        self.block.setText(title if view.question else "")
        self.question.setText(view.question or title)
        _show(self.question, bool(self.question.text()))
        capturing = session.capture is not NOTHING
        _show(self.capture, capturing)
        _show(self.room_figure, not capturing and view.step != NO_STEP)
        self.room_figure.show_step(NO_STEP if capturing else view.step)
        capture_title = view.capture_title
        if session.capture is None:
            capture_title = self.tr("Parking lot")
        self.capture_title.setText(capture_title)
        _show(self.capture_title, bool(capture_title))
        self.capture_question.setText(view.capture_question)
        _show(self.capture_question, bool(view.capture_question))
        self.members.setText(self.tr("At this table: %s") % ", ".join(view.members)
                             if view.members else "")
        _show(self.members, bool(view.members))
        self.points.setText("\n".join(f"\u2022 {point}" for point in view.points))
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
        """Show the current block's time left, quiet until it warns."""
        if self.session.frozen:
            return
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
        shown = [label.text() for label in labels if label.isVisibleTo(self)]
        return "\n".join([*shown, self.room_figure.shown_text(),
                          self.join_panel.shown_text()]).strip()

    # -- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == BLANK_KEY:
            self.session.set_blanked(not self.session.blanked)
        elif key == FREEZE_KEY:
            self.session.set_frozen(not self.session.frozen)
        elif key in NEXT_KEYS and not self.session.document.read_only:
            self.session.next_block()
        elif key in PREVIOUS_KEYS and not self.session.document.read_only:
            self.session.previous_block()
        elif key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.set_blanked(False)
        self.session.set_frozen(False)
        super().closeEvent(event)
