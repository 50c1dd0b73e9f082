"""The Plan tab: the room's voice and the horizon above, the plan in quarters below.

Working out a plan solves a programme over every quarter, so it runs only while the tab
is on show, after the edits settle.
"""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.planning import (
    Horizon,
    Planned,
    QuarterLoad,
    load_horizon,
    load_timings,
    plan,
    stored_plan,
)
from bigdesk.analysis.planning.schedule import Loads
from bigdesk.analysis.planning.stored import PlannedMilestone, milestones_of, schedule_load
from bigdesk.analysis.planning.timing import Timing
from bigdesk.analysis.prioritisation import DOTS_KEY, money
from bigdesk.app import planning as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.domain.fields import choice_label
from bigdesk.exchange import figures_planning as figures
from bigdesk.model import (
    Initiative,
    Milestone,
    MilestoneStatus,
    QuarterCapacity,
    Spread,
    TargetMode,
    YearBudget,
)

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab, number_text, warning_style

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage

YEAR_STARTS = ((1, "January"), (4, "April"), (7, "July"), (10, "October"))
VOTES = ((service.VOTES_IGNORED, "Not counted"), (service.VOTES_CRITERION, "As a criterion"),
         (service.VOTES_TIE_BREAK, "To break ties"))  # fmt: skip
SPREADS = tuple((s.value, choice_label(s)) for s in Spread)
STATUSES = tuple((s.value, choice_label(s)) for s in MilestoneStatus)
TARGETS = tuple((m.value, choice_label(m)) for m in TargetMode)


@dataclass
class PlanView:
    """What the tab shows, read at once."""

    planned: Planned
    horizon: Horizon
    timings: dict[int, Timing]
    milestones: list[Milestone]
    planned_milestones: dict[int, list[PlannedMilestone]]
    load: list[QuarterLoad]
    capacity: dict[tuple[int, dt.date], float]
    year_budget: dict[int, float]
    enablers: set[int]
    accepted: str


