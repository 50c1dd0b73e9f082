"""Hidden partial files: a file is written under one of these names, then renamed.

Each name tells which computer and process writes it, so a partial file that a
killed process left behind is recognised and removed the next time BIG Desk
writes into the same folder, and a live writer's is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
import time
from pathlib import Path

SUFFIX = ".partial"
# -- a partial file from another computer (a shared folder) cannot be checked for a
#    live writer; no write takes a day, so one older than that was abandoned
ABANDONED_AFTER_SECONDS = 24 * 60 * 60
_NAME = re.compile(r"^\..+\.bigdesk-([0-9a-f]{6})-(\d+)-[0-9a-f]{8}\.partial(-wal|-shm|-journal)?$")


def _host_tag() -> str:
    # -- never resolve the name: the app opens no network connection
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def partial_path(target: Path) -> Path:
    """Return a new hidden name beside ``target`` for writing it."""
    tag = f"bigdesk-{_host_tag()}-{os.getpid()}-{secrets.token_hex(4)}"
    # -- keep the whole name within the 255 bytes most file systems allow
    stem = target.name.encode("utf-8", "surrogateescape")[:160].decode("utf-8", "ignore")
    return target.with_name(f".{stem}.{tag}{SUFFIX}")


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # -- no safe probe here: rely on the age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the partial files of writers that died, in ``folder``; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    host, now = _host_tag(), time.time()
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > ABANDONED_AFTER_SECONDS
        except OSError:
            continue
        dead = match[1] == host and int(match[2]) != os.getpid() and not _alive(int(match[2]))
        if old or dead:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
