"""Prioritisation results to CSV and XLSX: every sheet, formulas neutralised, people anonymous."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigdesk.cli import main
from bigdesk.exchange.prioritisation_export import write_prioritisation
from bigdesk.exchange.sample import populate_sample
from bigdesk.exchange.sample_cascade import ELEMENTS
from bigdesk.exchange.tabular import read_csv, read_xlsx
from bigdesk.model import ElementType
from bigdesk.store import SetValues, create_workshop


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bigdesk"
    store = create_workshop(path, populate_sample)
    # -- a title a spreadsheet would run as a formula
    with store.read() as conn:
        first = conn.exec_driver_sql("SELECT id FROM element WHERE ref = 'I1'").scalar_one()
    store.apply(SetValues("element", first, {"title": "=HYPERLINK(\"x\")"}))
    store.close()
    return path


def test_xlsx_has_every_sheet_with_breakdown_and_reasons(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    assert main(["export", str(sample), "--prioritisation", str(out)]) == 0
    from openpyxl import load_workbook

    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Ranking", "Selection", "Scenarios", "Sensitivity", "Votes",
                               "Run and Change"]  # fmt: skip
    book.close()
    ranking = read_xlsx(out, "Ranking")
    assert ranking.headers[:5] == ["rank", "ref", "initiative", "class", "value"]
    assert "Strategic alignment" in ranking.headers
    first = ranking.rows[0]
    value = float(first[4])
    parts = [float(first[ranking.headers.index(name)]) for name in
             ("Strategic alignment", "Value", "Urgency", "Risk reduction", "Cost", "Effort",
              "Confidence")]  # fmt: skip
    assert sum(parts) == pytest.approx(value, abs=0.05)
    # -- the formula-like title reads back as text, exactly
    assert '=HYPERLINK("x")' in [row[2] for row in ranking.rows]
    selection = read_xlsx(out, "Selection")
    left_out = [row for row in selection.rows if row[2] == "no"]
    assert left_out and all(row[5] for row in left_out)
    scenarios = read_xlsx(out, "Scenarios")
    assert scenarios.headers[1].startswith("Board's first view")


def test_csv_files_and_anonymous_votes(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    assert main(["export", str(sample), "--prioritisation", str(out), "--anonymous"]) == 0
    written = sorted(p.name for p in tmp_path.glob("results-*.csv"))
    assert written == ["results-ranking.csv", "results-run-and-change.csv",
                       "results-scenarios.csv", "results-selection.csv",
                       "results-sensitivity.csv", "results-votes.csv"]  # fmt: skip
    votes = read_csv(tmp_path / "results-votes.csv")
    people = {row[0] for row in votes.rows}
    assert people and all(p.startswith("P") and p[1:].isdigit() for p in people)
    raw = (tmp_path / "results-ranking.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw
    sensitivity = read_csv(tmp_path / "results-sensitivity.csv")
    assert len(sensitivity.rows) == sum(1 for e in ELEMENTS if e[1] is ElementType.INITIATIVE)


def test_wrong_suffix_is_refused(sample: Path, tmp_path: Path) -> None:
    from bigdesk.store import open_workshop

    store = open_workshop(sample, read_only=True)
    try:
        with store.read() as conn, pytest.raises(ValueError, match=r"choose a \.csv or \.xlsx"):
            write_prioritisation(conn, tmp_path / "out.pdf")
    finally:
        store.close()
