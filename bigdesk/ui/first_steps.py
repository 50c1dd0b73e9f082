"""A step's page, or what to do first while the step has no work (``Step.first_steps``).

Every step's page sits in a ``StepFrame``. While the step's tables are empty (and the
tables its advice depends on, ``FirstStep.missing``), the frame shows the empty state;
its button does the step's first action, which the window knows by the key the step
declares (``ACTIONS``). The frame watches those tables: the page shows as soon as work
arrives, and the empty state comes back when it is all deleted or undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QWidget

from bigdesk.analysis.progress import filled_tables, first_step, step_needs
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import FirstStep, Step
from bigdesk.model import PersonKind

from bigdesk.ui.icon import STEP_ICONS
from bigdesk.ui.watching import WatchingView

# -- the empty state and the first actions' services are imported when first needed: every
#    page sits in a frame, and the first page is built at start-up
if TYPE_CHECKING:
    from bigdesk.ui.empty_state import EmptyState


@dataclass(frozen=True)
class Action:
    """How the window does one first action: its icon, and what it does from the frame."""

    icon: str
    do: Callable[[StepFrame], Any]
    # -- whether the step's page shows to do it in (not for one that leads elsewhere)
    enters: bool = True


def start_at_first_editable(view: QAbstractItemView,
                            accept: Callable[[int], bool] = lambda _column: True) -> bool:
    """Make the view's first editable cell in an accepted column current, and give the view
    the keyboard; return whether there was one."""
    model = view.model()
    columns = [c for c in range(model.columnCount()) if accept(c)]
    for row in range(model.rowCount()):
        for column in columns:
            index = model.index(row, column)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                view.scrollTo(index)
                view.setFocus()
                return True
    return False


def _add_participant(frame: StepFrame) -> None:
    from bigdesk.app import prepare

    page: Any = frame.page
    page.setCurrentWidget(page.people)
    page.people.add_row(lambda: prepare.add_person(frame.document, PersonKind.PARTICIPANT))


def _add_table_group(frame: StepFrame) -> None:
    from bigdesk.app import room

    page: Any = frame.page
    page.tabs.setCurrentWidget(page.capture)
    page.capture.groups.add_row(lambda: room.add_table_group(frame.document))


def _start_session(frame: StepFrame) -> None:
    page: Any = frame.page
    page.session.start()


def _add_purpose(frame: StepFrame) -> None:
    page: Any = frame.page
    page.tabs.setCurrentWidget(page.outline)
    page.outline.add_purpose()


def _score_capability(frame: StepFrame) -> None:
    page: Any = frame.page
    page.tabs.setCurrentIndex(0)
    # -- a level, not the confidence or the evidence: the room scores first
    start_at_first_editable(page.grid, lambda column: page.model.columns[column].is_level)


def _score_initiative(frame: StepFrame) -> None:
    page: Any = frame.page
    page.tabs.setCurrentWidget(page.scoring)
    scoring = page.scoring
    # -- a criterion the room scores 1 to 5, not a cost or a computed share
    if not start_at_first_editable(
            scoring.view, lambda column: scoring.model.column(column).kind == "digit"):
        page.status.setText(page.tr(
            "There is no initiative to score yet: add initiatives in the Map step."))


def _add_node(frame: StepFrame) -> None:
    page: Any = frame.page
    page.add_node()


def _main_window(frame: StepFrame) -> Any:
    return frame.window()


# -- every action a step may declare, by key; a test checks each declared key is here
ACTIONS: dict[str, Action] = {
    "add-participant": Action("person-plus", _add_participant),
    "follow-up": Action("journal-plus", lambda frame: _main_window(frame).new_follow_up(),
                        enters=False),
    "add-table-group": Action("plus-circle", _add_table_group),
    "start-session": Action("play-fill", _start_session),
    "score-capability": Action("pencil-square", _score_capability),
    "add-purpose": Action("plus-circle", _add_purpose),
    "import-register": Action("box-arrow-in-down",
                              lambda frame: _main_window(frame).import_cascade_dialog(),
                              enters=False),
    "add-node": Action("node-plus", _add_node),
    "score-initiative": Action("pencil-square", _score_initiative),
    "open-map": Action("arrow-right-circle", lambda frame: frame.show_step("map"),
                       enters=False),
}


class StepFrame(WatchingView, QStackedWidget):
    """One step: its page, or what to do first while it has no work."""

    def __init__(self, step: Step, page: QWidget, document: WorkshopDocument,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.page = page
        self.document = document
        # -- the tables whose rows decide what shows: a row coming or going reshapes them
        self.watches = (*step.tables, *step_needs(step))
        # -- the user went to the page (by the button or the link): keep it until work
        #    arrives, so the page is there to do the action in
        self.entered = False
        # -- made the first time the step has no work: a workshop with work never needs it
        self.empty_state: EmptyState | None = None
        self.addWidget(page)
        self.first: FirstStep | None = None
        if step.first_steps:
            self.watch(document)
        self.reload()

    def reload(self) -> None:
        """Show the page, or the empty state if the step has no work (again)."""
        if not self.step.first_steps:
            self.setCurrentWidget(self.page)
            return
        with self.document.read() as conn:
            first = first_step(self.step, filled_tables(conn, self.watches))
        if first is None:
            # -- work arrived: once it is all gone again, the empty state comes back
            self.entered = False
        self.first = first
        if first is not None and not self.entered:
            empty_state = self._empty_state()
            empty_state.show_first(first, ACTIONS[first.action].icon,
                                   enabled=not self.document.read_only)
            self.setCurrentWidget(empty_state)
        else:
            self.setCurrentWidget(self.page)

    def _empty_state(self) -> EmptyState:
        from bigdesk.ui.empty_state import EmptyState

        if self.empty_state is None:
            self.empty_state = EmptyState(STEP_ICONS.get(self.step.key, "clipboard-check"), self)
            self.empty_state.action_requested.connect(self.do_action)
            self.empty_state.page_requested.connect(self.enter)
            self.insertWidget(0, self.empty_state)
        return self.empty_state

    def enter(self) -> None:
        """Show the step's page even though it has no work yet."""
        self.entered = True
        self.setCurrentWidget(self.page)

    def do_action(self, key: str) -> None:
        """Do the first action called ``key`` (on the step's page, unless it leads elsewhere)."""
        action = ACTIONS[key]
        if action.enters:
            self.enter()
        action.do(self)

    def show_step(self, key: str) -> None:
        """Ask the workspace to show another step."""
        from bigdesk.ui.findings_panel import workspace_of

        workspace = workspace_of(self)
        if workspace is not None:
            workspace.show_step(key)

    def showing_empty_state(self) -> bool:
        """Return whether the step says what to do first instead of its page."""
        return self.empty_state is not None and self.currentWidget() is self.empty_state
