"""A writer killed at random moments never loses a committed edit nor damages the file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import WorkshopFileError, create_workshop, integrity, open_workshop

from tests.helpers import REPO, check_no_network, guarded_env, run_bigdesk, sha256
from tests.store.content import content
from tests.store.crash_child import crash_cycle

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL"),
]

CYCLES = 4


@pytest.mark.parametrize("folder", ["local", "Dropbox"], ids=["wal", "delete-journal"])
def test_random_kills_keep_every_reported_edit(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "crash.bigdesk"
    path.parent.mkdir()
    create_workshop(path, populate_sample).close()
    rng = random.Random(f"crash-{folder}")
    total = 0
    for _ in range(CYCLES):
        result = crash_cycle(path, rng.randrange(1 << 30), guarded_env())
        assert result.verdict == "ok"
        total += result.committed
    # -- the child did get some edits in before being killed
    assert total > 0


TORN = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=2")
conn.execute("BEGIN IMMEDIATE")
for i in range(2000):
    conn.execute("INSERT INTO note (position, text, private, version) VALUES (?, ?, 0, 1)",
                 (i, "unfinished " * 40))
print("mid-transaction", flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("folder", ["local", "Dropbox"], ids=["wal", "delete-journal"])
def test_a_transaction_cut_short_is_rolled_back(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "torn.bigdesk"
    path.parent.mkdir()
    store = create_workshop(path, populate_sample)
    before = content(store)
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-c", TORN, str(path)],
        env=guarded_env(),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "mid-transaction"
    # -- the small cache forced changed pages into the file (or the log) before commit
    child.send_signal(signal.SIGKILL)
    _, err = child.communicate()
    check_no_network(err)

    # -- checking cannot roll the change back without writing, and writes nothing
    before_check = sha256(path)
    result = run_bigdesk("check", path)
    assert sha256(path) == before_check
    assert "Traceback" not in result.stderr
    if folder == "Dropbox":
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"bigdesk: {path} holds a change that was cut short; open it for editing in "
            "BIG Desk to roll that change back."
        ]
        with pytest.raises(WorkshopFileError, match="cut short"):
            open_workshop(path, read_only=True)
    else:
        # -- the write-ahead log holds the unfinished change apart from the file
        assert result.returncode == 0, result.stderr

    reopened = open_workshop(path)
    try:
        with reopened.read() as conn:
            assert integrity(conn) == "ok"
        assert content(reopened) == before
    finally:
        reopened.close()
