"""The "Map purpose and objectives" step: the outline, the map and the findings beside them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.tabular import TableFileError
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.steps.cascade.dependencies import DependencyEditor
from bigdesk.ui.steps.cascade.findings_panel import FindingsPanel, workspace_of
from bigdesk.ui.steps.cascade.map_view import CascadeMap
from bigdesk.ui.steps.cascade.outline import OutlineEditor

IMPORT_FILTER = ("Cascade registers and Viva Goals exports (*.csv *.txt *.xlsx *.zip);;"
                 "All files (*)")


class ProblemsDialog(QDialog):
    """Every problem found in a file that was not imported, in a list that scrolls."""

    def __init__(self, title: str, summary: str, problems: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 420)
        label = QLabel(summary, self)
        label.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName(self.tr("Problems found"))
        self.problems.addItems(problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)


def import_into(document: WorkshopDocument, path: Path, parent: QWidget) -> bool:
    """Import a register or Viva Goals export as one undoable step; list problems if refused."""
    try:
        planned = cascade.import_cascade(document, path)
    except RegisterError as error:
        dialog = ProblemsDialog(
            parent.tr("Not imported"),
            parent.tr("%s was not imported; nothing was changed. Fix these problems and try "
                      "again:") % path.name,
            [str(problem) for problem in error.problems], parent)
        dialog.open()
        return False
    except (TableFileError, EditRejectedError, WorkshopFileError, OSError) as error:
        dialog = ProblemsDialog(parent.tr("Not imported"),
                                parent.tr("%s was not imported; nothing was changed.") % path.name,
                                [str(error)], parent)
        dialog.open()
        return False
    status = getattr(parent.window(), "statusBar", None)
    if status is not None:
        status().showMessage(planned.summary, 8000)
    return True


def ask_and_import(document: WorkshopDocument, parent: QWidget) -> bool:
    """Ask for a register or Viva Goals export and import it."""
    path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Import a cascade"), "",
                                          parent.tr(IMPORT_FILTER))
    return bool(path) and import_into(document, Path(path), parent)


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
        self.import_button.setAccessibleName(self.tr("Import a cascade register"))
        self.import_button.setToolTip(self.tr(
            "Add a cascade register (CSV or XLSX) or a Viva Goals export (CSV, XLSX or ZIP)"))
        self.import_button.setEnabled(not document.read_only)
        self.import_button.clicked.connect(lambda: ask_and_import(self.document, self))
        self.tabs.setCornerWidget(self.import_button, Qt.Corner.TopRightCorner)
        splitter = QSplitter(self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.outline.element_selected.connect(self.map.reveal)
        self.map.element_selected.connect(self.outline.reveal)
        self.findings.finding_activated.connect(self.reveal)

    def reveal(self, table: str, row_id: int) -> None:
        """Select the element a finding is about in the outline and on the map."""
        if table != "element":
            workspace = workspace_of(self)
            if workspace is not None:
                workspace.show_step("accountability")
                page = workspace.pages.currentWidget()
                if hasattr(page, "reveal"):
                    page.reveal(table, row_id)
            return
        self.outline.reveal(row_id)
        self.map.reveal(row_id)
        self.outline.view.setFocus()
