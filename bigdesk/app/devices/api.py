"""The page's API without HTTP: each call checks what a device sent, then makes ordinary edits.

Runs on the thread that owns the workspace (the window's, or the command line's), so
every input goes through the same services, checks and undo stack as typing does.
A device names only things (a dimension's key, an initiative's id), never a person:
who it is comes from its token, so a token can change only its own inputs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, exists, func, select

from bigdesk.analysis.assessment import level_statistics
from bigdesk.analysis.people import anonymous_mode, person_labels
from bigdesk.analysis.polls import answers_of, poll_options, tally
from bigdesk.analysis.prioritisation.data import load_settings
from bigdesk.analysis.room import key_points, visible_to_room
from bigdesk.app.assessment import set_levels
from bigdesk.app.devices.admission import MAX_DEVICES, Admission
from bigdesk.app.devices.messages import (
    ABSENT,
    MAX_NAME_LENGTH,
    MAX_POINT_LENGTH,
    ApiError,
    DimensionToScore,
    DotsResult,
    InitiativeDots,
    Joined,
    JoinRequest,
    Names,
    NamesRequest,
    OpenNow,
    OpenPoll,
    Option,
    OptionResult,
    PointSaved,
    PointsRequest,
    PointsResult,
    PointsRound,
    PollRequest,
    PollResult,
    PollSaved,
    Refusal,
    Results,
    ScoreResult,
    ScoreSaved,
    ScoresRequest,
    State,
    Votes,
    VoteSaved,
    VotesRequest,
    level,
    parse,
    text,
    whole,
)
from bigdesk.app.devices.openings import Openings
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

# -- what a joined device may send, by the name of the request
ANSWERS = {"scores": ScoresRequest, "votes": VotesRequest, "points": PointsRequest,
           "poll": PollRequest}
# -- every request; all but the names and the state change something
ACTIONS = ("names", "join", "state", *ANSWERS)


@dataclass(frozen=True)
class Guest:
    """One person who joined from a device, and what they have answered so far."""

    person_id: int
    label: str
    devices: int
    # -- how many of the open dimensions they have scored
    scored: int
    dots: int
    answered_poll: bool
    points: int


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

    def handle(self, action: str, person_id: int | None, body: object) -> tuple[int, object]:
        """Carry out one request; return its HTTP status and the answer to send back."""
        try:
            if action not in ACTIONS:
                raise ApiError(404, "There is no such request.")
            if action == "names":
                return 200, self.names(parse(body, NamesRequest))
            if action == "join":
                return 200, self.join(parse(body, JoinRequest))
            if person_id is None:
                raise ApiError(401, "Join the room first.")
            if action == "state":
                return 200, self.state(person_id)
            return 200, getattr(self, action)(person_id, parse(body, ANSWERS[action]))
        except ApiError as error:
            return error.status, Refusal(str(error))
        except EditRejectedError as error:
            return 422, Refusal(str(error))
        except WorkshopFileError as error:
            log.warning("A device's input could not be saved: %s", error)
            return 503, Refusal("The workshop cannot take answers just now: tell the "
                                "facilitator.")

    # -- joining

    def names(self, request: NamesRequest) -> Names:
        """Return the participants' names to pick from (none in anonymous mode)."""
        self._check_code(request.code)
        with self.workspace.read() as conn:
            if anonymous_mode(conn):
                return Names(anonymous=True, names=[])
            names = conn.execute(select(Person.name)
                                 .where(Person.kind == PersonKind.PARTICIPANT, Person.name != "")
                                 .order_by(Person.position, Person.id)).scalars().all()
        return Names(anonymous=False, names=list(names))

    def join(self, request: JoinRequest) -> Joined:
        """Admit a device as a participant (by name, or anonymously) and give it its token."""
        self._check_code(request.code)
        name = text(request.name, "name", MAX_NAME_LENGTH)
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
            return Joined(token, person_labels(conn).get(person_id, ""))

    def _check_code(self, code: object) -> None:
        if not self.admission.code_matches(code):
            raise ApiError(403, "That join code is not right: check the code on the screen.")

    # -- what a device sees

    def state(self, person_id: int) -> State:
        """Return what is open now and what has been revealed, for one person."""
        o = self.openings
        with self.workspace.read() as conn:
            self._person(conn, person_id)
            return State(
                workshop=workshop(conn).title,
                you=person_labels(conn).get(person_id, ""),
                open=OpenNow(o.scores, o.votes, o.points, o.poll and o.poll_id is not None),
                results=self._results(conn, person_id),
                dimensions=self._dimensions(conn, person_id) if o.scores else None,
                votes=self._votes(conn, person_id) if o.votes else None,
                points=self._points(conn, person_id) if o.points else None,
                poll=self._poll(conn, person_id, o.poll_id)
                if o.poll and o.poll_id is not None else None)

    def _dimensions(self, conn: Connection, person_id: int) -> list[DimensionToScore]:
        ids = self.openings.dimensions
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
        return [DimensionToScore(d.key, d.name, d.group, d.description,
                                 [d.level_1, d.level_2, d.level_3, d.level_4, d.level_5],
                                 *mine.get(d.id, (None, None)))
                for d in rows]  # fmt: skip

    def _votes(self, conn: Connection, person_id: int) -> Votes:
        budget = load_settings(conn).dots_per_participant
        mine = dict(conn.execute(select(DotVote.initiative_id, DotVote.dots)
                                 .where(DotVote.person_id == person_id)).all())
        initiatives = conn.execute(select(Element.id, Element.title)
                                   .where(Element.type == ElementType.INITIATIVE)
                                   .order_by(Element.position, Element.id)).all()  # fmt: skip
        return Votes(budget, max(0, budget - sum(mine.values())),
                     [InitiativeDots(i, title, mine.get(i, 0)) for i, title in initiatives])

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

    def _points(self, conn: Connection, person_id: int) -> PointsRound:
        group_id, name, question = self._group_of(conn, person_id)
        return PointsRound(name, question, group_id is None,
                           self.points_written.get(person_id, 0), MAX_POINT_LENGTH)

    def _poll(self, conn: Connection, person_id: int, poll_id: int) -> OpenPoll:
        question = conn.execute(select(Poll.question).where(Poll.id == poll_id)).scalar()
        return OpenPoll(poll_id, question or "",
                        [Option(o.id, o.text) for o in poll_options(conn, poll_id)],
                        answers_of(conn, poll_id).get(person_id))

    def _results(self, conn: Connection, person_id: int) -> Results:
        o = self.openings
        scores = votes = poll = points = None
        if o.show_scores and o.dimensions:
            scores = self._score_results(conn, o.dimensions)
        if o.show_votes:
            dots = func.sum(DotVote.dots)
            votes = [DotsResult(title, int(total)) for title, total in conn.execute(
                select(Element.title, dots).join(DotVote, DotVote.initiative_id == Element.id)
                .group_by(Element.id).order_by(dots.desc(), Element.position))]
        if o.show_poll and o.poll_id is not None:
            question = conn.execute(select(Poll.question).where(Poll.id == o.poll_id)).scalar()
            poll = PollResult(question or "", [OptionResult(c.text, c.count)
                                               for c in tally(conn, o.poll_id)])
        if o.show_points:
            group_id, name, _ = self._group_of(conn, person_id)
            points = PointsResult(name, group_id is None,
                                  [p.text for p in key_points(conn, group_id)
                                   if visible_to_room(p) and p.text.strip()])
        return Results(scores, votes, poll, points)

    @staticmethod
    def _score_results(conn: Connection, ids: tuple[int, ...]) -> list[ScoreResult]:
        levels: dict[int, tuple[list[int | None], list[int | None]]] = {i: ([], []) for i in ids}
        participants = select(Person.id).where(Person.kind == PersonKind.PARTICIPANT)
        for dimension_id, current, target in conn.execute(
                select(Score.dimension_id, Score.current, Score.target)
                .where(Score.dimension_id.in_(ids), Score.person_id.in_(participants))):
            levels[dimension_id][0].append(current)
            levels[dimension_id][1].append(target)
        return [ScoreResult(key, name, level_statistics(levels[i][0]),
                            level_statistics(levels[i][1]))
                for i, key, name in conn.execute(
                    select(Dimension.id, Dimension.key, Dimension.name)
                    .where(Dimension.id.in_(ids)).order_by(Dimension.position, Dimension.id))]

    # -- what a device does

    def scores(self, person_id: int, request: ScoresRequest) -> ScoreSaved:
        """Set this person's current and/or target level of one open dimension."""
        key = request.dimension
        if not isinstance(key, str):
            raise ApiError(422, "Name the dimension by its key.")
        levels = {which: level(value) for which, value in
                  (("current", request.current), ("target", request.target))
                  if value is not ABSENT}
        if not levels:
            raise ApiError(400, "Send a current or a target level.")
        self._require(self.openings.scores)
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
        if found.id not in self.openings.dimensions:
            raise ApiError(409, "That dimension is not open for scoring.")
        set_levels(self.workspace, person_id, found.id, levels)
        # -- what the phone now holds, worked out rather than read again: one job is one
        #    edit and as few reads as it takes
        return ScoreSaved(key, levels.get("current", found.current),
                          levels.get("target", found.target))

    def votes(self, person_id: int, request: VotesRequest) -> VoteSaved:
        """Put this person's dots on one initiative (0 takes them back)."""
        initiative = whole(request.initiative, "initiative", 1, 2**62)
        dots = whole(request.dots, "number of dots", 0, 100)
        self._require(self.openings.votes)
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
        return VoteSaved(initiative, dots, budget - elsewhere - dots)

    def points(self, person_id: int, request: PointsRequest) -> PointSaved:
        """Add one of this person's key points to the silent round, hidden until revealed."""
        point = text(request.text, "point", MAX_POINT_LENGTH)
        if not point:
            raise ApiError(422, "Write the point first.")
        self._require(self.openings.points)
        with self.workspace.read() as conn:
            self._person(conn, person_id)
            group_id, _, _ = self._group_of(conn, person_id)
        add_key_point(self.workspace, group_id, point, silent=True)
        self.points_written[person_id] = self.points_written.get(person_id, 0) + 1
        return PointSaved(self.points_written[person_id])

    def poll(self, person_id: int, request: PollRequest) -> PollSaved:
        """Record (or change) this person's answer to the open poll."""
        poll_id = whole(request.poll, "poll number", 1, 2**62)
        option_id = whole(request.option, "option", 1, 2**62)
        self._require(self.openings.poll)
        if poll_id != self.openings.poll_id:
            raise ApiError(409, "That poll is closed.")
        with self.workspace.read() as conn:
            self._person(conn, person_id)
        try:
            answer_poll(self.workspace, poll_id, person_id, option_id)
        except EditRejectedError as error:
            raise ApiError(404, str(error)) from None
        return PollSaved(poll_id, option_id)

    # -- for the facilitator

    def guests(self) -> list[Guest]:
        """Return who joined from a device and what each has answered, in the people's order."""
        devices = self.admission.devices()
        if not devices:
            return []
        o = self.openings
        with self.workspace.read() as conn:
            labels = person_labels(conn)
            scored = dict(conn.execute(
                select(Score.person_id, func.count()).where(
                    Score.dimension_id.in_(o.dimensions),
                    Score.current.is_not(None) | Score.target.is_not(None))
                .group_by(Score.person_id)).all())
            dots = dict(conn.execute(select(DotVote.person_id, func.sum(DotVote.dots))
                                     .group_by(DotVote.person_id)).all())
            answered = set() if o.poll_id is None else set(answers_of(conn, o.poll_id))
            order = conn.execute(select(Person.id).order_by(Person.position, Person.id)).scalars()
            return [Guest(p, labels.get(p, ""), devices[p], int(scored.get(p, 0)),
                          int(dots.get(p) or 0), p in answered, self.points_written.get(p, 0))
                    for p in order if p in devices]

    # -- helpers

    @staticmethod
    def _require(is_open: bool) -> None:
        if not is_open:
            raise ApiError(409, "The facilitator has closed this for now.")

    @staticmethod
    def _person(conn: Connection, person_id: int) -> None:
        if conn.execute(select(Person.id).where(Person.id == person_id)).first() is None:
            # -- the person was merged into another, or their joining was undone
            raise ApiError(401, "Join the room again.")
