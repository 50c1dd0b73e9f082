"""Microsoft Project XML plans: top-level tasks become initiatives, with milestones and links."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Dependency, Milestone, Person
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore, create_workshop, fetch

from tests.helpers import run_in_process

PROGRAMME = Path(__file__).parent / "fixtures" / "programme.xml"


def apply(store: WorkshopStore, path: Path) -> Any:
    with store.read() as conn:
        planned = plan_import(conn, path)
    store.apply(planned.edit)
    return planned


def initiatives(store: WorkshopStore) -> dict[str, dict[str, Any]]:
    with store.read() as conn:
        rows = conn.execute(select(Element.__table__)).mappings().all()
    return {row["title"]: dict(row) for row in rows}


def dependencies(store: WorkshopStore) -> set[tuple[str, str, str]]:
    with store.read() as conn:
        titles = dict(conn.execute(select(Element.id, Element.title)).all())
        return {(titles[d], titles[p], k) for d, p, k in conn.execute(
            select(Dependency.dependent_id, Dependency.prerequisite_id, Dependency.kind))}


def test_top_level_tasks_become_initiatives_with_rolled_up_values(store: WorkshopStore) -> None:
    planned = apply(store, PROGRAMME)
    assert planned.summary.startswith("Imported 3 elements from programme.xml (3 initiatives) "
                                      "with 3 dependencies, 2 milestones")
    found = initiatives(store)
    assert set(found) == {"Depot tracking rollout", "Customer tracking portal",
                          "Retire paper manifests"}
    rollout = found["Depot tracking rollout"]
    # -- the summary task's own values: cost in hundredths, work in hours of an 8-hour day
    assert (rollout["budget"], rollout["effort"], rollout["progress"]) == (450_000, 120, 30)
    assert (str(rollout["starts_on"]), str(rollout["ends_on"])) == ("2026-01-05", "2026-06-26")
    assert rollout["status"] == "In progress" and "every depot" in rollout["description"]
    # -- a summary task without values of its own: its subtasks roll up, % complete by work
    portal = found["Customer tracking portal"]
    assert (portal["budget"], portal["effort"], portal["progress"]) == (300_000, 120, 12.5)
    assert (str(portal["starts_on"]), str(portal["ends_on"])) == ("2026-03-02", "2026-07-31")
    with store.read() as conn:
        people = dict(conn.execute(select(Person.id, Person.name)).all())
        milestones = {(m.name, str(m.due), m.status.value, m.initiative_id)
                      for m in fetch(conn, select(Milestone))}
    # -- the task's contact, else the first resource assigned under it
    assert people[rollout["owner_id"]] == "Kwame Mensah"
    assert people[portal["owner_id"]] == "Lucía Fernández"
    assert milestones == {("Pilot sign-off", "2026-02-27", "achieved", rollout["id"]),
                          ("Portal live", "2026-07-31", "planned", portal["id"])}
    # -- links across top-level tasks only; the strongest kind of several wins
    assert dependencies(store) == {
        ("Customer tracking portal", "Depot tracking rollout", "finish-to-start"),
        ("Retire paper manifests", "Depot tracking rollout", "finish-to-finish"),
        ("Retire paper manifests", "Customer tracking portal", "finish-to-start"),
    }


def test_a_newer_version_of_the_plan_updates_it(store: WorkshopStore, tmp_path: Path) -> None:
    apply(store, PROGRAMME)
    again = apply(store, PROGRAMME)
    assert again.summary.startswith("Nothing new") and not again.preview()
    newer = tmp_path / "programme.xml"
    newer.write_text(PROGRAMME.read_text(encoding="utf-8")
                     .replace("<Cost>45000000</Cost>", "<Cost>46000000</Cost>")
                     .replace("2026-07-31T17:00:00</Start><Finish>2026-07-31",
                              "2026-08-14T17:00:00</Start><Finish>2026-08-14"),
                     encoding="utf-8")
    with store.read() as conn:
        planned = plan_import(conn, newer)
    preview = planned.preview()
    assert any("budget: 450000 → 460000" in line for line in preview), preview
    assert any("milestone Portal live: Portal live 2026-07-31 (planned) → Portal live "
               "2026-08-14 (planned)" in line for line in preview), preview
    store.apply(planned.edit)
    with store.read() as conn:
        assert conn.execute(select(Milestone.due).where(Milestone.name == "Portal live")
                            ).scalar_one().isoformat() == "2026-08-14"


def test_the_register_round_trip_keeps_dates_budgets_and_dependencies(
    store: WorkshopStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply(store, PROGRAMME)
    register = tmp_path / "register.csv"
    result = run_in_process(capsys, "export", store.path, "--register", register)
    assert result.returncode == 0, result.stderr
    other = create_workshop(tmp_path / "other.bigdesk", populate_blank)
    try:
        apply(other, register)
        keys = ("budget", "effort", "starts_on", "ends_on", "progress", "status")
        assert {t: tuple(r[k] for k in keys) for t, r in initiatives(other).items()} == {
            t: tuple(r[k] for k in keys) for t, r in initiatives(store).items()}
        assert dependencies(other) == dependencies(store)
    finally:
        other.close()


def test_bad_tasks_are_listed_by_row_and_field(store: WorkshopStore, tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(PROGRAMME.read_text(encoding="utf-8")
                    .replace("<Cost>8000000</Cost>", "<Cost>lots</Cost>")
                    .replace("<Start>2026-07-01T08:00:00</Start>", "<Start>July</Start>")
                    .replace("<Work>PT240H0M0S</Work>", "<Work>ten days</Work>"),
                    encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    assert [str(p) for p in refused.value.problems] == [
        "row 6, column Cost: 'lots' is not a number BIG Desk can use.",
        "row 6, column Work: 'ten days' is not a duration (such as PT16H0M0S).",
        "row 10, column Start: 'July' is not a date.",
    ]


def test_dry_run_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.bigdesk"
    assert run_in_process(capsys, "new", path).returncode == 0
    result = run_in_process(capsys, "import", path, PROGRAMME, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "3 to add" in result.stdout and "initiative “Customer tracking portal”" in (
        result.stdout)
    # -- a dry run writes nothing; the import does, and check counts what it brought
    before = json.loads(run_in_process(capsys, "check", path, "--json").stdout)["counts"]
    assert before["dependencies"] == 0
    assert run_in_process(capsys, "import", path, PROGRAMME).returncode == 0
    counts = json.loads(run_in_process(capsys, "check", path, "--json").stdout)["counts"]
    assert (counts["initiatives"], counts["milestones"], counts["dependencies"]) == (3, 2, 3)
