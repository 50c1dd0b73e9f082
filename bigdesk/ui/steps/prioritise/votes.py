"""The Votes and MoSCoW tab: each participant's dots on the initiatives, and their classes."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from bigdesk.analysis.prioritisation.voice import voice
from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.model import MoSCoW

from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import MOSCOW, PrioritiseTab, warning_style

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class VotesTab(PrioritiseTab):
    """Initiatives down, participants across; a digit places that many dots."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.model, self.view = self.grid("Dot votes")
        self.dots_left = QLabel(self)
        self.dots_left.setAccessibleName(self.tr("Dots left"))
        self.dots_left.setWordWrap(True)
        self.dots_spin = QSpinBox(self)
        self.dots_spin.setRange(0, 100)
        self.dots_spin.setAccessibleName(self.tr("Dots per participant"))
        self.dots_spin.setEnabled(not self.read_only)
        self.dots_spin.editingFinished.connect(lambda: self.setting(
            "dots_per_participant", self.dots_spin.value(), "Change dots per participant"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Dots per participant:"), self))
        row.addWidget(self.dots_spin)
        row.addWidget(self.dots_left, 1)
        self.clashes = QLabel(self)
        self.clashes.setWordWrap(True)
        self.clashes.setAccessibleName(self.tr("Where the room's voice clashes"))
        self.clashes.setStyleSheet(warning_style())
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.clashes)
        layout.addWidget(self.view, 1)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        data = snapshot.analysis.data
        doc = self.document
        allowed = data.settings.dots_per_participant
        columns = [Col("Initiative", lambda i: i.label),
                   Col("MoSCoW", lambda i: dict(MOSCOW)[i.moscow.value if i.moscow else None],
                       lambda i, v: service.set_moscow(doc, i.id, MoSCoW(v) if v else None),
                       "choice", MOSCOW, value=lambda i: i.moscow.value if i.moscow else None),
                   Col("Total dots", lambda i: data.dots(i.id) or "", numeric=True)]
        for person, label in snapshot.participants.items():
            columns.append(Col(
                label, lambda i, p=person: data.votes.get((p, i.id)) or "",
                lambda i, v, p=person, label=label: service.set_dots(doc, p, i.id, int(v or 0),
                                                                     label),
                "dots", value=lambda i, p=person: data.votes.get((p, i.id), 0),
            ))  # fmt: skip
        self.model.set_content(data.initiatives, columns, key=lambda i: i.id)
        self.view.resizeColumnsToContents()
        left = []
        for person, label in snapshot.participants.items():
            used = sum(d for (p, _), d in data.votes.items() if p == person)
            left.append(f"{label} {max(0, allowed - used)}")
        self.dots_left.setText(self.tr("Dots left: ") + ", ".join(left) if left else
                               self.tr("Add participants in Prepare to vote."))
        self.dots_spin.setValue(allowed)
        # -- a Must the facilitator excluded, or a must-do needing a must-not, said here
        clashes = voice(data).clashes
        self.clashes.setText("\n".join(c.message for c in clashes))
        self.clashes.setVisible(bool(clashes))
