"""Every field a user can set: its label, kind and limits, for each table people edit.

One description serves the inspector that edits a field, the service that checks the
edit, the register import that reads it from a cell and the check that finds a file
already breaking it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import String, Table

from bigdesk.domain.cascade import NOUNS
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.steps import agenda_choices, agenda_step
from bigdesk.domain.values import parse_date, parse_number
from bigdesk.domain.words import a, plural
from bigdesk.model import (
    AccountabilityNode,
    AgendaItem,
    Base,
    Cadence,
    CheckIn,
    Confidence,
    Direction,
    DriverKind,
    Element,
    ElementType,
    GovernanceBody,
    InitiativeKind,
    InitiativeTiming,
    KeyPoint,
    Mandate,
    MandateVersion,
    Milestone,
    MilestoneStatus,
    NodeKind,
    Note,
    Person,
    PersonKind,
    PlanningSettings,
    Poll,
    PollOption,
    Portfolio,
    QuarterCapacity,
    RaidItem,
    RaidKind,
    RaidStatus,
    ServiceScope,
    SponsorPitch,
    Spread,
    SupportService,
    TableGroup,
    TargetMode,
    YearBudget,
)


class FieldKind(enum.Enum):
    """How a field is typed in and shown."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    FLAG = "flag"
    DATE = "date"
    CHOICE = "choice"
    # -- references to other rows, by id
    PERSON = "person"
    NODE = "node"
    PERIOD = "period"
    DIMENSION = "dimension"


_NUMBER = FieldKind.NUMBER
REFERENCES = frozenset({FieldKind.PERSON, FieldKind.NODE, FieldKind.PERIOD, FieldKind.DIMENSION})
EVERY_KIND = frozenset(ElementType)
# -- far beyond any real amount (a thousand trillion) or effort (a million person-years), yet
#    small enough that sums, charts and the solver stay finite
MAX_AMOUNT = 1e15
MAX_EFFORT = 1e9

# -- the words shown for each choice, in British English
CHOICE_LABELS: dict[enum.Enum, str] = {
    DriverKind.OPPORTUNITY: "Opportunity", DriverKind.THREAT: "Threat",
    DriverKind.IMPERATIVE: "Imperative", DriverKind.GOAL: "Goal",
    Direction.INCREASE: "Increase", Direction.DECREASE: "Decrease",
    Direction.MAINTAIN: "Maintain",
    InitiativeKind.PROJECT: "Project", InitiativeKind.PROGRAMME: "Programme",
    InitiativeKind.BAU: "Business as usual",
    Portfolio.RUN: "Run", Portfolio.GROW: "Grow", Portfolio.TRANSFORM: "Transform",
    NodeKind.DEPARTMENT: "Department", NodeKind.PRODUCT_GROUP: "Product group",
    NodeKind.PROGRAMME: "Programme", NodeKind.PROJECT: "Project",
    NodeKind.GOVERNANCE_BODY: "Governance body", NodeKind.SUPPORT_OFFICE: "Support office",
    Cadence.DAILY: "Daily", Cadence.WEEKLY: "Weekly", Cadence.MONTHLY: "Monthly",
    Cadence.QUARTERLY: "Quarterly",
    PersonKind.PARTICIPANT: "Participant", PersonKind.STAKEHOLDER: "Stakeholder",
    RaidKind.RISK: "Risk", RaidKind.ACTION: "Action", RaidKind.ISSUE: "Issue",
    RaidKind.DECISION: "Decision",
    RaidStatus.OPEN: "Open", RaidStatus.IN_PROGRESS: "In progress", RaidStatus.CLOSED: "Closed",
    ServiceScope.NOW: "In scope now", ServiceScope.LATER: "Later",
    Spread.FLAT: "Flat", Spread.FRONT_LOADED: "Front-loaded", Spread.BACK_LOADED: "Back-loaded",
    TargetMode.SHOWN: "Shown only", TargetMode.HARD: "Hard constraint",
    TargetMode.TOLERANCE: "Within a tolerance",
    MilestoneStatus.PLANNED: "Planned", MilestoneStatus.AT_RISK: "At risk",
    MilestoneStatus.ACHIEVED: "Achieved", MilestoneStatus.MISSED: "Missed",
    Confidence.LOW: "Low", Confidence.MEDIUM: "Medium", Confidence.HIGH: "High",
}  # fmt: skip


