"""The steps of the guided workflow; a step appears here only once it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from bigdesk.app.document import WorkshopDocument

from bigdesk.ui.room.console import RoomPage
from bigdesk.ui.steps.assess import AssessPage
from bigdesk.ui.steps.cascade import AccountabilityPage, MapPage
from bigdesk.ui.steps.prepare import PreparePage
from bigdesk.ui.steps.prioritise import PrioritisePage


@dataclass(frozen=True)
class Step:
    """One step of the workflow: its key, its title in the navigation, and its page."""

    key: str
    title: str
    build: Callable[[WorkshopDocument, QWidget], QWidget]
    tip: str


# -- in the order of the method: Prepare, Assess, Map, Accountability, Prioritise, Deck
STEPS: list[Step] = [
    Step("prepare", "Prepare", PreparePage,
         "Workshop details, participants and stakeholders, agenda and notes"),
    Step("room", "Run session", RoomPage,
         "Timed agenda, presenter screen, table groups and key points, RAID log, sponsor pitch"),
    Step("assess", "Assess", AssessPage,
         "Score current and target capability with the room; see disagreement and gaps"),
    Step("map", "Map", MapPage,
         "Purposes, drivers, objectives, key results and initiatives, and the links between them"),
    Step("accountability", "Accountability", AccountabilityPage,
         "Who is accountable for what, their cadence, and who needs what information from whom"),
    Step("prioritise", "Prioritise", PrioritisePage,
         "Criteria and weights, scores and votes, the optimal portfolio, scenarios, robustness"),
]  # fmt: skip
