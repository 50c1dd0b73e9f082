"""A sample workshop served in this process on a free loopback port, as ``bigdesk serve`` does."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bigdesk.app.devices.standalone import serve_workshop
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop, open_workshop

from tests.app.devices.serving import Served


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table of a workshop file, read without BIG Desk."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
                for name in tables}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a sample workshop made once, to be copied by the tests that serve one."""
    path = tmp_path_factory.mktemp("sample") / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


@contextmanager
def serve_copy(sample: Path, folder: Path) -> Iterator[Served]:
    """Serve a copy of ``sample`` in this process until the block ends."""
    path = folder / "served.bigdesk"
    shutil.copyfile(sample, path)
    with serve_file(path) as served:
        yield served


@contextmanager
def serve_file(path: Path) -> Iterator[Served]:
    """Serve ``path`` in this process until the block ends; a thread of its own owns the file."""
    ready: Future[tuple[str, str]] = Future()
    stop = threading.Event()

    def run() -> None:
        store = open_workshop(path)
        try:
            serve_workshop(store, "127.0.0.1", 0,
                           stop, lambda url, code: ready.set_result((url, code)))
        except BaseException as error:
            if not ready.done():
                ready.set_exception(error)
        finally:
            store.close()

    thread = threading.Thread(target=run, name="served-workshop")
    thread.start()
    url, code = ready.result(timeout=30)
    try:
        yield Served(path, url, code)
    finally:
        stop.set()
        thread.join(timeout=30)


@pytest.fixture
def served(sample_file: Path, tmp_path: Path) -> Iterator[Served]:
    """Serve a fresh copy of the sample workshop until the test ends."""
    with serve_copy(sample_file, tmp_path) as room:
        yield room
