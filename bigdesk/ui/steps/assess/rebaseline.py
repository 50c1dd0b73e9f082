"""Re-baselining: this workshop's assessment beside an earlier one, dimension by dimension."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.assessment import DimensionChange, Rebaseline, rebaseline
from bigdesk.analysis.review import previous_session
from bigdesk.app.document import WorkshopDocument
from bigdesk.store import WorkshopFileError

from bigdesk.ui.palette import tint

FILE_FILTER = "BIG Desk workshops (*.bigdesk)"
RISE, FALL = "#d8ecd2", "#f6d5cf"


def _level(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _change(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:+g}" if value else "0"


class RebaselinePanel(QWidget):
    """Choose another workshop file and see how each dimension moved since."""

    HEADERS = ("Group", "Dimension", "Current then", "Current now", "Change",
               "Target then", "Target now", "Change", "")

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.result: Rebaseline | None = None
        self.setAccessibleName(self.tr("Re-baseline"))
        self.choose = QPushButton(self.tr("Compare with another workshop…"), self)
        self.choose.setAccessibleName(self.choose.text())
        self.choose.clicked.connect(self.choose_file)
        self.summary = QLabel(self.tr(
            "Open the file of an earlier session with the same client to see how each "
            "dimension has moved. Dimensions are matched by key; the agreed level is used "
            "where there is one, the median otherwise. The other file is only read."), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setAccessibleName(self.tr("Change per dimension"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # -- a follow-up session re-scores against the session it follows
        with document.read() as conn:
            followed = previous_session(conn)
        self.previous = Path(followed.path) if followed is not None and followed.path else None
        self.against_previous = QPushButton(self.tr("Compare with the session this one follows"),
                                            self)
        self.against_previous.setAccessibleName(self.against_previous.text())
        self.against_previous.setVisible(self.previous is not None)
        self.against_previous.clicked.connect(
            lambda: self.previous is not None and self.compare(self.previous))
        top = QHBoxLayout()
        top.addWidget(self.against_previous)
        top.addWidget(self.choose)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def choose_file(self) -> None:
        """Ask for the other workshop file and compare."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Compare with another workshop"), str(self.document.path.parent),
            FILE_FILTER,
        )
        if path:
            self.compare(Path(path))

    def compare(self, other: Path) -> bool:
        """Compare this workshop with ``other`` and show the change per dimension."""
        try:
            with self.document.read() as conn:
                self.result = rebaseline(conn, other)
        except WorkshopFileError as error:
            QMessageBox.warning(self, self.tr("Cannot compare"), str(error))
            return False
        result = self.result
        when = f", {result.other_date}" if result.other_date else ""
        matched = sum(1 for c in result.changes if c.status == "both")
        self.summary.setText(self.tr(
            "Compared with “%s” (%s%s): %d dimensions matched by key. Change is this "
            "workshop minus the other.") % (result.other_title or other.name,
                                            result.other_client or other.name, when, matched))
        self._fill(result.changes)
        return True

    def _fill(self, changes: list[DimensionChange]) -> None:
        self.table.setRowCount(len(changes))
        status_text = {"both": "", "new": self.tr("only in this workshop"),
                       "dropped": self.tr("only in the other workshop")}
        for row, change in enumerate(changes):
            cells = (change.group, change.name, _level(change.before_current),
                     _level(change.now_current), _change(change.current_change),
                     _level(change.before_target), _level(change.now_target),
                     _change(change.target_change), status_text[change.status])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= column <= 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                delta = change.current_change if column == 4 else \
                    change.target_change if column == 7 else None
                if delta:
                    item.setBackground(QBrush(tint(RISE if delta > 0 else FALL)))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
