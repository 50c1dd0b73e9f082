"""The "Map purpose and objectives" step: the outline, the map and the findings beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app.document import WorkshopDocument
from bigdesk.model import Element

from bigdesk.ui.dependencies import DependencyEditor
from bigdesk.ui.findings_panel import FindingsPanel, workspace_of
from bigdesk.ui.imports import ask_and_import
from bigdesk.ui.inspector import ElementInspector
from bigdesk.ui.steps.map.map_view import CascadeMap
from bigdesk.ui.steps.map.outline import OutlineEditor


class MapPage(QWidget):
    """The Map step of the workflow."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Map purpose and objectives"))
        self.document = document
        self.tabs = QTabWidget(self)
        self.outline = OutlineEditor(document, self.tabs)
        self.map = CascadeMap(document, self.tabs)
        self.tabs.addTab(self.outline, self.tr("Outline"))
        self.tabs.addTab(self.map, self.tr("Map"))
        self.dependencies = DependencyEditor(document, self.tabs)
        self.tabs.addTab(self.dependencies, self.tr("Dependencies"))
        self.findings = FindingsPanel(document, self)
        self.findings.setMinimumWidth(240)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setAccessibleName(self.tr("Import a register, plan or export"))
        self.import_button.setToolTip(self.tr(
            "Add a cascade register, a project list or RAID log (CSV or XLSX), a Microsoft "
            "Project plan (XML), a Jira export (CSV) or a Viva Goals export (CSV, XLSX or ZIP)"))
        self.import_button.setEnabled(not document.read_only)
        self.import_button.clicked.connect(lambda: ask_and_import(self.document, self))
        self.tabs.setCornerWidget(self.import_button, Qt.Corner.TopRightCorner)
        # -- one inspector for the outline and the map, above the findings
        self.inspector = ElementInspector(document, self)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.inspector)
        side.addWidget(self.findings)
        side.setSizes([480, 220])
        splitter = QSplitter(self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.outline.element_selected.connect(self.map.reveal)
        self.map.element_selected.connect(self.outline.reveal)
        self.findings.finding_activated.connect(self.reveal)
        self.outline.selection_changed.connect(self.inspector.show_items)
        self.map.selection_changed.connect(self.inspector.show_items)
        # -- F6 comes back to the view of the tab shown: the outline, the map or the table
        self.inspector.bind_focus_key(
            self, lambda: getattr(self.tabs.currentWidget(), "view", self.outline.view))

    def reveal(self, table: str, row_id: int) -> None:
        """Select the element a finding is about in the outline and on the map."""
        if table != Element.__tablename__:
            workspace = workspace_of(self)
            if workspace is not None:
                workspace.show_step("accountability")
                page = workspace.current_page()
                if hasattr(page, "reveal"):
                    page.reveal(table, row_id)
            return
        self.outline.reveal(row_id)
        self.map.reveal(row_id)
        self.outline.view.setFocus()
