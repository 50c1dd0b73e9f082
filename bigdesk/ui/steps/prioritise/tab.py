"""What the tabs of the Prioritise step share: the snapshot they show and how they edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from bigdesk.analysis.prioritisation import PrioritisationError
from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.model import MoSCoW
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.palette import ink
from bigdesk.ui.steps.prioritise.grid import FastGrid, SpecModel

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage

MOSCOW = ((None, "—"), (MoSCoW.MUST.value, "Must"), (MoSCoW.SHOULD.value, "Should"),
          (MoSCoW.COULD.value, "Could"), (MoSCoW.WONT.value, "Won't"))  # fmt: skip


def warning_style() -> str:
    """Return the style of a warning text, readable on light and dark palettes."""
    return f"color: {ink('#9a3412').name()};"


def number_text(value: float | None, digits: int = 1) -> str:
    """Return ``value`` with thousands separators, or nothing when there is none."""
    return "" if value is None else f"{value:,.{digits}f}"


class PrioritiseTab(QWidget):
    """One tab of the step: shows the page's snapshot, and edits through the services."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.page = page
        self.document = page.document
        self.read_only = page.document.read_only
        self.snapshot: Snapshot | None = None

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show what the snapshot says about this tab's part of prioritisation."""
        self.snapshot = snapshot

    def draw_charts(self) -> None:
        """Draw this tab's charts (only the tab on show draws: drawing takes a while)."""

    # -- building

    def grid(self, name: str, editable: bool = True) -> tuple[SpecModel, FastGrid]:
        """Return a model and its grid; the model's refusals are shown to the user."""
        model = SpecModel(self.read_only or not editable, self)
        model.rejected.connect(self.reject)
        return model, FastGrid(model, self.tr(name), self)

    def button(self, text: str, slot: Callable[[], Any], editing: bool = True) -> QPushButton:
        """Return a button running ``slot`` (an edit, unless ``editing`` is False)."""
        button = QPushButton(self.tr(text), self)
        button.setAccessibleName(self.tr(text))
        button.clicked.connect(lambda _=False: self.guard(slot))
        button.setEnabled(not (editing and self.read_only))
        return button

    # -- editing

    def guard(self, action: Callable[[], Any]) -> None:
        """Run ``action``; a refused edit or an impossible analysis is shown, not raised."""
        try:
            action()
        except (EditRejectedError, WorkshopFileError, PrioritisationError) as error:
            self.reject(str(error))

    def reject(self, message: str) -> None:
        """Tell the user why nothing changed."""
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def setting(self, column: str, value: Any, label: str) -> None:
        """Change one prioritisation setting, unless it already holds ``value``."""
        if self.read_only or self.snapshot is None:
            return
        if getattr(self.snapshot.analysis.data.settings, column) == value:
            return
        self.guard(lambda: service.set_setting(self.document, column, value, label))
