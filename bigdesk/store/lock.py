"""One writer at a time: a lock file beside the workshop that names its holder."""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import io
import json
import os
import socket
import stat
import time
from pathlib import Path
from typing import IO

from bigdesk.store.errors import (
    LockHolder,
    NotAWorkshopError,
    ReadOnlyPlaceError,
    WorkshopFileError,
    WorkshopLockedError,
)
from bigdesk.store.header import read_regular

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


# -- a lock record is a few dozen bytes; reading no more keeps a planted file harmless
RECORD_LIMIT = 4096


def lock_path(path: Path) -> Path:
    """Return the lock file that guards ``path`` (under the name its links lead to)."""
    # -- two names of one file (a link and its target) must meet at one lock
    real = Path(path).resolve()
    return real.with_name(f".~lock.{real.name}#")


def _read_holder(handle: IO[str]) -> LockHolder | None:
    try:
        handle.seek(0)
        data = json.loads(handle.read(RECORD_LIMIT))
        user, host, pid, since = data["user"], data["host"], data["pid"], data["since"]
        started = data.get("started")
        return LockHolder(str(user), str(host), int(pid), str(since),
                          float(started) if isinstance(started, int | float) else None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


def recorded_holder(workshop: Path) -> LockHolder | None:
    """Return who the lock file of ``workshop`` names, read without taking or changing it."""
    try:
        data, _ = read_regular(lock_path(workshop), RECORD_LIMIT)
    except (NotAWorkshopError, OSError):
        return None
    return _read_holder(io.StringIO(data.decode("utf-8", "replace")))


def _this_host() -> str:
    # -- never resolve the name: the app opens no network connection
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "another user"


def _open_lock_file(path: Path, workshop: Path) -> IO[str]:
    """Open the lock file for reading and writing, refusing a link, a folder or a pipe."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyPlaceError(
                f"{workshop} cannot be opened for changes: its folder cannot be written "
                "(BIG Desk keeps a lock file beside it). It can be opened read-only."
            ) from None
        what = {errno.ELOOP: "a link", errno.EISDIR: "a folder"}.get(error.errno or 0)
        if what is None:
            raise WorkshopFileError(
                f"{workshop} cannot be locked for changes: {path.name} beside it cannot be "
                f"opened ({error.strerror})."
            ) from None
        raise _not_a_lock(workshop, path, what) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _not_a_lock(workshop, path, "not a file")
    return os.fdopen(fd, "r+", encoding="utf-8")


def _still_there(handle: IO[str], path: Path) -> bool:
    try:
        here, there = os.fstat(handle.fileno()), os.lstat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _not_a_lock(workshop: Path, path: Path, what: str) -> WorkshopFileError:
    # -- BIG Desk never makes these: follow nothing and overwrite nothing
    return WorkshopFileError(
        f"{workshop} cannot be locked for changes: {path.name} beside it is {what}, not "
        "BIG Desk's lock file. Remove it and try again."
    )


class WorkshopLock:
    """An exclusive hold on one workshop file, released on close or process death."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._handle: IO[str] | None = None

    def acquire(self, workshop: Path, *, take_over: bool = False) -> None:
        """Take the lock or raise ``WorkshopLockedError`` naming who holds it.

        A lock another computer wrote is respected unless ``take_over`` is true: the
        user has confirmed that the workshop is no longer open there.
        """
        for _ in range(5):
            handle = _open_lock_file(self.path, workshop)
            if not _try_lock(handle):
                holder = _read_holder(handle) or LockHolder("someone", "another process", 0, "?")
                handle.close()
                raise WorkshopLockedError(str(workshop), holder)
            if _still_there(handle, self.path):
                break
            # -- the holder released it and removed the file between our open and our
            #    lock: this lock guards nothing any more, take a fresh one
            handle.close()
        else:
            raise WorkshopFileError(f"{workshop} cannot be locked: its lock file keeps changing.")
        # -- the OS lock died with its process on this machine; a lock written by
        #    another computer on a shared folder still counts while that one may be alive
        previous = _read_holder(handle)
        if previous and previous.host != _this_host() and not take_over:
            handle.close()
            raise WorkshopLockedError(str(workshop), previous, elsewhere=True, now=time.time())
        record = {
            "user": _user(),
            "host": _this_host(),
            "pid": os.getpid(),
            "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "started": round(time.time()),
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
