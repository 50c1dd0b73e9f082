"""A real PostgreSQL for the tests of workshops on a server: one throwaway cluster per run.

Outside CI a missing PostgreSQL skips these tests with the reason; under ``CI=true`` it
fails them, because CI installs it (``.ci/run``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bigdesk.cli import main

from tests.server.cluster import Cluster, server_binaries, start_cluster

ON_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    """Yield a running cluster for the whole run, stopped and removed at its end."""
    if server_binaries() is None:
        reason = ("PostgreSQL is not installed (apt-get install --no-install-recommends "
                  "postgresql)")
        if ON_CI:
            pytest.fail(f"CI must test against PostgreSQL, but {reason}")
        pytest.skip(reason)
    running = start_cluster()
    yield running
    running.stop()


@pytest.fixture
def location(cluster: Cluster) -> str:
    """Return the location of a workshop name not used before on the cluster."""
    return cluster.url(f"ws_{secrets.token_hex(4)}")


@dataclass(frozen=True)
class Ran:
    """What one command printed, and its exit code."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def bigdesk(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """Return a runner of the command line in this process (a process each would cost seconds)."""

    def run(*args: str | Path) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run