# -- other words people write for a choice
CHOICE_ALIASES: dict[str, enum.Enum] = {
    "program": InitiativeKind.PROGRAMME,
    "business as usual": InitiativeKind.BAU,
}


def _shown(number: float) -> str:
    """Return a number as a message shows it: 42, 2.5, 1,000,000,000."""
    return f"{number:,.0f}" if abs(number) >= 1e6 else f"{number:g}"


def choice_label(member: enum.Enum) -> str:
    """Return the words shown for one choice."""
    return CHOICE_LABELS.get(member, str(member.value).replace("_", " ").capitalize())


@dataclass(frozen=True)
class Field:
    """One field: the column it is stored in, how it is shown, and what it accepts."""

    key: str
    label: str
    kind: FieldKind
    # -- for element fields: the kinds of element that have it
    applies_to: frozenset[ElementType] = EVERY_KIND
    choices: type[enum.Enum] | None = None
    minimum: float | None = None
    maximum: float | None = None
    # -- an empty value is refused
    required: bool = False
    # -- a number must be whole
    whole: bool = False
    help: str = ""
    # -- for a text field that takes one of a few values: (value, label) of each
    options: tuple[tuple[str, str], ...] = ()
    # -- a rule of its own for a text field, returning the value to store
    check: Callable[[str], str] | None = None
    # -- the longest text the column holds (set from the model below)
    max_length: int | None = None

    def clean(self, value: Any) -> Any:
        """Return ``value`` as it is stored, or raise EditRejectedError saying what is wrong.

        Accepts what a form or a cell gives: text for any field, numbers and dates as
        themselves, a choice by its value or its label, ids for references.
        """
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if self.required:
                raise EditRejectedError(f"The {self.label.lower()} cannot be empty.")
            if self.check is not None:
                # -- a rule of its own says what empty stands for (an agenda block opening
                #    no step is "none", which every reader of the column understands)
                return self.check("")
            return "" if self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT) else None
        if self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            text = self._text(str(value))
            return text if self.check is None else self.check(text)
        if self.kind is FieldKind.NUMBER:
            number = self._number(value)
            if self.whole:
                if not number.is_integer():
                    raise EditRejectedError(f"{self.label} {number:g} is not a whole number.")
                return int(number)
            return number
        if self.kind is FieldKind.FLAG:
            return bool(value)
        if self.kind is FieldKind.DATE:
            return self._date(value)
        if self.kind is FieldKind.CHOICE:
            return self._choice(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise EditRejectedError(f"Choose the {self.label.lower()} from the list.")
        return value

    @cached_property
    def _bounds(self) -> tuple[float, float]:
        return (-math.inf if self.minimum is None else self.minimum,
                math.inf if self.maximum is None else self.maximum)

    def holds(self, value: Any) -> bool:
        """Return whether an already stored ``value`` keeps to this field (a fast check)."""
        if self.kind is _NUMBER:
            # -- run for every stored number of a large cascade after each edit: kept lean
            if value.__class__ is not float and value.__class__ is not int and (
                    isinstance(value, bool) or not isinstance(value, int | float)):
                return False
            low, high = self._bounds
            return low <= value <= high and (not self.whole or float(value).is_integer())
        if self.kind is FieldKind.DATE:
            return isinstance(value, dt.date)
        if self.kind is FieldKind.CHOICE:
            return self.choices is not None and isinstance(value, self.choices)
        if self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            return isinstance(value, str) and (self.max_length is None
                                               or len(value) <= self.max_length)
        return True

    def _text(self, text: str) -> str:
        if self.kind is FieldKind.TEXT:
            text = " ".join(text.split())
        if self.max_length is not None and len(text) > self.max_length:
            raise EditRejectedError(
                f"Keep the {self.label.lower()} to {self.max_length:,} characters "
                f"(this one has {len(text):,}).")
        return text

    def _number(self, value: Any) -> float:
        try:
            if isinstance(value, bool):
                raise TypeError(value)
            number = parse_number(value) if isinstance(value, str) else float(value)
        except (TypeError, ValueError, OverflowError):
            raise EditRejectedError(f"{str(value)!r} is not a number.") from None
        if not math.isfinite(number):
            raise EditRejectedError(f"{str(value)!r} is not a number.")
        low = -math.inf if self.minimum is None else self.minimum
        high = math.inf if self.maximum is None else self.maximum
        if not low <= number <= high:
            # -- a cap far beyond real amounts reads as a bound on one side, not a range
            open_ended = high >= MAX_EFFORT
            if open_ended and number < low:
                raise EditRejectedError(f"{self.label} {_shown(number)} is below {_shown(low)}.")
            if open_ended and number > high:
                raise EditRejectedError(f"{self.label} {_shown(number)} is above {_shown(high)}.")
            raise EditRejectedError(
                f"{self.label} {_shown(number)} is outside {_shown(low)} to {_shown(high)}.")
        return number

    def _date(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            raise EditRejectedError(
                f"{str(value)!r} is not a date (write 2027-03-31 or 31/03/2027).") from None

    def _choice(self, value: Any) -> enum.Enum:
        assert self.choices is not None
        if isinstance(value, self.choices):
            return value
        wanted = " ".join(str(value).replace("_", " ").replace("-", " ").split()).casefold()
        alias = CHOICE_ALIASES.get(wanted)
        if isinstance(alias, self.choices):
            return alias
        for member in self.choices:
            words = {str(member.value).replace("_", " ").casefold(),
                     choice_label(member).casefold()}
            if wanted in words:
                return member
        names = ", ".join(str(m.value) for m in self.choices)
        raise EditRejectedError(
            f"{str(value)!r} is not {a(self.label.lower())} (choose {names}).")


def _with_lengths(fields: Iterable[Field], table: Table) -> tuple[Field, ...]:
    """Give each text field the length its column holds."""
    sized = []
    for field in fields:
        column_type = table.c[field.key].type
        if isinstance(column_type, String) and column_type.length:
            field = dataclasses.replace(field, max_length=column_type.length)
        sized.append(field)
    return tuple(sized)


# -- measured by a metric: key results (strategic outcomes) and benefits (realised in Run)
_KR = frozenset({ElementType.KEY_RESULT, ElementType.BENEFIT})
_INITIATIVE = frozenset({ElementType.INITIATIVE})
_DRIVER = frozenset({ElementType.DRIVER})
_OWNED = frozenset({ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE,
                    ElementType.BENEFIT})

ELEMENT_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("title", "Title", FieldKind.TEXT),
    Field("ref", "Reference", FieldKind.TEXT,
          help="The id registers carry, such as O1 or KR1.2; unique in the workshop"),
    Field("driver_kind", "Driver kind", FieldKind.CHOICE, _DRIVER, DriverKind),
    Field("node_id", "Accountable node", FieldKind.NODE),
    Field("owner_id", "Owner", FieldKind.PERSON, _OWNED,
          help="Who answers for it; for a benefit, the business change manager"),
    Field("metric", "Metric", FieldKind.TEXT, _KR, help="What is measured"),
    Field("unit", "Unit", FieldKind.TEXT, _KR, help="Such as %, £m or days"),
    Field("direction", "Direction", FieldKind.CHOICE, _KR, Direction,
          help="Which way the metric should move"),
    Field("baseline", "Baseline", FieldKind.NUMBER, _KR, minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT,
          help="Where the metric started"),
    Field("target", "Target", FieldKind.NUMBER, _KR, minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT,
          help="Where it should get to"),
    Field("current", "Current value", FieldKind.NUMBER, _KR, minimum=-MAX_AMOUNT,
          maximum=MAX_AMOUNT, help="Where it is now"),
    Field("initiative_kind", "Initiative kind", FieldKind.CHOICE, _INITIATIVE, InitiativeKind),
    Field("portfolio", "Run, Grow or Transform", FieldKind.CHOICE, _INITIATIVE, Portfolio),
    Field("budget", "Budget", FieldKind.NUMBER, _INITIATIVE, minimum=0, maximum=MAX_AMOUNT,
          help="In the workshop's currency"),
    Field("effort", "Effort", FieldKind.NUMBER, _INITIATIVE, minimum=0, maximum=MAX_EFFORT,
          help="In person-days"),
    Field("starts_on", "Start", FieldKind.DATE, _INITIATIVE),
    Field("ends_on", "End", FieldKind.DATE, _INITIATIVE),
    Field("closes_dimension_id", "Capability it builds", FieldKind.DIMENSION, _INITIATIVE,
          help="For an enabler: the assessed capability whose gap it closes"),
    Field("period_id", "Period", FieldKind.PERIOD, help="The reporting period, such as FY27Q1"),
    Field("due", "Due", FieldKind.DATE),
    Field("status", "Status", FieldKind.TEXT, help="Such as On track, At risk, Behind, Done"),
    Field("progress", "Progress", FieldKind.NUMBER, minimum=0, maximum=100,
          help="Percent complete, from 0 to 100"),
    Field("description", "Description", FieldKind.LONG_TEXT),
), Element.__table__)  # type: ignore[arg-type]  # fmt: skip

