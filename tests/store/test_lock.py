"""One writer at a time: the lock file beside a workshop."""

from __future__ import annotations

import getpass
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bigdesk.store import (
    LockHolder,
    SetValues,
    WorkshopFileError,
    WorkshopLockedError,
    open_workshop,
)
from bigdesk.store.lock import lock_path

from tests.helpers import REPO, check_no_network, guarded_env
from tests.store.content import content

SINCE = re.compile(r"\(since \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)")

HOLDER = """
import sys
from bigdesk.store import open_workshop
store = open_workshop(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


def _start_holder(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        env=guarded_env(),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"the holder did not start: {err}")
    return child


def test_second_open_names_the_holder(sample_path: Path) -> None:
    first = open_workshop(sample_path)
    try:
        with pytest.raises(WorkshopLockedError) as caught:
            open_workshop(sample_path)
        message = str(caught.value)
        assert "\n" not in message
        assert getpass.getuser() in message
        assert SINCE.search(message), message
        assert caught.value.holder.pid == os.getpid()
        assert caught.value.holder.user == getpass.getuser()
    finally:
        first.close()
    # -- closing releases the lock and removes the lock file
    assert not lock_path(sample_path).exists()
    open_workshop(sample_path).close()


def test_read_only_open_works_while_locked_and_sees_commits(sample_path: Path) -> None:
    writer = open_workshop(sample_path)
    try:
        writer.apply(SetValues("workshop", 1, {"title": "Changed by the writer"}))
        reader = open_workshop(sample_path, read_only=True)
        try:
            assert content(reader)["workshop"][1]["title"] == "Changed by the writer"
        finally:
            reader.close()
    finally:
        writer.close()


@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_lock_of_another_live_process_then_its_stale_lock_after_sigkill(
    sample_path: Path,
) -> None:
    child = _start_holder(sample_path)
    try:
        with pytest.raises(WorkshopLockedError) as caught:
            open_workshop(sample_path)
        assert caught.value.holder.pid == child.pid
        assert SINCE.search(str(caught.value))
    finally:
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
    check_no_network(err)
    assert child.returncode == -signal.SIGKILL
    # -- the dead process left its lock file behind; the OS lock died with it
    assert json.loads(lock_path(sample_path).read_text())["pid"] == child.pid
    store = open_workshop(sample_path)
    try:
        assert json.loads(lock_path(sample_path).read_text())["pid"] == os.getpid()
        store.apply(SetValues("workshop", 1, {"title": "Recovered"}))
    finally:
        store.close()


def test_lock_written_by_another_computer_is_respected(sample_path: Path) -> None:
    record = {"user": "alex", "host": "other-laptop", "pid": 4242, "since": "2026-11-20 09:15"}
    lock_path(sample_path).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(WorkshopLockedError, match=r"alex on other-laptop \(since 2026-11-20"):
        open_workshop(sample_path)
    # -- refusing must not take over or delete the other computer's lock
    assert json.loads(lock_path(sample_path).read_text()) == record
    reader = open_workshop(sample_path, read_only=True)
    reader.close()


def test_a_link_to_the_workshop_meets_the_same_lock(sample_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "shortcut.bigdesk"
    link.parent.mkdir()
    link.symlink_to(sample_path)
    first = open_workshop(link)
    try:
        with pytest.raises(WorkshopLockedError):
            open_workshop(sample_path)
        with pytest.raises(WorkshopLockedError):
            open_workshop(link)
        assert lock_path(link) == lock_path(sample_path)
        assert not list(link.parent.glob(".~lock*"))
    finally:
        first.close()
    open_workshop(sample_path).close()


@pytest.mark.parametrize("plant", ["link", "dangling link", "folder"])
def test_something_planted_at_the_lock_path_is_refused_and_never_followed(
    plant: str, sample_path: Path, tmp_path: Path
) -> None:
    lock = lock_path(sample_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("must never be overwritten")
    if plant == "link":
        lock.symlink_to(precious)
    elif plant == "dangling link":
        lock.symlink_to(tmp_path / "nowhere")
    else:
        lock.mkdir()
    with pytest.raises(WorkshopFileError) as refused:
        open_workshop(sample_path)
    message = str(refused.value)
    assert "not BIG Desk's lock file" in message and "\n" not in message
    assert precious.read_text() == "must never be overwritten"
    assert not (tmp_path / "nowhere").exists()
    # -- reading needs no lock
    open_workshop(sample_path, read_only=True).close()


def test_another_computers_lock_shows_its_age_and_can_be_taken_over(sample_path: Path) -> None:
    started = time.time() - 3 * 24 * 3600 - 60
    record = {"user": "alex", "host": "other-laptop", "pid": 4242, "since": "2026-11-20 09:15",
              "started": started}
    lock_path(sample_path).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(WorkshopLockedError) as refused:
        open_workshop(sample_path)
    assert refused.value.elsewhere
    assert "the lock is 3 days old" in str(refused.value)
    assert "take the lock over" in str(refused.value)
    store = open_workshop(sample_path, take_over=True)
    try:
        taken = json.loads(lock_path(sample_path).read_text())
        assert taken["pid"] == os.getpid() and taken["host"] != "other-laptop"
        store.apply(SetValues("workshop", 1, {"title": "Taken over"}))
        # -- taking over never overrides a lock held on this machine
        with pytest.raises(WorkshopLockedError):
            open_workshop(sample_path, take_over=True)
    finally:
        store.close()


def test_the_age_of_a_lock_reads_as_people_say_it() -> None:
    holder = LockHolder("alex", "laptop", 1, "2026-11-20 09:15", started=1_000_000.0)
    assert holder.age(1_000_000.0 + 30) == "less than a minute"
    assert holder.age(1_000_000.0 + 60) == "1 minute"
    assert holder.age(1_000_000.0 + 2 * 3600 + 5) == "2 hours"
    assert holder.age(1_000_000.0 + 86400 * 10) == "10 days"
    assert LockHolder("alex", "laptop", 1, "?").age(0) == ""
