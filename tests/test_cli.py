"""The command line contract: new, check, and opening the app headless."""

from __future__ import annotations

import json
import sqlite3
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


def test_a_file_that_breaks_a_rule_opens_and_check_names_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "older.bigdesk"
    assert run_bigdesk("new", path).returncode == 0
    # -- what an older version or another tool could have written: a purpose under a project
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO element (id, version, type, ref, position, title, description, "
                     "status, placeholder) VALUES (1, 1, 'initiative', 'I1', 0, 'Depot', '', '', "
                     "0), (2, 1, 'purpose', 'P1', 1, 'Why', '', '', 0)")
        conn.execute("INSERT INTO alignment (version, parent_id, child_id, position) "
                     "VALUES (1, 1, 2, 0)")
    conn.close()
    checked = run_bigdesk("check", path, "--json")
    assert checked.returncode == 0, checked.stderr
    broken = [f for f in json.loads(checked.stdout)["findings"]
              if f["code"] == "cascade-rule-broken"]
    assert len(broken) == 1
    assert broken[0]["message"].startswith("A purpose cannot sit under an initiative")
    assert run_bigdesk(path, "--quit-when-ready").returncode == 0