NODE_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Name", FieldKind.TEXT),
    Field("kind", "Kind", FieldKind.CHOICE, choices=NodeKind, required=True),
    Field("accountable_id", "Accountable person", FieldKind.PERSON),
    Field("cadence", "Cadence", FieldKind.CHOICE, choices=Cadence,
          help="How often the node looks at its objectives and reports"),
    Field("challenges", "Challenges", FieldKind.LONG_TEXT),
    Field("description", "Description", FieldKind.LONG_TEXT),
), AccountabilityNode.__table__)  # type: ignore[arg-type]  # fmt: skip

PERSON_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Name", FieldKind.TEXT),
    Field("kind", "Taking part as", FieldKind.CHOICE, choices=PersonKind, required=True),
    Field("role", "Role", FieldKind.TEXT),
    Field("organisation_unit", "Organisation unit", FieldKind.TEXT),
    Field("influence", "Influence", FieldKind.NUMBER, minimum=1, maximum=5, whole=True,
          help="1 (little) to 5 (decisive)"),
    Field("interest", "Interest", FieldKind.NUMBER, minimum=1, maximum=5, whole=True,
          help="1 (little) to 5 (keen)"),
    Field("concerns", "Concerns", FieldKind.LONG_TEXT),
), Person.__table__)  # type: ignore[arg-type]  # fmt: skip

