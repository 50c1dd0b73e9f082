"""The steps of the guided workflow, in the method's order: the one list everything derives from.

The navigation, the templates' step lists, the agenda's "Opens" choices and the Deck
step's sections all come from here. A step's page lives in ``bigdesk/ui/steps/<key>/``
as ``Page``; adding a step means adding one entry here and that one folder. What its page
says while it holds no work, and the action that starts it, is declared here too
(``FirstStep``).
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
class FirstStep:
    """What a step's page says while the step has no work, and the one action that starts it."""

    # -- what the step is for
    heading: str
    # -- one sentence on what to do first
    advice: str
    # -- the words on the action's button
    button: str
    # -- the action's key: the window knows how to do each one (``ui/first_steps.py``)
    action: str
    # -- said only while none of these tables has a row either: what must come first
    missing: tuple[type[Base], ...] = ()
    # -- quieter alternatives to the button, as (words, action key)
    also: tuple[tuple[str, str], ...] = ()


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
    # -- what the page says while the step has no work: the first whose ``missing``
    #    tables are all empty too
    first_steps: tuple[FirstStep, ...] = ()


STEPS: tuple[Step, ...] = (
    Step("prepare", "Prepare",
         "Workshop details, participants and stakeholders, agenda and notes",
         (Person, AgendaItem, Note), (Person, AgendaItem), deck_sections=("title", "summary"),
         first_steps=(FirstStep(
             "Prepare the session",
             "Start with who will be in the room: add the first participant, then the "
             "stakeholders, the agenda and your notes.",
             "Add the first participant", "add-participant"),)),
    Step("review", "Review",
         "What moved since the last session: key results against their line, what is overdue, "
         "RAID items opened and closed, capability then and now, decisions taken",
         (PreviousSession, CheckIn), (PreviousSession, CheckIn), agenda="Review",
         deck_sections=("since",),
         first_steps=(FirstStep(
             "Review what moved since the last session",
             "This is a first session, so there is nothing to review yet: after it, start a "
             "follow-up session (File ▸ New follow-up session…), which carries this one's "
             "work forward and shows here what moved.",
             "New follow-up session…", "follow-up"),)),
    Step("room", "Run session",
         "Timed agenda, presenter screen, table groups and key points, RAID log, sponsor pitch",
         (TableGroup, KeyPoint, RaidItem), (TableGroup, KeyPoint), agenda="Capture",
         deck_sections=("why-now", "key-points", "business-support", "governance", "raid",
                        "ask"),
         first_steps=(
             FirstStep(
                 "Run the session",
                 "Split the room into table groups that each bring back three to five key "
                 "points: add the first group, or plan the agenda in Prepare to run it here "
                 "against the clock.",
                 "Add the first table group", "add-table-group", missing=(AgendaItem,)),
             FirstStep(
                 "Run the session",
                 "The agenda is ready: start its first block's timer, then show the room "
                 "the presenter screen and capture what the table groups bring back.",
                 "Start the session", "start-session",
                 also=(("Add the first table group", "add-table-group"),)),
         )),
    Step("assess", "Assess",
         "Score current and target capability with the room; see disagreement and gaps",
         (Score, Consensus), (Score, Consensus), agenda="Assess",
         deck_sections=("current-state",),
         first_steps=(FirstStep(
             "Assess current and target capability",
             "Score where each capability stands today and where it must be, participant by "
             "participant: start with the first capability.",
             "Score the first capability", "score-capability"),)),
    Step("map", "Map",
         "Purposes, drivers, objectives, key results, initiatives and benefits, and the links "
         "between them",
         (Element, Alignment, Dependency), (Element, Alignment), agenda="Map",
         deck_sections=("purpose", "cascade", "benefits"),
         first_steps=(FirstStep(
             "Map purpose to objectives, key results and initiatives",
             "Start at the top with the organisation's purpose, or bring in a register, plan "
             "or project list you already keep.",
             "Add the first purpose", "add-purpose",
             also=(("Import a register…", "import-register"),)),)),
    Step("accountability", "Accountability",
         "Who is accountable for what, their cadence, and who needs what information from whom",
         (AccountabilityNode, InformationFlow, NodeDependency),
         (AccountabilityNode, InformationFlow), agenda="Accountability",
         deck_sections=("accountability",),
         first_steps=(FirstStep(
             "Capture who is accountable for what",
             "Start with the body at the top, such as the board or the executive committee, "
             "then add the nodes under it and what each one owns.",
             "Add the first accountability node", "add-node"),)),
    Step("prioritise", "Prioritise",
         "Criteria and weights, scores and votes, the optimal portfolio, scenarios, robustness "
         "and the plan in quarters",
         (CriterionScore, DotVote, PlanDecision), (PlanDecision,),
         agenda="Prioritise",
         deck_sections=("priorities", "run-change", "roadmap"),
         first_steps=(
             FirstStep(
                 "Choose what to do first",
                 "Prioritising ranks the initiatives of the cascade, and there are none yet: "
                 "map the purpose, objectives and initiatives first.",
                 "Go to the Map step", "open-map", missing=(Element,)),
             FirstStep(
                 "Choose what to do first",
                 "Score each initiative against the criteria, then let the room vote and "
                 "choose the portfolio: start with the first initiative.",
                 "Score the first initiative", "score-initiative"),
         )),
    Step("deck", "Deck",
         "The First Steps deck: choose the slides, the template and notes, and export",
         deck_sections=("appendix",),
         first_steps=(FirstStep(
             "Export the First Steps deck",
             "The deck tells the story of the cascade, and there is none yet: map the purpose, "
             "objectives and initiatives first.",
             "Go to the Map step", "open-map", missing=(Element,)),)),
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
