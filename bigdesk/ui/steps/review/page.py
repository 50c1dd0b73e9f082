"""The Review step: key results against their line, overdue items, late check-ins, RAID moves,
capability then and now, decisions taken, the pitch and mandate, and every change to the
cascade since the last session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.findings import Finding
from bigdesk.analysis.review import LAGGING_VERDICTS, Review, review
from bigdesk.analysis.tracking import any_check_ins, tracking_findings
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.values import measure_text, number_text
from bigdesk.model import (
    AccountabilityNode,
    CheckIn,
    Consensus,
    Element,
    Mandate,
    MandateVersion,
    Milestone,
    PreviousSession,
    RaidItem,
    Score,
    SponsorPitch,
    Workshop,
)

from bigdesk.ui.findings_panel import FindingsPanel, workspace_of
from bigdesk.ui.watching import WatchingView

VERDICT_COLOURS = {"ahead": "#2e7d32", "on track": "#2e7d32", "behind": "#b3261e",
                   "off target": "#b3261e"}  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date):
        return f"{value:%d %b %Y}"
    return str(value)


def _table(parent: QWidget, name: str, headings: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headings))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[Any]],
          colour_column: int | None = None) -> None:  # fmt: skip
    table.setRowCount(len(rows))
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            item = QTableWidgetItem(_text(value))
            if column == colour_column and str(value) in VERDICT_COLOURS:
                item.setForeground(Qt.GlobalColor.white)
                item.setBackground(_colour(VERDICT_COLOURS[str(value)]))
            table.setItem(number, column, item)
    for column in range(1, table.columnCount()):
        table.resizeColumnToContents(column)


def _colour(name: str) -> Any:
    from PySide6.QtGui import QColor

    return QColor(name)


class CheckInFindings(FindingsPanel):
    """Key results and benefits whose check-ins are late for their node's cadence, or whose
    trend misses the target; activating one shows it on the Map."""

    # -- the node's cadence and the session's date say what is late
    watches = (Element, CheckIn, AccountabilityNode, Workshop)
    # -- a tab of a step: read while it is on show
    lazy = True
    # -- how many findings it shows, after each reload: the tab's title says it
    counted = Signal(int)

    def reload(self) -> None:
        super().reload()
        self.counted.emit(len(self.findings))

    def found(self) -> list[Finding]:
        with self.document.read() as conn:
            return list(tracking_findings(conn))

    def heading(self, problems: int) -> str:
        return (self.tr("Check-ins: %d to look at") % problems if problems
                else self.tr("Check-ins: nothing to look at"))


class ReviewPage(WatchingView, QWidget):
    """What moved since the last session, section by section."""

    watches = (PreviousSession, Element, CheckIn, RaidItem, Score, Consensus, Milestone,
               SponsorPitch, Mandate, MandateVersion)
    refresh_delay_ms = 200
    lazy = True

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Review"))
        self.current: Review | None = None
        self._changes_of: Review | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("What moved"))
        self.trajectories = _table(self, self.tr("Key results and benefits against their line"), [
            self.tr("Key result or benefit"), self.tr("Then"), self.tr("Now"), self.tr("Line now"),
            self.tr("Target"), self.tr("Due"), self.tr("Verdict")])
        self.overdue = _table(self, self.tr("Overdue"), [
            self.tr("What"), self.tr("Kind"), self.tr("Due")])
        self.check_ins = CheckInFindings(document, self)
        self.check_ins.finding_activated.connect(self._show_on_map)
        self.check_ins.counted.connect(self._count_check_ins)
        self.raid = _table(self, self.tr("RAID items opened and closed"), [
            self.tr("Item"), self.tr("Kind"), self.tr("Since the last session"),
            self.tr("Status")])
        self.capability = _table(self, self.tr("Capability then and now"), [
            self.tr("Capability"), self.tr("Current then"), self.tr("Current now"),
            self.tr("Target then"), self.tr("Target now")])
        self.decisions = _table(self, self.tr("Decisions taken"), [
            self.tr("Decision"), self.tr("Status")])
        self.mandate = _table(self, self.tr("The pitch and mandate"), [
            self.tr("Part or version"), self.tr("Then"), self.tr("Now")])
        self.changes = _table(self, self.tr("Every change"), [
            self.tr("What"), self.tr("Field"), self.tr("Then"), self.tr("Now")])
        for widget, title in ((self.trajectories, "Key results and benefits"),
                              (self.overdue, "Overdue"), (self.check_ins, "Check-ins"),
                              (self.raid, "RAID"), (self.capability, "Capability"),
                              (self.decisions, "Decisions"), (self.mandate, "Mandate"),
                              (self.changes, "Every change")):
            self.tabs.addTab(widget, self.tr(title))
        self._count_check_ins(len(self.check_ins.findings))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tabs, 1)
        self.watch(document)

    def reload(self) -> None:
        """Read the review again and show it."""
        with self.document.read() as conn:
            self.current = found = review(conn)
            checked_in = found is None and any_check_ins(conn)
        # -- a first session has no earlier one to compare with, but check-ins recorded
        #    in it can already be late or off course: their tab shows, alone
        self.tabs.setVisible(found is not None or checked_in)
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, found is not None
                                    or self.tabs.widget(index) is self.check_ins)
        self.summary.setVisible(found is not None)
        self.empty.setVisible(found is None)
        self.empty.setText(self._first_session(checked_in))
        # -- the words take the page's height only while nothing shows under them
        self._layout.setStretchFactor(self.empty, 0 if checked_in else 1)
        if found is None:
            self.heading.setText(self.tr("Review"))
            if checked_in:
                self.tabs.setCurrentWidget(self.check_ins)
            return
        when = f" of {found.previous_date:%d %b %Y}" if found.previous_date else ""
        self.heading.setText(self.tr("Since the last session: %s%s")
                             % (found.previous_title or self.tr("(untitled)"), when))
        behind = sum(t.verdict in LAGGING_VERDICTS for t in found.trajectories)
        self.summary.setText(self.tr(
            "%d of %d key results and benefits behind their line, %d items overdue, %d RAID "
            "items opened and %d closed, %d decisions taken.") % (
            behind, len(found.trajectories), len(found.overdue), len(found.opened),
            len(found.closed), len(found.decisions)))
        _fill(self.trajectories, [
            (t.label, *(None if v is None else measure_text(v, t.unit)
                        for v in (t.then, t.now, t.expected, t.target)), t.due, t.verdict)
            for t in found.trajectories], colour_column=6)
        _fill(self.overdue, [(o.label, o.kind, o.due) for o in found.overdue])
        _fill(self.raid, [(m.title, m.kind, self.tr("opened"), m.status) for m in found.opened]
              + [(m.title, m.kind, self.tr("closed"), m.status) for m in found.closed])
        _fill(self.capability, [(c.name, c.then_current, c.now_current, c.then_target,
                                 c.now_target) for c in found.capabilities])
        _fill(self.decisions, [(m.title, m.status) for m in found.decisions])
        _fill(self.mandate, [(part, then, now) for part, then, now in found.mandate_changes]
              + [(self.tr("Version agreed by %s") % who, "", day)
                 for day, who in found.mandate_agreed])
        for widget, title, number in (
                (self.trajectories, "Key results and benefits", len(found.trajectories)),
                (self.overdue, "Overdue", len(found.overdue)),
                (self.raid, "RAID", len(found.opened) + len(found.closed)),
                (self.capability, "Capability", len(found.capabilities)),
                (self.decisions, "Decisions", len(found.decisions)),
                (self.mandate, "Mandate", len(found.mandate_changes) + len(found.mandate_agreed))):
            self.tabs.setTabText(self.tabs.indexOf(widget), f"{self.tr(title)} ({number})")
        self._changes_of = None
        self._tab_shown(self.tabs.currentIndex())

    def _first_session(self, checked_in: bool) -> str:
        """Return what the page says in a session that follows no earlier one."""
        if checked_in:
            return self.tr(
                "This session does not follow an earlier one, so only its check-ins can be "
                "reviewed: below are the key results and benefits whose check-ins are late or "
                "whose trend misses the target. Start the next session with File ▸ New "
                "follow-up session… to see what moved since this one.")
        return self.tr(
            "This session does not follow an earlier one, so there is nothing to review yet. "
            "After a workshop, start the next session with File ▸ New follow-up session…: it "
            "carries the cascade, the check-ins, the open RAID items and the framework "
            "forward, and this step then shows what moved.")

    def _count_check_ins(self, number: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.check_ins),
                             f"{self.tr('Check-ins')} ({number})")

    def _show_on_map(self, table: str, row_id: int) -> None:
        """Show the key result or benefit a check-in finding is about on the Map."""
        workspace = workspace_of(self)
        if workspace is not None:
            workspace.show_step("map")
            page = workspace.current_page()
            if hasattr(page, "reveal"):
                page.reveal(table, row_id)

    def _tab_shown(self, index: int) -> None:
        # -- every change means reading the whole register: only when that tab is opened
        if self.tabs.widget(index) is not self.changes or self.current is None or \
                self._changes_of is self.current:
            return
        from bigdesk.exchange.compare import Snapshot, compare_snapshots, snapshot

        with self.document.read() as conn:
            now = snapshot(conn)
        try:
            then = Snapshot.from_json(self.current.baseline)
        except (TypeError, ValueError, AttributeError):
            then = Snapshot({}, {})
        found = compare_snapshots(then, now)
        _fill(self.changes, [(f"{e.ref} {e.title}", self.tr("added"), "", e.type)
                             for e in found.added]
              + [(f"{e.ref} {e.title}", self.tr("removed"), e.type, "") for e in found.removed]
              + [(c.ref, c.field, c.before, c.after) for c in found.changed])
        self.tabs.setTabText(self.tabs.indexOf(self.changes),
                             f"{self.tr('Every change')} ({self.changes.rowCount()})")
        self._changes_of = self.current
