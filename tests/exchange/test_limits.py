"""Bombs and malformed tables: refused before they cost memory, in one line naming the limit."""

from __future__ import annotations

import io
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from bigdesk.exchange.limits import MAX_CELL_CHARS, MAX_PART_BYTES, MAX_ROWS
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.exchange.tabular import TableFileError, read_csv, read_table
from bigdesk.store import create_workshop

from tests.hostile import sources
from tests.hostile.corpus import run

MB = 1024 * 1024


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "w.bigdesk"
    create_workshop(path, populate_blank).close()
    return path


def _refused(*argv: str | Path, watch: Path) -> str:
    outcome = run(*argv, watch=watch)
    assert outcome.code == 2, outcome.stderr
    assert not outcome.changed
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("bigdesk: "), outcome.stderr
    return lines[0]


def _zip_of_zeros(path: Path, member: str, size: int) -> None:
    """Write a small ZIP whose one member unpacks to ``size`` bytes of a JSON list."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open(member, "w", force_zip64=True) as out:  # fmt: skip
        out.write(b"[")
        chunk = b" " * MB
        for _ in range(size // MB):
            out.write(chunk)
        out.write(b"]")


def test_a_viva_goals_zip_bomb_is_refused_before_it_is_unpacked(blank: Path,
                                                                tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    _zip_of_zeros(bomb, "objectives.json", 190 * MB)
    assert bomb.stat().st_size < 1 * MB
    tracemalloc.start()
    try:
        line = _refused("import", blank, bomb, watch=blank)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "objectives.json unpacks to 190 MB, more than the 64 MB" in line
    assert peak < 32 * MB


def test_a_workbook_with_a_huge_shared_string_is_refused(blank: Path, tmp_path: Path) -> None:
    book = tmp_path / "register.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(sources.workbook_bytes())) as good:
            for info in good.infolist():
                archive.writestr(info, good.read(info))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      b"<si><t>")
            for _ in range(MAX_PART_BYTES // MB + 1):
                out.write(b"x" * MB)
            out.write(b"</t></si></sst>")
    line = _refused("import", blank, book, watch=blank)
    assert "xl/sharedStrings.xml unpacks to" in line and "64 MB" in line


def test_a_cell_longer_than_a_spreadsheet_holds_is_refused_where_it_is(tmp_path: Path) -> None:
    path = sources.register("x.csv", "O1,objective,Fine,,,,",
                            "O2,objective," + "x" * (MAX_CELL_CHARS + 1) + ",,,,")(tmp_path)
    with pytest.raises(TableFileError, match=r"line 3, column 3 holds 32,768 characters"):
        read_csv(path)
    book = tmp_path / "x.xlsx"
    # -- written by hand: openpyxl itself cuts a cell to the limit
    book.write_bytes(sources.with_sheet(sources.sheet_xml(
        sources.inline_row(1, "id", "type", "title")
        + sources.inline_row(2, "O1", "objective", "y" * (MAX_CELL_CHARS + 1))))())
    with pytest.raises(TableFileError, match=r"row 2, column 3 holds 32,768 characters"):
        read_table(book)


def test_more_rows_than_an_import_takes_are_refused(tmp_path: Path) -> None:
    path = sources.too_many_rows("x.csv")(tmp_path)
    with pytest.raises(TableFileError, match=f"more than {MAX_ROWS:,} rows"):
        read_csv(path)


def test_an_unbalanced_quote_is_refused_with_its_line(blank: Path, tmp_path: Path) -> None:
    # -- the quote on line 2 is never closed: every row after it would become one title
    path = tmp_path / "register.csv"
    path.write_text('id,type,title\nO1,objective,"Grow revenue\nO2,objective,Cut costs\n'
                    "O3,objective,Hire well\n", encoding="utf-8")
    line = _refused("import", blank, path, watch=blank)
    assert "line 2: a quote" in line and "never closed" in line
    swallowed = tmp_path / "swallowed.csv"
    swallowed.write_text('id,type,title\nO1,objective,"Grow revenue\nO2,objective,Cut costs\n'
                         'O3,objective,Hire well"\nO4,objective,Last\n', encoding="utf-8")
    line = _refused("import", blank, swallowed, watch=blank)
    assert "line 2: a quote" in line and "runs on to line 4" in line


def test_a_quoted_cell_over_several_lines_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text('id,type,title,description\nO1,objective,Grow,"First line\nsecond, third"\n',
                    encoding="utf-8")
    assert read_csv(path).rows == [["O1", "objective", "Grow", "First line\nsecond, third"]]


def test_text_no_workbook_can_hold_is_cleaned_from_every_xlsx_export(tmp_path: Path) -> None:
    path = tmp_path / "w.bigdesk"
    create_workshop(path, populate_sample).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE element SET title = title || char(0xfffe, 0xffff, 1)")
        conn.execute("UPDATE criterion SET name = char(7) || name || char(0x1b)")
    conn.close()
    for option in ("--register", "--prioritisation", "--assessment", "--xlsx"):
        out = tmp_path / f"out{option}.xlsx"
        outcome = run("export", path, option, out)
        assert outcome.code == 0, outcome.stderr
