"""Hand a device's request to the thread that owns the workshop, and wait without blocking it.

A workshop file's connection belongs to the thread that opened it, and the window's
views belong to Qt's main thread; so the web server's thread never touches either. It
submits each request as a job, and the owning thread runs the jobs one at a time: the
window through its event loop (``bigdesk.app.device_room``), the command line through
``QueueDispatcher.run``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

Job = Callable[[], Any]


class ClosedError(RuntimeError):
    """The room was closed before the job could run."""


class Dispatcher(Protocol):
    """Runs jobs on the thread that owns the workshop."""

    def submit(self, job: Job) -> Future[Any]:
        """Queue ``job``; return the future of its result."""

    def close(self) -> None:
        """Refuse new jobs and cancel those still waiting."""


def run_job(job: Job, future: Future[Any]) -> None:
    """Run one job unless it was cancelled, and settle its future."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(job())
    except Exception as error:
        future.set_exception(error)


class QueueDispatcher:
    """Runs jobs on whichever thread calls ``run``: the command line's, without a window."""

    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[Job, Future[Any]]] = queue.Queue()
        self._closed = threading.Event()

    def submit(self, job: Job) -> Future[Any]:
        """Queue ``job``; return the future of its result."""
        future: Future[Any] = Future()
        if self._closed.is_set():
            future.set_exception(ClosedError("The room is closed."))
        else:
            self._queue.put((job, future))
        return future

    def run(self, stop: threading.Event, poll_seconds: float = 0.2) -> None:
        """Run queued jobs one at a time until ``stop`` is set."""
        while not stop.is_set():
            try:
                job, future = self._queue.get(timeout=poll_seconds)
            except queue.Empty:
                continue
            run_job(job, future)

    def close(self) -> None:
        """Refuse new jobs and cancel those still waiting."""
        self._closed.set()
        while True:
            try:
                _, future = self._queue.get_nowait()
            except queue.Empty:
                return
            future.cancel()
