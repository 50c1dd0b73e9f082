"""Jira CSV exports: epics become initiatives, blocking links between their issues dependencies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.jira import jira_date, looks_like_jira
from bigdesk.exchange.tabular import read_csv
from bigdesk.model import Dependency, Person
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore

JIRA = Path(__file__).parent / "fixtures" / "jira_export.csv"


def apply(store: WorkshopStore, path: Path) -> str:
    with store.read() as conn:
        planned = plan_import(conn, path)
    store.apply(planned.edit)
    return planned.summary


def rows(store: WorkshopStore) -> dict[str, dict[str, Any]]:
    with store.read() as conn:
        return {r["ref"]: dict(r) for r in conn.execute(select(Element.__table__)).mappings()}


def test_the_export_is_told_apart_and_its_dates_read() -> None:
    assert looks_like_jira(read_csv(JIRA).headers)
    assert not looks_like_jira(["id", "type", "title", "summary"])
    assert str(jira_date("12/Oct/26 9:14 AM")) == "2026-10-12"
    assert str(jira_date("05/Jan/2026")) == "2026-01-05"
    assert str(jira_date("2026-01-05 09:00")) == "2026-01-05"
    with pytest.raises(ValueError):
        jira_date("31/Foo/26")


def test_epics_become_initiatives_and_links_between_their_issues_dependencies(
    store: WorkshopStore,
) -> None:
    summary = apply(store, JIRA)
    assert summary.startswith("Imported 3 elements from jira_export.csv (3 initiatives) with 3 "
                              "dependencies")
    assert "5 stories, tasks and other issues are not initiatives" in summary
    assert "1 link to issues not in the export was left out" in summary
    found = rows(store)
    assert set(found) == {"DEL-1", "DEL-2", "DEL-3"}
    portal = found["DEL-1"]
    # -- estimate in seconds of an 8-hour day; progress from time spent and remaining
    assert (portal["effort"], portal["progress"], portal["budget"]) == (80, 25, 300_000)
    assert (str(portal["starts_on"]), str(portal["ends_on"])) == ("2026-03-02", "2026-07-31")
    assert portal["status"] == "In Progress" and portal["description"].startswith("Live parcel")
    with store.read() as conn:
        people = dict(conn.execute(select(Person.id, Person.name)).all())
        refs = dict(conn.execute(select(Element.id, Element.ref)).all())
        waits = {(refs[d], refs[p]) for d, p in conn.execute(
            select(Dependency.dependent_id, Dependency.prerequisite_id))}
    assert people[portal["owner_id"]] == "Lucía Fernández"
    assert found["DEL-3"]["owner_id"] is None
    # -- DEL-21 (Depot scanners) blocks DEL-11 (portal) and DEL-31 (manifests); the epic
    #    link and the Parent id both place a story under its epic
    assert waits == {("DEL-1", "DEL-2"), ("DEL-3", "DEL-2"), ("DEL-3", "DEL-1")}
    assert apply(store, JIRA).startswith("Nothing new from jira_export.csv")


def test_bad_epics_are_listed_by_row_and_column(store: WorkshopStore, tmp_path: Path) -> None:
    text = JIRA.read_text(encoding="utf-8")
    path = tmp_path / "bad.csv"
    path.write_text(text.replace("31/Jul/26 5:00 PM", "someday")
                    .replace(",1152000,", ",-5,").replace("£450,000", "lots"),
                    encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    assert [str(p) for p in refused.value.problems] == [
        "row 2, column Due Date: 'someday' is not a date.",
        "row 3, column Custom field (Budget): 'lots' is not a number.",
        "row 3, column Original Estimate: '-5' is not a number of seconds (not negative).",
    ]


def test_an_export_without_epics_is_refused(store: WorkshopStore, tmp_path: Path) -> None:
    path = tmp_path / "stories.csv"
    path.write_text("Summary,Issue key,Issue Type\nA story,DEL-9,Story\n", encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError, match="holds no epics"):
        plan_import(conn, path)
