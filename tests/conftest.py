"""Shared test set-up: headless Qt, no network, and a private data folder per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests import network_guard

# -- before any QApplication exists: tests never open windows on a real display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# -- in place already while test modules are collected and imported
network_guard.install()

# -- CI (which sets CI) tries the same examples on every run, so a red build can be re-run
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# ---------------------------------------------------------------- network guard


@pytest.fixture(autouse=True, scope="session")
def _network_guard_session() -> Iterator[None]:
    """Keep the network guard in place for the whole session."""
    network_guard.install()
    yield
    assert network_guard.installed(), "something removed the network guard during the tests"


@pytest.fixture(autouse=True)
def _no_network_attempt() -> Iterator[None]:
    """Fail a test that tried to use the network, even if the code swallowed the error."""
    network_guard.take_attempts()
    yield
    blocked = network_guard.take_attempts()
    if blocked:
        pytest.fail(f"the test tried to use the network: {blocked}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run for attempts made outside any test, such as at import."""
    blocked = network_guard.take_attempts()
    if blocked:
        print(f"\nnetwork guard: blocked {blocked}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---------------------------------------------------------------- user data folder


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point BIG Desk's data folder at a fresh temporary folder for each test."""
    folder = tmp_path_factory.mktemp("bigdesk-data")
    monkeypatch.setenv("BIGDESK_DATA_DIR", str(folder))
    return folder