AGENDA_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("title", "Title", FieldKind.TEXT),
    Field("duration_minutes", "Minutes", FieldKind.NUMBER, minimum=0, maximum=1440, whole=True,
          required=True),
    Field("step", "Opens", FieldKind.TEXT, check=agenda_step, options=tuple(agenda_choices()),
          help="The step of the app the block works in"),
    Field("question", "Question for the room", FieldKind.LONG_TEXT),
    Field("description", "What happens", FieldKind.LONG_TEXT),
), AgendaItem.__table__)  # type: ignore[arg-type]  # fmt: skip

NOTE_FIELDS: tuple[Field, ...] = (
    Field("text", "Note", FieldKind.LONG_TEXT),
    Field("private", "Private", FieldKind.FLAG,
          help="Private notes are for the facilitator and are never exported"),
)

RAID_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("kind", "Kind", FieldKind.CHOICE, choices=RaidKind, required=True),
    Field("title", "Title", FieldKind.TEXT),
    Field("owner_id", "Owner", FieldKind.PERSON),
    Field("due_date", "Due", FieldKind.DATE),
    Field("status", "Status", FieldKind.CHOICE, choices=RaidStatus, required=True),
    Field("description", "Description", FieldKind.LONG_TEXT),
), RaidItem.__table__)  # type: ignore[arg-type]  # fmt: skip

TABLE_GROUP_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Table group", FieldKind.TEXT),
    Field("question", "Question", FieldKind.LONG_TEXT),
), TableGroup.__table__)  # type: ignore[arg-type]  # fmt: skip

KEY_POINT_FIELDS: tuple[Field, ...] = (Field("text", "Key point", FieldKind.LONG_TEXT),)

POLL_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("question", "Poll question", FieldKind.TEXT, required=True),
), Poll.__table__)  # type: ignore[arg-type]  # fmt: skip

POLL_OPTION_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("text", "Poll option", FieldKind.TEXT, required=True),
), PollOption.__table__)  # type: ignore[arg-type]  # fmt: skip

PITCH_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("situation", "Situation", FieldKind.TEXT,
          help="The situation in one line: what the executives face and why it matters"),
    Field("executive_concerns", "Executive concerns", FieldKind.LONG_TEXT,
          help="What worries each executive about delivering the strategy, one a line"),
    Field("vision", "The vision in response", FieldKind.LONG_TEXT,
          help="What changes for them when strategy and delivery are connected"),
    Field("roadmap", "Roadmap", FieldKind.LONG_TEXT,
          help="The steps in order, enablers first; one line each"),
    Field("sponsor", "Sponsor", FieldKind.TEXT, help="Who will sponsor Business Support"),
    Field("funding", "Funding and time for the business case", FieldKind.LONG_TEXT,
          help="What building the business case needs: money, people and weeks"),
    Field("business_case_due", "Business case due", FieldKind.DATE,
          help="When the business case comes back to the sponsor"),
), SponsorPitch.__table__)  # type: ignore[arg-type]  # fmt: skip

