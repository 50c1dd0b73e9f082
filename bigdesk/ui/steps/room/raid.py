"""The RAID log as a table (or its actions, the next steps), its risks on a 5 x 5 heat map,
and what to look at in it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from bigdesk.analysis.findings import Finding
from bigdesk.analysis.people import person_labels
from bigdesk.analysis.raid import HIGH_EXPOSURE, concerns, raid_findings
from bigdesk.app import room
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import (
    AccountabilityNode,
    Element,
    GovernanceBody,
    Person,
    RaidItem,
    RaidKind,
    RaidLink,
    RaidStatus,
    Workshop,
)
from bigdesk.store import Changes

from bigdesk.ui.findings_panel import FindingsPanel
from bigdesk.ui.palette import contrast
from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.watching import WatchingView

# -- the two inks a heat map cell's count may be written in
COUNT_INKS = ("#ffffff", "#1b1b1b")


def cell_colour(score: int) -> QColor:
    """Return a heat map cell's colour: green to amber to red as exposure climbs."""
    return QColor("#c62828" if score >= HIGH_EXPOSURE else "#f9a825" if score >= 6 else "#2e7d32")


def count_ink(cell: QColor) -> QColor:
    """Return the ink a count reads best in on ``cell``: white on red and green, dark on amber."""
    return max((QColor(ink) for ink in COUNT_INKS), key=lambda ink: contrast(ink, cell))


class RaidModel(RowTableModel):
    """The RAID log with owners by name, due dates, exposure and what each item concerns."""

    reads = (Person, RaidLink, Element, AccountabilityNode, GovernanceBody)

    def __init__(self, document: WorkshopDocument, actions_only: bool = False) -> None:
        self._owners: dict[int, str] = {}
        self._concerns: dict[int, list[str]] = {}
        raid = room.RAID
        exposure = [] if actions_only else [
            Column.of(raid.field("probability")), Column.of(raid.field("impact")),
            Column("exposure", "Exposure", "computed", compute=self._exposure,
                   tooltip="Probability times impact, out of 25"),
            Column.of(raid.field("response"), "Mitigation or response"),
            Column("review", "Review", "computed", compute=self._review),
            Column("concerns", "Concerns", "computed", compute=self._concerned,
                   tooltip="Double-click to say which elements, nodes or governance bodies "
                           "it concerns"),
        ]
        columns = [
            *([] if actions_only else [Column.of(raid.field("kind"))]),
            Column.of(raid.field("title"), "Action" if actions_only else ""),
            Column("owner", "Owner", "computed", compute=self._owner,
                   tooltip="Double-click to change the owner or the due date"),
            Column("due", "Due", "computed", compute=self._due),
            Column.of(raid.field("status")),
            *exposure,
            Column.of(raid.field("description")),
        ]
        super().__init__(document, raid, columns)
        if actions_only:
            # -- the next steps of the ask: the log's actions, moved among themselves
            self.scope = {"kind": RaidKind.ACTION}
            self.reload()

    def fetch_rows(self, conn: Connection) -> list[Any]:
        self._owners = person_labels(conn, anonymous=False)
        self._concerns = concerns(conn)
        return super().fetch_rows(conn)

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(Person, RaidLink, Element, AccountabilityNode, GovernanceBody):
            self.reload()
        else:
            super().repaint_rows(changes)

    def _owner(self, row: int, rows: Sequence[Any]) -> str:
        owner = rows[row].owner_id
        return "" if owner is None else self._owners.get(owner, "")

    @staticmethod
    def _due(row: int, rows: Sequence[Any]) -> str:
        due = rows[row].due_date
        return "" if due is None else due.strftime("%d %b %Y")

    @staticmethod
    def _review(row: int, rows: Sequence[Any]) -> str:
        review = rows[row].review_date
        return "" if review is None else review.strftime("%d %b %Y")

    @staticmethod
    def _exposure(row: int, rows: Sequence[Any]) -> str:
        exposure = rows[row].exposure
        return "" if exposure is None else str(exposure)

    def _concerned(self, row: int, rows: Sequence[Any]) -> str:
        return "; ".join(self._concerns.get(rows[row].id, []))


