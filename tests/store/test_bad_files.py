"""A corpus of bad files: each is refused with one clear line and never changed."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import WorkshopFileError, create_workshop, open_workshop

from tests.helpers import run_bigdesk, sha256

PAGE = 4096


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the bytes of a real, self-contained sample workshop with several pages."""
    folder = tmp_path_factory.mktemp("good")
    store = create_workshop(folder / "live.bigdesk", populate_sample)
    try:
        store.save_copy(folder / "copy.bigdesk")
    finally:
        store.close()
    data = (folder / "copy.bigdesk").read_bytes()
    assert len(data) >= 8 * PAGE
    return data


Builder = Callable[[Path, bytes], None]


def _write(data: bytes) -> Builder:
    return lambda path, good: path.write_bytes(data)


def _truncate(length: int) -> Builder:
    def build(path: Path, good: bytes) -> None:
        cut = length if length >= 0 else len(good) + length
        path.write_bytes(good[:cut])

    return build


def _flip(offset: int, bit: int = 0) -> Builder:
    def build(path: Path, good: bytes) -> None:
        where = offset if offset >= 0 else len(good) + offset
        data = bytearray(good)
        data[where] ^= 1 << bit
        path.write_bytes(bytes(data))

    return build


def _foreign(path: Path, good: bytes) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO person (name) VALUES ('Someone else')")
    conn.close()


def _newer(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


def _no_revision(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE alembic_version")
    conn.close()


def _directory(path: Path, good: bytes) -> None:
    path.mkdir()


def _missing(path: Path, good: bytes) -> None:
    pass


_rng = random.Random(20261121)

# -- refused every time: open raises, check exits 2
REFUSED: dict[str, Builder] = {
    "empty": _write(b""),
    "random-bytes": _write(_rng.randbytes(3 * PAGE)),
    "random-after-magic": _write(b"SQLite format 3\x00" + _rng.randbytes(3 * PAGE)),
    "text-file": _write(b"Agenda for Thursday\n" * 50),
    "foreign-sqlite": _foreign,
    "newer-revision": _newer,
    "no-revision": _no_revision,
    "directory": _directory,
    "missing": _missing,
    **{f"truncated-{n}": _truncate(n) for n in (1, 16, 99, 100, 1000, PAGE, PAGE + 1)},
    "truncated-half": lambda path, good: path.write_bytes(good[: len(good) // 2]),
    "truncated-last-page": _truncate(-PAGE),
    "truncated-last-byte": _truncate(-1),
    "flip-magic": _flip(3),
    "flip-application-id": _flip(70, 2),
    "flip-page-size": _flip(17, 4),
    "flip-page-count": _flip(31, 3),
}

# -- damage SQLite may or may not notice: refused, or opened and still checked cleanly
MAYBE: dict[str, Builder] = {
    "flip-write-version": _flip(18, 1),
    "flip-reserved-space": _flip(20, 0),
    "flip-schema-cookie": _flip(40, 0),
    "flip-text-encoding": _flip(59, 1),
    "flip-version-valid-for": _flip(95, 0),
    "flip-page-1-btree": _flip(100, 3),
    "flip-page-1-cells": _flip(PAGE - 200, 5),
    "flip-page-2-header": _flip(PAGE, 1),
    "flip-page-2-middle": _flip(PAGE + 2000, 6),
    "flip-page-4-cells": _flip(4 * PAGE - 300, 0),
    "flip-last-page": _flip(-100, 7),
    "flip-last-byte": _flip(-1, 4),
}


def _build(tmp_path: Path, good: bytes, builder: Builder) -> tuple[Path, str | None]:
    path = tmp_path / "bad.bigdesk"
    builder(path, good)
    return path, sha256(path) if path.is_file() else None


def _assert_one_clear_line(stderr: str, path: Path) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("bigdesk: ") and str(path) in lines[0], lines[0]


def _assert_untouched(path: Path, digest: str | None) -> None:
    if digest is not None:
        assert sha256(path) == digest
    elif not path.is_dir():
        assert not path.exists()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused(name: str, tmp_path: Path, good_bytes: bytes) -> None:
    path, digest = _build(tmp_path, good_bytes, REFUSED[name])

    result = run_bigdesk("check", path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    _assert_one_clear_line(result.stderr, path)
    assert result.stdout == ""
    _assert_untouched(path, digest)

    for read_only in (True, False):
        with pytest.raises(WorkshopFileError) as caught:
            open_workshop(path, read_only=read_only)
        assert "\n" not in str(caught.value)
        _assert_untouched(path, digest)
    # -- a refused file leaves no lock, journal or backup behind
    assert sorted(p.name for p in tmp_path.iterdir()) == (["bad.bigdesk"] if path.exists() else [])


@pytest.mark.parametrize("name", sorted(MAYBE))
def test_maybe_damaged(name: str, tmp_path: Path, good_bytes: bytes) -> None:
    path, digest = _build(tmp_path, good_bytes, MAYBE[name])

    result = run_bigdesk("check", path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        _assert_one_clear_line(result.stderr, path)
    _assert_untouched(path, digest)

    try:
        reader = open_workshop(path, read_only=True)
    except WorkshopFileError as error:
        assert "\n" not in str(error)
    else:
        reader.close()
    _assert_untouched(path, digest)

    try:
        writer = open_workshop(path)
    except WorkshopFileError:
        _assert_untouched(path, digest)
    else:
        writer.close()


def test_the_corpus_starts_from_a_good_file(tmp_path: Path, good_bytes: bytes) -> None:
    path = tmp_path / "good.bigdesk"
    shutil.copyfile(_write(good_bytes) and tmp_path / "x", path) if False else None
    path.write_bytes(good_bytes)
    result = run_bigdesk("check", path)
    assert result.returncode == 0, result.stderr


def _flip_inside(needle: bytes, delta: int, bit: int) -> Builder:
    def build(path: Path, good: bytes) -> None:
        where = good.index(needle) + delta
        data = bytearray(good)
        data[where] ^= 1 << bit
        path.write_bytes(bytes(data))

    return build


# -- flips inside stored values: SQLite's integrity check does not look at text encoding
#    or at how dates are written, so these pass ``PRAGMA integrity_check``
DAMAGED_VALUES: dict[str, Builder] = {
    "invalid-utf8-in-a-name": _flip_inside(b"Amara Okafor", 2, 7),
    "invalid-utf8-in-the-venue": _flip_inside(b"Northgate head office", 0, 7),
    "malformed-session-date": _flip_inside(b"2026-12-03", 3, 3),
}


@pytest.mark.parametrize("name", sorted(DAMAGED_VALUES))
def test_a_file_check_calls_usable_can_be_read(
    name: str, tmp_path: Path, good_bytes: bytes
) -> None:
    from tests.store.content import content

    path = tmp_path / "bad.bigdesk"
    DAMAGED_VALUES[name](path, good_bytes)
    digest = sha256(path)
    result = run_bigdesk("check", path)
    assert sha256(path) == digest
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        store = open_workshop(path, read_only=True)
        try:
            content(store)
        finally:
            store.close()
    else:
        _assert_one_clear_line(result.stderr, path)