MANDATE_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("statement", "Mandate", FieldKind.LONG_TEXT,
          help="What the executives want Business Support to do, in their words"),
    Field("reports_to", "Reports to", FieldKind.TEXT,
          help="The executive or body Business Support answers to"),
), Mandate.__table__)  # type: ignore[arg-type]  # fmt: skip

SERVICE_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Service", FieldKind.TEXT, required=True),
    Field("scope", "Scope", FieldKind.CHOICE, choices=ServiceScope, required=True,
          help="In scope now, or later once the first services run"),
    Field("note", "Note", FieldKind.LONG_TEXT, help="What the service covers here"),
), SupportService.__table__)  # type: ignore[arg-type]  # fmt: skip

GOVERNANCE_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Governance body", FieldKind.TEXT, required=True),
    Field("cadence", "Meets", FieldKind.CHOICE, choices=Cadence,
          help="How often the body meets"),
    Field("remit", "What it decides", FieldKind.LONG_TEXT),
), GovernanceBody.__table__)  # type: ignore[arg-type]  # fmt: skip
MILESTONE_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("name", "Milestone", FieldKind.TEXT, required=True),
    Field("due", "Date", FieldKind.DATE),
    Field("status", "Status", FieldKind.CHOICE, choices=MilestoneStatus, required=True),
), Milestone.__table__)  # type: ignore[arg-type]  # fmt: skip

CHECK_IN_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("checked_on", "Date", FieldKind.DATE, required=True),
    Field("value", "Value", FieldKind.NUMBER, minimum=-MAX_AMOUNT, maximum=MAX_AMOUNT,
          help="A key result's reading of its metric; an initiative's percent complete"),
    Field("progress", "Progress", FieldKind.NUMBER, minimum=0, maximum=100,
          help="Percent of the way to the target; empty: worked out from baseline and target"),
    Field("status", "Status", FieldKind.TEXT, help="Such as On track, At risk, Behind, Done"),
    Field("confidence", "Confidence", FieldKind.CHOICE, choices=Confidence,
          help="How sure the owner is of reaching the target"),
    Field("note", "Note", FieldKind.LONG_TEXT),
    Field("made_by", "By", FieldKind.TEXT, help="Who made the check-in"),
), CheckIn.__table__)  # type: ignore[arg-type]  # fmt: skip

MANDATE_VERSION_FIELDS: tuple[Field, ...] = _with_lengths((
    Field("agreed_on", "Agreed on", FieldKind.DATE, required=True),
    Field("agreed_by", "Agreed by", FieldKind.TEXT,
          help="The executive or body that agreed this version"),
), MandateVersion.__table__)  # type: ignore[arg-type]  # fmt: skip

TIMING_FIELDS: tuple[Field, ...] = (
    Field("duration", "Quarters", FieldKind.NUMBER, minimum=1, maximum=20, whole=True,
          help="How many quarters it runs; empty: by its own dates, or a default"),
    Field("spread", "Spread", FieldKind.CHOICE, choices=Spread, required=True,
          help="How its effort and money spread over its quarters"),
)

PLANNING_FIELDS: tuple[Field, ...] = (
    Field("horizon_start", "Plan from", FieldKind.DATE,
          help="The plan starts with the first quarter beginning on or after this date; "
               "empty: the session date"),
    Field("horizon_quarters", "Horizon", FieldKind.NUMBER, minimum=1, maximum=20, whole=True,
          required=True, help="Quarters the plan covers, up to five years"),
    Field("year_start_month", "Financial year starts", FieldKind.NUMBER, minimum=1, maximum=12,
          whole=True, required=True,
          help="The month the financial year starts: January, April, July or October"),
    Field("must_is_must_do", "A Must is a must-do", FieldKind.FLAG),
    Field("wont_is_must_not", "A Won't is a must-not", FieldKind.FLAG),
    Field("votes_break_ties", "Dot votes break ties", FieldKind.FLAG),
    Field("target_mode", "Run, Grow and Transform target", FieldKind.CHOICE, choices=TargetMode,
          required=True),
    Field("target_tolerance", "Tolerance", FieldKind.NUMBER, minimum=0, maximum=100,
          required=True, help="Percentage points each share may miss its target by"),
)