class RaidHeatMap(WatchingView, QWidget):
    """The open risks and issues on the 5 x 5 grid of probability and impact."""

    watches = (RaidItem,)
    CELL = 34

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Heat map of open risks and issues"))
        self.cells: dict[tuple[int, int], list[str]] = {}
        self.unrated = 0
        self.setMinimumSize(self.CELL * 5 + 60, self.CELL * 5 + 70)
        self.setMouseTracking(True)
        self.watch(document)
        self.reload()

    def reload(self) -> None:
        """Count the open risks and issues in each cell again."""
        self.cells = {}
        self.unrated = 0
        with self.document.read() as conn:
            for item in room.RAID.rows(conn):
                if item.kind not in (RaidKind.RISK, RaidKind.ISSUE) or (
                        item.status is RaidStatus.CLOSED):
                    continue
                if item.probability is None or item.impact is None:
                    self.unrated += 1
                    continue
                self.cells.setdefault((item.probability, item.impact), []).append(item.title)
        self.setToolTip(self.tr("%n open risk(s) or issue(s) not yet rated", "", self.unrated)
                        if self.unrated else "")
        self.update()

    def _origin(self) -> QPoint:
        return QPoint(44, 10)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        """Return the (probability, impact) of the cell under ``point``, if any."""
        origin = self._origin()
        column = (point.x() - origin.x()) // self.CELL
        row = (point.y() - origin.y()) // self.CELL
        if 0 <= column < 5 and 0 <= row < 5 and point.x() >= origin.x() and (
                point.y() >= origin.y()):
            return 5 - row, column + 1
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        titles = self.cells.get(cell, []) if cell else []
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(titles[:12]), self)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        origin = self._origin()
        size = self.CELL
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for probability in range(1, 6):
            for impact in range(1, 6):
                score = probability * impact
                rect = QRect(origin.x() + (impact - 1) * size, origin.y() + (5 - probability)
                             * size, size - 2, size - 2)
                colour = cell_colour(score)
                count = len(self.cells.get((probability, impact), []))
                if count:
                    painter.fillRect(rect, colour)
                    painter.setPen(count_ink(colour))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
                else:
                    colour.setAlpha(70)
                    painter.fillRect(rect, colour)
        painter.setPen(text)
        bottom = origin.y() + 5 * size
        for step in range(1, 6):
            painter.drawText(QRect(origin.x() + (step - 1) * size, bottom, size, 16),
                             Qt.AlignmentFlag.AlignCenter, str(step))
            painter.drawText(QRect(origin.x() - 16, origin.y() + (5 - step) * size, 14, size),
                             Qt.AlignmentFlag.AlignCenter, str(step))
        painter.drawText(QRect(origin.x(), bottom + 16, 5 * size, 18),
                         Qt.AlignmentFlag.AlignCenter, self.tr("Impact"))
        painter.save()
        painter.translate(origin.x() - 30, origin.y() + 5 * size // 2)
        painter.rotate(-90)
        painter.drawText(QRect(-5 * size // 2, -9, 5 * size, 18), Qt.AlignmentFlag.AlignCenter,
                         self.tr("Probability"))
        painter.restore()
        painter.end()


class RaidFindings(FindingsPanel):
    """What to look at in the RAID log: high risks with no response or no owner, and actions
    past their due date; activating one selects its item."""

    # -- the session's date says what is overdue
    watches = (RaidItem, Workshop)

    def found(self) -> list[Finding]:
        with self.document.read() as conn:
            return list(raid_findings(conn))

    def heading(self, problems: int) -> str:
        return (self.tr("RAID log: %d to look at") % problems if problems
                else self.tr("RAID log: nothing to look at"))
