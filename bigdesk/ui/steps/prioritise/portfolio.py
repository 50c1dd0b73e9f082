"""The Portfolio tab: the budget and resources, the optimal selection with a reason for every
initiative left out, and the efficient frontier."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.prioritisation import PrioritisationError, frontier, money
from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.exchange import figures_prioritisation as figures
from bigdesk.model import SelectionRule

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab, number_text, warning_style

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage

RULES = ((None, "Free choice"), (SelectionRule.MUST_DO.value, "Must do"),
         (SelectionRule.MUST_NOT.value, "Must not"))  # fmt: skip


class PortfolioTab(PrioritiseTab):
    """Constraints and the summary above, the selection in the middle, the frontier below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        constraints = QWidget(splitter)
        form = QHBoxLayout(constraints)
        form.setContentsMargins(0, 0, 0, 0)
        left = QFormLayout()
        self.budget_edit = QLineEdit(constraints)
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_edit.setPlaceholderText(self.tr("No budget limit"))
        self.budget_edit.setEnabled(not self.read_only)
        self.budget_edit.editingFinished.connect(self._budget_done)
        left.addRow(self.tr("Budget (£):"), self.budget_edit)
        resource_buttons = QHBoxLayout()
        resource_buttons.addWidget(self.button(
            "Add resource type", lambda: service.add_resource_type(self.document)))
        resource_buttons.addWidget(self.button("Remove resource type", self._remove_resource))
        self.resource_model, self.resource_view = self.grid("Resource types")
        self.resource_view.setMaximumHeight(120)
        column = QVBoxLayout()
        column.addLayout(left)
        column.addLayout(resource_buttons)
        column.addWidget(self.resource_view)
        form.addLayout(column, 1)
        self.summary = QLabel(constraints)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Portfolio summary"))
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.summary, 1)
        self.model, self.view = self.grid("Portfolio selection")
        self.view.setWordWrap(True)
        # -- rows grow to fit the wrapped reasons whenever the reason column changes width
        self.row_fitter = QTimer(self)
        self.row_fitter.setSingleShot(True)
        self.row_fitter.setInterval(0)
        self.row_fitter.timeout.connect(self.view.resizeRowsToContents)
        header = self.view.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.row_fitter.start())
        header.geometriesChanged.connect(self.row_fitter.start)
        self.frontier_chart = ChartArea(self.tr("Efficient frontier"), splitter)
        splitter.addWidget(constraints)
        splitter.addWidget(self.view)
        splitter.addWidget(self.frontier_chart)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        doc = self.document
        analysis = snapshot.analysis
        settings = analysis.data.settings
        self.budget_edit.setText("" if settings.budget is None else f"{settings.budget:,.0f}")
        self.resource_model.set_content(snapshot.resources, [
            Col("Resource", lambda r: r.name,
                lambda r, v: service.set_resource(doc, r.id, "name", v)),
            Col("Unit", lambda r: r.unit, lambda r, v: service.set_resource(doc, r.id, "unit", v)),
            Col("Capacity", lambda r: number_text(r.capacity, 0),
                lambda r, v: service.set_resource(doc, r.id, "capacity", v), "number",
                value=lambda r: r.capacity),
        ], key=lambda r: r.id)  # fmt: skip
        self.resource_view.resizeColumnsToContents()
        ranking, selection = analysis.ranking, analysis.selection
        if ranking is None:
            self.model.set_content([], [])
            self.summary.setText("\n".join(analysis.errors))
            return
        data = analysis.data
        columns = [
            Col("Initiative", lambda n: ranking.initiatives[n].label),
            Col("Value", lambda n: f"{ranking.values[n]:.1f}", numeric=True),
            Col("Budget", lambda n: money(ranking.initiatives[n].budget)
                if ranking.initiatives[n].budget is not None else "",
                lambda n, v: service.set_budget(doc, ranking.initiatives[n].id, v), "number",
                value=lambda n: ranking.initiatives[n].budget),
            Col("Rule", lambda n: dict(RULES)[ranking.initiatives[n].rule.value
                                              if ranking.initiatives[n].rule else None],
                lambda n, v: service.set_rule(doc, ranking.initiatives[n].id,
                                              SelectionRule(v) if v else None), "choice",
                RULES, value=lambda n: ranking.initiatives[n].rule.value
                if ranking.initiatives[n].rule else None),
            *(Col(r.name or "Resource", lambda n, r=r: number_text(data.demands.get(
                (ranking.initiatives[n].id, r.id)), 0),
                lambda n, v, r=r: service.set_demand(doc, ranking.initiatives[n].id, r.id, v),
                "number", value=lambda n, r=r: data.demands.get(
                    (ranking.initiatives[n].id, r.id)))
              for r in snapshot.resources),
            Col("Selected", lambda n: "" if selection is None else (
                "✓ Selected" if selection.selected[n] else "Left out")),
            Col("Why it is left out", lambda n: "" if selection is None or n not in
                selection.left_out else selection.left_out[n].reason,
                tooltip=lambda n: "" if selection is None or n not in selection.left_out
                else selection.left_out[n].reason),
        ]  # fmt: skip
        self.model.set_content(list(ranking.order), columns,
                               key=lambda n: ranking.initiatives[n].id)
        # -- the reason column takes the width left and wraps, so each reason reads whole
        for number in range(len(columns) - 1):
            self.view.resizeColumnToContents(number)
        self.row_fitter.start()
        if selection is None:
            self.summary.setText(self.tr("No portfolio: ") + " ".join(analysis.errors))
            self.summary.setStyleSheet(warning_style())
            return
        self.summary.setStyleSheet("")
        lines = [self.tr("Optimal portfolio: %d of %d initiatives, %.1f points of value, "
                         "costing %s") % (len(selection.chosen()), len(ranking.initiatives),
                                          selection.total_value, money(selection.total_cost))]
        if selection.budget is not None:
            lines[0] += self.tr(" of a %s budget") % money(selection.budget)
        lines[0] += "."
        for name, unit, used, capacity in selection.usage:
            if capacity is not None:
                lines.append(self.tr("%s: %s of %s %s.") % (name, f"{used:,.0f}",
                                                            f"{capacity:,.0f}", unit))
        lines.append(self.tr("Proven optimal by the HiGHS mixed-integer solver.")
                     if selection.gap == 0 else self.tr("Proven within %.2f %% of the best "
                                                        "possible.") % (100 * selection.gap))
        self.summary.setText("\n".join(lines))

    def draw_charts(self) -> None:
        analysis = self.snapshot.analysis if self.snapshot else None
        if analysis is None or analysis.ranking is None:
            return
        points = []
        if analysis.problem is not None and not analysis.conflicts:
            try:
                points = frontier(analysis.problem)
            except PrioritisationError:
                points = []
        self.frontier_chart.show_chart(figures.draw_frontier,
                                       figures.frontier_data(points, analysis.selection))

    # -- actions

    def _budget_done(self) -> None:
        text = self.budget_edit.text().strip().replace(",", "").replace("£", "")
        if text.lower().endswith("m"):
            factor, text = 1e6, text[:-1]
        elif text.lower().endswith("k"):
            factor, text = 1e3, text[:-1]
        else:
            factor = 1.0
        try:
            value = None if not text else float(text) * factor
        except ValueError:
            self.reject(self.tr("Enter the budget as a number, such as 9500000 or 9.5m."))
            return
        self.setting("budget", value, "Change budget")

    def _remove_resource(self) -> None:
        index = self.resource_view.currentIndex()
        if index.isValid():
            service.remove_resource_types(self.document,
                                          [self.resource_model.rows[index.row()].id])
