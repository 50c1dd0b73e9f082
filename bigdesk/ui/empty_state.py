"""What a step with no work shows: what the step is for, what to do first, and one button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bigdesk.domain.steps import FirstStep

from bigdesk.ui.icon import picture
from bigdesk.ui.theme import ICON_COLOUR

# -- the primary button in the palette's highlight, so it is the one thing that stands out;
#    palette() keeps it right in the light and the dark scheme (the pair is contrast-tested)
STYLE = """
QLabel#emptyHeading { font-size: 22pt; font-weight: bold; }
QLabel#emptyAdvice { font-size: 13pt; }
QPushButton#primaryAction {
    background: palette(highlight); color: palette(highlighted-text);
    border: 2px solid palette(highlight); border-radius: 6px;
    padding: 10px 22px; font-size: 13pt; font-weight: bold;
}
QPushButton#primaryAction:focus { border-color: palette(window-text); }
QPushButton#primaryAction:disabled {
    background: palette(button); color: palette(placeholder-text); border-color: palette(mid);
}
QPushButton#otherAction {
    color: palette(link); border: none; background: transparent; padding: 4px 8px;
    font-size: 11pt; text-decoration: underline;
}
QPushButton#otherAction:focus { border: 1px solid palette(link); }
"""
# -- the step's picture above the heading, in pixels
PICTURE_SIZE = 72
# -- the button's icon and the gap between it and the words, in pixels
ICON_SIZE, ICON_GAP = 20, 8
# -- the advice reads as one short paragraph, not a line across a wide screen
TEXT_WIDTH = 620


def _sharp(name: str, size: int, colour: str = ICON_COLOUR, gap: int = 0) -> QPixmap:
    """Return an icon drawn at twice ``size`` for sharp screens, with ``gap`` blank on its
    right."""
    glyph = picture(name, 2 * size, colour)
    if gap:
        padded = QPixmap(2 * (size + gap), 2 * size)
        padded.fill(Qt.GlobalColor.transparent)
        painter = QPainter(padded)
        painter.drawPixmap(0, 0, glyph)
        painter.end()
        glyph = padded
    glyph.setDevicePixelRatio(2)
    return glyph


class EmptyState(QWidget):
    """A step's page while it holds no work: heading, one sentence, one primary button."""

    # -- the user asked for an action, by its key (the button's or a quieter link's)
    action_requested = Signal(str)
    # -- the user asked to see the step's page anyway
    page_requested = Signal()

    def __init__(self, picture_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setStyleSheet(STYLE)
        self.first: FirstStep | None = None
        self._picture_name = picture_name
        self._action_icon = ""
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(self)
        self.heading.setObjectName("emptyHeading")
        self.advice = QLabel(self)
        self.advice.setObjectName("emptyAdvice")
        for label in (self.heading, self.advice):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self)
        self.button.setObjectName("primaryAction")
        self.button.setIconSize(QSize(ICON_SIZE + ICON_GAP, ICON_SIZE))
        self.button.clicked.connect(self._button_clicked)
        self.others = QHBoxLayout()
        self.others.setSpacing(8)
        self.whole = self._link(self.tr("Show the whole step"))
        self.whole.setToolTip(self.tr("See this step's page with nothing in it yet"))
        self.whole.clicked.connect(self.page_requested.emit)
        self.read_only = QLabel(self.tr("This workshop is open read-only: nothing can be "
                                        "added to it."), self)
        self.read_only.setObjectName("hint")
        self.read_only.setWordWrap(True)
        self.read_only.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.read_only.hide()

        # -- the text keeps to a column of reading width, centred in the page; word-wrapped
        #    labels take the column's width (aligned in a layout, they would shrink)
        body = QWidget(self)
        body.setMaximumWidth(TEXT_WIDTH)
        column = QVBoxLayout(body)
        column.setSpacing(14)
        column.addWidget(self.picture)
        column.addWidget(self.heading)
        column.addWidget(self.advice)
        column.addSpacing(10)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.read_only)
        column.addLayout(self.others)
        column.addWidget(self.whole, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(body, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        self._draw_pictures()

    def _link(self, text: str) -> QPushButton:
        link = QPushButton(text, self)
        link.setObjectName("otherAction")
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        link.setAccessibleName(text.rstrip("…"))
        return link

    def show_first(self, first: FirstStep, action_icon: str, enabled: bool = True) -> None:
        """Say ``first``: its heading, its advice, its button (with ``action_icon``), its links."""
        self.first = first
        self._action_icon = action_icon
        self.heading.setText(self.tr(first.heading))
        self.advice.setText(self.tr(first.advice))
        self.button.setText(self.tr(first.button))
        self.button.setAccessibleName(self.tr(first.button).rstrip("…"))
        self.button.setAccessibleDescription(self.tr(first.advice))
        self.button.setEnabled(enabled)
        self.read_only.setVisible(not enabled)
        while self.others.count():
            item = self.others.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.others.addStretch(1)
        for words, key in first.also:
            link = self._link(self.tr(words))
            link.setEnabled(enabled)
            link.clicked.connect(lambda _=False, key=key: self.action_requested.emit(key))
            self.others.addWidget(link)
        self.others.addStretch(1)
        self._draw_pictures()

    def _button_clicked(self) -> None:
        if self.first is not None:
            self.action_requested.emit(self.first.action)

    def _draw_pictures(self) -> None:
        self.picture.setPixmap(_sharp(self._picture_name, PICTURE_SIZE))
        if self._action_icon:
            # -- in the highlighted text's colour on the button's highlight, with a gap
            #    before the words
            colour = (self.palette().highlightedText() if self.button.isEnabled()
                      else self.palette().placeholderText()).color().name().lstrip("#")
            self.button.setIcon(QIcon(_sharp(self._action_icon, ICON_SIZE, colour, ICON_GAP)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._draw_pictures()
        super().changeEvent(event)
