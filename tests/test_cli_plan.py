"""``bigdesk plan``: a stable contract for scripts, in JSON or words, changing nothing unless
asked to store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.analysis.planning import stored_plan
from bigdesk.cli import main
from bigdesk.exchange.register import register_ids
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import AccountabilityNode, Dependency, Initiative, ResourceType, SelectionRule
from bigdesk.store import create_workshop, open_workshop

from tests.helpers import run_bigdesk, sha256


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


def _plan(capsys: pytest.CaptureFixture[str], *args: str | Path) -> dict[str, Any]:
    assert main(["plan", *map(str, args), "--json"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_json_gives_the_schedule_by_register_ids_and_changes_nothing(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(sample)
    report = _plan(capsys, sample)
    assert sha256(sample) == before
    assert set(report) >= {"selected", "excluded", "proven_optimal", "gap", "objective",
                           "schedule", "load", "findings"}
    assert report["proven_optimal"] is True and report["gap"] == 0.0
    store = open_workshop(sample, read_only=True)
    try:
        with store.read() as conn:
            refs = register_ids(conn)
            links = conn.execute(select(Dependency.dependent_id, Dependency.prerequisite_id,
                                        Dependency.kind)).all()
    finally:
        store.close()
    by_ref = {line["ref"]: line for line in report["schedule"]}
    assert list(by_ref) == report["selected"]
    assert {e["ref"] for e in report["excluded"]} | set(by_ref) == {
        refs[i] for i in refs if refs[i].startswith("I")}
    # -- every dependency holds, read from the printed dates alone
    for dependent, prerequisite, kind in links:
        if refs[dependent] not in by_ref:
            continue
        assert refs[prerequisite] in by_ref
        mine, theirs = by_ref[refs[dependent]], by_ref[refs[prerequisite]]
        start, finish = dt.date.fromisoformat(mine["start"]), dt.date.fromisoformat(mine["finish"])
        if kind == "start-to-start":
            assert start >= dt.date.fromisoformat(theirs["start"])
        else:
            assert start > dt.date.fromisoformat(theirs["finish"])
        assert finish > start
    for line in report["load"]:
        assert line["capacity"] is None or line["used"] <= line["capacity"] + 1e-6
    assert {"code", "severity", "message", "element"} <= set(report["findings"][0])
    assert all(e["reason"] for e in report["excluded"])


def test_store_keeps_the_plan_as_the_accepted_one(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _plan(capsys, sample, "--store")
    store = open_workshop(sample, read_only=True)
    try:
        with store.read() as conn:
            accepted = stored_plan(conn)
            refs = register_ids(conn)
    finally:
        store.close()
    assert accepted is not None
    assert {refs[i] for i in accepted.selected} == set(report["selected"])
    assert round(accepted.objective, 1) == report["objective"]
    # -- check lists the plan's findings once a plan is accepted
    assert main(["check", str(sample), "--json"]) == 0
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert {"milestone-outside-plan", "split-target-missed"} <= codes


def test_a_must_on_a_must_not_is_a_finding(sample: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from bigdesk.app.prioritisation import set_moscow
    from bigdesk.model import MoSCoW

    store = open_workshop(sample)
    try:
        with store.read() as conn:
            i12 = conn.execute(select(Initiative.id).where(Initiative.ref == "I12")).scalar_one()
        set_moscow(store, i12, MoSCoW.MUST)
    finally:
        store.close()
    report = _plan(capsys, sample)
    clash = [f for f in report["findings"] if f["code"] == "moscow-conflict"]
    assert clash and "I12" in clash[0]["message"] and clash[0]["element"] == f"element:{i12}"
    assert "I12" not in report["selected"]


def test_scope_plans_within_one_node_and_text_reads(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_workshop(sample, read_only=True)
    try:
        with store.read() as conn:
            node = conn.execute(select(AccountabilityNode.id).where(
                AccountabilityNode.name == "Warehousing")).scalar_one()
            own = {r for r, in conn.execute(select(Initiative.ref)
                                            .where(Initiative.node_id == node))}
    finally:
        store.close()
    report = _plan(capsys, sample, "--scope", "warehousing")
    assert set(report["selected"]) | {e["ref"] for e in report["excluded"]} == own
    assert main(["plan", str(sample)]) == 0
    assert capsys.readouterr().out.startswith("Plan: ")
    assert main(["plan", str(sample), "--scope", "Nowhere"]) == 2


def test_an_unreadable_workshop_exits_2_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.bigdesk"
    path.write_bytes(b"not a workshop at all")
    result = run_bigdesk("plan", path, "--json")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_a_stale_plan_and_an_impossible_one_are_findings(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bigdesk.app.cascade import add_dependency
    from bigdesk.app.prioritisation import set_demand, set_rule

    _plan(capsys, sample, "--store")
    store = open_workshop(sample)
    try:
        with store.read() as conn:
            ids = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
            resource = conn.execute(select(ResourceType.id)).scalars().first()
        # -- I2 ran from the start: now it waits for I1, which runs later
        add_dependency(store, ids["I2"], ids["I1"])
    finally:
        store.close()
    assert main(["check", str(sample), "--json"]) == 0
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "plan-outdated" in codes
    store = open_workshop(sample)
    try:
        set_rule(store, ids["I12"], SelectionRule.MUST_DO)
        set_demand(store, ids["I12"], resource, 1_000_000)
    finally:
        store.close()
    report = _plan(capsys, sample)
    assert report["selected"] == [] and report["objective"] is None
    assert [f["code"] for f in report["findings"]].count("plan-infeasible") == 1
    assert main(["plan", str(sample), "--store"]) == 2
