"""BIG Desk's icons: its own for the windows and the About box, Bootstrap Icons for actions.

Bootstrap Icons (MIT, in ``resources/icons/bootstrap``) draw in ``currentColor``; they are
coloured here in one slate that reads on the light and the dark scheme, and in the
highlighted text's colour where they sit on a selection.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from bigdesk import paths

from bigdesk.ui.theme import ICON_COLOUR

# -- drawn once at these sizes (a normal and a high-density screen); Qt scales the rest
SIZES = (16, 32)
# -- the icon of each step in the step list
STEP_ICONS = {
    "prepare": "clipboard-check", "review": "clock-history", "room": "easel",
    "assess": "speedometer2",
    "map": "diagram-3", "accountability": "people", "prioritise": "bar-chart-steps",
    "deck": "file-earmark-slides",
}  # fmt: skip


def app_icon() -> QIcon:
    """Return BIG Desk's icon, drawn from its SVG source at any size."""
    return QIcon(str(paths.resource("icons", "bigdesk.svg")))


def _pixmap(svg: bytes, colour: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace(b"currentColor", f"#{colour}".encode())))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def picture(name: str, size: int, colour: str = ICON_COLOUR) -> QPixmap:
    """Return the Bootstrap icon called ``name`` drawn at ``size`` pixels in ``colour``."""
    return _pixmap(paths.resource("icons", "bootstrap", f"{name}.svg").read_bytes(), colour, size)


@cache
def icon(name: str) -> QIcon:
    """Return the Bootstrap icon called ``name``, coloured for BIG Desk's palettes."""
    svg = paths.resource("icons", "bootstrap", f"{name}.svg").read_bytes()
    selected = QApplication.palette().highlightedText().color().name().lstrip("#")
    made = QIcon()
    for size in SIZES:
        made.addPixmap(_pixmap(svg, ICON_COLOUR, size), QIcon.Mode.Normal)
        made.addPixmap(_pixmap(svg, selected, size), QIcon.Mode.Selected)
    return made
