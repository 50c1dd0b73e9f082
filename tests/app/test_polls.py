"""Quick polls: a question with a few options, one answer a participant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bigdesk.analysis.polls import answers_of, poll_options, tally
from bigdesk.app.polls import MAX_OPTIONS, add_poll, answer_poll, remove_poll
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Person, PersonKind, Poll, PollAnswer, PollOption
from bigdesk.store import EditRejectedError, InsertRow, WorkshopStore, create_workshop


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    made = create_workshop(tmp_path / "polls.bigdesk", populate_blank)
    try:
        yield made
    finally:
        made.close()


def _person(store: WorkshopStore, name: str) -> int:
    inverse = store.do(InsertRow(Person, {"name": name, "kind": PersonKind.PARTICIPANT}))
    return int(inverse.row_id)  # type: ignore[attr-defined]


def test_a_poll_is_asked_answered_and_counted(store: WorkshopStore) -> None:
    poll = add_poll(store, "  Which enabler first? ", ["A: RAID log", "", "B: OKR platform"])
    alex, sam = _person(store, "Alex"), _person(store, "Sam")
    with store.read() as conn:
        a, b = (o.id for o in poll_options(conn, poll))
        assert conn.execute(select(Poll.question)).scalar() == "Which enabler first?"
    assert answer_poll(store, poll, alex, a)
    assert answer_poll(store, poll, sam, a)
    assert not answer_poll(store, poll, sam, a)
    assert answer_poll(store, poll, sam, b)
    with store.read() as conn:
        assert [(c.text, c.count) for c in tally(conn, poll)] == [("A: RAID log", 1),
                                                                  ("B: OKR platform", 1)]
        assert answers_of(conn, poll) == {alex: a, sam: b}
    remove_poll(store, poll)
    with store.read() as conn:
        left = [conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (Poll, PollOption, PollAnswer)]
    assert left == [0, 0, 0]


@pytest.mark.parametrize(("question", "options", "problem"), [
    ("", ["a", "b"], "cannot be empty"),
    ("Which?", ["only one"], "2 to 8 options"),
    ("Which?", [str(n) for n in range(MAX_OPTIONS + 1)], "2 to 8 options"),
    ("Which?", ["Tea", " tea "], "read the same"),
    ("Which?", ["a", "x" * 201], "200 characters"),
    ("x" * 501, ["a", "b"], "500 characters"),
])
def test_a_poll_that_cannot_be_asked_is_refused(store: WorkshopStore, question: str,
                                                options: list[str], problem: str) -> None:
    with pytest.raises(EditRejectedError, match=problem):
        add_poll(store, question, options)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(Poll)).scalar_one() == 0


def test_an_answer_must_be_an_option_of_its_poll(store: WorkshopStore) -> None:
    first = add_poll(store, "One?", ["a", "b"])
    second = add_poll(store, "Two?", ["c", "d"])
    person = _person(store, "Alex")
    with store.read() as conn:
        foreign = poll_options(conn, second)[0].id
    with pytest.raises(EditRejectedError, match="no such option"):
        answer_poll(store, first, person, foreign)
