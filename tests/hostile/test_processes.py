"""What only a whole process shows: pipes that never end, readers that leave, dialogs.

Each command runs as a user would run it, in its own process with a time limit:
a hang fails the test instead of stopping the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.store import create_workshop

from tests.helpers import REPO, check_no_network, guarded_env, run_bigdesk, sha256

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only"),
]
# -- each of these finishes in a few seconds; a pipe that blocks would wait for ever
LIMIT = 60


def _one_clear_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bigdesk: "), stderr
    assert "Traceback" not in stderr and "unexpected" not in stderr, stderr
    return lines[0]


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "w.bigdesk"
    create_workshop(path, populate_blank).close()
    return path


@pytest.mark.parametrize("command", [["check"], ["export", "--register", "out.csv"],
                                     ["import", "SOURCE"]])
def test_a_pipe_given_as_the_workshop_is_refused_at_once(command: list[str],
                                                         tmp_path: Path) -> None:
    pipe = tmp_path / "w.bigdesk"
    os.mkfifo(pipe)
    source = tmp_path / "r.csv"
    source.write_text("id,type,title\nO1,objective,One\n")
    args = [command[0], pipe, *(str(tmp_path / a) if a.endswith(".csv") else a
                                for a in command[1:])]  # fmt: skip
    args = [source if a == "SOURCE" else a for a in args]
    result = run_bigdesk(*args, timeout=LIMIT)
    assert result.returncode == 2
    assert "is not a file" in _one_clear_line(result.stderr)


@pytest.mark.parametrize("suffix", [".csv", ".txt", ".xlsx", ".zip"])
def test_a_pipe_given_as_an_import_source_is_refused_at_once(suffix: str, workshop: Path) -> None:
    pipe = workshop.with_name(f"source{suffix}")
    os.mkfifo(pipe)
    before = sha256(workshop)
    result = run_bigdesk("import", workshop, pipe, timeout=LIMIT)
    assert result.returncode == 2
    assert pipe.name in _one_clear_line(result.stderr)
    assert sha256(workshop) == before


def test_a_pipe_planted_as_the_lock_file_is_refused_at_once(workshop: Path, tmp_path: Path) -> None:
    os.mkfifo(workshop.with_name(f".~lock.{workshop.name}#"))
    source = tmp_path / "r.csv"
    source.write_text("id,type,title\nO1,objective,One\n")
    result = run_bigdesk("import", workshop, source, timeout=LIMIT)
    assert result.returncode == 2
    assert "not BIG Desk's lock file" in _one_clear_line(result.stderr)


def test_the_app_refuses_a_pipe_when_quitting_when_ready(tmp_path: Path) -> None:
    pipe = tmp_path / "w.bigdesk"
    os.mkfifo(pipe)
    result = run_bigdesk(pipe, "--quit-when-ready", timeout=LIMIT)
    assert result.returncode == 2
    assert "is not a file" in result.stderr and "Traceback" not in result.stderr


def test_check_into_a_reader_that_leaves_early_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    # -- ``bigdesk check PATH | head -0``: the reader has gone before anything is written
    child = subprocess.Popen([sys.executable, "-m", "bigdesk", "check", str(path)],
                             env=guarded_env(), cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    try:
        child.wait(timeout=LIMIT)
    finally:
        child.kill()
    stderr = child.stderr.read().decode()
    child.stderr.close()
    check_no_network(stderr)
    assert child.returncode == 0, stderr
    assert stderr == ""


CRASHING_STEP = """
import sys
from bigdesk.ui.main_window import MainWindow

def fail(self, *args, **kwargs):
    raise RuntimeError("a fault planted by the test")

# -- an unexpected error while the workshop is drawn, as a bug in a view would raise
MainWindow._show_document = fail
from bigdesk.cli import main
sys.exit(main())
"""


def test_quit_when_ready_exits_2_on_an_unexpected_error_without_a_dialog(
    workshop: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_STEP, str(workshop), "--quit-when-ready"],
        env=guarded_env(QT_QPA_PLATFORM="offscreen", BIGDESK_DATA_DIR=str(tmp_path / "data")),
        cwd=REPO, capture_output=True, text=True, timeout=LIMIT, check=False,
    )
    check_no_network(result.stderr)
    assert result.returncode == 2, result.stderr
    # -- Qt's offscreen platform may add a line of its own about window sizes
    ours = [line for line in result.stderr.splitlines() if line.startswith("bigdesk")]
    assert "Traceback" not in result.stderr and len(ours) == 1, result.stderr
    assert ours[0].startswith("bigdesk: unexpected problem (RuntimeError: a fault planted")
