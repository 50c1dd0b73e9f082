"""Damaged and hostile files of every kind BIG Desk reads, generated at test time.

Each builder takes the folder to write into and returns the path it wrote. The
good files they start from are made here too, so nothing binary is committed.
"""

from __future__ import annotations

import io
import json
import random
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bigdesk.exchange.limits import MAX_ROWS
from bigdesk.exchange.register import COLUMNS

Builder = Callable[[Path], Path]
FIXTURES = Path(__file__).resolve().parent.parent / "exchange" / "fixtures"

HEADER = "id,type,title,parents,owner,budget,description"
CHECK_IN_HEADER = "id,date,current,status,note"
# -- ids no workshop of the tests uses, so the register imports into the sample too
GOOD_ROWS = [
    "X-P1,purpose,Keep the North moving,,,,",
    "X-O1,objective,Be the most reliable carrier,X-P1,Amara Okafor,,",
    "X-KR1,key_result,On-time deliveries at 97%,X-O1,,,",
    "X-I1,initiative,Live tracking,X-KR1,Ellen Marsh,250000,Phase one",
]


def good_csv_text() -> str:
    """Return a small register that imports cleanly."""
    return "\n".join([HEADER, *GOOD_ROWS]) + "\n"


# ---------------------------------------------------------------- text registers


def text_file(name: str, data: bytes | str) -> Builder:
    """Return a builder writing ``data`` (text is UTF-8) to ``name``."""

    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return build


def register(name: str, *rows: str, header: str = HEADER) -> Builder:
    """Return a builder of a CSV register with ``rows`` under ``header``."""
    return text_file(name, "\n".join([header, *rows]) + "\n")