_ELEMENT_BY_KEY = {field.key: field for field in ELEMENT_FIELDS}
_APPLICABLE = {kind: {f.key: f for f in ELEMENT_FIELDS if kind in f.applies_to}
               for kind in ElementType}
_BY_TABLE: dict[type[Base], dict[str, Field]] = {
    model: {field.key: field for field in fields}
    for model, fields in ((AccountabilityNode, NODE_FIELDS), (Person, PERSON_FIELDS),
                          (AgendaItem, AGENDA_FIELDS), (Note, NOTE_FIELDS),
                          (RaidItem, RAID_FIELDS), (CheckIn, CHECK_IN_FIELDS),
                          (TableGroup, TABLE_GROUP_FIELDS),
                          (KeyPoint, KEY_POINT_FIELDS), (Poll, POLL_FIELDS),
                          (PollOption, POLL_OPTION_FIELDS), (SponsorPitch, PITCH_FIELDS),
                          (Mandate, MANDATE_FIELDS), (MandateVersion, MANDATE_VERSION_FIELDS),
                          (SupportService, SERVICE_FIELDS),
                          (GovernanceBody, GOVERNANCE_FIELDS), (Milestone, MILESTONE_FIELDS),
                          (PlanningSettings, PLANNING_FIELDS), (InitiativeTiming, TIMING_FIELDS),
                          (QuarterCapacity, (Field("capacity", "Capacity", FieldKind.NUMBER,
                                                   minimum=0, maximum=MAX_EFFORT),)),
                          (YearBudget, (Field("budget", "Budget", FieldKind.NUMBER,
                                              minimum=0, maximum=MAX_AMOUNT),)))
}


def field_of(model: type[Base], key: str) -> Field:
    """Return the field stored in column ``key`` of ``model``'s table."""
    fields = _BY_TABLE.get(model, {})
    if key not in fields:
        raise EditRejectedError(f"{a(model.noun).capitalize()} has no field called {key!r}.")
    return fields[key]


def element_field(key: str) -> Field:
    """Return the element field stored in column ``key``."""
    try:
        return _ELEMENT_BY_KEY[key]
    except KeyError:
        raise EditRejectedError(f"An element has no field called {key!r}.") from None


def node_field(key: str) -> Field:
    """Return the accountability node field stored in column ``key``."""
    return field_of(AccountabilityNode, key)


def fields_of(kind: ElementType) -> tuple[Field, ...]:
    """Return the fields an element of ``kind`` has, in the order the inspector shows them."""
    return tuple(field for field in ELEMENT_FIELDS if kind in field.applies_to)


def clean_element_value(kind: ElementType, key: str, value: Any) -> Any:
    """Return ``value`` checked for field ``key`` of an element of ``kind``."""
    field = element_field(key)
    if kind not in field.applies_to:
        if value is None or value == "":
            return None
        raise EditRejectedError(
            f"{field.label} applies only to {_kinds(field.applies_to)}, not to "
            f"{a(NOUNS[kind])}.")
    return field.clean(value)


def _kinds(kinds: frozenset[ElementType]) -> str:
    nouns = [plural(NOUNS[k]) for k in ElementType if k in kinds]
    return ", ".join(nouns[:-1]) + f" and {nouns[-1]}" if len(nouns) > 1 else nouns[0]


def applicable_field(kind: ElementType, key: str) -> Field | None:
    """Return field ``key`` of an element of ``kind``, or None when that kind has no such field."""
    return _APPLICABLE[kind].get(key)


def value_problem(kind: ElementType, key: str, value: Any) -> str | None:
    """Return why a stored value breaks field ``key`` of an element of ``kind``, or None."""
    if value is None or value == "":
        return None
    field = applicable_field(kind, key)
    if field is not None and field.holds(value):
        return None
    try:
        clean_element_value(kind, key, value)
    except EditRejectedError as error:
        return str(error)
    return None


def dates_problem(start: Any, end: Any) -> str | None:
    """Return why an end date before its start date breaks the rules, or None."""
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        return f"The end ({end:%d %b %Y}) is before the start ({start:%d %b %Y})."
    return None


def element_problems(kind: ElementType, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return each (field key, message) where an element's stored values break a rule."""
    problems = [(key, message) for key, value in values.items()
                if key in _ELEMENT_BY_KEY and (message := value_problem(kind, key, value))]
    dates = dates_problem(values.get("starts_on"), values.get("ends_on"))
    if dates:
        problems.append(("ends_on", dates))
    return problems
