"""Run BIG Desk and helper scripts in child processes that carry the network guard."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.network_guard import MARKER

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GUARD_DIR = TESTS / "sitecustomize_guard"


def guarded_env(**extra: str) -> dict[str, str]:
    """Return this process's environment with the guard's ``sitecustomize`` on the path."""
    env = dict(os.environ)
    paths = [str(GUARD_DIR), str(REPO)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.update(extra)
    return env


def check_no_network(stderr: str) -> None:
    """Fail when a child process reported a blocked network attempt."""
    blocked = [line for line in stderr.splitlines() if line.startswith(MARKER)]
    assert not blocked, f"a child process tried to use the network: {blocked}"


def run_python(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` guarded, capture its output and check it kept off the network."""
    result = subprocess.run(
        [sys.executable, *map(str, args)],
        env=guarded_env(),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    check_no_network(result.stderr)
    return result


def run_bigdesk(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bigdesk ARGS`` as a user would, guarded."""
    return run_python("-m", "bigdesk", *args, timeout=timeout)


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_in_process(capsys: Any, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``bigdesk ARGS`` through ``bigdesk.cli.main`` in this process, as ``run_bigdesk``
    reports it: the same code and words, without starting Python again."""
    from bigdesk.cli import main

    capsys.readouterr()
    code = main([str(a) for a in args])
    printed = capsys.readouterr()
    return subprocess.CompletedProcess([str(a) for a in args], code, printed.out, printed.err)
