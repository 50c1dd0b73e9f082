"""One writer at a time: a lock file beside the workshop that names its holder."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path
from typing import IO

from bigdesk.store.errors import LockHolder, WorkshopLockedError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(path: Path) -> Path:
    """Return the lock file that guards ``path``."""
    return path.with_name(f".~lock.{path.name}#")


def _read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        user, host, pid, since = data["user"], data["host"], data["pid"], data["since"]
        return LockHolder(str(user), str(host), int(pid), str(since))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _this_host() -> str:
    # -- never resolve the name: the app opens no network connection
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "another user"


class WorkshopLock:
    """An exclusive hold on one workshop file, released on close or process death."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._handle: IO[str] | None = None

    def acquire(self, workshop: Path) -> None:
        """Take the lock or raise ``WorkshopLockedError`` naming who holds it."""
        handle = self.path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.close()
            holder = _read_holder(self.path) or LockHolder("someone", "another process", 0, "?")
            raise WorkshopLockedError(str(workshop), holder)
        # -- the OS lock died with its process on this machine; a lock written by
        #    another computer on a shared folder still counts while that one may be alive
        previous = _read_holder(self.path)
        if previous and previous.host != _this_host():
            handle.close()
            raise WorkshopLockedError(str(workshop), previous)
        record = {
            "user": _user(),
            "host": _this_host(),
            "pid": os.getpid(),
            "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        }
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(record))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Give the lock up and remove the lock file."""
        if self._handle is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            self._handle.close()
            self._handle = None
