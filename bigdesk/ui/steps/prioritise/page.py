"""The Prioritise step: criteria and weights, scores, votes, the optimal portfolio and its tests.

The page analyses the portfolio once per refresh and hands the result to its tabs, one
widget each; solving a large portfolio takes a while, so it waits for a pause in the
edits and for the step to be on show.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from bigdesk.analysis.prioritisation import PrioritisationError, scope_names
from bigdesk.app import prioritisation as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.prioritisation import Snapshot
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Criterion,
    CriterionScore,
    Dependency,
    DotVote,
    Element,
    InitiativePriority,
    InitiativeTiming,
    Milestone,
    PairwiseComparison,
    Person,
    PlanDecision,
    PlanningSettings,
    PrioritisationSettings,
    QuarterCapacity,
    ResourceDemand,
    ResourceType,
    Scenario,
    Workshop,
    YearBudget,
)

from bigdesk.ui.steps.prioritise.criteria import CriteriaTab
from bigdesk.ui.steps.prioritise.plan import PlanTab
from bigdesk.ui.steps.prioritise.portfolio import PortfolioTab
from bigdesk.ui.steps.prioritise.ranking import RankingTab
from bigdesk.ui.steps.prioritise.scenarios import ScenariosTab
from bigdesk.ui.steps.prioritise.scoring import ScoringTab
from bigdesk.ui.steps.prioritise.sensitivity import SensitivityTab
from bigdesk.ui.steps.prioritise.split import SplitTab
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab, warning_style
from bigdesk.ui.steps.prioritise.votes import VotesTab
from bigdesk.ui.watching import WatchingView


class PrioritisePage(WatchingView, QWidget):
    """The Prioritise step of the workflow."""

    watches = (Criterion, PairwiseComparison, CriterionScore, DotVote, InitiativePriority,
               ResourceType, ResourceDemand, PrioritisationSettings, Scenario, Element,
               Alignment, Dependency, Person, Workshop, AccountabilityNode, PlanningSettings,
               QuarterCapacity, YearBudget, InitiativeTiming, Milestone, PlanDecision)
    refresh_delay_ms = 120
    lazy = True

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Prioritise"))
        self.scope: int | None = None
        self.snapshot: Snapshot | None = None

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
        self.criteria = CriteriaTab(self)
        self.scoring = ScoringTab(self)
        self.votes = VotesTab(self)
        self.ranking = RankingTab(self)
        self.portfolio = PortfolioTab(self)
        self.scenarios = ScenariosTab(self)
        self.sensitivity = SensitivityTab(self)
        self.split = SplitTab(self)
        self.plan = PlanTab(self)
        for tab, title in ((self.criteria, "Criteria and weights"), (self.scoring, "Scoring"),
                           (self.votes, "Votes and MoSCoW"), (self.ranking, "Ranking"),
                           (self.portfolio, "Portfolio"), (self.scenarios, "Scenarios"),
                           (self.sensitivity, "Sensitivity"), (self.split, "Run and Change"),
                           (self.plan, "Plan")):
            self.tabs.addTab(tab, self.tr(title))
        self.tabs.currentChanged.connect(lambda _: self.current_tab().draw_charts())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.watch(document)

    def current_tab(self) -> PrioritiseTab:
        """Return the tab on show."""
        tab = self.tabs.currentWidget()
        assert isinstance(tab, PrioritiseTab)
        return tab

    def _fill_scopes(self) -> None:
        with self.document.read() as conn:
            scopes = scope_names(conn)
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        for key, name in scopes:
            self.scope_box.addItem(self.tr(name) if key is None else name, key)
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(self.scope)))
        self.scope_box.blockSignals(False)

    def _scope_chosen(self) -> None:
        self.scope = self.scope_box.currentData()
        self.reload()

    def reload(self) -> None:
        """Analyse the portfolio in the chosen scope again and show it on every tab."""
        self._fill_scopes()
        try:
            with self.document.read() as conn:
                self.snapshot = service.snapshot(conn, self.scope)
        except PrioritisationError as error:
            self.snapshot = None
            self.status.setText(str(error))
            return
        analysis = self.snapshot.analysis
        messages = [*analysis.data.problems, *analysis.errors]
        if analysis.selection is not None:
            messages += analysis.selection.notes
        self.status.setText(" ".join(messages))
        self.status.setStyleSheet(warning_style() if analysis.errors else "")
        for number in range(self.tabs.count()):
            tab = self.tabs.widget(number)
            assert isinstance(tab, PrioritiseTab)
            tab.show_snapshot(self.snapshot)
        self.current_tab().draw_charts()
