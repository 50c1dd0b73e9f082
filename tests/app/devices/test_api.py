"""The page's API, without HTTP: what each request may do, through the ordinary services."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from bigdesk.app import prepare
from bigdesk.app.devices.api import MAX_POINT_LENGTH, RoomApi
from bigdesk.app.devices.openings import Openings
from bigdesk.model import (
    Dimension,
    DotVote,
    Element,
    ElementType,
    KeyPoint,
    Person,
    PollAnswer,
    PollOption,
    Score,
    TableGroup,
    Workshop,
)
from bigdesk.store import Edit, SetValues, WorkshopStore, open_workshop


class CountingWorkspace:
    """A workspace that counts the edits made through it (each one undo step in the window)."""

    def __init__(self, store: WorkshopStore) -> None:
        self.store = store
        self.labels: list[str] = []

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def read(self) -> AbstractContextManager[Connection]:
        return self.store.read()

    def do(self, edit: Edit) -> Edit:
        self.labels.append(edit.label)
        return self.store.do(edit)


@pytest.fixture
def workspace(sample_file: Path, tmp_path: Path) -> Iterator[CountingWorkspace]:
    path = tmp_path / "api.bigdesk"
    shutil.copyfile(sample_file, path)
    store = open_workshop(path)
    try:
        yield CountingWorkspace(store)
    finally:
        store.close()


@pytest.fixture
def api(workspace: CountingWorkspace) -> RoomApi:
    """Return the API of a room with everything open and no result revealed."""
    room = RoomApi(workspace)
    with workspace.read() as conn:
        dimensions = tuple(conn.execute(select(Dimension.id)).scalars())
    room.openings = Openings(dimensions=dimensions, scores=True, votes=True, points=True,
                             poll_id=1, poll=True)
    return room


def _call(api: RoomApi, action: str, person: int | None, body: Any) -> tuple[int, Any]:
    """Carry out one request; return its status and its answer as the JSON a phone reads."""
    status, answer = api.handle(action, person, body)
    return status, dataclasses.asdict(answer)  # type: ignore[call-overload]


def _join(api: RoomApi, name: str) -> tuple[int, str]:
    status, answer = _call(api, "join", None, {"code": api.admission.code, "name": name})
    assert status == 200, answer
    person = api.admission.person_of(answer["token"])
    assert person is not None
    return person, answer["token"]


def _dimension(workspace: CountingWorkspace, key: str) -> int:
    with workspace.read() as conn:
        return int(conn.execute(select(Dimension.id).where(Dimension.key == key)).scalar_one())


def test_a_known_name_joins_as_that_participant_and_a_new_one_is_added(
        api: RoomApi, workspace: CountingWorkspace) -> None:
    amara, _ = _join(api, "  amara   OKAFOR ")
    with workspace.read() as conn:
        assert conn.execute(select(Person.name).where(Person.id == amara)).scalar() == \
            "Amara Okafor"
    assert workspace.labels == []
    newcomer, _ = _join(api, "Sam Newcomer")
    assert workspace.labels == ["Join from a device"]
    again, _ = _join(api, "sam newcomer")
    assert again == newcomer and workspace.labels == ["Join from a device"]
    status, answer = _call(api, "join", None, {"code": api.admission.code, "name": "  "})
    assert status == 422 and "name" in answer["error"]


def test_anonymous_mode_asks_no_name_and_keeps_none(api: RoomApi,
                                                    workspace: CountingWorkspace) -> None:
    workspace.do(SetValues(Workshop, 1, {"anonymous": True}))
    status, names = _call(api, "names", None, {"code": api.admission.code})
    assert status == 200 and names == {"anonymous": True, "names": []}
    first, _ = _join(api, "Amara Okafor")
    second, _ = _join(api, "")
    assert first != second
    with workspace.read() as conn:
        stored = conn.execute(select(Person.name).where(Person.id.in_([first, second])))
        assert set(stored.scalars()) == {""}
    you = _call(api, "state", second, None)[1]["you"]
    assert you.startswith("P") and you[1:].isdigit()


def test_one_request_sets_both_levels_as_one_edit(api: RoomApi,
                                                  workspace: CountingWorkspace) -> None:
    person, _ = _join(api, "Sam Newcomer")
    workspace.labels.clear()
    key = "clarity-of-purpose"
    status, answer = _call(api, "scores", person, {"dimension": key, "current": 2, "target": 0})
    assert status == 200 and answer == {"dimension": key, "current": 2, "target": 0}
    assert workspace.labels == ["Score current 2, target N/A"]
    status, answer = _call(api, "scores", person, {"dimension": key, "target": None})
    assert answer == {"dimension": key, "current": 2, "target": None}
    status, answer = _call(api, "scores", person, {"dimension": key, "current": None})
    assert answer == {"dimension": key, "current": None, "target": None}
    with workspace.read() as conn:
        left = conn.execute(select(Score.id).where(Score.person_id == person)).all()
    assert left == [], "a score with neither level is removed"


def test_only_open_things_can_be_answered(api: RoomApi, workspace: CountingWorkspace) -> None:
    person, _ = _join(api, "Sam Newcomer")
    purpose = _dimension(workspace, "clarity-of-purpose")
    api.openings = Openings(dimensions=(purpose,), scores=True)
    assert _call(api, "scores", person, {"dimension": "strategic-process", "current": 3})[0] \
        == 409
    assert _call(api, "votes", person, {"initiative": 1, "dots": 1})[0] == 409
    assert _call(api, "points", person, {"text": "A point"})[0] == 409
    assert _call(api, "poll", person, {"poll": 1, "option": 1})[0] == 409
    state = _call(api, "state", person, None)[1]
    assert state["open"] == {"scores": True, "votes": False, "points": False, "poll": False}
    assert [d["key"] for d in state["dimensions"]] == ["clarity-of-purpose"]
    assert len(state["dimensions"][0]["levels"]) == 5 and all(state["dimensions"][0]["levels"])
    assert state["votes"] is None and state["points"] is None and state["poll"] is None


def test_points_go_to_the_writers_table_else_the_rounds_group(
        api: RoomApi, workspace: CountingWorkspace) -> None:
    seated, _ = _join(api, "Amara Okafor")
    unseated, _ = _join(api, "Sam Newcomer")
    with workspace.read() as conn:
        tables = dict(conn.execute(select(TableGroup.name, TableGroup.id)).all())
    _call(api, "points", seated, {"text": "Depots plan \u202eapart\x00"})
    _call(api, "points", unseated, {"text": "To the parking lot"})
    api.openings = api.openings.with_(points_group=tables["Finance and customer table"])
    _call(api, "points", unseated, {"text": "To the finance table"})
    with workspace.read() as conn:
        rows = conn.execute(select(KeyPoint.text, KeyPoint.table_group_id, KeyPoint.silent,
                                   KeyPoint.revealed).order_by(KeyPoint.id.desc()).limit(3))
        got = [tuple(row) for row in rows]
    assert got == [("To the finance table", tables["Finance and customer table"], True, False),
                   ("To the parking lot", None, True, False),
                   ("Depots plan apart", tables["Operations table"], True, False)]
    assert _call(api, "state", unseated, None)[1]["points"]["written"] == 2
    too_long = _call(api, "points", seated, {"text": "x" * (MAX_POINT_LENGTH + 1)})
    assert too_long[0] == 422


def test_dots_stay_within_the_budget(api: RoomApi, workspace: CountingWorkspace) -> None:
    person, _ = _join(api, "Sam Newcomer")
    with workspace.read() as conn:
        first, second = conn.execute(select(Element.id).where(
            Element.type == ElementType.INITIATIVE).order_by(Element.position).limit(2)).scalars()
        objective = conn.execute(select(Element.id).where(
            Element.type == ElementType.OBJECTIVE)).scalars().first()
    assert _call(api, "votes", person, {"initiative": first, "dots": 3})[1]["left"] == 2
    status, answer = _call(api, "votes", person, {"initiative": second, "dots": 3})
    assert status == 409 and "2 of your 5 dots" in answer["error"]
    assert _call(api, "votes", person, {"initiative": objective, "dots": 1})[0] == 404
    assert _call(api, "votes", person, {"initiative": first, "dots": 0})[1]["left"] == 5
    with workspace.read() as conn:
        assert conn.execute(select(DotVote.id).where(DotVote.person_id == person)).all() == []


def test_a_poll_answer_can_change_but_not_stray_to_another_poll(
        api: RoomApi, workspace: CountingWorkspace) -> None:
    person, _ = _join(api, "Sam Newcomer")
    state = _call(api, "state", person, None)[1]
    options = [o["id"] for o in state["poll"]["options"]]
    assert state["poll"]["answer"] is None and len(options) == 2
    _call(api, "poll", person, {"poll": 1, "option": options[0]})
    _call(api, "poll", person, {"poll": 1, "option": options[1]})
    assert _call(api, "state", person, None)[1]["poll"]["answer"] == options[1]
    from bigdesk.app.polls import add_poll

    other = add_poll(workspace, "Tea or coffee?", ["Tea", "Coffee"])
    with workspace.read() as conn:
        foreign = conn.execute(select(PollOption.id).where(PollOption.poll_id == other)).scalar()
        answers = conn.execute(select(PollAnswer.option_id)
                               .where(PollAnswer.person_id == person)).scalars().all()
    assert answers == [options[1]]
    assert _call(api, "poll", person, {"poll": 1, "option": foreign})[0] == 404
    assert _call(api, "poll", person, {"poll": other, "option": foreign})[0] == 409


def test_results_show_only_once_revealed(api: RoomApi, workspace: CountingWorkspace) -> None:
    a, _ = _join(api, "Sam Newcomer")
    b, _ = _join(api, "Alex Newcomer")
    purpose = _dimension(workspace, "clarity-of-purpose")
    api.openings = api.openings.with_(dimensions=(purpose,))
    assert set(_call(api, "state", a, None)[1]["results"].values()) == {None}
    _call(api, "scores", a, {"dimension": "clarity-of-purpose", "current": 1, "target": 5})
    _call(api, "scores", b, {"dimension": "clarity-of-purpose", "current": 4, "target": 0})
    api.openings = api.openings.with_(show_scores=True, show_votes=True, show_poll=True,
                                      show_points=True)
    results = _call(api, "state", a, None)[1]["results"]
    with workspace.read() as conn:
        levels = conn.execute(select(Score.current).where(Score.dimension_id == purpose)
                              .where(Score.current > 0)).scalars().all()
    current = results["scores"][0]["current"]
    assert (current["low"], current["high"], current["n"]) == (min(levels), max(levels),
                                                               len(levels))
    assert results["scores"][0]["target"]["not_applicable"] >= 1
    assert results["votes"] and all(row["dots"] > 0 for row in results["votes"])
    assert [row["count"] for row in results["poll"]["options"]] == [3, 1]
    assert results["points"]["parking_lot"] is True
    assert results["points"]["points"] == [
        "Revisit the depot managers' bonus scheme once accountability nodes are agreed."]


def test_a_person_no_longer_there_must_join_again(api: RoomApi,
                                                  workspace: CountingWorkspace) -> None:
    person, token = _join(api, "Sam Newcomer")
    prepare.PEOPLE.remove(workspace, [person])
    assert api.admission.person_of(token) == person
    assert _call(api, "state", person, None)[0] == 401
    assert _call(api, "scores", person, {"dimension": "clarity-of-purpose", "current": 3})[0] \
        == 401


def test_the_roster_says_who_joined_and_answered(api: RoomApi) -> None:
    assert api.guests() == []
    person, _ = _join(api, "Sam Newcomer")
    _join(api, "Sam Newcomer")
    _call(api, "scores", person, {"dimension": "clarity-of-purpose", "current": 3})
    _call(api, "points", person, {"text": "One"})
    _call(api, "poll", person, {"poll": 1, "option": 1})
    (guest,) = api.guests()
    assert (guest.label, guest.devices, guest.scored, guest.dots, guest.answered_poll,
            guest.points) == ("Sam Newcomer", 2, 1, 0, True, 1)


def test_join_codes_are_checked_here_too(api: RoomApi) -> None:
    wrong: Any = "x" + api.admission.code[1:]
    assert _call(api, "join", None, {"code": wrong, "name": "Sam"})[0] == 403
    assert _call(api, "state", None, None)[0] == 401
    assert _call(api, "nothing", 1, {})[0] == 404