class PlanTab(PrioritiseTab):
    """Settings and the summary on top; the Gantt, the load and the inputs in tabs below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.view_data: PlanView | None = None
        self.stale = True
        top = QHBoxLayout()
        self.quarters = QSpinBox(self)
        self.quarters.setRange(1, 20)
        self.quarters.setSuffix(self.tr(" quarters"))
        self.quarters.setAccessibleName(self.tr("Horizon in quarters"))
        self.quarters.editingFinished.connect(
            lambda: self._setting("horizon_quarters", self.quarters.value()))
        self.year_start = self._combo("Financial year starts", YEAR_STARTS,
                                      lambda v: self._setting("year_start_month", v))
        self.must = QCheckBox(self.tr("A Must is a must-do"), self)
        self.must.toggled.connect(lambda on: self._setting("must_is_must_do", on))
        self.wont = QCheckBox(self.tr("A Won't is a must-not"), self)
        self.wont.toggled.connect(lambda on: self._setting("wont_is_must_not", on))
        self.votes = self._combo("Dot votes", VOTES, lambda v: self.guard(
            lambda: service.set_votes_use(self.document, v)))
        self.target = self._combo("Run, Grow and Transform target", TARGETS,
                                  lambda v: self._setting("target_mode", v))
        self.tolerance = QDoubleSpinBox(self)
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(0)
        self.tolerance.setPrefix("± ")
        self.tolerance.setSuffix(self.tr(" points"))
        self.tolerance.setAccessibleName(self.tr("Target tolerance"))
        self.tolerance.editingFinished.connect(
            lambda: self._setting("target_tolerance", self.tolerance.value()))
        for label, widget in ((self.tr("Horizon:"), self.quarters),
                              (self.tr("Financial year starts in:"), self.year_start),
                              (None, self.must), (None, self.wont),
                              (self.tr("Dot votes:"), self.votes),
                              (self.tr("Target split:"), self.target), (None, self.tolerance)):
            if label:
                top.addWidget(QLabel(label, self))
            widget.setEnabled(not self.read_only)
            top.addWidget(widget)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Plan summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.button("Accept this plan", self._accept), 0,
                              Qt.AlignmentFlag.AlignTop)

        self.parts = QTabWidget(self)
        self.parts.setAccessibleName(self.tr("Plan views"))
        self.gantt = ChartArea(self.tr("Gantt of the plan"), self)
        self.load_chart = ChartArea(self.tr("Load against capacity"), self)
        self.schedule_model, self.schedule_view = self.grid("Schedule")
        self.schedule_view.setWordWrap(True)
        limits = QWidget(self)
        self.capacity_model, self.capacity_view = self.grid("Capacity by quarter")
        self.budget_model, self.budget_view = self.grid("Budget by financial year")
        self.capacity_view.horizontalHeader().setStretchLastSection(False)
        limits_layout = QVBoxLayout(limits)
        limits_layout.addWidget(QLabel(self.tr(
            "Capacity of each resource by quarter (empty: not limited). Type in “Every "
            "quarter” to fill the whole horizon."), limits))
        limits_layout.addWidget(self.capacity_view, 2)
        limits_layout.addWidget(QLabel(self.tr("Budget of each financial year (empty: not "
                                               "limited)."), limits))
        limits_layout.addWidget(self.budget_view, 1)
        milestones = QWidget(self)
        self.milestone_model, self.milestone_view = self.grid("Milestones")
        self.milestone_for = QComboBox(milestones)
        self.milestone_for.setAccessibleName(self.tr("Initiative of the new milestone"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Initiative:"), milestones))
        row.addWidget(self.milestone_for, 1)
        row.addWidget(self.button("Add milestone", self._add_milestone))
        row.addWidget(self.button("Remove milestone", self._remove_milestone))
        milestones_layout = QVBoxLayout(milestones)
        milestones_layout.addLayout(row)
        milestones_layout.addWidget(self.milestone_view, 1)
        for part, title in ((self.gantt, "Gantt"), (self.load_chart, "Load"),
                            (self.schedule_view, "Schedule"),
                            (limits, "Capacity and budget"), (milestones, "Milestones")):
            self.parts.addTab(part, self.tr(title))
        self.parts.currentChanged.connect(lambda _: self._draw())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(summary_row)
        layout.addWidget(self.parts, 1)

    def _combo(self, name: str, choices: tuple[tuple[Any, str], ...],
               chosen: Any) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(self.tr(name))
        for value, label in choices:
            combo.addItem(self.tr(label), value)
        combo.activated.connect(lambda _: chosen(combo.currentData()))
        return combo

    def _setting(self, column: str, value: Any) -> None:
        if self.read_only:
            return
        self.guard(lambda: service.set_planning(self.document, column, value))

    # -- showing

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        settings = snapshot.analysis.data.settings
        for widget, value in ((self.must, settings.must_is_must_do),
                              (self.wont, settings.wont_is_must_not)):
            widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(False)
        counted = any(c.key == DOTS_KEY for c in snapshot.analysis.data.criteria)
        self._choose(self.votes, service.VOTES_CRITERION if counted else
                     service.VOTES_TIE_BREAK if settings.votes_break_ties else
                     service.VOTES_IGNORED)
        self._choose(self.target, settings.target_mode.value)
        self.tolerance.setValue(settings.target_tolerance)
        self.tolerance.setEnabled(not self.read_only
                                  and settings.target_mode is TargetMode.TOLERANCE)
        self.stale = True
        if self.isVisible():
            self.draw_charts()

    @staticmethod
    def _choose(combo: QComboBox, value: Any) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def draw_charts(self) -> None:
        if self.snapshot is None:
            return
        if self.stale:
            self.stale = False
            self._work_out()
        self._draw()

    def _work_out(self) -> None:
        with self.document.read() as conn:
            planned = plan(conn, self.page.scope)
            horizon = load_horizon(conn)
            ranking = planned.analysis.ranking
            ids = [i.id for i in ranking.initiatives] if ranking else []
            result = planned.plan
            load: list[QuarterLoad] = []
            if result is not None:
                load = schedule_load(conn, horizon, {
                    planned.initiative_id(i): (result.starts[i], result.finish(i))
                    for i in result.chosen()})  # fmt: skip
            capacity = {(r.resource_type_id, r.quarter): r.capacity for r in conn.execute(
                select(QuarterCapacity.resource_type_id, QuarterCapacity.quarter,
                       QuarterCapacity.capacity))}  # fmt: skip
            accepted = stored_plan(conn)
            self.view_data = PlanView(
                planned, horizon, load_timings(conn, ids, horizon), service.milestones(conn),
                milestones_of(conn, set(ids)), load, capacity,
                dict(conn.execute(select(YearBudget.year, YearBudget.budget)).all()),
                set(conn.execute(select(Initiative.id).where(
                    Initiative.closes_dimension_id.is_not(None))).scalars()),
                "" if accepted is None or accepted.accepted_at is None else
                self.tr("The plan accepted on %s holds %d initiatives.") % (
                    f"{accepted.accepted_at:%d %b %Y %H:%M}", len(accepted.selected)))
        self._fill()

    def _fill(self) -> None:
        data = self.view_data
        if data is None:
            return
        planned, result, horizon = data.planned, data.planned.plan, data.horizon
        ranking = planned.analysis.ranking
        lines = []
        if result is None:
            lines.append(self.tr("No plan: ") + " ".join(planned.errors))
            self.summary.setStyleSheet(warning_style())
        else:
            self.summary.setStyleSheet("")
            proof = (self.tr("proven optimal") if result.proven_optimal else
                     self.tr("proven within %.2f %% of the best possible") % (100 * result.gap))
            lines.append(self.tr("%d initiatives from %s to %s, %.1f points of value, %s.") % (
                len(result.starts), horizon.label(0), horizon.label(horizon.quarters - 1),
                result.objective, proof))
            binding = [f"{b.name} {b.period}" if b.period else
                       self.tr("%s in all") % b.name for b in result.binding][:6]
            if binding:
                lines.append(self.tr("What binds: ") + "; ".join(binding) + ".")
            lines += result.notes
        if data.accepted:
            lines.append(data.accepted)
        self.quarters.blockSignals(True)
        self.quarters.setValue(horizon.quarters)
        self.quarters.blockSignals(False)
        self._choose(self.year_start, horizon.year_start_month)
        self.summary.setText("\n".join(lines))
        self._fill_schedule(data)
        self._fill_limits(data)
        self._fill_milestones(data)
        self.milestone_for.clear()
        for info in ranking.initiatives if ranking else []:
            self.milestone_for.addItem(info.label, info.id)

    def _fill_schedule(self, data: PlanView) -> None:
        planned, result, horizon = data.planned, data.planned.plan, data.horizon
        ranking = planned.analysis.ranking
        if ranking is None:
            self.schedule_model.set_content([], [])
            return
        doc = self.document
        info = ranking.initiatives

        def when(n: int, finish: bool) -> str:
            if result is None or n not in result.starts:
                return ""
            return horizon.label(result.finish(n) if finish else result.starts[n])

        columns = [
            Col("Initiative", lambda n: info[n].label),
            Col("Value", lambda n: f"{ranking.values[n]:.1f}", numeric=True),
            Col("Budget", lambda n: money(info[n].budget) if info[n].budget is not None
                else ""),
            Col("Quarters", lambda n: str(data.timings[info[n].id].duration),
                lambda n, v: service.set_timing(doc, info[n].id, "duration", v), "number",
                value=lambda n: data.timings[info[n].id].duration if
                data.timings[info[n].id].given else None,
                tooltip=self.tr("How many quarters it runs; empty: by its dates or a default")),
            Col("Spread", lambda n: choice_label(data.timings[info[n].id].spread),
                lambda n, v: service.set_timing(doc, info[n].id, "spread", v), "choice",
                SPREADS, value=lambda n: data.timings[info[n].id].spread.value),
            Col("Starts", lambda n: when(n, False)),
            Col("Finishes", lambda n: when(n, True)),
            Col("In the plan", lambda n: "" if result is None else (
                "✓" if n in result.starts else result.excluded.get(n, "")),
                tooltip=lambda n: "" if result is None else result.excluded.get(n, "")),
        ]  # fmt: skip
        order = list(ranking.order)
        if result is not None:
            order.sort(key=lambda n: (n not in result.starts, result.starts.get(n, 0)))
        self.schedule_model.set_content(order, columns, key=lambda n: info[n].id)
        for number in range(len(columns) - 1):
            self.schedule_view.resizeColumnToContents(number)
        self.schedule_view.resizeRowsToContents()

    def _fill_limits(self, data: PlanView) -> None:
        doc, horizon = self.document, data.horizon
        snapshot = self.snapshot
        resources = snapshot.resources if snapshot else []
        quarters = [horizon.start(q) for q in range(horizon.quarters)]
        columns = [
            Col("Resource", lambda r: f"{r.name} ({r.unit})" if r.unit else r.name),
            Col("Every quarter", lambda r: "",
                lambda r, v: service.set_quarter_capacity(doc, r.id, quarters, v), "number"),
            *(Col(horizon.label(q), lambda r, day=day: number_text(
                data.capacity.get((r.id, day)), 0),
                lambda r, v, day=day: service.set_quarter_capacity(doc, r.id, [day], v),
                "number", value=lambda r, day=day: data.capacity.get((r.id, day)))
              for q, day in enumerate(quarters)),
        ]  # fmt: skip
        self.capacity_model.set_content(resources, columns, key=lambda r: r.id)
        self.capacity_view.resizeColumnsToContents()
        result = data.planned.plan
        spend = {} if result is None else Loads(result.problem, result.starts).spend
        years = horizon.years()
        self.budget_model.set_content(years, [
            Col("Financial year", horizon.year_label),
            Col("Budget", lambda y: money(data.year_budget[y]) if y in data.year_budget else "",
                lambda y, v: service.set_year_budget(doc, y, v), "number",
                value=lambda y: data.year_budget.get(y)),
            Col("The plan spends", lambda y: money(spend.get(y, 0.0))),
        ], key=lambda y: y)  # fmt: skip
        self.budget_view.resizeColumnsToContents()

    def _fill_milestones(self, data: PlanView) -> None:
        doc = self.document
        ranking = data.planned.analysis.ranking
        labels = {i.id: i.label for i in ranking.initiatives} if ranking else {}
        result = data.planned.plan
        horizon = data.horizon
        spans = {} if result is None else {
            data.planned.initiative_id(i): (horizon.start(result.starts[i]),
                                            horizon.end(result.finish(i)))
            for i in result.starts}  # fmt: skip

        def fits(m: Milestone) -> str:
            span = spans.get(m.initiative_id)
            if span is None:
                return self.tr("Not in the plan")
            if m.due is None:
                return ""
            return "✓" if span[0] <= m.due <= span[1] else self.tr(
                "Outside its planned quarters")

        rows = [m for m in data.milestones if m.initiative_id in labels]
        self.milestone_model.set_content(rows, [
            Col("Initiative", lambda m: labels.get(m.initiative_id, "")),
            Col("Milestone", lambda m: m.name,
                lambda m, v: service.set_milestone(doc, m.id, "name", v)),
            Col("Date", lambda m: "" if m.due is None else m.due.isoformat(),
                lambda m, v: service.set_milestone(doc, m.id, "due", v)),
            Col("Status", lambda m: choice_label(m.status),
                lambda m, v: service.set_milestone(doc, m.id, "status", v), "choice", STATUSES,
                value=lambda m: m.status.value),
            Col("In the plan", fits),
        ], key=lambda m: m.id)  # fmt: skip
        self.milestone_view.resizeColumnsToContents()

    def _draw(self) -> None:
        data = self.view_data
        if data is None:
            return
        current = self.parts.currentWidget()
        result = data.planned.plan
        ranking = data.planned.analysis.ranking
        if current is self.gantt:
            if result is None or ranking is None:
                self.gantt.show_chart(figures.draw_gantt, figures.GanttData([], [], [], 0))
                return
            self.gantt.show_chart(figures.draw_gantt, figures.gantt_data(
                result, ranking.initiatives, data.enablers, data.planned_milestones))
        elif current is self.load_chart:
            self.load_chart.show_chart(figures.draw_load, figures.load_data(data.load))

    # -- actions

    def _accept(self) -> None:
        data = self.view_data
        if data is None or data.planned.plan is None:
            self.reject(self.tr("There is no plan to accept yet."))
            return
        service.accept_plan(self.document, data.planned)

    def _add_milestone(self) -> None:
        initiative = self.milestone_for.currentData()
        if initiative is None:
            self.reject(self.tr("Choose the initiative the milestone belongs to."))
            return
        service.add_milestone(self.document, int(initiative), self.tr("New milestone"))

    def _remove_milestone(self) -> None:
        index = self.milestone_view.currentIndex()
        if index.isValid():
            service.remove_milestone(self.document, self.milestone_model.rows[index.row()].id)
