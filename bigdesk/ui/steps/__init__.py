"""The steps of the guided workflow; a step appears here only once it is built."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from bigdesk.app.document import WorkshopDocument

PageFactory = Callable[[WorkshopDocument, QWidget], QWidget]


@dataclass(frozen=True)
class Step:
    """One step of the workflow: its key, its title in the navigation, and its page."""

    key: str
    title: str
    # -- "module:Class", imported when the step is first shown, so start-up loads only
    #    the first step's code
    page: str | PageFactory
    tip: str

    def build(self, document: WorkshopDocument, parent: QWidget) -> QWidget:
        """Create this step's page."""
        factory = self.page
        if isinstance(factory, str):
            module, _, name = factory.partition(":")
            factory = getattr(importlib.import_module(module), name)
        return factory(document, parent)


# -- in the order of the method: Prepare, Assess, Map, Accountability, Prioritise, Deck
STEPS: list[Step] = [
    Step("prepare", "Prepare", "bigdesk.ui.steps.prepare:PreparePage",
         "Workshop details, participants and stakeholders, agenda and notes"),
    Step("room", "Run session", "bigdesk.ui.room.console:RoomPage",
         "Timed agenda, presenter screen, table groups and key points, RAID log, sponsor pitch"),
    Step("assess", "Assess", "bigdesk.ui.steps.assess:AssessPage",
         "Score current and target capability with the room; see disagreement and gaps"),
    Step("map", "Map", "bigdesk.ui.steps.cascade:MapPage",
         "Purposes, drivers, objectives, key results and initiatives, and the links between them"),
    Step("accountability", "Accountability", "bigdesk.ui.steps.cascade:AccountabilityPage",
         "Who is accountable for what, their cadence, and who needs what information from whom"),
    Step("prioritise", "Prioritise", "bigdesk.ui.steps.prioritise:PrioritisePage",
         "Criteria and weights, scores and votes, the optimal portfolio, scenarios, robustness"),
    Step("deck", "Deck", "bigdesk.ui.steps.deck:DeckPage",
         "The First Steps deck: choose the slides, the template and notes, and export"),
]  # fmt: skip
