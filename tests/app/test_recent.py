"""What the welcome screen says about a recent workshop: read safely, said in words."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bigdesk.analysis.progress import StepState
from bigdesk.app.recent import SHOWN_LENGTH, read_recent, recent_entry
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.store import create_workshop, open_workshop

from tests.hostile.corpus import Case, all_cases

FROZEN = Path(__file__).resolve().parent.parent / "store" / "frozen"
WORKSHOP_CASES = [case for case in all_cases() if case.kind == "workshop"]


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir() if p.is_file()}


def test_the_sample_says_its_client_date_and_furthest_step(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    recent = read_recent(path)
    assert recent.problem is None and recent.notes == ()
    assert recent.client and recent.title
    assert isinstance(recent.session_date, dt.date)
    assert recent.furthest == "Prioritise"
    assert recent.furthest_state is StepState.DONE


def test_a_blank_workshop_has_reached_no_step(tmp_path: Path) -> None:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    recent = read_recent(path)
    assert (recent.problem, recent.furthest, recent.furthest_state) == (None, None, None)


def test_a_missing_file_is_said_to_be_missing(tmp_path: Path) -> None:
    assert read_recent(tmp_path / "gone.bigdesk").problem == "Not found: moved, renamed or deleted"


def test_a_file_that_cannot_be_looked_at_says_so(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "exists", refused)
    assert read_recent(tmp_path / "w.bigdesk").problem == "Cannot be read here"


def test_a_workshop_open_elsewhere_says_who_has_it(tmp_path: Path) -> None:
    path = tmp_path / "open.bigdesk"
    store = create_workshop(path, populate_blank)
    try:
        recent = read_recent(path)
    finally:
        store.close()
    assert recent.problem is None
    assert recent.notes and recent.notes[0].startswith("Marked as open by ")
    assert read_recent(path).notes == ()


def test_a_file_from_a_newer_version_says_so(tmp_path: Path) -> None:
    path = tmp_path / "newer.bigdesk"
    create_workshop(path, populate_blank).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from-the-future'")
    conn.close()
    assert read_recent(path).problem == "Made by a newer version of BIG Desk"


def test_a_file_from_an_earlier_version_is_read_as_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "old.bigdesk"
    shutil.copyfile(FROZEN / "0001.bigdesk", path)
    before = _snapshot(tmp_path)
    recent = read_recent(path)
    assert recent.problem is None
    assert any("earlier version" in note for note in recent.notes)
    assert _snapshot(tmp_path) == before


def test_a_damaged_date_or_a_long_title_does_not_break_the_list(tmp_path: Path) -> None:
    path = tmp_path / "odd.bigdesk"
    create_workshop(path, populate_blank).close()
    store = open_workshop(path)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE workshop SET title = ?, client_organisation = ?",
                     ("T" * 10_000, "<b>Client</b>\n\tname"))
    conn.close()
    recent = read_recent(path)
    assert len(recent.title) == SHOWN_LENGTH and recent.client == "<b>Client</b> name"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE workshop SET session_date = '2026-02-30x'")
    conn.close()
    assert read_recent(path).problem == "Damaged: open a backup copy"


@pytest.mark.parametrize("case", WORKSHOP_CASES, ids=[case.name for case in WORKSHOP_CASES])
def test_a_hostile_file_is_described_and_left_as_it_was(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    folder = path.parent if path.parent.exists() else tmp_path
    before = _snapshot(folder)
    recent = read_recent(path)
    assert recent.path == path
    assert recent.problem is None or recent.problem[0].isupper()
    assert len(recent.title) <= SHOWN_LENGTH and len(recent.client) <= SHOWN_LENGTH
    assert _snapshot(folder) == before


def test_a_server_location_is_listed_without_connecting() -> None:
    recent = recent_entry("postgresql://facilitator:secret@db.example:5432/pmo#northgate")
    assert recent.title == "northgate"
    assert recent.problem is None
    assert recent.notes == ("On the server postgresql://facilitator@db.example:5432/pmo",)
    assert "secret" not in " ".join(recent.notes)
