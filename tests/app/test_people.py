"""Merging two names into one person, as one undoable edit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.app import prepare
from bigdesk.app.assessment import set_score
from bigdesk.app.people import join_participant, merge_people
from bigdesk.app.polls import answer_poll
from bigdesk.app.prioritisation import set_dots
from bigdesk.app.room import add_raid_item, set_members
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import (
    Dimension,
    DotVote,
    Element,
    ElementType,
    Person,
    PollAnswer,
    RaidItem,
    RaidKind,
    Score,
    TableGroupMember,
)
from bigdesk.store import Edit, EditRejectedError, WorkshopStore, create_workshop


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, less the version counters an undo moves on."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = {}
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')
                       if c[1] != "version"]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows[name] = sorted(conn.execute(f'SELECT {quoted} FROM "{name}"').fetchall(),
                                key=repr)
        return rows
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    made = create_workshop(tmp_path / "people.bigdesk", populate_sample)
    try:
        yield made
    finally:
        made.close()


def test_merging_passes_everything_on_and_the_kept_answers_stand(store: WorkshopStore) -> None:
    with store.read() as conn:
        amara = conn.execute(select(Person.id).where(Person.name == "Amara Okafor")).scalar_one()
        dims = conn.execute(select(Dimension.id).order_by(Dimension.id)).scalars().all()
        initiative = conn.execute(select(Element.id).where(
            Element.type == ElementType.INITIATIVE)).scalars().first()
    typo = join_participant(store, "Amara Okafr")
    # -- the typo scored one dimension Amara scored too, and one she did not
    set_score(store, typo, dims[0], "current", 1)
    with store.read() as conn:
        amara_had = conn.execute(select(Score.current).where(
            Score.person_id == amara, Score.dimension_id == dims[0])).scalar()
    assert amara_had is not None and amara_had != 1
    spare = dims[-1]
    set_score(store, amara, spare, "current", None)
    set_score(store, amara, spare, "target", None)
    assert not _scored(store, amara, spare)
    set_score(store, typo, spare, "target", 4)
    set_dots(store, typo, initiative, 1)
    answer_poll(store, 1, typo, 2)
    set_members(store, 1, [amara, typo])
    add_raid_item(store, RaidKind.ACTION, "Follow up", owner_id=typo)
    prepare.PEOPLE.set_value(store, typo, "role", "Chief Operating Officer")

    merge_people(store, amara, typo)

    with store.read() as conn:
        assert conn.execute(select(Person.id).where(Person.id == typo)).first() is None
        scores = dict(conn.execute(select(Score.dimension_id, Score.current)
                                   .where(Score.person_id == amara)).all())
        assert scores[dims[0]] == amara_had, "where both scored, the kept person's stands"
        assert conn.execute(select(Score.target).where(
            Score.person_id == amara, Score.dimension_id == spare)).scalar() == 4
        assert conn.execute(select(DotVote.dots).where(
            DotVote.person_id == amara, DotVote.initiative_id == initiative)).scalar() >= 1
        assert conn.execute(select(PollAnswer.option_id)
                            .where(PollAnswer.person_id == amara)).scalar() == 1
        members = conn.execute(select(TableGroupMember.person_id)
                               .where(TableGroupMember.table_group_id == 1)).scalars().all()
        assert members.count(amara) == 1 and typo not in members
        owner = conn.execute(select(RaidItem.owner_id)
                             .where(RaidItem.title == "Follow up")).scalar()
        assert owner == amara


def _scored(store: WorkshopStore, person: int, dimension: int) -> bool:
    with store.read() as conn:
        return conn.execute(select(Score.id).where(
            Score.person_id == person, Score.dimension_id == dimension)).first() is not None


def test_a_merge_is_one_edit_and_undoes_exactly(store: WorkshopStore) -> None:
    amara = join_participant(store, "Amara Okafor")
    typo = join_participant(store, "A. Okafor")
    set_score(store, typo, 1, "current", 2)
    answer_poll(store, 1, typo, 2)
    prepare.PEOPLE.set_value(store, amara, "concerns", "")
    prepare.PEOPLE.set_value(store, typo, "concerns", "Depots plan apart")
    before = _rows(store.path)
    undo: list[Edit] = []
    original = store.do

    def do(edit: Edit) -> Edit:
        undo.append(original(edit))
        return undo[-1]

    store.do = do  # type: ignore[method-assign]
    merge_people(store, amara, typo)
    assert [edit.label for edit in undo] == ["Merge people"]
    with store.read() as conn:
        concerns = conn.execute(select(Person.concerns).where(Person.id == amara)).scalar()
    assert concerns == "Depots plan apart", "details the kept person lacked are taken over"
    assert _rows(store.path) != before
    store.apply(undo[0])
    assert _rows(store.path) == before


def test_merging_refuses_nonsense(store: WorkshopStore) -> None:
    with pytest.raises(EditRejectedError):
        merge_people(store, 2, 2)
    with pytest.raises(EditRejectedError):
        merge_people(store, 2, 99_999)
