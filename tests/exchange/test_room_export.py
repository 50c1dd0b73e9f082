"""The session's outcomes in XLSX and CSV: every sheet, formulas neutralised, anonymous mode."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bigdesk.exchange.room_export import write_outcomes_csv, write_outcomes_xlsx
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import AgendaItem, KeyPoint
from bigdesk.store import DeleteRow, SetValues, WorkshopStore, create_workshop

from tests.helpers import run_bigdesk


@pytest.fixture
def sample(tmp_path: Path) -> WorkshopStore:
    store = create_workshop(tmp_path / "s.bigdesk", populate_sample)
    with store.read() as conn:
        first_block = conn.execute(select(AgendaItem.id).order_by(AgendaItem.position)).scalar()
        points = conn.execute(
            select(KeyPoint.id).where(KeyPoint.table_group_id.is_not(None))
            .order_by(KeyPoint.position)
        ).scalars().all()
    store.apply(SetValues("agenda_item", int(first_block), {"actual_seconds": 13 * 60}))
    store.apply(SetValues("key_point", points[0], {"text": '=HYPERLINK("http://evil")'}))
    store.apply(SetValues("key_point", points[1], {"silent": True, "revealed": False}))
    return store


def _sheet(path: Path, name: str) -> list[list[object]]:
    book = load_workbook(path)
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def test_xlsx_holds_agenda_points_raid_and_stakeholders(sample: WorkshopStore,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "outcomes.xlsx"
    with sample.read() as conn:
        write_outcomes_xlsx(conn, out)
    sample.close()
    assert load_workbook(out).sheetnames == ["Agenda", "Key points", "RAID log", "Stakeholders",
                                             "Sponsor pitch", "Business Support",
                                             "Governance model", "Documents"]
    agenda = _sheet(out, "Agenda")
    assert agenda[1][0] == "Welcome and aims of the session"
    assert agenda[1][3:8] == [10, "13:30", 13, "13:30", 3]
    # -- the second block started when the first really ended
    assert agenda[2][4] == "13:40" and agenda[2][5] is None
    points = _sheet(out, "Key points")
    texts = [row[4] for row in points[1:]]
    assert "'=HYPERLINK(\"http://evil\")" in texts
    assert [row[0] == "Operations table" for row in points[1:]].count(True) == 3
    assert points[2][5] == "not yet revealed"
    assert points[-1][0] == "Parking lot"
    raid = _sheet(out, "RAID log")
    assert raid[0] == ["Kind", "Title", "Description", "Owner", "Due", "Status", "Probability",
                       "Impact", "Exposure", "Mitigation or response", "Review", "Concerns"]
    assert ["Action", "Draft the PMO mandate for the executive board", None, "Priya Natarajan",
            "2026-12-17", "Open", None, None, None, None, None, None] in raid
    risk = next(row for row in raid if row[0] == "Risk")
    assert risk[6:9] == [4, 4, 16] and risk[9].startswith("Brief the unions")
    assert (risk[10], risk[11]) == ("2026-12-17", "Transformation Board")
    people = _sheet(out, "Stakeholders")
    assert any(row[0] == "Margaret Hale" and row[4] == 5 for row in people)
    pitch = dict(_sheet(out, "Sponsor pitch")[1:])
    assert pitch["Sponsor"] == "Margaret Hale"
    assert pitch["Business case due"] == "2027-01-28"
    assert pitch["Reports to"] == "Chief Operating Officer"
    services = _sheet(out, "Business Support")
    assert services[0] == ["Service", "Scope", "Note"]
    assert ["Support governance at all levels", "In scope now",
            "One RAID log and one calendar for the boards"] in services
    assert len(services) == 9
    bodies = _sheet(out, "Governance model")
    assert bodies[1][:2] == ["Executive Board", "Quarterly"]


def test_business_support_and_governance_default_from_the_workshop(tmp_path: Path) -> None:
    from bigdesk.model import GovernanceBody, SupportService

    store = create_workshop(tmp_path / "s.bigdesk", populate_sample)
    with store.read() as conn:
        ids = {model: [row[0] for row in conn.execute(select(model.id))]
               for model in (SupportService, GovernanceBody)}
    for model, rows in ids.items():
        for row_id in rows:
            store.apply(DeleteRow(model, row_id))
    out = tmp_path / "outcomes.xlsx"
    with store.read() as conn:
        write_outcomes_xlsx(conn, out)
    store.close()
    services = _sheet(out, "Business Support")[1:]
    # -- the method's eight, those closing the largest capability gaps in scope now
    assert len(services) == 8
    assert [row[1] for row in services].count("In scope now") == 4
    assert ["Support governance at all levels", "In scope now", None] in services
    # -- the governance bodies mapped in Accountability
    assert _sheet(out, "Governance model")[1:] == [["Transformation Board", "Monthly", None]]


def test_anonymous_mode_hides_every_real_name(sample: WorkshopStore, tmp_path: Path) -> None:
    sample.apply(SetValues("workshop", 1, {"anonymous": True}))
    out = tmp_path / "outcomes.xlsx"
    with sample.read() as conn:
        write_outcomes_xlsx(conn, out)
        names = [row[0] for row in conn.exec_driver_sql("SELECT name FROM person")]
        written = write_outcomes_csv(conn, tmp_path / "outcomes.csv")
    sample.close()
    cells = " ".join(str(cell) for name in ("Key points", "RAID log", "Stakeholders",
                                            "Sponsor pitch", "Documents")
                     for row in _sheet(out, name) for cell in row)
    csv_text = " ".join(p.read_text(encoding="utf-8-sig") for p in written)
    for name in names:
        assert name not in cells and name not in csv_text
    assert "P1" in cells and "S1" in cells
    assert sorted(p.name for p in written) == [
        "outcomes-agenda.csv", "outcomes-business-support.csv", "outcomes-documents.csv",
        "outcomes-governance-model.csv", "outcomes-key-points.csv", "outcomes-raid-log.csv",
        "outcomes-sponsor-pitch.csv", "outcomes-stakeholders.csv",
    ]
    with (tmp_path / "outcomes-key-points.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][4].startswith("'=")


def test_export_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "s.bigdesk"
    create_workshop(path, populate_sample).close()
    out = tmp_path / "out.xlsx"
    result = run_bigdesk("export", path, "--xlsx", out, "--anonymous")
    assert result.returncode == 0, result.stderr
    assert "Margaret Hale" not in str(_sheet(out, "Stakeholders"))
    result = run_bigdesk("export", path, "--csv", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out-raid-log.csv").exists()
