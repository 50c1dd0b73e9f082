"""The Assess step: score the organisation's capability with the room, current and target."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import assessment as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.framework import FrameworkError, load_framework
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.steps.assess.enablers import EnablersDialog
from bigdesk.ui.steps.assess.grid import ScoreGridModel, ScoreGridView
from bigdesk.ui.steps.assess.rebaseline import RebaselinePanel

FRAMEWORK_FILTER = "Framework files (*.json *.csv *.xlsx)"
ASSESSMENT_FILTER = "Excel workbook (*.xlsx);;CSV, one table (*.csv)"
DEFAULT_ENABLERS = 3


class AssessPage(QWidget):
    """The Assess step of the workflow: grid, charts, framework and re-baselining."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Assess"))
        self.model = ScoreGridModel(document)
        self.grid = ScoreGridView(self.model, self)
        self.model.rejected.connect(
            lambda message: QMessageBox.warning(self, self.tr("Not changed"), message))
        self.toolbar = QToolBar(self.tr("Assessment actions"), self)
        self.toolbar.setAccessibleName(self.tr("Assessment actions"))
        self.sort_action = self._action(
            "Sort by disagreement", self.sort_by_disagreement, "Ctrl+D",
            "List dimensions with the widest disagreement first (click again to re-sort)")
        self.sort_action.setCheckable(True)
        self.grouped_action = self._action("Framework order", self.framework_order, "",
                                           "Show dimensions grouped, in framework order")
        self.toolbar.addSeparator()
        self.enablers_action = self._action(
            "Make enabler initiatives…", self.make_enablers, "",
            "Make a project for each of the largest gaps: enablers first")
        self.confirm_action = self._action(
            "Confirm enablers…", lambda: self.confirm_enablers(), "",
            "Confirm what each enabler enables, and its budget, effort and duration")
        self.toolbar.addSeparator()
        self.import_action = self._action("Import framework…", self.import_framework_dialog,
                                          "", "Replace or merge this workshop's framework")
        self.export_framework_action = self._action(
            "Export framework…", self.export_framework_dialog, "",
            "Write this workshop's framework to a file")
        self.export_action = self._action(
            "Export assessment…", self.export_assessment_dialog, "",
            "Write framework, scores, consensus and statistics to a spreadsheet")
        for action in (self.enablers_action, self.confirm_action, self.import_action):
            action.setEnabled(not document.read_only)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Assessment views"))
        scores = QWidget(self)
        scores_layout = QVBoxLayout(scores)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        scores_layout.addWidget(self.grid, 1)
        hint = QLabel(self.tr(
            "Type 1 to 5 to score and move on, N for not applicable, Delete to clear; arrows "
            "and Tab move. In Confidence type L, M or H. Each score is saved at once; "
            "Ctrl+Z undoes."), scores)
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        scores_layout.addWidget(hint)
        self.tabs.addTab(scores, self.tr("Scores"))
        # -- the charts tab is built (and matplotlib loaded) when first opened
        self.charts: QWidget | None = None
        self._charts_holder = QWidget(self)
        QVBoxLayout(self._charts_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._charts_holder, self.tr("Charts"))
        self.framework: QWidget | None = None
        self._framework_holder = QWidget(self)
        QVBoxLayout(self._framework_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._framework_holder, self.tr("Framework"))
        self.rebaseline = RebaselinePanel(document, self)
        self.tabs.addTab(self.rebaseline, self.tr("Re-baseline"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Assessment status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    def _action(self, text: str, slot: object, keys: str, tip: str) -> QAction:
        action = QAction(self.tr(text), self)
        action.setToolTip(self.tr(tip))
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        widget = self.toolbar.widgetForAction(action)
        if widget is not None:
            widget.setAccessibleName(self.tr(text))
        return action

    def _tab_shown(self, number: int) -> None:
        widget = self.tabs.widget(number)
        if widget is self._charts_holder:
            self.show_charts()
        elif widget is self._framework_holder:
            self.show_framework()

    def show_charts(self) -> QWidget:
        """Build the charts tab on first use and make it current."""
        if self.charts is None:
            from bigdesk.ui.steps.assess.charts import ChartsPanel

            self.charts = ChartsPanel(self.model, self._charts_holder)
            layout = self._charts_holder.layout()
            assert layout is not None
            layout.addWidget(self.charts)
        self.tabs.setCurrentWidget(self._charts_holder)
        return self.charts

    def show_framework(self) -> QWidget:
        """Build the framework editor on first use and make it current."""
        if self.framework is None:
            from bigdesk.ui.steps.assess.framework_editor import FrameworkEditor

            self.framework = FrameworkEditor(self.document, self._framework_holder)
            layout = self._framework_holder.layout()
            assert layout is not None
            layout.addWidget(self.framework)
        self.tabs.setCurrentWidget(self._framework_holder)
        return self.framework

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- actions

    def sort_by_disagreement(self) -> None:
        """Sort the grid widest disagreement first (again, if it already was)."""
        self.sort_action.setChecked(True)
        self.model.set_sorted_by_disagreement(True)
        self.grid.go_to_first()

    def framework_order(self) -> None:
        """Show the grid grouped in framework order."""
        self.sort_action.setChecked(False)
        self.model.set_sorted_by_disagreement(False)
        self.grid.go_to_first()

    def make_enablers(self, count: int | None = None) -> list[int]:
        """Make enabler initiatives for the largest gaps (asking how many) as one edit.

        Asked interactively, the facilitator then confirms their links and estimates.
        """
        if self.document.read_only:
            return []
        asked = not isinstance(count, int) or isinstance(count, bool)
        if asked:
            count, ok = QInputDialog.getInt(
                self, self.tr("Enablers first"),
                self.tr("Make a Transform project for how many of the largest gaps?\n"
                        "Dimensions that already have an enabler initiative are skipped."),
                DEFAULT_ENABLERS, 1, max(1, len(self.model.assessment.dimensions)))
            if not ok:
                return []
        assert isinstance(count, int)
        try:
            ids = service.make_enabler_initiatives(self.document, count)
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not changed"), str(error))
            return []
        if not ids:
            QMessageBox.information(self, self.tr("Enablers first"), self.tr(
                "There is no gap left without an enabler initiative. Score current and "
                "target levels first, or agree them in the consensus columns."))
        else:
            self._say(self.tr("Made %d enabler initiatives; they appear with the other "
                              "initiatives in the Map step. Ctrl+Z undoes.") % len(ids))
            if asked:
                self.confirm_enablers(ids)
        return ids

    def confirm_enablers(self, ids: list[int] | None = None) -> EnablersDialog | None:
        """Open the dialog confirming the enablers' links and estimates (all, or ``ids``)."""
        from bigdesk.app.planning import enabler_proposals

        with self.document.read() as conn:
            proposals = enabler_proposals(conn, ids)
        if not proposals:
            QMessageBox.information(self, self.tr("Enablers first"), self.tr(
                "There is no enabler initiative yet: make them from the largest gaps first."))
            return None
        dialog = EnablersDialog(self.document, proposals, self)
        dialog.open()
        return dialog

    def import_framework_dialog(self) -> None:
        """Ask for a framework file and import it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import framework"), "",
                                              FRAMEWORK_FILTER)
        if path:
            self.import_framework(Path(path))

    def import_framework(self, path: Path, replace: bool | None = None) -> bool:
        """Import a framework file as one undoable edit, asking before scores are deleted."""
        try:
            framework = load_framework(path)
        except (FrameworkError, OSError) as error:
            QMessageBox.warning(self, self.tr("Cannot import the framework"), str(error))
            return False
        if replace is None:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import framework"), self.tr(
                "Replace this workshop's framework with “%s”, or merge it in?\n\n"
                "Both keep the scores of dimensions whose key is in the file. Replace removes "
                "dimensions the file does not have, with their scores; Merge keeps them.")
                % path.name, QMessageBox.StandardButton.Cancel, self)
            replace_button = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
            merge_button = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
            box.exec()
            if box.clickedButton() not in (replace_button, merge_button):
                return False
            replace = box.clickedButton() is replace_button
        plan = service.plan_import(self.document, framework, replace)
        if plan.scores_lost or any(r.consensus for r in plan.removed):
            names = "\n".join(f"  • {r.name} ({r.scores} scores)" for r in plan.removed[:12])
            more = len(plan.removed) - 12
            if more > 0:
                names += "\n  " + self.tr("… and %d more") % more
            answer = QMessageBox.question(
                self, self.tr("Delete scores?"),
                self.tr("These dimensions are not in %s and will be removed with their "
                        "scores and consensus:\n%s\n\nUndo brings them back. Go ahead?")
                % (path.name, names),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            service.import_framework(self.document, plan)
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not changed"), str(error))
            return False
        self._say(plan.summary())
        return True

    def export_framework_dialog(self) -> None:
        """Ask where to write the workshop's framework, then write it."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export framework"),
                                              self.tr("Framework.json"), FRAMEWORK_FILTER)
        if path:
            self.export_framework(Path(path))

    def export_framework(self, path: Path) -> bool:
        """Write the workshop's framework to ``path``."""
        from bigdesk.exchange.framework import export_framework

        try:
            with self.document.read() as conn:
                export_framework(conn, path)
        except (FrameworkError, OSError) as error:
            QMessageBox.warning(self, self.tr("Not exported"), str(error))
            return False
        self._say(self.tr("Framework written to %s") % path)
        return True

    def export_assessment_dialog(self) -> None:
        """Ask where to write the assessment, then write it."""
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export assessment"),
                                                   self.tr("Assessment.xlsx"), ASSESSMENT_FILTER)
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".xlsx", ".csv"):
                target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
            self.export_assessment(target)

    def export_assessment(self, path: Path) -> bool:
        """Write the assessment (anonymous when the workshop is) to ``path``."""
        from bigdesk.exchange.assessment_export import write_assessment

        try:
            with self.document.read() as conn:
                write_assessment(conn, path)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self, self.tr("Not exported"), str(error))
            return False
        self._say(self.tr("Assessment written to %s") % path)
        return True
