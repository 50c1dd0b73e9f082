"""How the room joins from its phones: the QR code, the short address and the join code.

A widget of its own, so any screen (the presenter screen today) can place it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from bigdesk.app.device_room import DeviceRoom

# -- the blank margin around the code that scanners need, in modules
QUIET_ZONE = 4


def short_address(url: str) -> str:
    """Return the address as a person types it: no scheme, no trailing slash."""
    return url.removeprefix("http://").rstrip("/")


def spaced_code(code: str) -> str:
    """Return a join code in two halves, easier to read from the back of the room."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}" if half else code


class QrCode(QWidget):
    """A QR code drawn square and crisp at any size, dark on light as scanners expect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self.text = ""
        self._rows: list[list[bool]] = []
        self.setMinimumSize(QSize(160, 160))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_text(self, text: str) -> None:
        """Encode ``text`` (nothing shown when empty)."""
        if text == self.text:
            return
        self.text = text
        self._rows = []
        if text:
            import segno

            code = segno.make(text, error="m", micro=False)
            self._rows = [[bool(cell) for cell in row]
                          for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._rows:
            return
        painter = QPainter(self)
        count = len(self._rows)
        # -- whole pixels a module, so every module is the same size and scans cleanly
        module = max(1, min(self.width(), self.height()) // count)
        side = module * count
        left = (self.width() - side) // 2
        top = (self.height() - side) // 2
        painter.fillRect(left, top, side, side, QColor("#ffffff"))
        dark = QColor("#000000")
        for y, row in enumerate(self._rows):
            for x, cell in enumerate(row):
                if cell:
                    painter.fillRect(QRectF(left + x * module, top + y * module, module, module),
                                     dark)
        painter.end()


class JoinPanel(QWidget):
    """The QR code, address and join code of the open room; hidden while it is closed."""

    def __init__(self, room: DeviceRoom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinPanel")
        self.room = room
        self.qr = QrCode(self)
        self.qr.setAccessibleName(self.tr("QR code to join the room"))
        self.heading = self._label("joinHeading", 1.5, bold=True)
        self.heading.setText(self.tr("Join from your phone"))
        self.address = self._label("joinAddress", 1.6)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = self._label("joinCode", 3.0, bold=True)
        self.joined = self._label("joinCount", 1.3)
        text = QVBoxLayout()
        for label in (self.heading, self.address, self.code, self.joined):
            text.addWidget(label)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.qr)
        layout.addLayout(text, 1)
        room.changed.connect(self.refresh)
        self.refresh()

    def _label(self, name: str, scale: float, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * scale)
        font.setBold(bold)
        label.setFont(font)
        return label

    def refresh(self) -> None:
        """Show the room's address and code, or hide while the room is closed."""
        room = self.room
        self.setVisible(room.is_open)
        if not room.is_open:
            self.qr.set_text("")
            return
        self.qr.set_text(f"{room.url}#{room.code}")
        self.address.setText(self.tr("Go to %s") % short_address(room.url))
        self.code.setText(self.tr("Code %s") % spaced_code(room.code))
        count = room.joined()
        self.joined.setText(self.tr("%n joined", "", count) if count else "")

    def shown_text(self) -> str:
        """Return the words the panel shows (empty while the room is closed)."""
        if self.isHidden():
            return ""
        return "\n".join(label.text() for label in (self.heading, self.address, self.code,
                                                     self.joined) if label.text())
