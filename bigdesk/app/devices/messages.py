"""What devices send and what they are answered, as typed messages checked field by field.

A request's fields are the attributes of its class: a field not listed is refused, one
without a default is required. Answers are dataclasses too; the server turns them into
JSON at the edge (``dataclasses.asdict``), and ``None`` stands for a part not open.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from bigdesk.analysis.assessment import LevelStatistics

# -- a key point is a sentence or two; a phone's text box holds no essay
MAX_POINT_LENGTH = 500
MAX_NAME_LENGTH = 200
# -- control characters and the marks that reverse text's direction (which can make
#    a point read differently on the projector than it was written) never get stored
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# -- an optional level the device did not send (null is sent to clear one)
ABSENT: Any = object()

R = TypeVar("R")


class ApiError(Exception):
    """A request the room refuses: its HTTP status, and a message for whoever holds the phone."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- requests


@dataclass(frozen=True)
class NamesRequest:
    """Ask for the names to pick from."""

    code: object


@dataclass(frozen=True)
class JoinRequest:
    """Join the room, by name unless the workshop is anonymous."""

    code: object
    name: object = ""


@dataclass(frozen=True)
class ScoresRequest:
    """Set one's current and/or target level of one dimension, named by its key."""

    dimension: object
    current: object = ABSENT
    target: object = ABSENT


@dataclass(frozen=True)
class VotesRequest:
    """Put some of one's dots on one initiative."""

    initiative: object
    dots: object


@dataclass(frozen=True)
class PointsRequest:
    """Add one key point to the silent round."""

    text: object


@dataclass(frozen=True)
class PollRequest:
    """Answer the open poll."""

    poll: object
    option: object


def parse(body: object, kind: type[R]) -> R:
    """Return ``body`` as a request of ``kind``, or raise ApiError naming what is wrong."""
    if not isinstance(body, dict):
        raise ApiError(400, "Send one JSON object.")
    fields = {f.name: f for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    unknown = sorted(set(body) - set(fields) - {"token"})
    if unknown:
        raise ApiError(400, f"Unexpected field {unknown[0]!r}.")
    missing = sorted(name for name, f in fields.items()
                     if f.default is dataclasses.MISSING and name not in body)
    if missing:
        raise ApiError(400, f"Missing field {missing[0]!r}.")
    return kind(**{name: body[name] for name in fields if name in body})


def whole(value: object, what: str, low: int, high: int) -> int:
    """Return ``value`` as a whole number from ``low`` to ``high``, or refuse it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(422, f"The {what} must be a whole number.")
    if not low <= value <= high:
        raise ApiError(422, f"The {what} must be from {low} to {high}.")
    return value


def level(value: object) -> int | None:
    """Return a maturity level (0: not applicable; None: clear it), or refuse it."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
        raise ApiError(422, "A level is 1 to 5, 0 for not applicable, or null to clear it.")
    return value


def text(value: object, what: str, limit: int) -> str:
    """Return ``value`` as printable text of at most ``limit`` characters, or refuse it."""
    if not isinstance(value, str):
        raise ApiError(422, f"The {what} must be text.")
    cleaned = _UNPRINTABLE.sub("", value).strip()
    if len(cleaned) > limit:
        raise ApiError(422, f"Keep the {what} to {limit} characters "
                            f"(this one has {len(cleaned)}).")
    return cleaned


# ---------------------------------------------------------------- answers


@dataclass(frozen=True)
class Names:
    """The names to pick from when joining (none in anonymous mode)."""

    anonymous: bool
    names: list[str]


@dataclass(frozen=True)
class Joined:
    """A device's token, and the name the room knows its person by."""

    token: str
    name: str


@dataclass(frozen=True)
class OpenNow:
    """Which activities devices may answer now."""

    scores: bool
    votes: bool
    points: bool
    poll: bool


@dataclass(frozen=True)
class DimensionToScore:
    """An open dimension, its anchors for levels 1 to 5, and this person's levels of it."""

    key: str
    name: str
    group: str
    description: str
    levels: list[str]
    current: int | None
    target: int | None


@dataclass(frozen=True)
class InitiativeDots:
    """An initiative and the dots this person put on it."""

    id: int
    title: str
    dots: int


@dataclass(frozen=True)
class Votes:
    """This person's dot budget, what is left of it, and the initiatives."""

    budget: int
    left: int
    initiatives: list[InitiativeDots]


@dataclass(frozen=True)
class PointsRound:
    """Where this person's key points go, and how many they wrote."""

    table: str
    question: str
    parking_lot: bool
    written: int
    max_length: int


@dataclass(frozen=True)
class Option:
    """One option of a poll."""

    id: int
    text: str


@dataclass(frozen=True)
class OpenPoll:
    """The open poll, and this person's answer (None: not yet)."""

    id: int
    question: str
    options: list[Option]
    answer: int | None


@dataclass(frozen=True)
class ScoreResult:
    """The room's levels of one dimension: median, range and how many."""

    key: str
    name: str
    current: LevelStatistics
    target: LevelStatistics


@dataclass(frozen=True)
class DotsResult:
    """The dots the room put on one initiative."""

    title: str
    dots: int


@dataclass(frozen=True)
class OptionResult:
    """How many chose one option of the poll."""

    text: str
    count: int


@dataclass(frozen=True)
class PollResult:
    """The tally of the poll."""

    question: str
    options: list[OptionResult]


@dataclass(frozen=True)
class PointsResult:
    """The key points the room may see, of the table this person writes to."""

    table: str
    parking_lot: bool
    points: list[str]


@dataclass(frozen=True)
class Results:
    """What the facilitator revealed (None: not revealed)."""

    scores: list[ScoreResult] | None = None
    votes: list[DotsResult] | None = None
    poll: PollResult | None = None
    points: PointsResult | None = None


@dataclass(frozen=True)
class State:
    """What is open now and what has been revealed, for one person."""

    workshop: str
    you: str
    open: OpenNow
    results: Results
    dimensions: list[DimensionToScore] | None = None
    votes: Votes | None = None
    points: PointsRound | None = None
    poll: OpenPoll | None = None


@dataclass(frozen=True)
class ScoreSaved:
    """One's levels of a dimension as now stored."""

    dimension: str
    current: int | None
    target: int | None


@dataclass(frozen=True)
class VoteSaved:
    """The dots now on an initiative, and how many are left."""

    initiative: int
    dots: int
    left: int


@dataclass(frozen=True)
class PointSaved:
    """How many key points this person has written during this opening."""

    written: int


@dataclass(frozen=True)
class PollSaved:
    """The option now chosen in the poll."""

    poll: int
    option: int


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused."""

    error: str
