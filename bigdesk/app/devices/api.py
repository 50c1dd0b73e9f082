"""The page's API without HTTP: each call checks what a device sent, then makes ordinary edits.

Runs on the thread that owns the workspace (the window's, or the command line's), so
every input goes through the same services, checks and undo stack as typing does.
A device names only things (a dimension's key, an initiative's id), never a person:
who it is comes from its token, so a token can change only its own inputs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, exists, func, select

from bigdesk.analysis.assessment import LevelStatistics, level_statistics
from bigdesk.analysis.people import anonymous_mode, person_labels
from bigdesk.analysis.polls import answers_of, poll_options, tally
from bigdesk.analysis.prioritisation.data import load_settings
from bigdesk.analysis.room import key_points, visible_to_room
from bigdesk.app.assessment import LEVEL_FIELDS, set_levels
from bigdesk.app.devices.admission import MAX_DEVICES, Admission
from bigdesk.app.devices.openings import ACTIVITIES, Openings
from bigdesk.app.people import join_participant
from bigdesk.app.polls import answer_poll
from bigdesk.app.prepare import workshop
from bigdesk.app.prioritisation import set_dots
from bigdesk.app.room import add_key_point
from bigdesk.model import (
    Dimension,
    DimensionGroup,
    DotVote,
    Element,
    ElementType,
    Person,
    PersonKind,
    Poll,
    Score,
    TableGroup,
    TableGroupMember,
)
from bigdesk.store import Workspace
from bigdesk.store.errors import EditRejectedError, WorkshopFileError

log = logging.getLogger(__name__)

# -- a key point is a sentence or two; a phone's text box holds no essay
MAX_POINT_LENGTH = 500
# -- control characters and the marks that reverse text's direction (which can make
#    a point read differently on the projector than it was written) never get stored
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ACTIONS = ("names", "join", "state", "scores", "votes", "points", "poll")


class ApiError(Exception):
    """A request the room refuses: its HTTP status, and a message for whoever holds the phone."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Guest:
    """One person who joined from a device, and what they have answered so far."""

    person_id: int
    label: str
    devices: int
    # -- the open dimensions they have scored, of how many
    scored: int
    dots: int
    answered_poll: bool
    points: int