def sparse(name: str, size: int) -> Builder:
    """Return a builder of a file that claims ``size`` bytes without writing them."""

    def build(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.truncate(size)
        return path

    return build


def too_many_rows(name: str) -> Builder:
    rows = [f"O{n},objective,Objective {n},,,," for n in range(MAX_ROWS + 1)]
    return register(name, *rows)


def chain(name: str, length: int) -> Builder:
    rows = ["E0,objective,Top,,,,"] + [f"E{n},objective,Step {n},E{n - 1},,," for n in
                                       range(1, length)]  # fmt: skip
    return register(name, *rows)


# ---------------------------------------------------------------- workbooks


def workbook_bytes(rows: list[list[Any]] | None = None,
                   header: list[str] | None = None) -> bytes:
    """Return a small XLSX register (or another table, under ``header``) written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or [*COLUMNS[:3], "parents"])
    for row in rows if rows is not None else [
        ["P1", "purpose", "Keep the North moving", ""],
        ["O1", "objective", "Be the most reliable carrier", "P1"],
    ]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes | None] | None = None,
          method: int = zipfile.ZIP_DEFLATED, add: dict[str, bytes] | None = None) -> bytes:
    """Return the archive ``data`` with parts replaced (None removes one) or added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            payload = replace.get(info.filename, source.read(info))
            if payload is not None:
                target.writestr(info.filename, payload)
        for name, payload in (add or {}).items():
            target.writestr(name, payload)
    return out.getvalue()


def patch_entry(data: bytes, field: str, value: int, entry: int = 0) -> bytes:
    """Return ``data`` with one field of one entry changed in both of the ZIP's headers."""
    # -- (offset in the central directory record, offset in the local header, size)
    offsets = {"flags": (8, 6, 2), "method": (10, 8, 2), "crc": (16, 14, 4)}
    central, local, size = offsets[field]
    packed = struct.pack("<H" if size == 2 else "<I", value)
    out = bytearray(data)
    starts = [i for i in range(len(out) - 4) if out[i:i + 4] == b"PK\x01\x02"]
    record = starts[entry]
    out[record + central:record + central + size] = packed
    (local_at,) = struct.unpack("<I", out[record + 42:record + 46])
    out[local_at + local:local_at + local + size] = packed
    return bytes(out)


def workbook(name: str, make: Callable[[], bytes]) -> Builder:
    """Return a builder writing the workbook bytes ``make`` returns."""

    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(make())
        return path

    return build


def sheet_xml(rows: str, dimension: str = "A1:D3") -> bytes:
    """Return a worksheet part holding ``rows`` (inline strings)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


def inline_row(number: int, *cells: str, start: int = 0) -> str:
    """Return one worksheet row of inline-string cells."""
    from openpyxl.utils import get_column_letter

    parts = "".join(
        f'<c r="{get_column_letter(start + i + 1)}{number}" t="inlineStr">'
        f"<is><t>{text}</t></is></c>"
        for i, text in enumerate(cells)
    )
    return f'<row r="{number}">{parts}</row>'


def with_sheet(xml: bytes) -> Callable[[], bytes]:
    return lambda: rezip(workbook_bytes(), {"xl/worksheets/sheet1.xml": xml})


def with_doctype(part: str, doctype: str) -> Callable[[], bytes]:
    """Return a maker of the good workbook with ``doctype`` put before ``part``'s root."""

    def make() -> bytes:
        data = workbook_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(part)
        head, declared, body = xml.partition(b"?>")
        changed = head + declared + doctype.encode() + body if declared else doctype.encode() + xml
        return rezip(data, {part: changed})

    return make


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
          '&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'


# ---------------------------------------------------------------- Viva Goals exports


def viva_files() -> dict[str, Any]:
    """Return the JSON documents of the Viva Goals fixture export."""
    folder = FIXTURES / "vivagoals_export"
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.json"))}  # fmt: skip


def viva(name: str, change: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
         method: int = zipfile.ZIP_DEFLATED) -> Builder:
    """Return a builder of the fixture export as a ZIP, after ``change`` edits its files.

    A file's value may be bytes, written as they are, instead of a JSON document.
    """

    def build(folder: Path) -> Path:
        files = viva_files()
        if change is not None:
            files = change(files)
        path = folder / name
        with zipfile.ZipFile(path, "w", method) as archive:
            for part, document in files.items():
                payload = document if isinstance(document, bytes) else json.dumps(document)
                archive.writestr(f"VivaGoalsExport/{part}", payload)
        return path

    return build


def viva_patched(name: str, field: str, value: int) -> Builder:
    """Return a builder of the fixture export with one header field of its first entry changed."""

    def build(folder: Path) -> Path:
        path = viva(name)(folder)
        path.write_bytes(patch_entry(path.read_bytes(), field, value))
        return path

    return build


def setting(part: str, value: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Return a change that replaces one file of the export."""
    return lambda files: {**files, part: value}


def first_item(part: str, **fields: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Return a change that sets fields of the first record of one file."""

    def change(files: dict[str, Any]) -> dict[str, Any]:
        records = [dict(r) for r in files[part]]
        records[0].update(fields)
        return {**files, part: records}

    return change


def team_chain(length: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    teams = [{"id": "c-0", "name": "Chain 0", "parentTeamId": None}] + [
        {"id": f"c-{n}", "name": f"Chain {n}", "parentTeamId": f"c-{n - 1}"}
        for n in range(1, length)
    ]
    return setting("teams.json", teams)


def team_loop(size: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    teams = [{"id": f"l-{n}", "name": f"Loop {n}", "parentTeamId": f"l-{(n + 1) % size}"}
             for n in range(size)]  # fmt: skip
    return setting("teams.json", teams)


# ---------------------------------------------------------------- workshop files


def workshop_copy(good: bytes, name: str = "w.bigdesk") -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(good)
        return path

    return build


def tampered(good: bytes, *statements: str, check_constraints: bool = True) -> Builder:
    """Return a builder of the good workshop changed by SQL run outside BIG Desk."""

    def build(folder: Path) -> Path:
        path = folder / "w.bigdesk"
        path.write_bytes(good)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys=OFF")
            if not check_constraints:
                conn.execute("PRAGMA ignore_check_constraints=ON")
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()
        return path

    return build


def flipped(good: bytes, offset: int, bit: int) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / "w.bigdesk"
        path.write_bytes(flip_bytes(good, offset, bit))
        return path

    return build


def flip_bytes(data: bytes, offset: int, bit: int = 4) -> bytes:
    """Return ``data`` with one bit flipped at ``offset`` (negative counts from the end)."""
    out = bytearray(data)
    out[offset % len(out)] ^= 1 << bit
    return bytes(out)


def random_flips(good: bytes, seed: int, count: int) -> list[tuple[str, Builder]]:
    """Return ``count`` builders each flipping one bit chosen by ``seed``."""
    rng = random.Random(seed)
    return [(f"flip-{offset}-{bit}", flipped(good, offset, bit))
            for offset, bit in ((rng.randrange(len(good)), rng.randrange(8))
                                for _ in range(count))]  # fmt: skip
