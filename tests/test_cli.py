"""The command line contract: new, check, and opening the app headless."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_bigdesk, sha256


def test_new_creates_an_empty_workshop_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "w.bigdesk"
    created = run_bigdesk("new", path)
    assert created.returncode == 0, created.stderr
    again = run_bigdesk("new", path, "--sample")
    assert again.returncode == 2
    assert again.stderr.strip() == f"bigdesk: {path} already exists; choose another name."
    report = json.loads(run_bigdesk("check", path, "--json").stdout)
    assert report["counts"]["people"] == 0


def test_check_reports_revision_integrity_counts_and_findings(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    assert run_bigdesk("new", path, "--sample").returncode == 0
    before = sha256(path)
    result = run_bigdesk("check", path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {"revision", "integrity", "counts", "findings"}
    assert report["integrity"] == "ok"
    assert report["counts"]["people"] == 9 and report["counts"]["agenda_items"] == 8
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "message", "element"}
    assert sha256(path) == before
    text = run_bigdesk("check", path)
    assert "integrity ok" in text.stdout and "people: 9" in text.stdout


def test_check_lists_findings_with_codes(tmp_path: Path) -> None:
    path = tmp_path / "blank.bigdesk"
    run_bigdesk("new", path)
    report = json.loads(run_bigdesk("check", path, "--json").stdout)
    codes = {finding["code"] for finding in report["findings"]}
    assert {"no-participants", "no-agenda"} <= codes


def test_quit_when_ready_opens_draws_and_exits(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    run_bigdesk("new", path, "--sample")
    result = run_bigdesk(path, "--quit-when-ready")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_quit_when_ready_on_a_bad_file_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.bigdesk"
    path.write_bytes(b"\x00" * 300)
    result = run_bigdesk(path, "--quit-when-ready")
    assert result.returncode == 2
    assert "is not a BIG Desk workshop file" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    assert run_bigdesk("--version").stdout.startswith("BIG Desk ")
    assert "check" in run_bigdesk("--help").stdout
