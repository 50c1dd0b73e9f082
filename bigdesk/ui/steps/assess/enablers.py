"""One dialog where the facilitator confirms what each enabler enables, and its estimates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import planning as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.planning import EnablerProposal
from bigdesk.store import EditRejectedError, WorkshopFileError


class EnablerBox(QGroupBox):
    """One enabler: the objectives and key results it enables, ticked, and its estimates."""

    def __init__(self, proposal: EnablerProposal, parent: QWidget) -> None:
        super().__init__(proposal.title, parent)
        self.proposal = proposal
        self.setAccessibleName(proposal.title)
        self.targets = QListWidget(self)
        self.targets.setAccessibleName(self.tr("What %s enables") % proposal.title)
        for element, label in proposal.choices:
            item = QListWidgetItem(label, self.targets)
            item.setData(Qt.ItemDataRole.UserRole, element)
            item.setCheckState(Qt.CheckState.Checked if element in proposal.enables
                               else Qt.CheckState.Unchecked)
        self.targets.setMinimumHeight(140)
        self.budget = self._amount(self.tr("Budget"), proposal.budget, 1e10)
        self.effort = self._amount(self.tr("Effort"), proposal.effort, 1e7)
        self.effort.setSuffix(self.tr(" person-days"))
        self.duration = QSpinBox(self)
        self.duration.setRange(1, 20)
        self.duration.setValue(proposal.duration)
        self.duration.setSuffix(self.tr(" quarters"))
        self.duration.setAccessibleName(self.tr("Duration"))
        form = QFormLayout()
        form.addRow(self.tr("Budget (£):"), self.budget)
        form.addRow(self.tr("Effort:"), self.effort)
        form.addRow(self.tr("Runs for:"), self.duration)
        layout = QHBoxLayout(self)
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Closes the gap in “%s”. It enables:")
                                % proposal.dimension, self))
        column.addWidget(self.targets, 1)
        layout.addLayout(column, 2)
        layout.addLayout(form, 1)

    def _amount(self, name: str, value: float | None, top: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(0, top)
        spin.setDecimals(0)
        spin.setGroupSeparatorShown(True)
        spin.setValue(value or 0.0)
        spin.setAccessibleName(name)
        return spin

    def choice(self) -> tuple[list[int], float, float, int]:
        """Return what the facilitator confirmed: targets, budget, effort and duration."""
        ticked = [int(self.targets.item(n).data(Qt.ItemDataRole.UserRole))
                  for n in range(self.targets.count())
                  if self.targets.item(n).checkState() == Qt.CheckState.Checked]
        return ticked, self.budget.value(), self.effort.value(), self.duration.value()


class EnablersDialog(QDialog):
    """Confirm the enablers' links and estimates; OK makes it one undoable edit."""

    def __init__(self, document: WorkshopDocument, proposals: list[EnablerProposal],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Confirm the enablers"))
        self.setAccessibleName(self.tr("Confirm the enablers"))
        self.resize(820, 620)
        intro = QLabel(self.tr(
            "Enablers first: tick the objectives and key results each enabler makes "
            "possible (proposed from the cascade) and give the room's estimates, so the "
            "enablers are scored, can be chosen and are planned before what needs them."), self)
        intro.setWordWrap(True)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        self.boxes = [EnablerBox(proposal, inner) for proposal in proposals]
        for box in self.boxes:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def confirm(self) -> None:
        """Store every enabler's links and estimates as one edit, or say why not."""
        choices = {box.proposal.initiative_id: box.choice() for box in self.boxes}
        try:
            service.confirm_enablers(self.document, choices)
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not changed"), str(error))
            return
        self.accept()
