"""The list of the workflow's steps, each with where its work stands and its findings."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from bigdesk.analysis.progress import (
    StepState,
    count_by_step,
    filled_tables,
    rules_of,
    step_state,
)
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import STEPS
from bigdesk.model import Base

from bigdesk.ui.icon import STEP_ICONS, icon
from bigdesk.ui.watching import WatchingView

STATE_WORDS = {StepState.EMPTY: "Not started", StepState.STARTED: "Started",
               StepState.DONE: "Done"}
# -- steps whose rules stay fast at thousands of elements, counted after every edit; the
#    prioritisation and planning rules solve the portfolio (seconds on a large workshop)
#    and are counted in their own step's panels instead
COUNTED_LIVE = ("prepare", "assess", "room")


class StepList(WatchingView, QListWidget):
    """The steps in the method's order; each says how far it has gone and what to look at."""

    reads = tuple(mapper.class_ for mapper in Base.registry.mappers)
    # -- the same pause as the findings panel: both then share one refreshed cascade
    refresh_delay_ms = 150

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Workflow steps"))
        self.setFixedWidth(200)
        self.states: dict[str, StepState | None] = {}
        self.counts: Counter[str] = Counter()
        self._rules = {key: rules_of(key) for key in COUNTED_LIVE}
        for step in STEPS:
            item = QListWidgetItem(self.tr(step.title))
            if step.key in STEP_ICONS:
                item.setIcon(icon(STEP_ICONS[step.key]))
            item.setSizeHint(QSize(180, 52))
            self.addItem(item)
        self.watch(document)
        self.reload()

    def reload(self) -> None:
        """Read again where each step stands and count its findings."""
        with self.document.read() as conn:
            filled = filled_tables(conn)
            groups = [(key, [f for rule in rules for f in rule(conn)])
                      for key, rules in self._rules.items()]
        groups.append(("map", self.document.cascade_findings()))
        self.counts = count_by_step(groups)
        for row, step in enumerate(STEPS):
            self.states[step.key] = step_state(step, filled)
            self._describe(row)

    def _describe(self, row: int) -> None:
        step = STEPS[row]
        state, count = self.states[step.key], self.counts[step.key]
        words = [self.tr(STATE_WORDS[state])] if state is not None else []
        if count:
            words.append(self.tr("%n to look at", "", count))
        status = " · ".join(words)
        item = self.item(row)
        item.setText(f"{self.tr(step.title)}\n{status}" if status else self.tr(step.title))
        item.setToolTip(self.tr(step.tip))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, status)