def _fields(body: object, required: set[str], optional: frozenset[str] = frozenset()
            ) -> Mapping[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(400, "Send one JSON object.")
    unknown = sorted(set(body) - required - optional - {"token"})
    if unknown:
        raise ApiError(400, f"Unexpected field {unknown[0]!r}.")
    missing = sorted(required - set(body))
    if missing:
        raise ApiError(400, f"Missing field {missing[0]!r}.")
    return body


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(422, f"The {what} must be a whole number.")
    if not low <= value <= high:
        raise ApiError(422, f"The {what} must be from {low} to {high}.")
    return value


def _level(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
        raise ApiError(422, "A level is 1 to 5, 0 for not applicable, or null to clear it.")
    return value


def _text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ApiError(422, f"The {what} must be text.")
    text = _UNPRINTABLE.sub("", value).strip()
    if len(text) > limit:
        raise ApiError(422, f"Keep the {what} to {limit} characters (this one has {len(text)}).")
    return text


def _statistics(stats: LevelStatistics) -> dict[str, Any]:
    return {"median": stats.median, "low": stats.low, "high": stats.high, "n": stats.n,
            "not_applicable": stats.not_applicable}  # fmt: skip


class RoomApi:
    """What the phone page may ask and do, for one opening of the room."""

    def __init__(self, workspace: Workspace, admission: Admission | None = None) -> None:
        self.workspace = workspace
        self.admission = admission or Admission()
        self.openings = Openings()
        # -- key points record no author (a silent round is anonymous); the room only
        #    counts how many each person wrote, to show who has answered
        self.points_written: dict[int, int] = {}
        # -- called on the workspace's thread after a device joined (answers are edits,
        #    which the workspace announces itself)
        self.on_join: Callable[[], None] | None = None

    # -- the one entry point

    def handle(self, action: str, person_id: int | None, body: object) -> tuple[int, Any]:
        """Carry out one request; return its HTTP status and the JSON to send back."""
        try:
            if action == "names":
                return 200, self.names(body)
            if action == "join":
                return 200, self.join(body)
            if person_id is None:
                raise ApiError(401, "Join the room first.")
            if action == "state":
                return 200, self.state(person_id)
            if action == "scores":
                return 200, self.scores(person_id, body)
            if action == "votes":
                return 200, self.votes(person_id, body)
            if action == "points":
                return 200, self.points(person_id, body)
            if action == "poll":
                return 200, self.poll(person_id, body)
            raise ApiError(404, "There is no such request.")
        except ApiError as error:
            return error.status, {"error": str(error)}
        except EditRejectedError as error:
            return 422, {"error": str(error)}
        except WorkshopFileError as error:
            log.warning("A device's input could not be saved: %s", error)
            return 503, {"error": "The workshop cannot take answers just now: tell the "
                                  "facilitator."}  # fmt: skip

    # -- joining

    def names(self, body: object) -> dict[str, Any]:
        """Return the participants' names to pick from (none in anonymous mode)."""
        self._check_code(_fields(body, {"code"}))
        with self.workspace.read() as conn:
            if anonymous_mode(conn):
                return {"anonymous": True, "names": []}
            names = conn.execute(select(Person.name)
                                 .where(Person.kind == PersonKind.PARTICIPANT, Person.name != "")
                                 .order_by(Person.position, Person.id)).scalars().all()
        return {"anonymous": False, "names": list(names)}

    def join(self, body: object) -> dict[str, Any]:
        """Admit a device as a participant (by name, or anonymously) and give it its token."""
        fields = _fields(body, {"code"}, frozenset({"name"}))
        self._check_code(fields)
        name = _text(fields.get("name", ""), "name", 200)
        with self.workspace.read() as conn:
            anonymous = anonymous_mode(conn)
        if anonymous:
            # -- nobody is asked for a name, and a name offered anyway is not kept
            name = ""
        elif not name:
            raise ApiError(422, "Type your name, or pick it from the list.")
        if self.admission.full():
            raise ApiError(503, f"The room takes up to {MAX_DEVICES} devices.")
        person_id = join_participant(self.workspace, name)
        token = self.admission.admit(person_id)
        if self.on_join is not None:
            self.on_join()
        with self.workspace.read() as conn:
            return {"token": token, "name": person_labels(conn).get(person_id, "")}

    def _check_code(self, fields: Mapping[str, Any]) -> None:
        if not self.admission.code_matches(fields["code"]):
            raise ApiError(403, "That join code is not right: check the code on the screen.")

    # -- what a device sees

    def state(self, person_id: int) -> dict[str, Any]:
        """Return what is open now and what has been revealed, for one person."""
        openings = self.openings
        with self.workspace.read() as conn:
            self._person(conn, person_id)
            result: dict[str, Any] = {
                "workshop": workshop(conn).title,
                "you": person_labels(conn).get(person_id, ""),
                "open": {activity: openings.is_open(activity) for activity in ACTIVITIES},
            }
            if openings.scores:
                result["dimensions"] = self._dimensions(conn, person_id, openings.dimensions)
            if openings.votes:
                result["votes"] = self._votes(conn, person_id)
            if openings.points:
                result["points"] = self._points(conn, person_id)
            if openings.poll and openings.poll_id is not None:
                result["poll"] = self._poll(conn, person_id, openings.poll_id)
            result["results"] = self._results(conn, person_id)
        return result

    def _dimensions(self, conn: Connection, person_id: int, ids: tuple[int, ...]
                    ) -> list[dict[str, Any]]:
        rows = conn.execute(
            select(Dimension.id, Dimension.key, Dimension.name, Dimension.description,
                   Dimension.level_1, Dimension.level_2, Dimension.level_3, Dimension.level_4,
                   Dimension.level_5, DimensionGroup.name.label("group"))
            .join(DimensionGroup, DimensionGroup.id == Dimension.group_id)
            .where(Dimension.id.in_(ids))
            .order_by(DimensionGroup.position, DimensionGroup.id, Dimension.position,
                      Dimension.id)).all()  # fmt: skip
        mine = {d: (c, t) for d, c, t in conn.execute(
            select(Score.dimension_id, Score.current, Score.target)
            .where(Score.person_id == person_id, Score.dimension_id.in_(ids)))}  # fmt: skip
        return [{"key": d.key, "name": d.name, "group": d.group, "description": d.description,
                 "levels": [d.level_1, d.level_2, d.level_3, d.level_4, d.level_5],
                 "current": mine.get(d.id, (None, None))[0],
                 "target": mine.get(d.id, (None, None))[1]}
                for d in rows]  # fmt: skip

    def _votes(self, conn: Connection, person_id: int) -> dict[str, Any]:
        budget = load_settings(conn).dots_per_participant
        mine = dict(conn.execute(select(DotVote.initiative_id, DotVote.dots)
                                 .where(DotVote.person_id == person_id)).all())
        initiatives = conn.execute(select(Element.id, Element.title)
                                   .where(Element.type == ElementType.INITIATIVE)
                                   .order_by(Element.position, Element.id)).all()  # fmt: skip
        return {"budget": budget, "left": max(0, budget - sum(mine.values())),
                "initiatives": [{"id": i, "title": title, "dots": mine.get(i, 0)}
                                for i, title in initiatives]}  # fmt: skip

    def _group_of(self, conn: Connection, person_id: int) -> tuple[int | None, str, str]:
        """Return where a person's key points go: their own table, else the round's group."""
        row = conn.execute(
            select(TableGroup.id, TableGroup.name, TableGroup.question)
            .join(TableGroupMember, TableGroupMember.table_group_id == TableGroup.id)
            .where(TableGroupMember.person_id == person_id)
            .order_by(TableGroup.position, TableGroup.id)).first()  # fmt: skip
        if row is None and self.openings.points_group is not None:
            row = conn.execute(select(TableGroup.id, TableGroup.name, TableGroup.question)
                               .where(TableGroup.id == self.openings.points_group)).first()
        if row is None:
            return None, "", ""
        return row.id, row.name, row.question

    def _points(self, conn: Connection, person_id: int) -> dict[str, Any]:
        group_id, name, question = self._group_of(conn, person_id)
        return {"table": name, "question": question, "parking_lot": group_id is None,
                "written": self.points_written.get(person_id, 0),
                "max_length": MAX_POINT_LENGTH}  # fmt: skip

    def _poll(self, conn: Connection, person_id: int, poll_id: int) -> dict[str, Any]:
        question = conn.execute(select(Poll.question).where(Poll.id == poll_id)).scalar()
        return {"id": poll_id, "question": question or "",
                "options": [{"id": o.id, "text": o.text} for o in poll_options(conn, poll_id)],
                "answer": answers_of(conn, poll_id).get(person_id)}  # fmt: skip

    def _results(self, conn: Connection, person_id: int) -> dict[str, Any]:
        openings = self.openings
        results: dict[str, Any] = {}
        if "scores" in openings.revealed and openings.dimensions:
            results["scores"] = self._score_results(conn, openings.dimensions)
        if "votes" in openings.revealed:
            dots = func.sum(DotVote.dots)
            results["votes"] = [{"title": title, "dots": int(total)} for title, total in
                                conn.execute(select(Element.title, dots)
                                             .join(DotVote, DotVote.initiative_id == Element.id)
                                             .group_by(Element.id).order_by(dots.desc(),
                                                                            Element.position))]
        if "poll" in openings.revealed and openings.poll_id is not None:
            question = conn.execute(select(Poll.question)
                                    .where(Poll.id == openings.poll_id)).scalar()
            results["poll"] = {"question": question or "",
                               "options": [{"text": c.text, "count": c.count}
                                           for c in tally(conn, openings.poll_id)]}
        if "points" in openings.revealed:
            group_id, name, _ = self._group_of(conn, person_id)
            results["points"] = {"table": name, "parking_lot": group_id is None,
                                 "points": [p.text for p in key_points(conn, group_id)
                                            if visible_to_room(p) and p.text.strip()]}
        return results

    def _score_results(self, conn: Connection, ids: tuple[int, ...]) -> list[dict[str, Any]]:
        levels: dict[int, tuple[list[int | None], list[int | None]]] = {i: ([], []) for i in ids}
        participants = select(Person.id).where(Person.kind == PersonKind.PARTICIPANT)
        for dimension_id, current, target in conn.execute(
                select(Score.dimension_id, Score.current, Score.target)
                .where(Score.dimension_id.in_(ids), Score.person_id.in_(participants))):
            levels[dimension_id][0].append(current)
            levels[dimension_id][1].append(target)
        return [{"key": d["key"], "name": d["name"],
                 "current": _statistics(level_statistics(levels[d["id"]][0])),
                 "target": _statistics(level_statistics(levels[d["id"]][1]))}
                for d in conn.execute(select(Dimension.id, Dimension.key, Dimension.name)
                                      .where(Dimension.id.in_(ids))
                                      .order_by(Dimension.position, Dimension.id)).mappings()]

    # -- what a device does

    def scores(self, person_id: int, body: object) -> dict[str, Any]:
        """Set this person's current and/or target level of one open dimension."""
        fields = _fields(body, {"dimension"}, frozenset(LEVEL_FIELDS))
        key = fields["dimension"]
        if not isinstance(key, str):
            raise ApiError(422, "Name the dimension by its key.")
        levels = {which: _level(fields[which]) for which in LEVEL_FIELDS if which in fields}
        if not levels:
            raise ApiError(400, "Send a current or a target level.")
        self._require("scores")
        with self.workspace.read() as conn:
            # -- one query on the way in: the dimension, this person's score of it, and
            #    whether the person is still there
            found = conn.execute(
                select(Dimension.id, Score.current, Score.target,
                       exists().where(Person.id == person_id).label("present"))
                .outerjoin(Score, (Score.dimension_id == Dimension.id)
                           & (Score.person_id == person_id))
                .where(Dimension.key == key)).first()
            if found is None or not found.present:
                self._person(conn, person_id)
        if found is None:
            raise ApiError(404, "There is no such dimension.")
        dimension_id = found.id
        if dimension_id not in self.openings.dimensions:
            raise ApiError(409, "That dimension is not open for scoring.")
        set_levels(self.workspace, person_id, dimension_id, levels)
        # -- what the phone now holds, worked out rather than read again: one job is one
        #    edit and as few reads as it takes
        after: dict[str, int | None] = {"current": found.current, "target": found.target}
        after.update(levels)
        current, target = after["current"], after["target"]
        return {"dimension": key, "current": current, "target": target}

    def votes(self, person_id: int, body: object) -> dict[str, Any]:
        """Put this person's dots on one initiative (0 takes them back)."""
        fields = _fields(body, {"initiative", "dots"})
        initiative = _whole(fields["initiative"], "initiative", 1, 2**62)
        dots = _whole(fields["dots"], "number of dots", 0, 100)
        self._require("votes")
        with self.workspace.read() as conn:
            self._person(conn, person_id)
            found = conn.execute(select(Element.id).where(
                Element.id == initiative, Element.type == ElementType.INITIATIVE)).first()
            if found is None:
                raise ApiError(404, "There is no such initiative.")
            budget = load_settings(conn).dots_per_participant
            elsewhere = conn.execute(select(func.coalesce(func.sum(DotVote.dots), 0)).where(
                DotVote.person_id == person_id, DotVote.initiative_id != initiative)).scalar_one()
        if elsewhere + dots > budget:
            left = max(0, budget - elsewhere)
            raise ApiError(409, f"You have {left} of your {budget} dots left to place here.")
        set_dots(self.workspace, person_id, initiative, dots)
        return {"initiative": initiative, "dots": dots, "left": budget - elsewhere - dots}

    def points(self, person_id: int, body: object) -> dict[str, Any]:
        """Add one of this person's key points to the silent round, hidden until revealed."""
        text = _text(_fields(body, {"text"})["text"], "point", MAX_POINT_LENGTH)
        if not text:
            raise ApiError(422, "Write the point first.")
        self._require("points")
        with self.workspace.read() as conn:
            self._person(conn, person_id)
            group_id, _, _ = self._group_of(conn, person_id)
        add_key_point(self.workspace, group_id, text, silent=True)
        self.points_written[person_id] = self.points_written.get(person_id, 0) + 1
        return {"written": self.points_written[person_id]}

    def poll(self, person_id: int, body: object) -> dict[str, Any]:
        """Record (or change) this person's answer to the open poll."""
        fields = _fields(body, {"poll", "option"})
        poll_id = _whole(fields["poll"], "poll", 1, 2**62)
        option_id = _whole(fields["option"], "option", 1, 2**62)
        self._require("poll")
        if poll_id != self.openings.poll_id:
            raise ApiError(409, "That poll is closed.")
        with self.workspace.read() as conn:
            self._person(conn, person_id)
        try:
            answer_poll(self.workspace, poll_id, person_id, option_id)
        except EditRejectedError as error:
            raise ApiError(404, str(error)) from None
        return {"poll": poll_id, "option": option_id}

    # -- for the facilitator

    def guests(self) -> list[Guest]:
        """Return who joined from a device and what each has answered, in the people's order."""
        devices = self.admission.devices()
        if not devices:
            return []
        openings = self.openings
        with self.workspace.read() as conn:
            labels = person_labels(conn)
            scored = dict(conn.execute(
                select(Score.person_id, func.count()).where(
                    Score.dimension_id.in_(openings.dimensions),
                    Score.current.is_not(None) | Score.target.is_not(None))
                .group_by(Score.person_id)).all())
            dots = dict(conn.execute(select(DotVote.person_id, func.sum(DotVote.dots))
                                     .group_by(DotVote.person_id)).all())
            answered = set() if openings.poll_id is None else \
                set(answers_of(conn, openings.poll_id))
            order = conn.execute(select(Person.id).order_by(Person.position, Person.id)).scalars()
            return [Guest(p, labels.get(p, ""), devices[p], int(scored.get(p, 0)),
                          int(dots.get(p) or 0), p in answered, self.points_written.get(p, 0))
                    for p in order if p in devices]

    # -- helpers

    def _require(self, activity: str) -> None:
        if not self.openings.is_open(activity):
            raise ApiError(409, "The facilitator has closed this for now.")

    @staticmethod
    def _person(conn: Connection, person_id: int) -> None:
        if conn.execute(select(Person.id).where(Person.id == person_id)).first() is None:
            # -- the person was merged into another, or their joining was undone
            raise ApiError(401, "Join the room again.")

