"""The Scenarios tab: saved weights, constraints and selections, side by side."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.exchange.prioritisation_export import MAX_SCENARIOS

from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class ScenariosTab(PrioritiseTab):
    """Save the current answer under a name; compare up to six scenarios column by column."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Scenario name"))
        self.name.setPlaceholderText(self.tr("Name this scenario, e.g. “Tighter budget”"))
        self.name.setEnabled(not self.read_only)
        self.name.returnPressed.connect(lambda: self.guard(self.save_scenario))
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.button("Save scenario", self.save_scenario))
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Scenario to restore or remove"))
        row.addWidget(self.choice)
        row.addWidget(self.button("Restore scenario", self.restore_scenario))
        row.addWidget(self.button("Remove scenario", self.remove_scenario))
        self.model, self.view = self.grid("Scenarios side by side", editable=False)
        self.view.setWordWrap(True)
        note = QLabel(self.tr("Up to %d scenarios: each keeps the weights, constraints and "
                              "selection it was saved with.") % MAX_SCENARIOS, self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        sheet = snapshot.comparison
        lines = [list(line) for line in sheet.rows]
        headers = list(sheet.headers)
        columns = [Col(h or self.tr("Scenario"), lambda line, k=k: line[k] if line[k]
                       is not None else "") for k, h in enumerate(headers)]  # fmt: skip
        self.model.set_content(lines, columns, key=lambda line: line[0])
        self.view.resizeColumnsToContents()
        for k in range(1, len(headers)):
            self.view.setColumnWidth(k, 220)
        self.view.resizeRowsToContents()
        self.choice.clear()
        for scenario in snapshot.scenarios:
            self.choice.addItem(scenario.name, scenario.id)

    # -- actions

    def save_scenario(self) -> None:
        """Save the current weights, constraints and selection under the name typed."""
        service.save_scenario(self.document, self.name.text(), self.page.scope)
        self.name.clear()

    def restore_scenario(self) -> None:
        """Put back the weights, budget, capacities and rules of the scenario chosen."""
        scenario = self.choice.currentData()
        if scenario is not None:
            service.restore_scenario(self.document, int(scenario))

    def remove_scenario(self) -> None:
        """Remove the scenario chosen in the list."""
        scenario = self.choice.currentData()
        if scenario is not None:
            service.remove_scenario(self.document, int(scenario))
