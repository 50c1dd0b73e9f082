"""The Prioritise step: criteria and weights, scores, votes, the optimal portfolio and its tests."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import participant_labels
from bigdesk.analysis.prioritisation import (
    ALIGNMENT_KEY,
    CR_LIMIT,
    INITIATIVE_FIELDS,
    MAX_PAIRWISE,
    Analysis,
    PrioritisationError,
    analyse,
    frontier,
    money,
    pairwise_result,
    points_remaining,
    scope_names,
    sensitivity,
)
from bigdesk.analysis.prioritisation.weights import format_judgement
from bigdesk.app import prioritisation as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange import figures_prioritisation as figures
from bigdesk.exchange.prioritisation_export import MAX_SCENARIOS, scenario_sheet, scenarios
from bigdesk.model import CriterionDirection, MoSCoW, Person, PersonKind, ScoreScale, SelectionRule
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.palette import ink
from bigdesk.ui.steps.prioritise.grid import Col, FastGrid, SpecModel

# -- the tables whose change alters what this step shows
WATCHED = ("criterion", "pairwise_comparison", "criterion_score", "dot_vote",
           "initiative_priority", "resource_type", "resource_demand", "prioritisation_settings",
           "scenario", "element", "alignment", "dependency", "person", "workshop",
           "accountability_node")  # fmt: skip
REFRESH_DELAY_MS = 120
# -- Saaty's scale as offered in the pairwise matrix
JUDGEMENTS = tuple((v, format_judgement(v)) for v in
                   (1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0))  # fmt: skip
MOSCOW = ((None, "—"), (MoSCoW.MUST.value, "Must"), (MoSCoW.SHOULD.value, "Should"),
          (MoSCoW.COULD.value, "Could"), (MoSCoW.WONT.value, "Won't"))  # fmt: skip
RULES = ((None, "Free choice"), (SelectionRule.MUST_DO.value, "Must do"),
         (SelectionRule.MUST_NOT.value, "Must not"))  # fmt: skip


def warning_style() -> str:
    """Return the style of a warning text, readable on light and dark palettes."""
    return f"color: {ink('#9a3412').name()};"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


class PrioritisePage(QWidget):
    """The Prioritise step of the workflow."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Prioritise"))
        self.scope: int | None = None
        self.analysis: Analysis | None = None
        read_only = document.read_only

        self.scope_box = QComboBox(self)
        self.scope_box.setAccessibleName(self.tr("Prioritise within"))
        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Prioritisation messages"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Prioritise within:"), self))
        top.addWidget(self.scope_box)
        top.addWidget(self.status, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Prioritisation"))
        self.tabs.addTab(self._criteria_tab(read_only), self.tr("Criteria and weights"))
        self.tabs.addTab(self._scoring_tab(read_only), self.tr("Scoring"))
        self.tabs.addTab(self._votes_tab(read_only), self.tr("Votes and MoSCoW"))
        self.tabs.addTab(self._ranking_tab(), self.tr("Ranking"))
        self.tabs.addTab(self._portfolio_tab(read_only), self.tr("Portfolio"))
        self.tabs.addTab(self._scenarios_tab(read_only), self.tr("Scenarios"))
        self.tabs.addTab(self._sensitivity_tab(read_only), self.tr("Sensitivity"))
        self.tabs.addTab(self._split_tab(read_only), self.tr("Run and Change"))
        self.tabs.currentChanged.connect(lambda _: self._draw_charts())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        for model in (self.criteria_model, self.score_model, self.vote_model, self.pair_model,
                      self.ranking_model, self.portfolio_model, self.resource_model,
                      self.scenario_model, self.sensitivity_model):
            model.rejected.connect(self._reject)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        document.changed.connect(self._on_changed)
        self._fill_scopes()
        # -- the first analysis waits until the step is first shown
        self._stale = True

    # ------------------------------------------------------------ building

    def _table(self, model: SpecModel, name: str) -> FastGrid:
        view = FastGrid(model, self.tr(name), self)
        return view

    def _button(self, text: str, slot: Any, enabled: bool = True) -> QPushButton:
        button = QPushButton(self.tr(text), self)
        button.setAccessibleName(self.tr(text))
        button.clicked.connect(lambda _=False: self._guard(slot))
        button.setEnabled(enabled)
        return button

    def _criteria_tab(self, read_only: bool) -> QWidget:
        page = QWidget(self)
        self.criteria_model = SpecModel(read_only, self)
        self.criteria_view = self._table(self.criteria_model, "Criteria table")
        self.criteria_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        buttons = QHBoxLayout()
        for text, slot in (("Add criterion", self._add_criterion),
                           ("Remove criterion", self._remove_criterion),
                           ("Move up", lambda: self._move_criterion(-1)),
                           ("Move down", lambda: self._move_criterion(1)),
                           ("Share points equally", lambda: service.allocate_evenly(
                               self.document))):  # fmt: skip
            buttons.addWidget(self._button(text, slot, not read_only))
        buttons.addStretch(1)
        self.weight_modes = QTabWidget(page)
        self.weight_modes.setAccessibleName(self.tr("Weighting method"))
        direct = QLabel(self.tr("Type any non-negative weight in the Weight column; each "
                                "criterion counts in proportion to its weight (the Share "
                                "column)."), page)  # fmt: skip
        direct.setWordWrap(True)
        direct.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.points_label = QLabel(page)
        self.points_label.setAccessibleName(self.tr("Points remaining"))
        self.points_label.setWordWrap(True)
        self.points_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        pairwise = QWidget(page)
        self.pair_model = SpecModel(read_only, self)
        self.pair_view = self._table(self.pair_model, "Pairwise comparison matrix")
        self.pair_view.horizontalHeader().setStretchLastSection(False)
        self.cr_label = QLabel(pairwise)
        self.cr_label.setAccessibleName(self.tr("Consistency ratio"))
        self.cr_warning = QLabel(pairwise)
        self.cr_warning.setAccessibleName(self.tr("Consistency warning"))
        self.cr_warning.setWordWrap(True)
        self.cr_warning.setStyleSheet(warning_style())
        pair_layout = QVBoxLayout(pairwise)
        hint = QLabel(self.tr("Each cell says how much more important the row's criterion is "
                              "than the column's (1 equal, 3 moderately, 5 strongly, 7 very "
                              "strongly, 9 extremely; 1/3 … 1/9 the other way round). The "
                              "weights follow at once."), pairwise)  # fmt: skip
        hint.setWordWrap(True)
        pair_layout.addWidget(hint)
        pair_layout.addWidget(self.pair_view, 1)
        pair_layout.addWidget(self.cr_label)
        pair_layout.addWidget(self.cr_warning)
        self.weight_modes.addTab(direct, self.tr("Direct"))
        self.weight_modes.addTab(self.points_label, self.tr("100-point allocation"))
        self.weight_modes.addTab(pairwise, self.tr("Pairwise (AHP)"))
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        upper = QWidget(splitter)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.criteria_view, 1)
        splitter.addWidget(upper)
        splitter.addWidget(self.weight_modes)
        splitter.setSizes([360, 360])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _scoring_tab(self, read_only: bool) -> QWidget:
        page = QWidget(self)
        self.score_model = SpecModel(read_only, self)
        self.score_view = self._table(self.score_model, "Scoring grid")
        hint = QLabel(self.tr("Type 1 to 5 on a scored criterion and the cursor moves to the "
                              "next initiative; Delete clears. Cost and effort are the "
                              "initiatives' own budget and effort; strategic alignment is "
                              "computed from the cascade (shaded, read-only)."), page)
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.score_view, 1)
        return page

    def _votes_tab(self, read_only: bool) -> QWidget:
        page = QWidget(self)
        self.vote_model = SpecModel(read_only, self)
        self.vote_view = self._table(self.vote_model, "Dot votes")
        self.dots_left = QLabel(page)
        self.dots_left.setAccessibleName(self.tr("Dots left"))
        self.dots_left.setWordWrap(True)
        self.dots_spin = QSpinBox(page)
        self.dots_spin.setRange(0, 100)
        self.dots_spin.setAccessibleName(self.tr("Dots per participant"))
        self.dots_spin.setEnabled(not read_only)
        self.dots_spin.editingFinished.connect(lambda: self._setting(
            "dots_per_participant", self.dots_spin.value(), "Change dots per participant"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Dots per participant:"), page))
        row.addWidget(self.dots_spin)
        row.addWidget(self.dots_left, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.vote_view, 1)
        return page

    def _ranking_tab(self) -> QWidget:
        page = QSplitter(Qt.Orientation.Vertical, self)
        self.ranking_model = SpecModel(True, self)
        self.ranking_view = self._table(self.ranking_model, "Ranking")
        self.ranking_view.verticalHeader().setVisible(False)
        charts = QTabWidget(page)
        charts.setAccessibleName(self.tr("Ranking charts"))
        self.breakdown_chart = ChartArea(self.tr("Value by criterion"), charts)
        self.bubble_chart = ChartArea(self.tr("Value against effort"), charts)
        charts.addTab(self.breakdown_chart, self.tr("Value by criterion"))
        charts.addTab(self.bubble_chart, self.tr("Value against effort"))
        charts.currentChanged.connect(lambda _: self._draw_charts())
        self.ranking_charts = charts
        page.addWidget(self.ranking_view)
        page.addWidget(charts)
        return page

    def _portfolio_tab(self, read_only: bool) -> QWidget:
        page = QSplitter(Qt.Orientation.Vertical, self)
        constraints = QWidget(page)
        form = QHBoxLayout(constraints)
        form.setContentsMargins(0, 0, 0, 0)
        left = QFormLayout()
        self.budget_edit = QLineEdit(constraints)
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_edit.setPlaceholderText(self.tr("No budget limit"))
        self.budget_edit.setEnabled(not read_only)
        self.budget_edit.editingFinished.connect(self._budget_done)
        left.addRow(self.tr("Budget (£):"), self.budget_edit)
        resource_buttons = QHBoxLayout()
        resource_buttons.addWidget(self._button("Add resource type", lambda: (
            service.add_resource_type(self.document)), not read_only))  # fmt: skip
        resource_buttons.addWidget(self._button("Remove resource type",
                                                self._remove_resource, not read_only))
        self.resource_model = SpecModel(read_only, self)
        self.resource_view = self._table(self.resource_model, "Resource types")
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
        self.portfolio_model = SpecModel(read_only, self)
        self.portfolio_view = self._table(self.portfolio_model, "Portfolio selection")
        self.portfolio_view.setWordWrap(True)
        # -- rows grow to fit the wrapped reasons whenever the reason column changes width
        self.row_fitter = QTimer(self)
        self.row_fitter.setSingleShot(True)
        self.row_fitter.setInterval(0)
        self.row_fitter.timeout.connect(self.portfolio_view.resizeRowsToContents)
        header = self.portfolio_view.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.row_fitter.start())
        header.geometriesChanged.connect(self.row_fitter.start)
        self.frontier_chart = ChartArea(self.tr("Efficient frontier"), page)
        page.addWidget(constraints)
        page.addWidget(self.portfolio_view)
        page.addWidget(self.frontier_chart)
        page.setStretchFactor(1, 2)
        return page

    def _scenarios_tab(self, read_only: bool) -> QWidget:
        page = QWidget(self)
        self.scenario_name = QLineEdit(page)
        self.scenario_name.setAccessibleName(self.tr("Scenario name"))
        self.scenario_name.setPlaceholderText(self.tr("Name this scenario, e.g. “Tighter budget”"))
        self.scenario_name.setEnabled(not read_only)
        self.scenario_name.returnPressed.connect(lambda: self._guard(self._save_scenario))
        row = QHBoxLayout()
        row.addWidget(self.scenario_name, 1)
        row.addWidget(self._button("Save scenario", self._save_scenario, not read_only))
        self.scenario_choice = QComboBox(page)
        self.scenario_choice.setAccessibleName(self.tr("Scenario to remove"))
        row.addWidget(self.scenario_choice)
        row.addWidget(self._button("Remove scenario", self._remove_scenario, not read_only))
        self.scenario_model = SpecModel(True, self)
        self.scenario_view = self._table(self.scenario_model, "Scenarios side by side")
        self.scenario_view.setWordWrap(True)
        note = QLabel(self.tr("Up to %d scenarios: each keeps the weights, constraints and "
                              "selection it was saved with.") % MAX_SCENARIOS, page)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.scenario_view, 1)
        return page

    def _sensitivity_tab(self, read_only: bool) -> QWidget:
        page = QSplitter(Qt.Orientation.Vertical, self)
        controls = QWidget(page)
        row = QHBoxLayout(controls)
        self.samples_spin = QSpinBox(controls)
        self.samples_spin.setRange(10, 100_000)
        self.samples_spin.setSingleStep(100)
        self.perturb_spin = QSpinBox(controls)
        self.perturb_spin.setRange(0, 95)
        self.perturb_spin.setSuffix(" %")
        self.seed_spin = QSpinBox(controls)
        self.seed_spin.setRange(0, 2**31 - 1)
        self.top_spin = QSpinBox(controls)
        self.top_spin.setRange(1, 1000)
        for label, spin, column, scale in (
            ("Samples", self.samples_spin, "samples", 1),
            ("Weights ±", self.perturb_spin, "perturbation", 100),
            ("Seed", self.seed_spin, "seed", 1),
            ("Top N", self.top_spin, "top_n", 1),
        ):
            spin.setAccessibleName(self.tr(label))
            spin.setEnabled(not read_only)
            spin.editingFinished.connect(
                lambda spin=spin, column=column, scale=scale, label=label: self._setting(
                    column, spin.value() / scale if scale != 1 else spin.value(),
                    f"Change {label.lower().rstrip(' ±')}"))  # fmt: skip
            row.addWidget(QLabel(self.tr(label), controls))
            row.addWidget(spin)
        row.addWidget(self._button("Run sensitivity", self.run_sensitivity))
        row.addStretch(1)
        self.sensitivity_note = QLabel(controls)
        self.sensitivity_note.setWordWrap(True)
        self.sensitivity_note.setAccessibleName(self.tr("Sensitivity result"))
        holder = QWidget(page)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(controls)
        holder_layout.addWidget(self.sensitivity_note)
        self.sensitivity_model = SpecModel(True, self)
        self.sensitivity_view = self._table(self.sensitivity_model, "Sensitivity table")
        holder_layout.addWidget(self.sensitivity_view, 1)
        self.sensitivity_chart = ChartArea(self.tr("Sensitivity chart"), page)
        page.addWidget(holder)
        page.addWidget(self.sensitivity_chart)
        return page

    def _split_tab(self, read_only: bool) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout()
        self.target_spins: dict[str, QDoubleSpinBox] = {}
        for column, label in (("target_run", "Run"), ("target_grow", "Grow"),
                              ("target_transform", "Transform")):
            spin = QDoubleSpinBox(page)
            spin.setRange(-1, 100)
            spin.setDecimals(0)
            spin.setSuffix(" %")
            spin.setSpecialValueText(self.tr("Not set"))
            spin.setAccessibleName(self.tr("Target %s share") % label)
            spin.setEnabled(not read_only)
            spin.editingFinished.connect(
                lambda column=column, spin=spin, label=label: self._setting(
                    column, None if spin.value() < 0 else spin.value(),
                    f"Change target {label} share"))  # fmt: skip
            row.addWidget(QLabel(self.tr("Target %s:") % label, page))
            row.addWidget(spin)
            self.target_spins[column] = spin
        row.addStretch(1)
        self.split_note = QLabel(page)
        self.split_note.setWordWrap(True)
        self.split_note.setAccessibleName(self.tr("Run and Change figures"))
        self.split_chart = ChartArea(self.tr("Run and Change chart"), page)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.split_note)
        layout.addWidget(self.split_chart, 1)
        return page

    # ------------------------------------------------------------ refreshing

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(table) for table in WATCHED):
            if changes.touches("accountability_node"):
                self._fill_scopes()
            # -- solving a large portfolio takes a while: only the step on show recomputes
            self._stale = True
            if self.isVisible():
                self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _fill_scopes(self) -> None:
        with self.document.read() as conn:
            scopes = scope_names(conn)
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        for key, name in scopes:
            self.scope_box.addItem(self.tr(name) if key is None else name, key)
        found = self.scope_box.findData(self.scope)
        self.scope_box.setCurrentIndex(max(0, found))
        self.scope_box.blockSignals(False)

    def _scope_chosen(self) -> None:
        self.scope = self.scope_box.currentData()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the scope, recompute the analysis and show it everywhere."""
        self.timer.stop()
        self._stale = False
        with self.document.read() as conn:
            try:
                self.analysis = analyse(conn, self.scope)
            except PrioritisationError as error:
                self.analysis = None
                self.status.setText(str(error))
                return
            labels = participant_labels(conn)
            participants = [pid for pid, _ in conn.execute(
                Person.__table__.select().with_only_columns(Person.id, Person.position)
                .where(Person.kind == PersonKind.PARTICIPANT)
                .order_by(Person.position, Person.id))]  # fmt: skip
            resources = service.resource_rows(conn)
            sheet = scenario_sheet(conn)
            scenario_rows = [(s["id"], s["name"]) for s in scenarios(conn)]
        analysis = self.analysis
        messages = [*analysis.data.problems, *analysis.errors]
        if analysis.selection is not None:
            messages += analysis.selection.notes
        self.status.setText(" ".join(messages))
        self.status.setStyleSheet(warning_style() if analysis.errors else "")
        self._show_criteria(analysis)
        self._show_scores(analysis)
        self._show_votes(analysis, labels, participants)
        self._show_ranking(analysis)
        self._show_portfolio(analysis, resources)
        self._show_scenarios(sheet, scenario_rows)
        self._show_settings(analysis)
        self._show_split(analysis)
        self.sensitivity_model.set_content([], [])
        self.sensitivity_note.setText(self.tr("Press Run sensitivity to test how much the "
                                              "answer depends on the weights."))
        self._draw_charts()

    # -- criteria and weights

    def _show_criteria(self, analysis: Analysis) -> None:
        criteria = analysis.data.criteria
        total = sum(c.weight for c in criteria)
        fixed_scale = {ALIGNMENT_KEY, *INITIATIVE_FIELDS}
        directions = ((CriterionDirection.BENEFIT.value, "Benefit (more is better)"),
                      (CriterionDirection.COST.value, "Cost (less is better)"))
        scales = ((ScoreScale.ANCHORED.value, "1 to 5 with anchors"),
                  (ScoreScale.RAW.value, "Raw number"))
        edit = service.set_criterion
        doc = self.document
        columns = [
            Col("Name", lambda c: c.name, lambda c, v: edit(doc, c.id, "name", v)),
            Col("Direction", lambda c: dict(directions)[c.direction.value],
                lambda c, v: edit(doc, c.id, "direction", v), "choice", directions,
                value=lambda c: c.direction.value, editable=lambda c: not c.computed),
            Col("Weight", lambda c: f"{c.weight:g}", lambda c, v: edit(doc, c.id, "weight", v),
                "number", value=lambda c: c.weight),
            Col("Share", lambda c: f"{100 * c.weight / total:.1f} %" if total else "—",
                numeric=True),
            Col("Scale", lambda c: "Computed from the cascade" if c.computed else
                dict(scales)[c.scale.value], lambda c, v: edit(doc, c.id, "scale", v), "choice",
                scales, value=lambda c: c.scale.value,
                editable=lambda c: c.key not in fixed_scale and not c.computed),
            Col("Unit", lambda c: c.unit, lambda c, v: edit(doc, c.id, "unit", v)),
            Col("Anchors", lambda c: self._anchors(c.id).replace("\n", "  ·  "),
                lambda c, v: edit(doc, c.id, "anchors", v), value=lambda c: self._anchors(c.id),
                tooltip=lambda c: self._anchors(c.id)),
        ]  # fmt: skip
        self.criteria_model.set_content(criteria, columns, key=lambda c: c.id)
        self.criteria_view.resizeColumnsToContents()
        self.criteria_view.setColumnWidth(6, 420)
        remaining = points_remaining([c.weight for c in criteria])
        if abs(remaining) < 0.005:
            text = self.tr("All 100 points are allocated.")
        elif remaining > 0:
            text = self.tr("%s of 100 points left to allocate.") % f"{remaining:g}"
        else:
            text = self.tr("%s points too many: take some back.") % f"{-remaining:g}"
        self.points_label.setText(self.tr("Give each criterion points out of 100 in the "
                                          "Weight column. ") + text)
        self._show_pairwise(analysis)

    def _anchors(self, criterion: int) -> str:
        with self.document.read() as conn:
            rows = {r["id"]: r["anchors"] for r in service.criteria_rows(conn)}
        return str(rows.get(criterion, ""))

    def _show_pairwise(self, analysis: Analysis) -> None:
        criteria = analysis.data.criteria
        if len(criteria) > MAX_PAIRWISE:
            self.pair_model.set_content([], [])
            self.cr_label.setText(self.tr("Pairwise comparison takes at most %d criteria; "
                                          "there are %d.") % (MAX_PAIRWISE, len(criteria)))
            self.cr_warning.setText("")
            return
        judgements = analysis.data.comparisons

        def value(row: Any, column: Any) -> float:
            if row.id == column.id:
                return 1.0
            if (row.id, column.id) in judgements:
                return judgements[(row.id, column.id)]
            if (column.id, row.id) in judgements:
                return 1 / judgements[(column.id, row.id)]
            return 1.0

        def setter(column: Any) -> Any:
            return lambda row, v: service.set_comparison(self.document, row.id, column.id,
                                                         float(v))

        columns = [Col(c.name or c.key,
                       lambda r, c=c: format_judgement(value(r, c)), setter(c), "choice",
                       JUDGEMENTS, value=lambda r, c=c: min(
                           (j for j, _ in JUDGEMENTS), key=lambda j: abs(j - value(r, c))),
                       editable=lambda r, c=c: r.id != c.id)
                   for c in criteria]  # fmt: skip
        self.pair_model.set_content(criteria, columns, key=lambda c: c.id)
        for n, criterion in enumerate(criteria):
            self.pair_model.setHeaderData(n, Qt.Orientation.Vertical, criterion.name)
        self.pair_view.verticalHeader().setVisible(True)
        self.pair_view.resizeColumnsToContents()
        try:
            result = pairwise_result(analysis.data)
        except PrioritisationError as error:
            self.cr_label.setText(str(error))
            return
        if result is None:
            self.cr_label.setText(self.tr("No comparisons yet: every pair counts as equal."))
            self.cr_warning.setText("")
            return
        names = [c.name or c.key for c in criteria]
        self.cr_label.setText(self.tr("Consistency ratio: %.2f (acceptable up to %.2f)") % (
            result.consistency_ratio, CR_LIMIT))
        if result.inconsistent:
            worst = "; ".join(
                self.tr("%s against %s: entered %s, the others imply about %s") % (
                    names[w.first], names[w.second], format_judgement(w.given),
                    format_judgement(w.implied))
                for w in result.worst)  # fmt: skip
            self.cr_warning.setText(self.tr("The judgements contradict each other. Revisit "
                                            "first: ") + worst + ".")
        else:
            self.cr_warning.setText("")

    def _add_criterion(self) -> None:
        row_id = service.add_criterion(self.document)
        self.refresh()
        rows = [c.id for c in self.criteria_model.rows]
        if row_id in rows:
            index = self.criteria_model.index(rows.index(row_id), 0)
            self.criteria_view.setCurrentIndex(index)
            self.criteria_view.edit(index)

    def _current_criterion(self) -> Any:
        index = self.criteria_view.currentIndex()
        return self.criteria_model.rows[index.row()] if index.isValid() else None

    def _remove_criterion(self) -> None:
        criterion = self._current_criterion()
        if criterion is not None:
            service.remove_criteria(self.document, [criterion.id])

    def _move_criterion(self, offset: int) -> None:
        criterion = self._current_criterion()
        if criterion is not None and service.move_criterion(self.document, criterion.id, offset):
            self.refresh()
            rows = [c.id for c in self.criteria_model.rows]
            self.criteria_view.setCurrentIndex(self.criteria_model.index(
                rows.index(criterion.id), 0))  # fmt: skip

    # -- scores, votes

    def _show_scores(self, analysis: Analysis) -> None:
        data = analysis.data
        doc = self.document
        columns = [Col("Initiative", lambda i: i.label)]
        for criterion in data.criteria:
            computed = criterion.computed or criterion.key == ALIGNMENT_KEY
            raw = criterion.scale is ScoreScale.RAW or criterion.key in INITIATIVE_FIELDS

            def shown(i: Any, c: Any = criterion, computed: bool = computed) -> str:
                v = data.raw_value(i, c)
                if v is None:
                    return ""
                if computed:
                    return f"{100 * v:.1f} %"
                if c.key == "cost":
                    return money(v)
                return f"{v:,.6g}"

            header = criterion.name or criterion.key
            if criterion.unit and criterion.key != ALIGNMENT_KEY:
                header += f" ({criterion.unit})"
            columns.append(Col(
                header, shown,
                lambda i, v, c=criterion: service.set_score(doc, i.id, c.id, v),
                "number" if raw else "digit",
                value=lambda i, c=criterion: data.raw_value(i, c),
                editable=lambda i, computed=computed: not computed,
                tooltip=(lambda i: self.tr("Share of the strategy this initiative serves, "
                                           "through weighted alignment links")) if computed
                else "",
            ))  # fmt: skip
        self.score_model.set_content(data.initiatives, columns, key=lambda i: i.id)
        self.score_view.resizeColumnsToContents()

    def _show_votes(self, analysis: Analysis, labels: dict[int, str],
                    participants: list[int]) -> None:
        data = analysis.data
        doc = self.document
        allowed = data.settings.dots_per_participant
        columns = [Col("Initiative", lambda i: i.label),
                   Col("MoSCoW", lambda i: dict(MOSCOW)[i.moscow.value if i.moscow else None],
                       lambda i, v: service.set_moscow(doc, i.id, MoSCoW(v) if v else None),
                       "choice", MOSCOW, value=lambda i: i.moscow.value if i.moscow else None),
                   Col("Total dots", lambda i: data.dots(i.id) or "", numeric=True)]
        for person in participants:
            label = labels.get(person, "?")
            columns.append(Col(
                label, lambda i, p=person: data.votes.get((p, i.id)) or "",
                lambda i, v, p=person, label=label: service.set_dots(doc, p, i.id, int(v or 0),
                                                                     label),
                "dots", value=lambda i, p=person: data.votes.get((p, i.id), 0),
            ))  # fmt: skip
        self.vote_model.set_content(data.initiatives, columns, key=lambda i: i.id)
        self.vote_view.resizeColumnsToContents()
        left = []
        for person in participants:
            used = sum(d for (p, _), d in data.votes.items() if p == person)
            left.append(f"{labels.get(person, '?')} {max(0, allowed - used)}")
        self.dots_left.setText(self.tr("Dots left: ") + ", ".join(left) if left else
                               self.tr("Add participants in Prepare to vote."))
        self.dots_spin.setValue(allowed)

    # -- results

    def _show_ranking(self, analysis: Analysis) -> None:
        ranking = analysis.ranking
        if ranking is None:
            self.ranking_model.set_content([], [])
            return
        selected = analysis.selection.selected if analysis.selection is not None else None
        data = analysis.data
        columns = [
            Col("Rank", lambda n: ranking.order.index(n) + 1, numeric=True),
            Col("Initiative", lambda n: ranking.initiatives[n].label),
            Col("Total", lambda n: f"{ranking.values[n]:.1f}", numeric=True,
                tooltip="Weighted value, points out of 100; the columns after it add up to it"),
            *(Col(c.name or c.key, lambda n, j=j: f"{ranking.contributions[n, j]:.1f}",
                  numeric=True, tooltip=lambda n, j=j, c=c: self.tr(
                      "%s: scored %s, normalised %.2f × weight %.1f %%") % (
                      c.name, _fmt(data.raw_value(ranking.initiatives[n], c), 2),
                      ranking.scores[n, j], 100 * ranking.weights[j]))
              for j, c in enumerate(ranking.criteria)),
            Col("Dots", lambda n: data.dots(ranking.initiatives[n].id) or "", numeric=True),
            Col("MoSCoW", lambda n: dict(MOSCOW)[ranking.initiatives[n].moscow.value]
                if ranking.initiatives[n].moscow else ""),
            Col("Selected", lambda n: "" if selected is None else ("Yes" if selected[n]
                                                                   else "No")),
        ]  # fmt: skip
        self.ranking_model.set_content(list(ranking.order), columns,
                                       key=lambda n: ranking.initiatives[n].id)
        self.ranking_view.resizeColumnsToContents()

    def _show_portfolio(self, analysis: Analysis, resources: list[dict[str, Any]]) -> None:
        doc = self.document
        settings = analysis.data.settings
        self.budget_edit.setText("" if settings.budget is None else f"{settings.budget:,.0f}")
        self.resource_model.set_content(resources, [
            Col("Resource", lambda r: r["name"],
                lambda r, v: service.set_resource(doc, r["id"], "name", v)),
            Col("Unit", lambda r: r["unit"],
                lambda r, v: service.set_resource(doc, r["id"], "unit", v)),
            Col("Capacity", lambda r: _fmt(r["capacity"], 0),
                lambda r, v: service.set_resource(doc, r["id"], "capacity", v), "number",
                value=lambda r: r["capacity"]),
        ], key=lambda r: r["id"])  # fmt: skip
        self.resource_view.resizeColumnsToContents()
        ranking, selection = analysis.ranking, analysis.selection
        if ranking is None:
            self.portfolio_model.set_content([], [])
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
            *(Col(r["name"] or "Resource", lambda n, r=r: _fmt(data.demands.get(
                (ranking.initiatives[n].id, r["id"])), 0),
                lambda n, v, r=r: service.set_demand(doc, ranking.initiatives[n].id, r["id"], v),
                "number", value=lambda n, r=r: data.demands.get(
                    (ranking.initiatives[n].id, r["id"])))
              for r in resources),
            Col("Selected", lambda n: "" if selection is None else (
                "✓ Selected" if selection.selected[n] else "Left out")),
            Col("Why it is left out", lambda n: "" if selection is None or n not in
                selection.left_out else selection.left_out[n].reason,
                tooltip=lambda n: "" if selection is None or n not in selection.left_out
                else selection.left_out[n].reason),
        ]  # fmt: skip
        self.portfolio_model.set_content(list(ranking.order), columns,
                                         key=lambda n: ranking.initiatives[n].id)
        # -- the reason column takes the width left and wraps, so each reason reads whole
        for number in range(len(columns) - 1):
            self.portfolio_view.resizeColumnToContents(number)
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

    def _show_scenarios(self, sheet: Any, rows: list[tuple[int, str]]) -> None:
        lines = [list(line) for line in sheet.rows]
        headers = list(sheet.headers)
        columns = [Col(h or self.tr("Scenario"), lambda line, k=k: line[k] if line[k]
                       is not None else "") for k, h in enumerate(headers)]  # fmt: skip
        self.scenario_model.set_content(lines, columns, key=lambda line: line[0])
        self.scenario_view.resizeColumnsToContents()
        for k in range(1, len(headers)):
            self.scenario_view.setColumnWidth(k, 220)
        self.scenario_view.resizeRowsToContents()
        self.scenario_choice.clear()
        for scenario_id, name in rows:
            self.scenario_choice.addItem(name, scenario_id)

    def _show_settings(self, analysis: Analysis) -> None:
        settings = analysis.data.settings
        for spin, value in ((self.samples_spin, settings.samples),
                            (self.perturb_spin, round(100 * settings.perturbation)),
                            (self.seed_spin, settings.seed), (self.top_spin, settings.top_n)):
            spin.blockSignals(True)
            spin.setValue(int(value))
            spin.blockSignals(False)
        for column, target_spin in self.target_spins.items():
            target = getattr(settings, column)
            target_spin.blockSignals(True)
            target_spin.setValue(-1 if target is None else target)
            target_spin.blockSignals(False)

    def _show_split(self, analysis: Analysis) -> None:
        split = analysis.run_change
        if split is None:
            return
        selected = {line.portfolio: line for line in split.selected or []}
        parts = []
        for line in split.current:
            text = self.tr("%s: %s (%.0f %%) of budget, %s person-days (%.0f %%)") % (
                self.tr(line.name), money(line.budget), line.budget_share,
                f"{line.effort:,.0f}", line.effort_share)
            chosen = selected.get(line.portfolio)
            if chosen is not None:
                text += self.tr("; selected %s (%.0f %%)") % (money(chosen.budget),
                                                             chosen.budget_share)
            target = split.target.get(line.portfolio) if line.portfolio else None
            if target is not None:
                text += self.tr("; target %.0f %%") % target
            parts.append(text)
        problem = split.target_problem()
        self.split_note.setText("\n".join([*parts, *([problem] if problem else [])]))

    # -- charts

    def _draw_charts(self) -> None:
        analysis = self.analysis
        if analysis is None or analysis.ranking is None:
            return
        page = self.tabs.currentIndex()
        ranking, selection = analysis.ranking, analysis.selection
        if page == 3:
            if self.ranking_charts.currentIndex() == 0:
                self.breakdown_chart.show_chart(figures.draw_breakdown,
                                                figures.breakdown_data(ranking, selection))
            else:
                self.bubble_chart.show_chart(figures.draw_value_effort,
                                             figures.bubble_data(ranking, selection))
        elif page == 4:
            points = []
            if analysis.problem is not None and not analysis.conflicts:
                try:
                    points = frontier(analysis.problem)
                except PrioritisationError:
                    points = []
            self.frontier_chart.show_chart(figures.draw_frontier,
                                           figures.frontier_data(points, selection))
        elif page == 7 and analysis.run_change is not None:
            self.split_chart.show_chart(figures.draw_split,
                                        figures.split_data(analysis.run_change))

    def run_sensitivity(self) -> None:
        """Perturb the weights as the settings say and show how robust each place is."""
        analysis = self.analysis
        if analysis is None or analysis.ranking is None:
            raise PrioritisationError(" ".join(analysis.errors) if analysis else "Nothing to test.")
        ranking = analysis.ranking
        settings = analysis.data.settings
        problem = analysis.problem if not analysis.conflicts else None
        result = sensitivity(ranking, problem, settings.samples, settings.perturbation,
                             settings.seed, settings.top_n)
        columns = [
            Col("Initiative", lambda n: ranking.initiatives[n].label),
            Col(f"In top {result.top_n}", lambda n: f"{100 * result.in_top_n[n]:.0f} %",
                numeric=True),
            Col("In portfolio", lambda n: "" if result.in_portfolio is None else
                f"{100 * result.in_portfolio[n]:.0f} %", numeric=True),
            Col("Place depends on the weights", lambda n: "Yes" if n in result.sensitive
                else ""),
        ]  # fmt: skip
        self.sensitivity_model.set_content(list(ranking.order), columns,
                                           key=lambda n: ranking.initiatives[n].id)
        self.sensitivity_view.resizeColumnsToContents()
        names = [ranking.initiatives[i].label for i in result.sensitive]
        how = (self.tr("every sample's portfolio is exact") if result.method == "exact" else
               self.tr("portfolios from each sample's linear relaxation rounded down: %.0f %% "
                       "proven optimal, none more than %.2f %% short of its optimum") % (
                   100 * result.proven_share, 100 * result.worst_gap))
        text = self.tr("%d samples, each weight multiplied by a random factor within ±%.0f %% "
                       "(seed %d); %s. ") % (result.samples, 100 * result.perturbation,
                                           result.seed, how)
        text += (self.tr("Places that depend on the weights: ") + "; ".join(names) + "."
                 if names else self.tr("No initiative's place depends on the weights."))
        self.sensitivity_note.setText(text)
        self.sensitivity_chart.show_chart(figures.draw_sensitivity,
                                          figures.sensitivity_data(ranking, result))

    # ------------------------------------------------------------ actions

    def _guard(self, action: Any) -> None:
        try:
            action()
        except (EditRejectedError, WorkshopFileError, PrioritisationError) as error:
            self._reject(str(error))

    def _reject(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def _setting(self, column: str, value: Any, label: str) -> None:
        if self.document.read_only or self.analysis is None:
            return
        if getattr(self.analysis.data.settings, column) == value:
            return
        self._guard(lambda: service.set_setting(self.document, column, value, label))

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
            self._reject(self.tr("Enter the budget as a number, such as 9500000 or 9.5m."))
            return
        self._setting("budget", value, "Change budget")

    def _remove_resource(self) -> None:
        index = self.resource_view.currentIndex()
        if index.isValid():
            service.remove_resource_types(self.document,
                                          [self.resource_model.rows[index.row()]["id"]])

    def _save_scenario(self) -> None:
        service.save_scenario(self.document, self.scenario_name.text(), self.scope)
        self.scenario_name.clear()

    def _remove_scenario(self) -> None:
        scenario = self.scenario_choice.currentData()
        if scenario is not None:
            service.remove_scenario(self.document, int(scenario))

