"""Check-in files: recognised by their header, imported all or nothing, exported safely."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bigdesk.exchange.checkins import export_check_ins, looks_like_check_ins
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.limits import MAX_CELL_CHARS, MAX_ROWS
from bigdesk.exchange.sample import populate_sample
from bigdesk.exchange.tabular import TableFileError, read_xlsx, xml_text
from bigdesk.model import CheckIn, Element
from bigdesk.store import WorkshopStore, create_workshop, fetch

from tests.exchange.test_register import apply, refused
from tests.helpers import run_bigdesk

HEADER = "id,date,current,status,note"


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    opened = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield opened
    opened.close()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def element(store: WorkshopStore, ref: str) -> Element:
    with store.read() as conn:
        return fetch(conn, select(Element).where(Element.ref == ref))[0]


def stored(store: WorkshopStore) -> list[CheckIn]:
    with store.read() as conn:
        return fetch(conn, select(CheckIn).order_by(CheckIn.id))


def test_header_recognised_exactly() -> None:
    assert looks_like_check_ins(["ID", "Date", "Current", "Status", "Note"])
    assert looks_like_check_ins(["id", "date", "current", "status", "note", "confidence", "by"])
    assert not looks_like_check_ins(["id", "date", "current", "status"])
    # -- a register carries more columns: it is not taken for check-ins
    assert not looks_like_check_ins(["id", "type", "date", "current", "status", "note"])


def test_import_adds_history_and_latest_sets_the_element(sample: WorkshopStore,
                                                         tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", f"{HEADER},confidence,by\n"
                 "KR1.1,2027-02-28,91,At risk,behind in two depots,medium,Ann\n"
                 "KR1.1,31/01/2027,89,On track,,high,Bob\n"
                 "I1,2027-02-01,30,In progress,,,\n")
    assert apply(sample, path) == "Imported 3 check-ins from c.csv."
    kr = element(sample, "KR1.1")
    # -- the latest by date wins, whatever the order of the file
    assert (kr.current, kr.status) == (91, "At risk")
    assert kr.progress == pytest.approx((91 - 87) / (96 - 87) * 100, abs=1e-4)
    assert element(sample, "I1").progress == 30
    rows = [r for r in stored(sample) if r.checked_on.year == 2027]
    assert [(r.checked_on, r.value, r.made_by) for r in rows][:2] == [
        (dt.date(2027, 2, 28), 91, "Ann"), (dt.date(2027, 1, 31), 89, "Bob")]
    # -- the same file again adds nothing and changes nothing
    before = len(stored(sample))
    assert "0 check-ins" in apply(sample, path) and len(stored(sample)) == before


def test_refusals_name_row_and_column(sample: WorkshopStore, tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", f"{HEADER}\n"
                 "KR1.1,2027-02-28,91,,\n"
                 "NOPE,2027-02-28,1,,\n"
                 "O1,2027-02-28,1,,\n"
                 "KR1.1,someday,1,,\n"
                 "KR1.1,2027-02-28,lots,,\n"
                 "I1,2027-02-28,140,,\n"
                 ",2027-02-28,1,,\n"
                 "KR1.1,,1,,\n")
    problems = refused(sample, path)
    assert problems == [
        "row 3, column id: there is no element with the id 'NOPE' in this workshop.",
        "row 4, column id: O1 is not a key result, initiative or benefit, so it takes no "
        "check-ins.",
        "row 5, column date: 'someday' is not a date (write 2027-03-31 or 31/03/2027).",
        "row 6, column current: 'lots' is not a number.",
        "row 7, column current: an initiative's check-in is its percent complete, from 0 to "
        "100 (not 140).",
        "row 8, column id: the id is empty; give the id of a key result, initiative or "
        "benefit.",
        "row 9, column date: The date cannot be empty.",
    ]
    assert not [r for r in stored(sample) if r.checked_on.year == 2027]


def test_malformed_and_oversized_files_are_refused(sample: WorkshopStore,
                                                   tmp_path: Path) -> None:
    with sample.read() as conn:
        huge = write(tmp_path / "huge.csv", HEADER + "\n" + "KR1.1,2027-01-01,1,,\n"
                     * (MAX_ROWS + 1))
        with pytest.raises(TableFileError, match="more than 20,000 rows"):
            plan_import(conn, huge)
        long_cell = write(tmp_path / "long.csv", f"{HEADER}\nKR1.1,2027-01-01,1,,"
                          + "x" * (MAX_CELL_CHARS + 1) + "\n")
        with pytest.raises(TableFileError, match="characters"):
            plan_import(conn, long_cell)
        quote = write(tmp_path / "quote.csv", f'{HEADER}\nKR1.1,2027-01-01,1,"open,\n'
                      "KR1.1,2027-01-02,2,,\nKR1.1,2027-01-03,3,,\n")
        with pytest.raises(TableFileError, match="quote"):
            plan_import(conn, quote)
        broken = tmp_path / "broken.csv"
        broken.write_bytes(HEADER.encode() + b"\nKR1.1,2027-01-01,1,\xff\xfe,\n")
        with pytest.raises(TableFileError, match="UTF-8"):
            plan_import(conn, broken)
    # -- a number too big for any metric, and a status longer than its column
    problems = refused(sample, write(tmp_path / "big.csv", f"{HEADER}\n"
                                     f"KR1.1,2027-01-01,1e400,{'s' * 101},\n"))
    assert problems == ["row 2, column current: '1e400' is not a number.",
                        "row 2, column status: Keep the status to 100 characters (this one "
                        "has 101)."]


def test_hostile_cells_are_kept_as_text_and_exported_neutralised(
        sample: WorkshopStore, tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-cmd", "\x01=1", "{=1}"]
    path = tmp_path / "h.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        writer.writerows(["KR1.1", f"2027-01-{n + 1:02d}", n, "", text]
                         for n, text in enumerate(hostile))
    apply(sample, path)
    assert [r.note for r in stored(sample) if r.note] == hostile
    out = tmp_path / "out.csv"
    export_check_ins(sample, out, None)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        cells = [row[4] for row in list(csv.reader(handle))[1:] if row[4]]
    assert len(cells) == len(hostile) and all(cell.startswith("'") for cell in cells)
    book = tmp_path / "out.xlsx"
    export_check_ins(sample, book, argparse.Namespace())
    table = read_xlsx(book)
    assert table.headers == ["id", "date", "current", "status", "note", "confidence", "by"]
    # -- read back, the neutralising quote is taken off again (a workbook holds no controls)
    assert [row[4] for row in table.rows if row[4]] == [xml_text(text) for text in hostile]
    assert "0 check-ins" in apply(sample, out)


def test_export_and_import_on_the_command_line(sample: WorkshopStore, tmp_path: Path) -> None:
    path = sample.path
    apply(sample, write(tmp_path / "c.csv", f"{HEADER}\nKR1.1,2027-01-31,89,On track,\n"))
    sample.close()
    out = tmp_path / "all.xlsx"
    result = run_bigdesk("export", path, "--checkins", out)
    assert result.returncode == 0, result.stderr
    refusal = run_bigdesk("export", path, "--checkins", tmp_path / "all.txt")
    assert refusal.returncode == 2 and "choose a .csv or .xlsx" in refusal.stderr
    bad = write(tmp_path / "bad.csv", f"{HEADER}\nX9,2027-01-31,1,,\n")
    result = run_bigdesk("import", path, bad)
    assert result.returncode == 2 and "row 2, column id" in result.stderr
    check = run_bigdesk("check", path, "--json")
    assert '"check_ins": 37' in check.stdout  # -- the sample's 36 and this one
