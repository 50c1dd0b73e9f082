"""``bigdesk compare``: random edits applied to a session come back, exactly, as the difference."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from bigdesk.exchange.compare import Entry, FieldChange, compare, compare_files
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Alignment, Dependency, Dimension, Element, ElementType, Score
from bigdesk.store import DeleteRow, InsertRow, SetValues, create_workshop, open_workshop

from tests.helpers import run_bigdesk

# -- the register columns a random change may touch, and the kinds that have each
TEXT_COLUMNS = ("title", "status", "description")
NUMBER_COLUMNS = {"progress": None, "baseline": ElementType.KEY_RESULT,
                  "target": ElementType.KEY_RESULT, "budget": ElementType.INITIATIVE,
                  "effort": ElementType.INITIATIVE}  # fmt: skip
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "first.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_compare_gives_back_exactly_the_edits_made(session: Path, tmp_path_factory:
                                                   pytest.TempPathFactory,
                                                   data: st.DataObject) -> None:
    follow_up = tmp_path_factory.mktemp("next") / "next.bigdesk"
    shutil.copyfile(session, follow_up)
    store = open_workshop(follow_up)
    try:
        with store.read() as conn:
            elements = {e.ref: e for e in conn.execute(select(Element.__table__)).all()}
            parents = set(conn.execute(select(Alignment.parent_id)).scalars())
            prerequisites = set(conn.execute(select(Dependency.prerequisite_id)).scalars())
        refs = sorted(elements)
        touched = data.draw(st.lists(st.sampled_from(refs), max_size=8, unique=True))
        added, removed, changed = set(), set(), set()
        for ref in touched:
            row = elements[ref]
            leaf = row.id not in parents and row.id not in prerequisites
            if leaf and data.draw(st.booleans()):
                store.do(DeleteRow(Element, row.id))
                removed.add(Entry(ref, row.type.value, row.title))
                continue
            columns = [*TEXT_COLUMNS] + [c for c, kind in NUMBER_COLUMNS.items()
                                                   if kind in (None, row.type)]
            column = data.draw(st.sampled_from(columns))
            before = getattr(row, column)
            if column in TEXT_COLUMNS:
                value: object = data.draw(WORDS.filter(lambda w, old=before: w != old))
            else:
                high = 100 if column == "progress" else 1_000_000
                value = data.draw(st.integers(0, high).map(float).filter(
                    lambda v, old=before: v != old))
            store.do(SetValues(Element, row.id, {column: value}))
            if isinstance(before, float):
                before = _number(before)
            after = _number(value) if isinstance(value, float) else value
            changed.add(FieldChange(ref, column, None if before in (None, "") else before, after))
        for number in range(data.draw(st.integers(0, 3))):
            title = data.draw(WORDS)
            store.do(InsertRow(Element, {"type": ElementType.OBJECTIVE, "ref": f"NEW{number}",
                                         "title": title}))
            added.add(Entry(f"NEW{number}", "objective", title))
    finally:
        store.close()
    result = compare_files(session, follow_up)
    assert set(result.added) == added and len(result.added) == len(added)
    assert set(result.removed) == removed and len(result.removed) == len(removed)
    assert set(result.changed) == changed and len(result.changed) == len(changed)


def test_a_file_compared_with_itself_reports_nothing(session: Path) -> None:
    result = run_bigdesk("compare", session, session, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"added": [], "removed": [], "changed": []}


def test_assessment_medians_compared_per_dimension(session: Path, tmp_path: Path) -> None:
    follow_up = tmp_path / "next.bigdesk"
    shutil.copyfile(session, follow_up)
    store = open_workshop(follow_up)
    try:
        with store.engine.begin() as conn:
            dimension = conn.execute(select(Dimension.id, Dimension.key)
                                     .order_by(Dimension.id)).first()
            assert dimension is not None
            # -- everyone now scores the first dimension at 5: its median current level is 5
            assert sorted(conn.execute(select(Score.current).where(
                Score.dimension_id == dimension.id)).scalars())[0] < 5
            conn.execute(update(Score).where(Score.dimension_id == dimension.id)
                         .values(current=5))
        first = open_workshop(session, read_only=True)
        try:
            with store.read() as new, first.read() as old:
                result = compare(old, new)
        finally:
            first.close()
    finally:
        store.close()
    assert [c.field for c in result.changed if c.ref == dimension.key] == [
        "median current level"]
    assert [c.after for c in result.changed if c.ref == dimension.key] == [5.0]


def test_compare_on_the_command_line(session: Path, tmp_path: Path) -> None:
    result = run_bigdesk("compare", session, tmp_path / "missing.bigdesk")
    assert result.returncode == 2 and "missing.bigdesk" in result.stderr
    text = run_bigdesk("compare", session, session)
    assert text.returncode == 0 and "no difference" in text.stdout
