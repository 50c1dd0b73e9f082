"""The Run and Change tab: how budget and effort split between Run, Grow and Transform."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QVBoxLayout

from bigdesk.analysis.prioritisation import money
from bigdesk.app.prioritisation import Snapshot
from bigdesk.exchange import figures_prioritisation as figures

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class SplitTab(PrioritiseTab):
    """Target shares above; the split now, as selected and against the targets, below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        row = QHBoxLayout()
        self.target_spins: dict[str, QDoubleSpinBox] = {}
        for column, label in (("target_run", "Run"), ("target_grow", "Grow"),
                              ("target_transform", "Transform")):
            spin = QDoubleSpinBox(self)
            spin.setRange(-1, 100)
            spin.setDecimals(0)
            spin.setSuffix(" %")
            spin.setSpecialValueText(self.tr("Not set"))
            spin.setAccessibleName(self.tr("Target %s share") % label)
            spin.setEnabled(not self.read_only)
            spin.editingFinished.connect(
                lambda column=column, spin=spin, label=label: self.setting(
                    column, None if spin.value() < 0 else spin.value(),
                    f"Change target {label} share"))  # fmt: skip
            row.addWidget(QLabel(self.tr("Target %s:") % label, self))
            row.addWidget(spin)
            self.target_spins[column] = spin
        row.addStretch(1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Run and Change figures"))
        self.chart = ChartArea(self.tr("Run and Change chart"), self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        analysis = snapshot.analysis
        for column, spin in self.target_spins.items():
            target = getattr(analysis.data.settings, column)
            spin.blockSignals(True)
            spin.setValue(-1 if target is None else target)
            spin.blockSignals(False)
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
        self.note.setText("\n".join([*parts, *([problem] if problem else [])]))

    def draw_charts(self) -> None:
        analysis = self.snapshot.analysis if self.snapshot else None
        if analysis is None or analysis.ranking is None or analysis.run_change is None:
            return
        self.chart.show_chart(figures.draw_split, figures.split_data(analysis.run_change))
