"""Stakeholder profiles on a grid of influence against interest."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import prepare
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import Person

from bigdesk.ui.watching import WatchingView

# -- the classic four quadrants: how to engage people by influence (rows) and interest
QUADRANTS = {
    (True, True): ("Manage closely", "#fde2e1"),
    (True, False): ("Keep satisfied", "#fff1d6"),
    (False, True): ("Keep informed", "#e2efff"),
    (False, False): ("Monitor", "#eeeeee"),
}


def quadrant(influence: int, interest: int) -> str:
    """Return how to engage someone of this influence and interest (1 to 5 each)."""
    return QUADRANTS[(influence >= 3, interest >= 3)][0]


class StakeholderGrid(WatchingView, QWidget):
    """A 5 by 5 grid: influence up the side, interest along the bottom, people in the cells."""

    watches = (Person,)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.grid = QTableWidget(5, 5, self)
        self.grid.setAccessibleName(self.tr("Influence and interest grid"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.setHorizontalHeaderLabels(
            [self.tr("Interest %d") % n for n in range(1, 6)]
        )
        self.grid.setVerticalHeaderLabels([self.tr("Influence %d") % n for n in range(5, 0, -1)])
        for header in (self.grid.horizontalHeader(), self.grid.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.unplaced = QLabel(self)
        self.unplaced.setWordWrap(True)
        self.unplaced.setObjectName("hint")
        hint = QLabel(
            self.tr("High influence and high interest: manage closely. High influence, low "
                    "interest: keep satisfied. Low influence, high interest: keep informed. "
                    "Set influence, interest, role and concerns in Prepare > People; the "
                    "concerns feed the sponsor pitch and the deck's case for acting now."),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.unplaced)
        layout.addWidget(hint)
        self.watch(document)
        self.reload()

    def reload(self) -> None:
        """Place every person with an influence and an interest in their cell."""
        with self.document.read() as conn:
            people = prepare.PEOPLE.rows(conn)
        cells: dict[tuple[int, int], list[str]] = {}
        tips: dict[tuple[int, int], list[str]] = {}
        unplaced = []
        for person in people:
            name = person.name or self.tr("(unnamed)")
            if person.influence is None or person.interest is None:
                unplaced.append(name)
                continue
            key = (person.influence, person.interest)
            role = f" ({person.role})" if person.role else ""
            cells.setdefault(key, []).append(name)
            concerns = f": {person.concerns}" if person.concerns else ""
            tips.setdefault(key, []).append(f"{name}{role}{concerns}")
        for row, influence in enumerate(range(5, 0, -1)):
            for column, interest in enumerate(range(1, 6)):
                label, colour = QUADRANTS[(influence >= 3, interest >= 3)]
                names = cells.get((influence, interest), [])
                item = QTableWidgetItem("\n".join(names))
                item.setBackground(QColor(colour))
                item.setForeground(QColor("#000000"))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip("\n".join([self.tr(label), *tips.get((influence, interest), [])]))
                self.grid.setItem(row, column, item)
        self.unplaced.setText(
            self.tr("Not on the grid yet (no influence or interest): %s") % ", ".join(unplaced)
            if unplaced else ""
        )
        self.unplaced.setVisible(bool(unplaced))
