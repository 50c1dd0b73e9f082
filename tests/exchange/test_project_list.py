"""Project lists from any grid, through a column mapping: PPM and Planner exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import MappingNeeded, plan_import
from bigdesk.exchange.project_list import (
    DateOrder,
    DateOrderNeeded,
    parse_mapping,
    suggest_mapping,
)
from bigdesk.model import AccountabilityNode, Person
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore

from tests.helpers import run_in_process

GRID = Path(__file__).parent / "fixtures" / "ppm_grid.csv"
MAP = ("title=Project Name,owner=Project Manager,start=Start,end=Finish,budget=Budget (GBP),"
       "progress=% Complete,status=Status,node=Department")


def apply(store: WorkshopStore, path: Path, mapping: str = MAP, dates: str | None = None) -> Any:
    with store.read() as conn:
        planned = plan_import(conn, path, parse_mapping(mapping, dates))
    store.apply(planned.edit)
    return planned


def rows(store: WorkshopStore) -> dict[str, dict[str, Any]]:
    with store.read() as conn:
        return {r["title"]: dict(r) for r in conn.execute(select(Element.__table__)).mappings()}


def test_a_list_no_format_knows_asks_for_a_mapping(store: WorkshopStore) -> None:
    with store.read() as conn, pytest.raises(MappingNeeded) as asked:
        plan_import(conn, GRID)
    assert "--map" in str(asked.value) and "Project Manager" in str(asked.value)
    assert asked.value.table.headers[0] == "Project Name"


def test_a_mapped_grid_imports_with_currency_percent_and_day_first_dates(
    store: WorkshopStore,
) -> None:
    planned = apply(store, GRID)
    assert planned.summary.startswith("Imported 3 elements from ppm_grid.csv (3 initiatives)")
    found = rows(store)
    solar = found["Depot solar roofs"]
    # -- 30/09/2026 can only be day first, so 03/04/2026 is the third of April
    assert (str(solar["starts_on"]), str(solar["ends_on"])) == ("2026-04-03", "2026-09-30")
    assert (solar["budget"], solar["progress"], solar["status"]) == (6_800_000, 10, "On track")
    assert found["Fleet telematics"]["budget"] == 1_250_000.5
    assert found["Warehouse robotics pilot"]["progress"] is None
    with store.read() as conn:
        people = dict(conn.execute(select(Person.id, Person.name)).all())
        nodes = dict(conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)).all())
    assert people[solar["owner_id"]] == "Amara Okafor" and nodes[solar["node_id"]] == "Estates"
    # -- the titles stand for the projects: the same list again changes nothing
    assert apply(store, GRID).summary.startswith("Nothing new from ppm_grid.csv")


def test_month_first_dates_and_ambiguous_ones(store: WorkshopStore, tmp_path: Path) -> None:
    american = tmp_path / "us.csv"
    american.write_text("Name,Start,Finish\nA,03/04/2026,12/31/2026\nB,1/2/2026,2/1/2026\n",
                        encoding="utf-8")
    apply(store, american, "title=Name,start=Start,end=Finish")
    assert str(rows(store)["A"]["starts_on"]) == "2026-03-04"
    assert str(rows(store)["B"]["ends_on"]) == "2026-02-01"
    unsure = tmp_path / "unsure.csv"
    unsure.write_text("Name,Start\nC,03/04/2026\n", encoding="utf-8")
    with store.read() as conn, pytest.raises(DateOrderNeeded, match="--dates"):
        plan_import(conn, unsure, parse_mapping("title=Name,start=Start"))
    apply(store, unsure, "title=Name,start=Start", "day-first")
    assert str(rows(store)["C"]["starts_on"]) == "2026-04-03"
    both = tmp_path / "both.csv"
    both.write_text("Name,Start\nD,13/04/2026\nE,04/13/2026\n", encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError, match="write the dates one way"):
        plan_import(conn, both, parse_mapping("title=Name,start=Start"))


def test_problems_name_the_files_own_columns(store: WorkshopStore, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Project Name,Budget (GBP),Finish,Start\nA,lots,2026-01-01,2026-02-01\n"
                    "B,-5,,\nA,1,,\n", encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path, parse_mapping("title=Project Name,budget=Budget (GBP),"
                                              "start=Start,end=Finish"))
    assert [str(p) for p in refused.value.problems] == [
        "row 4, column Project Name: 'A' is also the title on row 2; map an id column to tell "
        "them apart."]
    path.write_text("Project Name,Budget (GBP),Finish,Start\nA,lots,2026-01-01,2026-02-01\n"
                    "B,-5,,\n", encoding="utf-8")
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path, parse_mapping("title=Project Name,budget=Budget (GBP),"
                                              "start=Start,end=Finish"))
    problems = [str(p) for p in refused.value.problems]
    assert any(p.startswith("row 2, column Budget (GBP): ") for p in problems), problems
    assert any(p.startswith("row 2, column Finish: ") for p in problems), problems
    assert any(p.startswith("row 3, column Budget (GBP): ") for p in problems), problems
    with store.read() as conn, pytest.raises(RegisterError, match="no column 'Owner'"):
        plan_import(conn, path, parse_mapping("title=Project Name,owner=Owner"))


def test_mappings_are_checked_and_suggested() -> None:
    mapping = parse_mapping(" title = Name , budget=Cost (£) ", "month-first")
    assert dict(mapping.columns) == {"title": "Name", "budget": "Cost (£)"}
    assert mapping.dates is DateOrder.MONTH_FIRST
    for bad, message in (("owner=Boss", "title"), ("title=A,title=B", "twice"),
                         ("title", "COLUMN=Header"), ("colour=Red,title=A", "'colour'")):
        with pytest.raises(ValueError, match=message):
            parse_mapping(bad)
    with pytest.raises(ValueError, match="day-first or month-first"):
        parse_mapping("title=A", "sideways")
    assert suggest_mapping(["Project Name", "Project Manager", "Finish", "Budget (GBP)",
                            "% Complete"]) == {
        "title": "Project Name", "owner": "Project Manager", "end": "Finish",
        "budget": "Budget (GBP)", "progress": "% Complete"}


def test_a_mapped_workbook_from_the_command_line(tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Owner", "Start", "Finish", "Budget"])
    sheet.append(["Depot solar roofs", "Amara Okafor", "2026-04-03", "2026-09-30", 6_800_000])
    path = tmp_path / "planner.xlsx"
    book.save(path)
    workshop = tmp_path / "cli.bigdesk"
    assert run_in_process(capsys, "new", workshop).returncode == 0
    refused = run_in_process(capsys, "import", workshop, path)
    assert refused.returncode == 2 and "--map" in refused.stderr
    result = run_in_process(capsys, "import", workshop, path, "--map",
                         "title=Name,owner=Owner,start=Start,end=Finish,budget=Budget")
    assert result.returncode == 0, result.stderr
    assert "Imported 1 element" in result.stdout
    wrong = run_in_process(capsys, "import", workshop, path, "--map", "name=Name")
    assert wrong.returncode == 2 and "'name' is not a column" in wrong.stderr


def test_a_raid_log_with_its_own_headers_comes_in_through_a_mapping(
    store: WorkshopStore, tmp_path: Path
) -> None:
    from bigdesk.model import RaidItem
    from bigdesk.store import fetch

    path = tmp_path / "risks.csv"
    path.write_text("Category,Risk description,Likelihood score,Consequence score,Treatment,"
                    "Next look\nRisk,Depot lease not renewed,3,5,Talk to the landlord,"
                    "03/04/2027\nIssue,Scanner supplier late,5,two,,30/01/2027\n",
                    encoding="utf-8")
    mapping = ("type=Category,title=Risk description,probability=Likelihood score,"
               "impact=Consequence score,mitigation=Treatment,review=Next look")
    with store.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path, parse_mapping(mapping))
    # -- problems name the file's own column
    assert [str(p) for p in refused.value.problems] == [
        "row 3, column Consequence score: 'two' is not a grade from 1 to 5 (nor a word such as "
        "Unlikely, Likely, Moderate or Major)."]
    path.write_text(path.read_text(encoding="utf-8").replace(",two,", ",2,"), encoding="utf-8")
    assert apply(store, path, mapping).summary == "Imported 2 RAID items from risks.csv."
    with store.read() as conn:
        lease = next(i for i in fetch(conn, select(RaidItem)) if i.title.startswith("Depot"))
    # -- 30/01/2027 settles the order: 03/04/2027 is the third of April
    assert (lease.exposure, str(lease.review_date)) == (15, "2027-04-03")
    with pytest.raises(ValueError, match="a RAID log has no budget"):
        parse_mapping("title=A,probability=B,budget=C")
