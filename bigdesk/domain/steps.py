"""The steps of the guided workflow, in the method's order: the one list everything derives from.

The navigation, the templates' step lists, the agenda's "Opens" choices and the Deck
step's sections all come from here. A step's page lives in ``bigdesk/ui/steps/<key>/``
as ``Page``; adding a step means adding one entry here and that one folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from bigdesk.domain.errors import EditRejectedError
from bigdesk.model import (
    AccountabilityNode,
    AgendaItem,
    Alignment,
    Base,
    CheckIn,
    Consensus,
    CriterionScore,
    Dependency,
    DotVote,
    Element,
    InformationFlow,
    KeyPoint,
    NodeDependency,
    Note,
    Person,
    PlanDecision,
    PreviousSession,
    RaidItem,
    Score,
    TableGroup,
)

# -- the agenda value of a block that opens no step
NO_STEP = "none"


@dataclass(frozen=True)
class Step:
    """One step of the workflow."""

    key: str
    title: str
    tip: str
    # -- the tables that hold this step's work: the step has started once one has a row
    #    (never a table every new workshop fills, such as the default criteria)
    tables: tuple[type[Base], ...] = ()
    # -- the tables that must each have a row for the step's work to count as done
    done_when: tuple[type[Base], ...] = ()
    # -- what the agenda's "Opens" column calls a block that works in this step
    #    (None: no agenda block opens it)
    agenda: str | None = None
    # -- the deck sections drawn from this step's work, in the deck's order
    deck_sections: tuple[str, ...] = ()


STEPS: tuple[Step, ...] = (
    Step("prepare", "Prepare",
         "Workshop details, participants and stakeholders, agenda and notes",
         (Person, AgendaItem, Note), (Person, AgendaItem), deck_sections=("title", "summary")),
    Step("review", "Review",
         "What moved since the last session: key results against their line, what is overdue, "
         "RAID items opened and closed, capability then and now, decisions taken",
         (PreviousSession, CheckIn), (PreviousSession, CheckIn), agenda="Review",
         deck_sections=("since",)),
    Step("room", "Run session",
         "Timed agenda, presenter screen, table groups and key points, RAID log, sponsor pitch",
         (TableGroup, KeyPoint, RaidItem), (TableGroup, KeyPoint), agenda="Capture",
         deck_sections=("why-now", "key-points", "business-support", "governance", "raid",
                        "ask")),
    Step("assess", "Assess",
         "Score current and target capability with the room; see disagreement and gaps",
         (Score, Consensus), (Score, Consensus), agenda="Assess",
         deck_sections=("current-state",)),
    Step("map", "Map",
         "Purposes, drivers, objectives, key results, initiatives and benefits, and the links "
         "between them",
         (Element, Alignment, Dependency), (Element, Alignment), agenda="Map",
         deck_sections=("purpose", "cascade", "benefits")),
    Step("accountability", "Accountability",
         "Who is accountable for what, their cadence, and who needs what information from whom",
         (AccountabilityNode, InformationFlow, NodeDependency),
         (AccountabilityNode, InformationFlow), agenda="Accountability",
         deck_sections=("accountability",)),
    Step("prioritise", "Prioritise",
         "Criteria and weights, scores and votes, the optimal portfolio, scenarios, robustness "
         "and the plan in quarters",
         (CriterionScore, DotVote, PlanDecision), (PlanDecision,),
         agenda="Prioritise",
         deck_sections=("priorities", "run-change", "roadmap")),
    Step("deck", "Deck",
         "The First Steps deck: choose the slides, the template and notes, and export",
         deck_sections=("appendix",)),
)  # fmt: skip

STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)
_BY_KEY = {step.key: step for step in STEPS}
# -- agenda values written by earlier versions
_AGENDA_ALIASES = {"capture": "room"}


def step(key: str) -> Step:
    """Return the step called ``key``."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise EditRejectedError(f"There is no step called {key!r} "
                                f"(choose {', '.join(STEP_KEYS)}).") from None


def agenda_choices() -> list[tuple[str, str]]:
    """Return the (value, label) pairs an agenda block's "Opens" column offers."""
    return [(NO_STEP, "—")] + [(s.key, s.agenda) for s in STEPS if s.agenda is not None]


def agenda_step(value: str | None) -> str:
    """Return the agenda value ``value`` stands for, or raise EditRejectedError."""
    key = _AGENDA_ALIASES.get(value or NO_STEP, value or NO_STEP)
    if key == NO_STEP or (key in _BY_KEY and _BY_KEY[key].agenda is not None):
        return key
    names = ", ".join(value for value, _ in agenda_choices())
    raise EditRejectedError(f"An agenda block cannot open {value!r} (choose {names}).")


def deck_step(section: str) -> Step | None:
    """Return the step whose work a deck section draws, if any."""
    return next((s for s in STEPS if section in s.deck_sections), None)
