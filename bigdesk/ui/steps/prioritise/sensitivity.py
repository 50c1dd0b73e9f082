"""The Sensitivity tab: how much each initiative's place depends on the weights."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QSplitter, QVBoxLayout, QWidget

from bigdesk.analysis.prioritisation import PrioritisationError, sensitivity
from bigdesk.app.prioritisation import Snapshot
from bigdesk.exchange import figures_prioritisation as figures

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class SensitivityTab(PrioritiseTab):
    """The sampling settings and a run button above, the result and its chart below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        controls = QWidget(splitter)
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
            spin.setEnabled(not self.read_only)
            spin.editingFinished.connect(
                lambda spin=spin, column=column, scale=scale, label=label: self.setting(
                    column, spin.value() / scale if scale != 1 else spin.value(),
                    f"Change {label.lower().rstrip(' ±')}"))  # fmt: skip
            row.addWidget(QLabel(self.tr(label), controls))
            row.addWidget(spin)
        row.addWidget(self.button("Run sensitivity", self.run, editing=False))
        row.addStretch(1)
        self.note = QLabel(controls)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Sensitivity result"))
        holder = QWidget(splitter)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(controls)
        holder_layout.addWidget(self.note)
        self.model, self.view = self.grid("Sensitivity table", editable=False)
        holder_layout.addWidget(self.view, 1)
        self.chart = ChartArea(self.tr("Sensitivity chart"), splitter)
        splitter.addWidget(holder)
        splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        settings = snapshot.analysis.data.settings
        for spin, value in ((self.samples_spin, settings.samples),
                            (self.perturb_spin, round(100 * settings.perturbation)),
                            (self.seed_spin, settings.seed), (self.top_spin, settings.top_n)):
            spin.blockSignals(True)
            spin.setValue(int(value))
            spin.blockSignals(False)
        # -- an earlier result no longer holds: the inputs may have changed
        self.model.set_content([], [])
        self.note.setText(self.tr("Press Run sensitivity to test how much the answer depends "
                                  "on the weights."))

    def run(self) -> None:
        """Perturb the weights as the settings say and show how robust each place is."""
        analysis = self.snapshot.analysis if self.snapshot else None
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
        self.model.set_content(list(ranking.order), columns,
                               key=lambda n: ranking.initiatives[n].id)
        self.view.resizeColumnsToContents()
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
        self.note.setText(text)
        self.chart.show_chart(figures.draw_sensitivity, figures.sensitivity_data(ranking, result))
