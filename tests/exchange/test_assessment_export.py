"""The assessment in CSV and XLSX: every score, consensus and statistics; safe and anonymous."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bigdesk.exchange.assessment_export import (
    CSV_HEADERS,
    export_assessment,
    write_assessment,
)
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Consensus, Dimension, Score, Workshop
from bigdesk.store import SetValues, WorkshopStore, create_workshop

from tests.helpers import run_bigdesk


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    store = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield store
    store.close()


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _xlsx(path: Path) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def test_csv_holds_framework_scores_consensus_and_statistics(sample: WorkshopStore,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "assessment.csv"
    with sample.read() as conn:
        write_assessment(conn, target)
        scores = conn.execute(select(func.count()).select_from(Score)).scalar_one()
        agreed = conn.execute(select(func.count()).select_from(Consensus)).scalar_one()
    rows = _csv(target)
    assert list(rows[0]) == CSV_HEADERS
    kinds = [row["record"] for row in rows]
    assert kinds.count("dimension") == 18 and kinds.count("statistics") == 18
    assert kinds.count("score") == scores and kinds.count("consensus") == agreed
    amara = next(r for r in rows if r["record"] == "score" and r["participant"] == "Amara Okafor"
                 and r["dimension_key"] == "clarity-of-purpose")
    assert (amara["current"], amara["target"]) == ("3", "5")
    stats = next(r for r in rows if r["record"] == "statistics"
                 and r["dimension_key"] == "integrated-governance-framework")
    assert (stats["n_current"], stats["median_current"], stats["range_current"],
            stats["flagged"]) == ("6", "1.5", "2", "yes")
    okr = [r for r in rows if r["record"] == "score" and r["dimension_key"] == "okr-platform"]
    assert "N/A" in {r["current"] for r in okr}
    consensus = next(r for r in rows if r["record"] == "consensus"
                     and r["dimension_key"] == "corporate-raid-log")
    assert consensus["confidence"] == "high" and consensus["evidence"].startswith("Each")


def test_xlsx_has_four_sheets_with_the_same_numbers(sample: WorkshopStore,
                                                   tmp_path: Path) -> None:
    target = tmp_path / "assessment.xlsx"
    with sample.read() as conn:
        write_assessment(conn, target)
    sheets = _xlsx(target)
    assert list(sheets) == ["Framework", "Scores", "Consensus", "Statistics"]
    assert sheets["Framework"][0][:4] == ["group", "key", "name", "description"]
    assert len(sheets["Framework"]) == 19
    statistics = {row[1]: dict(zip(sheets["Statistics"][0], row, strict=True))
                  for row in sheets["Statistics"][1:]}
    clarity = statistics["clarity-of-purpose"]
    assert (clarity["median_current"], clarity["gap"], clarity["flagged"]) == (2.5, 3, "no")
    assert {row[3] for row in sheets["Scores"][1:]} >= {"Amara Okafor", "Grace Liu"}


def test_text_that_looks_like_a_formula_is_neutralised(sample: WorkshopStore,
                                                       tmp_path: Path) -> None:
    with sample.read() as conn:
        first = conn.execute(select(func.min(Dimension.id))).scalar_one()
        agreed = conn.execute(select(Consensus.id).where(Consensus.dimension_id == first)
                              ).scalar_one()
    sample.apply(SetValues("dimension", first, {"name": "=HYPERLINK(\"http://x\")"}))
    sample.apply(SetValues("consensus", agreed, {"evidence": "@SUM(A1)"}))
    with sample.read() as conn:
        write_assessment(conn, tmp_path / "a.csv")
        write_assessment(conn, tmp_path / "a.xlsx")
    rows = _csv(tmp_path / "a.csv")
    assert all(not r["dimension"].startswith("=") for r in rows)
    assert any(r["dimension"] == "'=HYPERLINK(\"http://x\")" for r in rows)
    assert any(r["evidence"] == "'@SUM(A1)" for r in rows)
    consensus = _xlsx(tmp_path / "a.xlsx")["Consensus"]
    assert consensus[1][2] == "'=HYPERLINK(\"http://x\")" and consensus[1][6] == "'@SUM(A1)"


def _participants(path: Path) -> set[str]:
    if path.suffix == ".csv":
        return {r["participant"] for r in _csv(path) if r["record"] == "score"}
    return {str(row[3]) for row in _xlsx(path)["Scores"][1:]}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_anonymous_mode_is_respected_and_can_be_forced(sample: WorkshopStore, tmp_path: Path,
                                                       suffix: str) -> None:
    forced = tmp_path / f"forced{suffix}"
    export_assessment(sample, forced, argparse.Namespace(anonymous=True))
    assert _participants(forced) == {f"P{n}" for n in range(1, 7)}
    with sample.engine.begin() as conn:
        conn.execute(update(Workshop).values(anonymous=True))
    workshop = tmp_path / f"workshop{suffix}"
    # -- a workshop in anonymous mode never exports names, even without --anonymous
    export_assessment(sample, workshop, argparse.Namespace(anonymous=False))
    assert _participants(workshop) == {f"P{n}" for n in range(1, 7)}
    text = workshop.read_bytes()
    assert b"Amara" not in text


def test_unknown_suffix_is_refused(sample: WorkshopStore, tmp_path: Path) -> None:
    with sample.read() as conn, pytest.raises(ValueError, match=r"choose a \.csv or \.xlsx"):
        write_assessment(conn, tmp_path / "a.ods")


def test_command_line_export(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    run_bigdesk("new", path, "--sample")
    out = tmp_path / "out.xlsx"
    result = run_bigdesk("export", path, "--assessment", out, "--anonymous")
    assert result.returncode == 0, result.stderr
    assert _participants(out) == {f"P{n}" for n in range(1, 7)}
    framework = tmp_path / "framework.json"
    assert run_bigdesk("export", path, "--framework", framework).returncode == 0
    assert framework.read_text(encoding="utf-8").startswith("{")
