"""The hostile-file corpus: every case, and a runner that puts it through ``bigdesk``.

A case is one damaged or hostile file: a workshop (checked, exported from and
imported into) or a source to import into a blank workshop. Each command runs
in this process through ``bigdesk.cli.main`` under a time limit; the outcome
records its exit code, what it printed, whether it hung and whether the
workshop file changed. ``python -m tests.hostile.corpus`` prints the totals.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bigdesk.cli import main
from bigdesk.exchange.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ENTRIES,
    MAX_JSON_VALUES,
    MAX_PACKED_BYTES,
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_SHEET_LINES,
    MAX_TEAM_DEPTH,
    MAX_TEXT_BYTES,
)
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.store import create_workshop

from tests.hostile import sources as s
from tests.hostile.formulas import live_formulas

# -- far beyond what any command takes on these small files; a hang is caught, not waited on
TIME_LIMIT = 30
FROZEN = Path(__file__).resolve().parent.parent / "store" / "frozen"


@dataclass(frozen=True)
class Case:
    """One hostile file: what kind it is and how to make it."""

    name: str
    kind: str  # -- "workshop", or the kind of source imported: csv, txt, xlsx, zip
    build: Callable[[Path], Path]


@dataclass(frozen=True)
class Outcome:
    """What one command did with one case."""

    argv: tuple[str, ...]
    code: int | None
    stdout: str
    stderr: str
    hung: bool
    changed: bool
    leftovers: tuple[str, ...] = ()
    formulas: tuple[str, ...] = ()

    @property
    def traceback(self) -> bool:
        """Return whether the command failed without a clear message."""
        return "Traceback" in self.stderr or "unexpected problem" in self.stderr or (
            self.code not in (0, 2) and not self.hung
        )

    @property
    def refused(self) -> bool:
        """Return whether the command refused cleanly."""
        return self.code == 2 and not self.traceback


class _TimeLimit(BaseException):
    """Raised by the alarm in the command that ran too long (never caught by BIG Desk)."""


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def run(*argv: str | Path, watch: Path | None = None) -> Outcome:
    """Run ``bigdesk ARGV`` in this process under the time limit."""
    args = tuple(str(a) for a in argv)
    before = _digest(watch) if watch else None
    listing = _listing(watch.parent) if watch else set()
    out, err = io.StringIO(), io.StringIO()

    def alarm(signum: int, frame: object) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    hung, code = False, None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
            except Exception as error:  # -- recorded as a traceback, never swallowed silently
                import traceback

                err.write("Traceback (escaped main):\n" + "".join(
                    traceback.format_exception(error)))
    except _TimeLimit:
        hung = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    changed = watch is not None and _digest(watch) != before
    leftovers = tuple(sorted(_listing(watch.parent) - listing)) if watch else ()
    return Outcome(args, code, out.getvalue(), err.getvalue(), hung, changed, leftovers)


# ---------------------------------------------------------------- the good files


@cache
def _good(kind: str) -> bytes:
    """Return the bytes of a good workshop: the sample or a blank one."""
    with tempfile.TemporaryDirectory() as folder:
        live, copy = Path(folder) / "live.bigdesk", Path(folder) / "copy.bigdesk"
        store = create_workshop(live, populate_sample if kind == "sample" else populate_blank)
        try:
            store.save_copy(copy)
        finally:
            store.close()
        return copy.read_bytes()


def _frozen(revision: str, *statements: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "w.bigdesk"
        shutil.copyfile(FROZEN / f"{revision}.bigdesk", path)
        if statements:
            return s.tampered(path.read_bytes(), *statements)(folder)
        return path

    return build


def _in_folder(name: str, build: Callable[[Path], Path]) -> Callable[[Path], Path]:
    """Return ``build`` run inside a sub-folder called ``name``."""

    def in_folder(folder: Path) -> Path:
        inner = folder / name
        inner.mkdir()
        return build(inner)

    return in_folder


def _linked(target: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "w.bigdesk"
        path.symlink_to(folder / target)
        return path

    return build


def _lock_planted(good: bytes, plant: str) -> Callable[[Path], Path]:
    """Return a builder of a good workshop with something not a lock at its lock path."""

    def build(folder: Path) -> Path:
        path = s.workshop_copy(good)(folder)
        lock = folder / f".~lock.{path.name}#"
        if plant == "folder":
            lock.mkdir()
        elif plant == "link":
            (folder / "precious.txt").write_text("must never be overwritten")
            lock.symlink_to(folder / "precious.txt")
        elif plant == "dangling":
            lock.symlink_to(folder / "nowhere")
        else:
            lock.write_bytes(plant.encode())
        return path

    return build


def workshop_cases() -> list[Case]:
    """Return the damaged and hostile workshop files."""
    good, blank = _good("sample"), _good("blank")
    bytes_cases: dict[str, Callable[[Path], Path]] = {
        "empty": s.text_file("w.bigdesk", b""),
        "one-byte": s.text_file("w.bigdesk", b"S"),
        "random": s.text_file("w.bigdesk", bytes(range(256)) * 16),
        "magic-then-garbage": s.text_file("w.bigdesk", b"SQLite format 3\x00" + b"\xff" * 4000),
        "text": s.text_file("w.bigdesk", "Agenda for Thursday\n" * 100),
        "zip-named-bigdesk": s.text_file("w.bigdesk", s.workbook_bytes()),
        **{f"truncated-{n}": s.text_file("w.bigdesk", good[:n])
           for n in (16, 99, 100, 101, 1000, 4096, 4097, len(good) // 2, len(good) - 4096,
                     len(good) - 1)},
        **{f"header-{offset}-{bit}": s.flipped(good, offset, bit)
           for offset, bit in ((3, 0), (16, 4), (17, 0), (18, 1), (19, 1), (20, 0), (21, 3),
                               (22, 0), (23, 0), (28, 3), (31, 1), (40, 0), (44, 2), (48, 0),
                               (52, 0), (56, 1), (59, 1), (60, 0), (64, 0), (70, 2),
                               (92, 0), (95, 0))},
        **dict(s.random_flips(good, 18, 30)),
        "foreign-sqlite": s.tampered(b"", "CREATE TABLE person (id INTEGER PRIMARY KEY)"),
        "newer-revision": s.tampered(good, "UPDATE alembic_version SET version_num = '9999'"),
        "no-revision": s.tampered(good, "DROP TABLE alembic_version"),
        "empty-revision": s.tampered(good, "DELETE FROM alembic_version"),
        "folder": lambda folder: (folder / "w.bigdesk").mkdir() or folder / "w.bigdesk",
        "missing": lambda folder: folder / "w.bigdesk",
        "dangling-link": _linked("nowhere.bigdesk"),
        "link-loop": _linked("w.bigdesk"),
        "device": lambda folder: (folder / "w.bigdesk").symlink_to("/dev/zero")
        or folder / "w.bigdesk",
    }
    schema_cases = {
        "trigger-flips-private-notes": s.tampered(
            good, "CREATE TRIGGER leak AFTER UPDATE ON workshop BEGIN "
                  "UPDATE note SET private = 0; END"),
        "trigger-on-insert": s.tampered(
            good, "CREATE TRIGGER spy AFTER INSERT ON element BEGIN "
                  "UPDATE element SET title = 'owned' WHERE id = new.id; END"),
        "view-in-place-of-a-table": s.tampered(
            good, "ALTER TABLE note RENAME TO note_kept",
            "CREATE VIEW note AS SELECT * FROM note_kept"),
        "view-extra": s.tampered(good, "CREATE VIEW peek AS SELECT * FROM person"),
        "table-extra": s.tampered(good, "CREATE TABLE extra (x)"),
        "index-extra": s.tampered(good, "CREATE INDEX ix_extra ON person (name)"),
        "table-missing": s.tampered(good, "DROP TABLE key_point"),
        "column-missing": s.tampered(good, "ALTER TABLE element DROP COLUMN metric"),
        "column-extra": s.tampered(good, "ALTER TABLE person ADD COLUMN secret TEXT"),
        "column-renamed": s.tampered(good, "ALTER TABLE raid_item RENAME COLUMN title TO name"),
        "old-with-trigger": _frozen("0003", "CREATE TRIGGER t AFTER UPDATE ON person BEGIN "
                                            "DELETE FROM note; END"),
        "old-with-view": _frozen("0002", "CREATE VIEW v AS SELECT 1"),
        "old-with-extra-table": _frozen("0004", "CREATE TABLE extra (x)"),
        "old-missing-table": _frozen("0003", "DROP TABLE note"),
        "old-good": _frozen("0001"),
    }
    value_cases = {
        "text-in-a-number": s.tampered(good, "UPDATE element SET position = 'top' WHERE id = 1"),
        "real-in-an-integer": s.tampered(good, "UPDATE person SET position = 1.5 WHERE id = 1"),
        "blob-in-text": s.tampered(good, "UPDATE person SET name = x'00ff' WHERE id = 1"),
        "unknown-choice": s.tampered(good, "UPDATE element SET type = 'epic' WHERE id = 1",
                                     check_constraints=False),
        "boolean-two": s.tampered(good, "UPDATE note SET private = 2", check_constraints=False),
        "bad-date": s.tampered(good, "UPDATE workshop SET session_date = '2026-02-30'"),
        "date-as-number": s.tampered(good, "UPDATE workshop SET session_date = 20261203"),
        "broken-link": s.tampered(good, "DELETE FROM person WHERE id IN "
                                        "(SELECT owner_id FROM element)"),
        "huge-text": s.tampered(good, "UPDATE note SET text = printf('%.*c', 2000000, 'x')"),
        "formula-titles": s.tampered(good, "UPDATE element SET title = '=HYPERLINK(1)' || id",
                                     "UPDATE person SET name = char(1) || '=cmd' || id"),
        "controls-everywhere": s.tampered(good, "UPDATE element SET title = char(1, 0xfffe) || "
                                                "title", "UPDATE criterion SET name = char(7) "
                                                "|| name"),
        "infinite-number": s.tampered(good, "UPDATE element SET budget = 9e999"),
    }
    place_cases = {
        f"folder-{label}": _in_folder(folder, s.workshop_copy(good))
        for label, folder in (("hash", "Project #3"), ("question", "What?"),
                              ("percent", "100%41 done"), ("space", " two  spaces "),
                              ("unicode", "Bühne – ✓ 项目"))
    } | {
        f"old-in-folder-{label}": _in_folder(folder, _frozen("0004"))
        for label, folder in (("hash", "Project #3"), ("question", "Why? Because"),
                              ("percent", "%41%2F"))
    } | {
        "name-with-hash": s.workshop_copy(good, "w #1.bigdesk"),
        "lock-is-a-folder": _lock_planted(good, "folder"),
        "lock-is-a-link": _lock_planted(good, "link"),
        "lock-is-dangling": _lock_planted(good, "dangling"),
        "lock-is-garbage": _lock_planted(good, "\x00{not json"),
        "lock-from-elsewhere": _lock_planted(good, json.dumps(
            {"user": "alex", "host": "far-away", "pid": 1, "since": "2020-01-01 09:00",
             "started": 1577869200})),
        "blank": s.workshop_copy(blank),
    }
    return [Case(name, "workshop", build) for name, build in
            {**bytes_cases, **schema_cases, **value_cases, **place_cases}.items()]


def text_cases() -> list[Case]:
    """Return the damaged and hostile CSV and TXT registers."""
    r = s.register
    row = "O9,objective,Nine,,,,"
    csv: dict[str, Callable[[Path], Path]] = {
        "empty": s.text_file("x.csv", b""),
        "blank-lines": s.text_file("x.csv", "\n\n  \n"),
        "bom-only": s.text_file("x.csv", b"\xef\xbb\xbf"),
        "header-only": r("x.csv"),
        "binary": s.text_file("x.csv", bytes(range(256)) * 8),
        "invalid-utf8": s.text_file("x.csv", s.good_csv_text().encode() + b"O9,x,\xff\xfe\n"),
        "utf16-no-bom": s.text_file("x.csv", s.good_csv_text().encode("utf-16-le")),
        "nul-bytes": r("x.csv", "O9,objec\x00tive,Nine,,,,"),
        "quote-never-closed": r("x.csv", *s.GOOD_ROWS, 'O9,objective,"Nine'),
        "quote-swallows-rows": r("x.csv", 'O8,objective,"Eight', *s.GOOD_ROWS, 'O9,objective,x"'),
        "quote-mid-file": r("x.csv", s.GOOD_ROWS[0], 'O8,objective,"Eight,,,,', *s.GOOD_ROWS[1:]),
        "stray-quote": r("x.csv", *s.GOOD_ROWS, 'O9,objective,Ni"ne,,,,'),
        "too-many-rows": s.too_many_rows("x.csv"),
        "too-many-columns": r("x.csv", "O9,objective,Nine" + ",x" * (MAX_COLUMNS + 5),
                              header=s.HEADER + ",c" * (MAX_COLUMNS + 5)),
        "long-cell": r("x.csv", "O9,objective," + "x" * (MAX_CELL_CHARS + 1) + ",,,,"),
        "longer-than-csv-field": r("x.csv", "O9,objective," + "x" * 200_000 + ",,,,"),
        "oversized": s.sparse("x.csv", MAX_TEXT_BYTES + 1),
        "formulas": r("x.csv", "O9,objective,=HYPERLINK(\"http://x\"),,@SUM(1),,+1",
                      "O8,objective,\x01=cmd,O9,-2,,\ufeff=1"),
        "controls": r("x.csv", "O9,objective,Ni\x07ne\x1b[31m,,,,\ufffe\uffff"),
        "long-number": r("x.csv", "I9,initiative,Nine,,,1" + "0" * 400 + ",",),
        "infinite-number": r("x.csv", "I9,initiative,Nine,,,1e999,"),
        "nan-number": r("x.csv", "I9,initiative,Nine,,,nan,"),
        "negative-budget": r("x.csv", "I9,initiative,Nine,,,-5,"),
        "duplicate-ids": r("x.csv", *s.GOOD_ROWS, "X-O1,objective,Again,,,,"),
        "two-row-loop": r("x.csv", "A,objective,A,B,,,", "B,objective,B,A,,,"),
        "self-parent": r("x.csv", "A,objective,A,A,,,"),
        "unknown-parent": r("x.csv", "A,objective,A,Z9,,,"),
        "parent-weights-garbage": r("x.csv", "P,purpose,P,,,,", "A,objective,A,P=lots;P=1e999,,,"),
        "long-chain": s.chain("x.csv", 5_000),
        "no-required-columns": r("x.csv", "1,2", header="colour,size"),
        "repeated-column": r("x.csv", "O9,objective,Nine,Nine", header="id,type,title,title"),
        "semicolons": s.text_file("x.csv", s.good_csv_text().replace(",", ";")),
        "bare-carriage-returns": s.text_file("x.csv", s.good_csv_text().replace("\n", "\r")),
        "one-huge-line": s.text_file("x.csv", "id,type,title\n" + "x," * 300_000),
        "million-blank-lines": s.text_file("x.csv", s.good_csv_text() + "\n" * 1_000_000),
        "explorer-hostile": s.text_file("x.csv", (s.FIXTURES / "vivagoals_explorer.csv")
                                        .read_text().replace("45%", "1" + "0" * 400)),
        "explorer-loop": s.text_file("x.csv", "ID,Title,Object Type,Parent ID,Owner,Time Period,"
                                              "Progress\n1,A,Objective,2,Ann,Q1,\n"
                                              "2,B,Objective,1,Ann,Q1,\n"),
        # -- check-in files, told apart by their header; the blank workshop has no key
        #    result, so each is refused, row by row, however hostile its cells
        "checkins-garbage": r("x.csv", "KR1,someday,lots,=cmd|' /C calc'!A0,@SUM(1)",
                              "\x00,1e999,nan,\ufeff=1,+1", ",,,,",
                              header=s.CHECK_IN_HEADER),
        "checkins-long-cell": r("x.csv", "KR1,2027-01-01,1,," + "x" * (MAX_CELL_CHARS + 1),
                                header=s.CHECK_IN_HEADER),
        "checkins-quote-never-closed": r("x.csv", 'KR1,2027-01-01,1,"open,', "KR1,2027-01-02,2,,",
                                         "KR1,2027-01-03,3,,", header=s.CHECK_IN_HEADER),
        "checkins-rows": s.text_file("x.csv", s.CHECK_IN_HEADER + "\n"
                                     + "KR1,2027-01-01,1,,\n" * (MAX_ROWS + 1)),
        "folder": lambda folder: (folder / "x.csv").mkdir() or folder / "x.csv",
        "missing": lambda folder: folder / "x.csv",
        "device": lambda folder: (folder / "x.csv").symlink_to("/dev/zero") or folder / "x.csv",
        "good": s.text_file("x.csv", s.good_csv_text()),
        "unknown-suffix": s.text_file("x.doc", s.good_csv_text()),
    }
    txt = {
        "utf16-tabs": s.text_file("x.txt", b"\xff\xfe" + s.good_csv_text().replace(",", "\t")
                                  .encode("utf-16-le")),
        "utf16-odd-length": s.text_file("x.txt", b"\xff\xfe" + "id\ttype".encode("utf-16-le")
                                        + b"\x00"),
        "utf16-quote-never-closed": s.text_file("x.txt", b"\xff\xfe" + (
            s.good_csv_text().replace(",", "\t") + 'O9\tobjective\t"Nine\n').encode("utf-16-le")),
        "tabs-formulas": s.text_file("x.txt", "id\ttype\ttitle\nO9\tobjective\t=1+1\n"),
        "empty": s.text_file("x.txt", b""),
        "binary": s.text_file("x.txt", b"\x00" * 4096),
        "row": r("x.txt", row),
    }
    return ([Case(f"csv-{n}", "csv", b) for n, b in csv.items()]
            + [Case(f"txt-{n}", "txt", b) for n, b in txt.items()])


def workbook_cases() -> list[Case]:
    """Return the damaged and hostile XLSX registers."""
    wb = s.workbook
    good = s.workbook_bytes
    big_string = "x" * (MAX_PART_BYTES + 1)
    cases: dict[str, Callable[[Path], Path]] = {
        "empty": s.text_file("x.xlsx", b""),
        "checkins-garbage": wb("x.xlsx", lambda: s.workbook_bytes(
            [["KR1", "someday", "lots", "=1+1", "@SUM(1)"], ["I1", 45000, 1e308, None, None]],
            header=s.CHECK_IN_HEADER.split(","))),
        "text": s.text_file("x.xlsx", s.good_csv_text()),
        "random": s.text_file("x.xlsx", bytes(range(256)) * 40),
        "zip-without-workbook": wb("x.xlsx", lambda: s.rezip(good(), {"xl/workbook.xml": None})),
        "zip-of-nothing": wb("x.xlsx", lambda: s.rezip(good(), {n: None for n in zipfile.ZipFile(
            io.BytesIO(good())).namelist()})),
        "no-sheets": wb("x.xlsx", lambda: s.rezip(good(), {"xl/worksheets/sheet1.xml": None})),
        **{f"truncated-{n}": wb("x.xlsx", lambda n=n: good()[:n])
           for n in (10, 100, 1000, 3000, -200, -22, -1)},
        **{f"flip-{n}": wb("x.xlsx", lambda n=n: s.flip_bytes(good(), n))
           for n in (5, 40, 300, 800, 1500, 2500, 3500, -30, -80, -150)},
        "encrypted-entry": wb("x.xlsx", lambda: s.patch_entry(good(), "flags", 1)),
        "method-99": wb("x.xlsx", lambda: s.patch_entry(good(), "method", 99)),
        "method-bzip2": wb("x.xlsx", lambda: s.rezip(good(), method=zipfile.ZIP_BZIP2)),
        "bad-crc": wb("x.xlsx", lambda: s.patch_entry(good(), "crc", 0xDEADBEEF, entry=3)),
        "laughs-in-workbook": wb("x.xlsx", s.with_doctype("xl/workbook.xml", s.LAUGHS)),
        "laughs-in-sheet": wb("x.xlsx", s.with_doctype("xl/worksheets/sheet1.xml", s.LAUGHS)),
        "external-entity-in-sheet": wb("x.xlsx", s.with_doctype("xl/worksheets/sheet1.xml",
                                                                s.EXTERNAL)),
        "doctype-in-content-types": wb("x.xlsx", s.with_doctype("[Content_Types].xml",
                                                                s.LAUGHS)),
        "utf16-sheet": wb("x.xlsx", lambda: s.rezip(good(), {"xl/worksheets/sheet1.xml":
            s.sheet_xml(s.inline_row(1, "id", "type", "title")).decode()
            .replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")})),
        "huge-shared-string": wb("x.xlsx", lambda: s.rezip(good(), add={"xl/sharedStrings.xml": (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<si><t>{big_string}</t></si></sst>").encode()})),
        "long-cell": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title")
            + s.inline_row(2, "O9", "objective", "x" * (MAX_CELL_CHARS + 1))))),
        "too-many-rows": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title") + "".join(
                s.inline_row(n, f"O{n}", "objective", "x") for n in range(2, MAX_ROWS + 3))))),
        "row-a-million-down": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title") + s.inline_row(1_000_000, "O9", "objective",
                                                                  "far"),
            dimension="A1:XFD1048576"))),
        "blank-rows-past-limit": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title")
            + s.inline_row(MAX_SHEET_LINES + 2, "O9", "objective", "far")))),
        "column-far-right": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title")
            + s.inline_row(2, "O9", "objective", "Nine") + s.inline_row(3, "x",
                                                                      start=MAX_COLUMNS + 3)))),
        "cell-at-xfd": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title") + s.inline_row(2, "x", start=16_383)))),
        "too-many-entries": wb("x.xlsx", lambda: s.rezip(good(), add={
            f"xl/media/pad{n}.bin": b"" for n in range(MAX_ENTRIES + 1)})),
        "formula-cells": wb("x.xlsx", lambda: s.workbook_bytes(
            [["O9", "objective", "=1+1", ""], ["O8", "objective", "@SUM(A1)", "O9"]])),
        "formula-text": wb("x.xlsx", lambda: s.workbook_bytes(
            [["O9", "objective", "'=HYPERLINK(\"http://x\")", ""],
             ["O8", "objective", " \u200b-cmd", "O9"]])),
        "non-text-cells": wb("x.xlsx", lambda: s.workbook_bytes(
            [[1, "objective", 2.5, None], [True, "objective", dt.date(2026, 1, 1), None]])),
        "error-cell": wb("x.xlsx", s.with_sheet(s.sheet_xml(
            s.inline_row(1, "id", "type", "title")
            + '<row r="2"><c r="A2" t="e"><v>#REF!</v></c></row>'))),
        "bad-inline-xml": wb("x.xlsx", s.with_sheet(b"<worksheet><sheetData><row>")),
        "good": wb("x.xlsx", good),
    }
    return [Case(f"xlsx-{n}", "xlsx", b) for n, b in cases.items()]


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def archive_cases() -> list[Case]:
    """Return the damaged and hostile Viva Goals exports."""
    v, first, setting = s.viva, s.first_item, s.setting
    bomb = b"[" + b" " * (MAX_PART_BYTES + 10) + b"]"
    cases: dict[str, Callable[[Path], Path]] = {
        "empty": s.text_file("x.zip", b""),
        "not-a-zip": s.text_file("x.zip", "PK\x03\x04 not really"),
        "no-json": s.viva("x.zip", lambda files: {"readme.txt": b"hello"}),
        "empty-json-list": v("x.zip", lambda files: {"objectives.json": []}),
        "not-json": v("x.zip", setting("objectives.json", b"{not json")),
        "not-utf8": v("x.zip", setting("objectives.json", b'[{"title": "\xff"}]')),
        "utf8-bom": v("x.zip", setting("teams.json", b"\xef\xbb\xbf[]")),
        "nested-deep": v("x.zip", setting("objectives.json", _nested(100_000))),
        "nested-900": v("x.zip", setting("objectives.json", b'[{"id":"o","title":"t","owner":'
                                         + _nested(900) + b"}]")),
        "top-level-string": v("x.zip", setting("objectives.json", "just text")),
        "top-level-number": v("x.zip", setting("objectives.json", 42)),
        "records-not-objects": v("x.zip", setting("objectives.json", [1, "two", None])),
        "long-number-progress": v("x.zip", first("objectives.json", progress=10 ** 400)),
        "longer-than-python-reads": v("x.zip", setting("objectives.json",
                                                       b'[{"id": 1, "progress": 1'
                                                       + b"0" * 5000 + b"}]")),
        "infinite-progress": v("x.zip", setting("objectives.json",
                                                b'[{"id": "o", "title": "t", "progress": 1e999}]')),
        "nan-progress": v("x.zip", setting("objectives.json",
                                           b'[{"id": "o", "title": "t", "progress": NaN}]')),
        "alignment-not-an-object": v("x.zip", first("key_results.json",
                                                    alignments=[{"parentId": "o-1"}, 7])),
        "alignments-a-string": v("x.zip", first("key_results.json", alignments="o-1")),
        "alignments-a-number": v("x.zip", first("key_results.json", alignments=5)),
        "alignment-weight-garbage": v("x.zip", first("key_results.json", alignments=[
            {"parentId": "o-1", "weight": {"deep": [1]}}])),
        "owner-nested-lists": v("x.zip", first("objectives.json", owner=[[["Ann"]]])),
        "title-an-object": v("x.zip", first("objectives.json", title={"text": "x"})),
        "id-an-object": v("x.zip", first("objectives.json", id={"x": 1})),
        "team-name-an-object": v("x.zip", first("teams.json", name={"x": [1]})),
        "team-chain": v("x.zip", s.team_chain(5_000)),
        "team-chain-at-limit": v("x.zip", s.team_chain(MAX_TEAM_DEPTH)),
        "team-loop-of-two": v("x.zip", s.team_loop(2)),
        "team-loop-of-one": v("x.zip", s.team_loop(1)),
        "objective-loop": v("x.zip", setting("objectives.json", [
            {"id": "a", "title": "A", "alignments": [{"parentId": "b"}]},
            {"id": "b", "title": "B", "alignments": [{"parentId": "a"}]}])),
        "duplicate-ids": v("x.zip", setting("objectives.json", [
            {"id": "a", "title": "A"}, {"id": "a", "title": "A again"}])),
        "check-in-garbage": v("x.zip", setting("check_ins.json", [
            {"okrId": "kr-1", "value": "lots", "progress": 1e308 * 10, "createdAt": [1]},
            {"okrId": {"x": 1}}, {}])),
        "formula-titles": v("x.zip", first("objectives.json", title="=HYPERLINK(\"http://x\")",
                                           description="\x01@SUM(1)")),
        "controls-in-titles": v("x.zip", first("objectives.json", title="\x00\x07\ufffe\uffff")),
        "json-bomb": v("x.zip", setting("objectives.json", bomb)),
        "too-many-values": v("x.zip", setting("objectives.json",
                                              b"[" + b"0," * (MAX_JSON_VALUES + 1) + b"0]")),
        "too-many-records": v("x.zip", setting("objectives.json", [
            {"id": f"o{n}", "title": f"O{n}"} for n in range(20_001)])),
        "too-many-entries": v("x.zip", lambda files: {**files, **{
            f"pad{n}.txt": b"" for n in range(MAX_ENTRIES + 1)}}),
        "stored": v("x.zip", method=zipfile.ZIP_STORED),
        "bzip2": v("x.zip", method=zipfile.ZIP_BZIP2),
        "lzma": v("x.zip", method=zipfile.ZIP_LZMA),
        "encrypted": s.viva_patched("x.zip", "flags", 1),
        "method-99": s.viva_patched("x.zip", "method", 99),
        "bad-crc": s.viva_patched("x.zip", "crc", 0),
        **{f"truncated-{n}": _truncated(n) for n in (30, 200, -100, -22, -1)},
        "oversized": s.sparse("x.zip", MAX_PACKED_BYTES + 1),
        "folder": lambda folder: (folder / "x.zip").mkdir() or folder / "x.zip",
        "good": v("x.zip"),
    }
    return [Case(f"zip-{n}", "zip", b) for n, b in cases.items()]


def _truncated(cut: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = s.viva("x.zip")(folder)
        path.write_bytes(path.read_bytes()[:cut])
        return path

    return build


def all_cases() -> list[Case]:
    """Return every case of the corpus."""
    return [*workshop_cases(), *text_cases(), *workbook_cases(), *archive_cases()]


# ---------------------------------------------------------------- running a case


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="bigdesk-hostile-") as folder:
        yield Path(folder)


def run_case(case: Case, folder: Path) -> list[Outcome]:
    """Build ``case`` in ``folder`` and run the commands that concern it."""
    inbox = folder / "in"
    inbox.mkdir()
    if case.kind == "workshop":
        path = case.build(folder)
        source = s.register("good.csv", *s.GOOD_ROWS)(inbox)
        return [run("check", path, watch=path),
                run("export", path, "--register", folder / "out.xlsx", watch=path),
                run("import", path, source, watch=path),
                run("plan", path, "--json", watch=path)]
    workshop = folder / "w.bigdesk"
    workshop.write_bytes(_good("blank"))
    source = case.build(inbox)
    imported = run("import", workshop, source, watch=workshop)
    outcomes = [imported]
    if imported.code == 0:
        out = folder / "register.xlsx"
        exported = run("export", workshop, "--register", out)
        formulas = tuple(live_formulas(out)) if out.exists() else ()
        outcomes.append(Outcome(exported.argv, exported.code, exported.stdout, exported.stderr,
                                exported.hung, exported.changed, formulas=formulas))
    return outcomes


def problems(case: Case, outcomes: list[Outcome]) -> list[str]:
    """Return what went wrong with ``case``: anything but a clean result or a clean refusal."""
    found = []
    for outcome in outcomes:
        what = " ".join(outcome.argv[:1] + outcome.argv[2:3])
        lines = outcome.stderr.splitlines()
        if outcome.hung:
            found.append(f"{what}: hung")
        elif outcome.traceback:
            found.append(f"{what}: exit {outcome.code} with {outcome.stderr[-800:]!r}")
        elif outcome.code == 2:
            if not lines or not lines[0].startswith("bigdesk: ") or any(
                not line.startswith("  - ") for line in lines[1:]
            ):
                found.append(f"{what}: not one clear message: {outcome.stderr!r}")
            elif not any(Path(arg).name in lines[0] for arg in outcome.argv[1:]):
                found.append(f"{what}: the message names no file: {lines[0]!r}")
            if outcome.changed:
                found.append(f"{what}: refused but changed the workshop")
            if outcome.leftovers:
                found.append(f"{what}: refused but left {outcome.leftovers}")
        elif outcome.argv[0] in ("check", "export", "plan") and outcome.changed:
            found.append(f"{what}: changed the workshop")
        if outcome.formulas:
            found.append(f"{what}: live formulas {outcome.formulas[:3]}")
    return found


def summary() -> dict[str, Counter[str]]:
    """Run the whole corpus; count cases, commands, results, refusals, tracebacks and hangs."""
    counts: dict[str, Counter[str]] = {}
    started = time.perf_counter()
    for case in all_cases():
        with _scratch() as folder:
            outcomes = run_case(case, folder)
        for key in (case.kind, "all"):
            row = counts.setdefault(key, Counter())
            row["cases"] += 1
            row["commands"] += len(outcomes)
            row["results"] += sum(o.code == 0 and not o.traceback for o in outcomes)
            row["clean refusals"] += sum(o.refused for o in outcomes)
            row["tracebacks"] += sum(o.traceback for o in outcomes)
            row["hangs"] += sum(o.hung for o in outcomes)
            row["cases with a problem"] += bool(problems(case, outcomes))
    counts["all"]["seconds"] = round(time.perf_counter() - started)
    return counts


if __name__ == "__main__":
    os.environ.setdefault("BIGDESK_DATA_DIR", tempfile.mkdtemp(prefix="bigdesk-data-"))
    for kind, row in summary().items():
        print(kind, ", ".join(f"{key}: {value}" for key, value in row.items()))
    sys.exit(0)
