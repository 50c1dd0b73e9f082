"""Writing files whole: never over a workshop, keeping permissions, tidying after a kill."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bigdesk.exchange.atomic import ExportTargetError, atomic_path
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop
from bigdesk.store.partial import partial_path

from tests.helpers import REPO, guarded_env, sha256
from tests.hostile.corpus import run


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


@pytest.mark.parametrize(("option", "name"), [("--register", "w.csv"), ("--xlsx", "w.xlsx"),
                                               ("--deck", "w.pptx"), ("--assessment", "w.xlsx"),
                                               ("--prioritisation", "w.xlsx")])
def test_an_export_onto_the_workshop_itself_is_refused(option: str, name: str,
                                                       sample_path: Path) -> None:
    # -- a workshop may carry any name, even one an export would choose
    path = sample_path.rename(sample_path.with_name(name))
    before = sha256(path)
    result = run("export", path, option, path, watch=path)
    assert result.code == 2, result.stderr
    assert "is a BIG Desk workshop; an export never replaces one" in result.stderr
    assert result.stderr.count("\n") == 1
    assert sha256(path) == before


def test_an_export_onto_any_workshop_or_a_folder_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.bigdesk"
    create_workshop(other).close()
    with pytest.raises(ExportTargetError, match="is a BIG Desk workshop"), atomic_path(other):
        pass
    with pytest.raises(ExportTargetError, match="is a folder"), atomic_path(tmp_path):
        pass


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_replaced_export_keeps_its_permissions_and_a_new_one_is_private(
    tmp_path: Path,
) -> None:
    target = tmp_path / "shared.csv"
    target.write_text("old")
    target.chmod(0o644)
    with atomic_path(target) as partial:
        partial.write_text("new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    fresh = tmp_path / "fresh.csv"
    with atomic_path(fresh) as partial:
        partial.write_text("new")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


@pytest.mark.skipif(os.name != "posix", reason="uses a dead process id")
def test_partial_files_of_a_killed_writer_go_on_the_next_write(tmp_path: Path) -> None:
    mine = partial_path(tmp_path / "deck.pptx")
    dead = mine.with_name(mine.name.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-"))
    dead.write_bytes(b"half a deck")
    (tmp_path / f"{dead.name}-wal").write_bytes(b"")
    unrelated = tmp_path / ".notes.partial"
    unrelated.write_text("not ours")
    with atomic_path(tmp_path / "register.csv") as partial:
        partial.write_text("id\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.partial", "register.csv"]


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_new_killed_half_way_leaves_nothing_that_blocks_the_name(tmp_path: Path) -> None:
    path = tmp_path / "w.bigdesk"
    # -- killed while the sample is being written into the file
    script = (
        "import os, signal, sys\n"
        "from bigdesk.exchange import sample\n"
        "real = sample.populate_sample\n"
        "def populate(conn):\n"
        "    real(conn)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "sample.populate_sample = populate\n"
        "from bigdesk.cli import main\n"
        "sys.exit(main(['new', sys.argv[1], '--sample']))\n"
    )
    child = subprocess.run([sys.executable, "-c", script, str(path)], env=guarded_env(),
                           cwd=REPO, capture_output=True, timeout=120, check=False)  # fmt: skip
    assert child.returncode == -signal.SIGKILL
    assert not path.exists()
    assert any(p.name.endswith(".partial") for p in tmp_path.iterdir())
    assert run("new", path).code == 0
    assert run("check", path).code == 0
    # -- the shared memory and log of SQLite's write-ahead log may stay beside it
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))
                  ) == ["w.bigdesk"]
