"""Viva Goals imports: the explorer export (CSV, XLSX) and the full-data ZIP of JSON files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.tabular import read_csv
from bigdesk.exchange.vivagoals import (
    VivaGoalsError,
    looks_like_explorer,
)
from bigdesk.model import AccountabilityNode, Alignment, CheckIn, Person
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore, element_counts

from tests.helpers import run_bigdesk

FIXTURES = Path(__file__).parent / "fixtures"
EXPLORER = FIXTURES / "vivagoals_explorer.csv"
EXPORT = FIXTURES / "vivagoals_export"
# -- the layout real full-data exports have: Teams.json, objectives.json holding every item…
REAL = FIXTURES / "vivagoals_real"


@pytest.fixture
def export_zip(tmp_path: Path) -> Path:
    """The full-data fixture packed as Viva Goals delivers it: JSON files in a ZIP."""
    target = tmp_path / "viva-goals-export.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(EXPORT.glob("*.json")):
            archive.write(path, f"VivaGoalsExport/{path.name}")
    return target


@pytest.fixture
def real_zip(tmp_path: Path) -> Path:
    """The real-layout fixture packed in a ZIP."""
    target = tmp_path / "real-export.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(REAL.glob("*.json")):
            archive.write(path, f"Export/{path.name}")
    return target


def elements(store: WorkshopStore) -> dict[str, dict[str, Any]]:
    with store.read() as conn:
        rows = conn.execute(select(Element.__table__)).mappings().all()
    return {row["ref"]: dict(row) for row in rows}


def links(store: WorkshopStore) -> set[tuple[str, str, float | None]]:
    with store.read() as conn:
        refs = dict(conn.execute(select(Element.id, Element.ref)).all())
        return {(refs[p], refs[c], w) for p, c, w in conn.execute(
            select(Alignment.parent_id, Alignment.child_id, Alignment.weight))}


def apply(store: WorkshopStore, path: Path) -> str:
    with store.read() as conn:
        planned = plan_import(conn, path)
    store.apply(planned.edit)
    return planned.summary


def test_explorer_headers_are_told_apart_from_a_register() -> None:
    assert looks_like_explorer(read_csv(EXPLORER).headers)
    assert not looks_like_explorer(["id", "type", "title", "parents", "owner", "progress"])


def test_explorer_csv_keeps_multi_parent_weights_and_marks_placeholders(
    store: WorkshopStore,
) -> None:
    summary = apply(store, EXPLORER)
    assert "Imported 8 elements" in summary
    assert "placeholder" in summary and "VG-4400" in summary
    found = elements(store)
    placeholder = found["VG-4400"]
    assert placeholder["placeholder"] is True
    assert "Placeholder" in placeholder["title"] and "Group strategy 2026" in placeholder["title"]
    assert found["VG-5502"]["placeholder"] is False
    assert {("VG-5501", "VG-5502", 70.0), ("VG-4400", "VG-5502", 30.0),
            ("VG-5601", "VG-5701", None), ("VG-5603", "VG-5701", None)} <= links(store)
    key_result = found["VG-5601"]
    assert (key_result["baseline"], key_result["target"], key_result["current"]) == (88, 95, 91)
    assert key_result["progress"] == 43 and key_result["status"] == "At Risk"
    assert key_result["direction"].value == "increase"
    assert found["VG-5603"]["direction"].value == "decrease"
    project = found["VG-5701"]
    assert project["type"].value == "initiative" and project["initiative_kind"].value == "project"
    assert project["title"].startswith("Zürich")
    assert str(project["ends_on"]) == "2026-01-31"
    with store.read() as conn:
        nodes = set(conn.execute(select(AccountabilityNode.name)).scalars())
        people = set(conn.execute(select(Person.name)).scalars())
    assert {"Operations", "Road Network", "Customer Service", "Warehousing"} <= nodes
    assert {"Amara Okafor", "Tomasz Nowak"} <= people


def test_full_data_zip_keeps_every_check_in(store: WorkshopStore, export_zip: Path) -> None:
    summary = apply(store, export_zip)
    assert summary.endswith(", with 5 check-ins.")
    with store.read() as conn:
        refs = dict(conn.execute(select(Element.id, Element.ref)).all())
        history = [(refs[r.element_id], r.checked_on.isoformat(), r.value, r.note) for r in
                   conn.execute(select(CheckIn.__table__).order_by(CheckIn.checked_on))]
    assert len(history) == 5
    assert history[0] == ("VG-kr-1", "2025-07-15", 88.5, "Older check-in, listed last.")
    assert ("VG-pr-1", "2025-09-30", 45, "Data feed live for two depots.") in history
    # -- importing the export again keeps one of each
    assert "check-in" not in apply(store, export_zip)


def test_explorer_xlsx_reads_the_same(store: WorkshopStore, tmp_path: Path) -> None:
    from openpyxl import Workbook

    table = read_csv(EXPLORER)
    book = Workbook()
    sheet = book.active
    sheet.append(table.headers)
    for row in table.rows:
        sheet.append([float(c.rstrip("%")) if c.rstrip("%").isdigit() else c for c in row])
    path = tmp_path / "explorer.xlsx"
    book.save(path)
    apply(store, path)
    assert elements(store)["VG-5601"]["current"] == 91


def test_full_data_zip(store: WorkshopStore, export_zip: Path) -> None:
    summary = apply(store, export_zip)
    assert "Imported 6 elements" in summary  # -- five items and one placeholder
    found = elements(store)
    assert found["VG-o-group-2026"]["placeholder"] is True
    # -- the latest check-in wins, whatever the order of the file
    assert found["VG-kr-1"]["current"] == 91.5
    assert found["VG-kr-1"]["progress"] == 50 and found["VG-kr-1"]["status"] == "At Risk"
    assert found["VG-kr-2"]["current"] == 30 and found["VG-kr-2"]["progress"] == 33
    assert found["VG-pr-1"]["progress"] == 45
    assert found["VG-o-2"]["progress"] == 20  # -- no check-in: as exported
    assert {("VG-o-1", "VG-kr-1", 60.0), ("VG-o-1", "VG-kr-2", 40.0),
            ("VG-o-2", "VG-kr-2", 100.0), ("VG-kr-1", "VG-pr-1", None),
            ("VG-kr-2", "VG-pr-1", None), ("VG-o-group-2026", "VG-o-1", None)} == links(store)
    with store.read() as conn:
        nodes = {name: (parent, accountable) for name, parent, accountable in conn.execute(
            select(AccountabilityNode.name, AccountabilityNode.parent_id,
                   AccountabilityNode.accountable_id))}
        n = AccountabilityNode
        node_names = dict(conn.execute(select(n.id, n.name)).all())
        people = dict(conn.execute(select(Person.id, Person.name)).all())
    # -- teams become the node tree, each with its owner as the accountable person
    assert node_names[nodes["Fleet Data Platform"][0]] == "Road Network"
    assert node_names[nodes["Road Network"][0]] == "Operations"
    assert people[nodes["Fleet Data Platform"][1]] == "Søren Ødegård"
    assert node_names[found["VG-kr-2"]["node_id"]] == "Customer Service"
    assert people[found["VG-pr-1"]["owner_id"]] == "Søren Ødegård"


def test_real_layout_zip(store: WorkshopStore, real_zip: Path) -> None:
    summary = apply(store, real_zip)
    assert "Imported 5 elements" in summary and "VG-4001" in summary
    found = elements(store)
    # -- Big rocks are objectives, Kpis key results, Projects initiatives, all in objectives.json
    assert {ref: row["type"].value for ref, row in found.items()} == {
        "VG-4001": "objective", "VG-5001": "objective", "VG-5002": "key_result",
        "VG-5003": "key_result", "VG-5004": "initiative"}
    # -- the alignment's title names the missing parent
    assert "Group strategy 2026" in found["VG-4001"]["title"] and found["VG-4001"]["placeholder"]
    kr = found["VG-5002"]
    assert (kr["metric"], kr["unit"], kr["baseline"], kr["target"]) == (
        "On-time delivery", "%", 88, 96)
    assert kr["direction"].value == "increase" and found["VG-5003"]["direction"].value == (
        "decrease")
    # -- the latest check-in sets the current value and status
    assert (kr["current"], kr["status"], kr["progress"]) == (91.5, "Behind", 40)
    assert found["VG-5003"]["current"] == 310
    project = found["VG-5004"]
    assert (str(project["starts_on"]), str(project["ends_on"])) == ("2025-10-06", "2026-02-27")
    # -- Parent IDs and Alignment together; Alignment gives the weights
    assert {("VG-4001", "VG-5001", 50.0), ("VG-5001", "VG-5002", 70.0),
            ("VG-5001", "VG-5003", 30.0), ("VG-5002", "VG-5004", None),
            ("VG-5003", "VG-5004", None)} == links(store)
    with store.read() as conn:
        n = AccountabilityNode
        names = dict(conn.execute(select(n.id, n.name)).all())
        people = dict(conn.execute(select(Person.id, Person.name)).all())
        nodes = {name: (names.get(parent), people.get(accountable)) for name, parent, accountable
                 in conn.execute(select(n.name, n.parent_id, n.accountable_id))}
    # -- teams by name, their first owner accountable; an owner given by id alone is looked up
    assert nodes == {"Northgate Freight": (None, "Ingrid Halvorsen"),
                     "Depot Operations": ("Northgate Freight", "Kwame Mensah"),
                     "Customer Care": ("Northgate Freight", None)}
    assert people[found["VG-5003"]["owner_id"]] == "Lucía Fernández"
    assert names[found["VG-5004"]["node_id"]] == "Depot Operations"
    # -- a newer export of the same goals updates them instead of doubling them
    again = apply(store, real_zip)
    assert again.startswith("Nothing new from real-export.zip")


def test_real_layout_problems_name_the_file_and_item(store: WorkshopStore,
                                                     tmp_path: Path) -> None:
    files = {path.name: json.loads(path.read_text(encoding="utf-8"))
             for path in REAL.glob("*.json")}
    files["objectives.json"][1]["Type"] = "Epic"
    files["objectives.json"][2]["Outcome"]["Target"] = "fifty"
    files["Teams.json"][2]["Team Name"] = ""
    path = _zip_with(tmp_path, files)
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    problems = [str(p) for p in refused.value.problems]
    assert "objectives.json, item 2: 'Epic' is not an objective, key result or project." in (
        problems)
    assert "objectives.json, item 3: 'fifty' is not a number." in problems
    assert "Teams.json, item 3: the team has no name." in problems


def test_zip_import_from_the_command_line(tmp_path: Path, export_zip: Path) -> None:
    path = tmp_path / "cli.bigdesk"
    assert run_bigdesk("new", path).returncode == 0
    result = run_bigdesk("import", path, export_zip)
    assert result.returncode == 0, result.stderr
    assert "Imported 6 elements" in result.stdout
    # -- the same export again finds everything already in place and changes nothing
    again = run_bigdesk("import", path, export_zip)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Nothing new from viva-goals-export.zip. Updated 0 existing "
                                   "elements; 5 elements already as the file says.")


def _zip_with(tmp_path: Path, files: dict[str, Any]) -> Path:
    target = tmp_path / "bad.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in files.items():
            data = content if isinstance(content, bytes) else json.dumps(content).encode()
            archive.writestr(name, data)
    return target


def test_a_bad_export_is_refused_whole_with_every_problem(
    store: WorkshopStore, tmp_path: Path
) -> None:
    path = _zip_with(tmp_path, {
        "objectives.json": [{"id": "o-1", "title": "Fine"},
                            {"id": "o-2", "title": "", "progress": "lots"}],
        "key_results.json": [{"id": "kr-1", "title": "KR", "alignments": [{"parentId": "o-1"}],
                              "targetValue": "ninety", "dueDate": "next spring"}],
        "teams.json": b"{not json",
    })  # fmt: skip
    with store.read() as conn:
        before = element_counts(conn)
        with pytest.raises(VivaGoalsError) as refused:
            plan_import(conn, path)
    message = str(refused.value)
    assert "teams.json" in message and "not valid JSON" in message
    with store.read() as conn:
        assert element_counts(conn) == before


def test_bad_items_are_listed_by_file_and_item(store: WorkshopStore, tmp_path: Path) -> None:
    path = _zip_with(tmp_path, {
        "objectives.json": [{"id": "o-1", "title": "Fine"},
                            {"id": "o-2", "title": "", "progress": "lots"}],
        "key_results.json": [{"id": "kr-1", "title": "KR", "alignments": [{"parentId": "o-1"}],
                              "targetValue": "ninety", "dueDate": "next spring"}],
    })  # fmt: skip
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    problems = [str(p) for p in refused.value.problems]
    assert "objectives.json, item 2: the title is empty." in problems
    assert "objectives.json, item 2: 'lots' is not a number." in problems
    assert "key_results.json, item 1: 'ninety' is not a number." in problems
    assert "key_results.json, item 1: 'next spring' is not a date." in problems


def test_a_zip_without_okrs_or_not_a_zip(store: WorkshopStore, tmp_path: Path) -> None:
    empty = _zip_with(tmp_path, {"readme.json": []})
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with store.read() as conn:
        with pytest.raises(VivaGoalsError, match=r"no objectives\.json"):
            plan_import(conn, empty)
        with pytest.raises(VivaGoalsError, match="not a readable ZIP"):
            plan_import(conn, broken)


def test_explorer_rows_with_problems_name_row_and_column(
    store: WorkshopStore, tmp_path: Path
) -> None:
    path = tmp_path / "explorer.csv"
    path.write_text(
        "ID,Title,Object Type,Parent ID,Owner,Time Period,Progress,Target Value\n"
        "1,Objective one,Objective,,Ann,Q1,150%,\n"
        "2,A key result,Key Result,1,Ann,Q1,10%,lots\n"
        "3,Something,Epic,1,Ann,Q1,,\n",
        encoding="utf-8",
    )
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    problems = [str(p) for p in refused.value.problems]
    assert "row 2, column Progress: progress 150 is outside 0 to 100." in problems
    assert "row 3, column Target Value: 'lots' is not a number." in problems
    assert "row 4, column Object Type: 'Epic' is not an objective, key result or project." in (
        problems)
