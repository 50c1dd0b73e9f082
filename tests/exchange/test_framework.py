"""Framework files: the default is valid, round trips, bad files say where, imports are one edit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bigdesk import paths
from bigdesk.exchange.framework import (
    Framework,
    FrameworkDimension,
    FrameworkError,
    FrameworkGroup,
    default_framework,
    export_framework,
    load_framework,
    plan_framework_import,
    save_framework,
    workshop_framework,
)
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Consensus, Dimension, DimensionGroup, Score
from bigdesk.store import WorkshopStore, create_workshop

from tests.helpers import sha256


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    store = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield store
    store.close()


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _valid() -> dict[str, Any]:
    return {"format": "bigdesk-framework", "version": 1, "name": "House", "groups": [
        {"name": "People", "dimensions": [
            {"key": "skills", "name": "Skills", "description": "d",
             "levels": {"1": "one", "5": "five"}},
        ]},
    ]}  # fmt: skip


def test_default_framework_is_valid_and_complete() -> None:
    framework = default_framework()
    assert [g.name for g in framework.groups] == ["Enablers", "Technology", "Culture change"]
    assert [len(g.dimensions) for g in framework.groups] == [5, 7, 6]
    keys = [d.key for d in framework.dimensions()]
    assert len(set(keys)) == len(keys)
    for dimension in framework.dimensions():
        assert dimension.description and all(dimension.levels), dimension.key


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_round_trip_through_every_format(tmp_path: Path, suffix: str) -> None:
    framework = default_framework()
    target = tmp_path / f"framework{suffix}"
    save_framework(framework, target)
    again = load_framework(target)
    assert again.groups == framework.groups


def test_workshop_framework_exports_what_was_copied_in(sample: WorkshopStore,
                                                       tmp_path: Path) -> None:
    with sample.read() as conn:
        export_framework(conn, tmp_path / "out.json")
    assert load_framework(tmp_path / "out.json").groups == default_framework().groups


def _error(path: Path) -> str:
    with pytest.raises(FrameworkError) as raised:
        load_framework(path)
    message = str(raised.value)
    assert "nothing was imported" in message or path.suffix != ".json"
    return message


def test_malformed_json_says_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "groups": [\n    {"name": "x",, }\n]}', encoding="utf-8")
    assert "bad.json is not valid JSON" in _error(path)
    assert "line 3" in _error(path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["groups"][0]["dimensions"][0].update(levls={}),
         "group 1 (People), dimension 1 (skills): unknown field 'levls'"),
        (lambda d: d.update(colour="red"), "top level: unknown field 'colour'"),
        (lambda d: d["groups"][0].update(owner="me"), "group 1 (People): unknown field 'owner'"),
        (lambda d: d["groups"][0]["dimensions"][0]["levels"].update({"6": "six"}),
         "dimension 1 (skills): level '6' is out of range (levels run from 1 to 5)"),
        (lambda d: d["groups"][0]["dimensions"][0]["levels"].update({"0": "zero"}),
         "level '0' is out of range"),
        (lambda d: d["groups"][0]["dimensions"].append({"key": "skills", "name": "Again"}),
         "dimension skills: duplicate key (also used in group People)"),
        (lambda d: d["groups"].append({"name": "people", "dimensions": []}),
         "group 2 (people): duplicate group name (also group 1)"),
        (lambda d: d["groups"][0]["dimensions"][0].pop("name"),
         "group 1 (People), dimension 1 (skills): name is missing"),
        (lambda d: d["groups"][0]["dimensions"][0].update(key="  "),
         "group 1 (People), dimension 1: key is missing"),
        (lambda d: d["groups"][0].update(name=""), "group 1: name is missing"),
        (lambda d: d["groups"][0]["dimensions"][0].update(name=7),
         "name must be text, not int"),
        (lambda d: d.update(groups=[]), "top level: groups must be a non-empty list"),
        (lambda d: d.update(format="other"), "format is 'other'"),
        (lambda d: d.update(version=2), "version 2 is not one this BIG Desk reads"),
        (lambda d: d["groups"][0]["dimensions"][0].update(levels=["a", "b"]),
         "levels must be an object"),
    ],
)
def test_every_bad_input_says_where(tmp_path: Path, change: Any, expected: str) -> None:
    data = _valid()
    change(data)
    assert expected in _error(_write(tmp_path / "house.json", data))


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    data = _valid()
    data["groups"][0]["dimensions"].append({"key": "", "name": "", "wrong": 1})
    message = _error(_write(tmp_path / "house.json", data))
    assert "dimension 2: key is missing" in message
    assert "dimension 2: name is missing" in message
    assert "dimension 2: unknown field 'wrong'" in message


def test_a_json_array_is_refused(tmp_path: Path) -> None:
    assert "one JSON object" in _error(_write(tmp_path / "list.json", [1, 2]))


def test_table_layout_problems_name_the_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "house.csv"
    path.write_text("group,key,name,colour\nPeople,skills,Skills,red\n", encoding="utf-8")
    assert "column 4: unknown column 'colour'" in _error(path)
    path.write_text("group,key,name\nPeople,skills,Skills\nPeople,,Other\n"
                    "People,skills,Again\n", encoding="utf-8")
    message = _error(path)
    assert "row 3: key is missing" in message
    path.write_text("group,name\nPeople,Skills\n", encoding="utf-8")
    assert "header row: the column 'key' is missing" in _error(path)
    path.write_text("group,key,name\nPeople,skills,Skills\nPeople,skills,Again\n",
                    encoding="utf-8")
    assert "duplicate key" in _error(path)


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text("groups: []", encoding="utf-8")
    assert "choose a .json, .csv or .xlsx" in _error(path)


def test_bad_file_leaves_the_workshop_untouched(sample: WorkshopStore, tmp_path: Path) -> None:
    from bigdesk.exchange.framework import import_framework_file

    data = _valid()
    data["groups"][0]["dimensions"][0]["levels"]["7"] = "x"
    bad = _write(tmp_path / "bad.json", data)
    before = sha256(sample.path)
    with pytest.raises(FrameworkError):
        import_framework_file(sample, bad)
    assert sha256(sample.path) == before


def _counts(store: WorkshopStore) -> tuple[int, int, int, int]:
    with store.read() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (DimensionGroup, Dimension, Score, Consensus))  # type: ignore[return-value]


def test_replacing_keeps_scores_of_matched_keys_and_removes_the_rest(
        sample: WorkshopStore) -> None:
    before = _counts(sample)
    default = default_framework()
    kept = default.groups[0].dimensions[:2]
    new = FrameworkDimension("portfolio-office", "Portfolio office", "", ("a", "b", "c", "d", "e"))
    framework = Framework("House", (
        FrameworkGroup("Foundations", (*reversed(kept), new)),
    ))
    with sample.read() as conn:
        plan = plan_framework_import(conn, framework, replace=True)
        scores_kept = conn.execute(select(func.count()).select_from(Score).join(Dimension)
                                   .where(Dimension.key.in_([d.key for d in kept]))).scalar_one()
    assert plan.added == ["portfolio-office"]
    assert {r.key for r in plan.removed} == {d.key for d in default.dimensions()} - {
        d.key for d in kept}
    assert plan.scores_lost == before[2] - scores_kept
    inverse, _ = sample.apply(plan.edit)
    with sample.read() as conn:
        assert workshop_framework(conn).groups == framework.groups
    assert _counts(sample)[2] == scores_kept
    # -- one edit: undoing it restores everything, scores included
    sample.apply(inverse)
    assert _counts(sample) == before
    with sample.read() as conn:
        assert workshop_framework(conn).groups == default.groups


def test_merging_updates_texts_and_keeps_other_dimensions(sample: WorkshopStore) -> None:
    before = _counts(sample)
    first = default_framework().groups[0].dimensions[0]
    changed = FrameworkDimension(first.key, "Purpose clarity", first.description, first.levels)
    framework = Framework("Patch", (FrameworkGroup("Enablers", (changed,)),
                                    FrameworkGroup("Data", (FrameworkDimension("bi", "BI"),))))
    with sample.read() as conn:
        plan = plan_framework_import(conn, framework, replace=False)
    assert plan.updated == [first.key] and plan.added == ["bi"] and not plan.removed
    sample.apply(plan.edit)
    after = _counts(sample)
    assert after == (before[0] + 1, before[1] + 1, before[2], before[3])
    with sample.read() as conn:
        result = workshop_framework(conn)
    assert [g.name for g in result.groups] == ["Enablers", "Data", "Technology",
                                               "Culture change"]
    assert result.groups[0].dimensions[0].name == "Purpose clarity"
    assert len(result.groups[0].dimensions) == 5


def test_default_file_is_found_as_a_resource() -> None:
    assert paths.resource("frameworks", "big-default.json").is_file()
