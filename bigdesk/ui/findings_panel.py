"""The findings panel: the cascade's health (or another step's findings), kept up to date as the
facilitator types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.findings import Finding, Severity
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Base,
    Dependency,
    Element,
    InformationFlow,
    NodeDependency,
    Person,
)

from bigdesk.ui.watching import WatchingView

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
LAID_OUT_AT_ONCE = 50
ELEMENT_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(WatchingView, QWidget):
    """A list of the findings about the cascade; activating one reveals its element.

    Another step's panel says what it watches (``watches``), what it finds (``found``) and
    what its title says (``heading``).
    """

    # -- what the cascade's rules read
    watches: tuple[type[Base], ...] = (Element, Alignment, Dependency, AccountabilityNode,
                                       InformationFlow, NodeDependency, Person)
    # -- long enough to let a burst of edits settle, short enough to feel live
    refresh_delay_ms = 150

    # -- the table and id of the element a finding is about
    finding_activated = Signal(str, int)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.findings: list[Finding] = []
        self._tables = {str(t.__tablename__) for t in self.watches}
        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Findings"))
        self.list.setWordWrap(True)
        # -- wrapped rows are measured one by one: a few hundred findings laid out in batches
        #    keep a typed title from waiting on the whole list
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(LAID_OUT_AT_ONCE)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        style = self.style()
        self._icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Severity.INFO: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        self.watch(document)
        self.reload()

    def found(self) -> list[Finding]:
        """Return the findings this panel shows, in no particular order."""
        # -- only the cascade's rules: the other steps' rules (prioritisation above all) cost
        #    several times more on a large workshop and their findings are not shown here
        return [f for f in self.document.cascade_findings() if self._about_cascade(f)]

    def heading(self, problems: int) -> str:
        """Return the panel's title for ``problems`` findings to look at."""
        return (self.tr("Health of the cascade: %d to look at") % problems if problems
                else self.tr("Health of the cascade: nothing to fix"))

    def reload(self) -> None:
        """Run the rules and show what they find."""
        found = self.found()
        found.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.code))
        self.title.setText(self.heading(sum(1 for f in found if f.severity is not Severity.INFO)))
        if found == self.findings:
            return
        before, self.findings = self.findings, found
        if [(f.code, f.element) for f in before] == [(f.code, f.element) for f in found]:
            # -- the same findings with new words (a title typed): only those are rewritten
            for row, (old, new) in enumerate(zip(before, found, strict=True)):
                if old != new:
                    self.list.item(row).setText(new.message)
        else:
            self._fill(found)

    def _fill(self, found: list[Finding]) -> None:
        current = self.list.currentItem()
        keep = current.data(ELEMENT_ROLE) if current is not None else None
        self.list.clear()
        for finding in found:
            item = QListWidgetItem(self._icons[finding.severity], finding.message)
            item.setToolTip(f"{finding.code} ({finding.severity.value})")
            item.setData(ELEMENT_ROLE, finding.element)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, finding.code)
            self.list.addItem(item)
            if keep is not None and finding.element == keep and self.list.currentItem() is None:
                self.list.setCurrentItem(item)

    def _about_cascade(self, finding: Finding) -> bool:
        if finding.element is None:
            return finding.code.startswith(("alignment-", "cascade"))
        return finding.element.partition(":")[0] in self._tables

    def codes(self) -> list[str]:
        """Return the code of each finding shown, in order."""
        return [f.code for f in self.findings]

    def _activated(self, item: QListWidgetItem) -> None:
        element = item.data(ELEMENT_ROLE)
        if not element:
            return
        table, _, row_id = str(element).partition(":")
        if row_id.isascii() and row_id.isdigit():
            self.finding_activated.emit(table, int(row_id))


def workspace_of(widget: QWidget) -> Any:
    """Return the workspace holding ``widget`` (it switches steps and gives the page on show)."""
    parent = widget.parentWidget()
    # -- a step's own frame can ask for another step too, but only the workspace gives the
    #    page then on show: a page that reveals what a finding names needs that one
    while parent is not None and not hasattr(parent, "current_page"):
        parent = parent.parentWidget()
    return parent
