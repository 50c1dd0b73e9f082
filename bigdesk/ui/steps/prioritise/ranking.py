"""The Ranking tab: initiatives by weighted value, each value broken down by criterion."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout

from bigdesk.app.prioritisation import Snapshot
from bigdesk.exchange import figures_prioritisation as figures

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import MOSCOW, PrioritiseTab, number_text

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class RankingTab(PrioritiseTab):
    """The ranking above; value by criterion and value against effort as charts below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model, self.view = self.grid("Ranking", editable=False)
        self.view.verticalHeader().setVisible(False)
        self.charts = QTabWidget(splitter)
        self.charts.setAccessibleName(self.tr("Ranking charts"))
        self.breakdown_chart = ChartArea(self.tr("Value by criterion"), self.charts)
        self.bubble_chart = ChartArea(self.tr("Value against effort"), self.charts)
        self.charts.addTab(self.breakdown_chart, self.tr("Value by criterion"))
        self.charts.addTab(self.bubble_chart, self.tr("Value against effort"))
        self.charts.currentChanged.connect(lambda _: self.draw_charts())
        splitter.addWidget(self.view)
        splitter.addWidget(self.charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        analysis = snapshot.analysis
        ranking = analysis.ranking
        if ranking is None:
            self.model.set_content([], [])
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
                      c.name, number_text(data.raw_value(ranking.initiatives[n], c), 2),
                      ranking.scores[n, j], 100 * ranking.weights[j]))
              for j, c in enumerate(ranking.criteria)),
            Col("Dots", lambda n: data.dots(ranking.initiatives[n].id) or "", numeric=True),
            Col("MoSCoW", lambda n: dict(MOSCOW)[ranking.initiatives[n].moscow.value]
                if ranking.initiatives[n].moscow else ""),
            Col("Selected", lambda n: "" if selected is None else ("Yes" if selected[n]
                                                                   else "No")),
        ]  # fmt: skip
        self.model.set_content(list(ranking.order), columns,
                               key=lambda n: ranking.initiatives[n].id)
        self.view.resizeColumnsToContents()

    def draw_charts(self) -> None:
        analysis = self.snapshot.analysis if self.snapshot else None
        if analysis is None or analysis.ranking is None:
            return
        if self.charts.currentIndex() == 0:
            self.breakdown_chart.show_chart(
                figures.draw_breakdown, figures.breakdown_data(analysis.ranking,
                                                               analysis.selection))
        else:
            self.bubble_chart.show_chart(
                figures.draw_value_effort, figures.bubble_data(analysis.ranking,
                                                               analysis.selection))
