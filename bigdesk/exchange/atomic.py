"""Write export files atomically: a failure never leaves a partial file at the target."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from bigdesk.store.header import is_workshop
from bigdesk.store.partial import partial_path, remove_stale_partials


class ExportTargetError(OSError):
    """An export would replace something it must not; the message says what."""


def _refuse(target: Path) -> None:
    if target.is_dir():
        raise ExportTargetError(f"{target.name} is a folder; choose a file name.")
    # -- an export over a workshop (the open one or any other) would replace it
    if is_workshop(target):
        raise ExportTargetError(
            f"{target.name} is a BIG Desk workshop; an export never replaces one. "
            "Choose another file name."
        )


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` at once.

    On any failure (or a kill) the previous file at ``target`` is left as it was; the
    hidden partial file a kill leaves behind goes on the next write into the folder.
    A file replaced keeps its permissions; a new one is readable by the user only.
    """
    target = Path(target)
    _refuse(target)
    remove_stale_partials(target.parent)
    partial = partial_path(target)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        yield partial
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            partial.chmod(stat.S_IMODE(target.stat().st_mode))
        _refuse(target)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
