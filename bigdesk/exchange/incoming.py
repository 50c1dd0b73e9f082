"""Files that come in: read only when they are plain files, and only up to a limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from bigdesk.exchange.limits import beyond, size_text


class IncomingFileError(ValueError):
    """A file that came in cannot be read; ``str(error)`` says why in one line."""


def open_incoming(path: Path, limit: int) -> BinaryIO:
    """Open ``path`` for reading, refusing a folder, a pipe, a device or a file over ``limit``.

    A pipe or a device would block or never end; it is recognised before anything
    is read from it.
    """
    name = Path(path).name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise IncomingFileError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise IncomingFileError(f"{name} is a folder, not a file.") from None
    except OSError as error:
        raise IncomingFileError(f"{name} cannot be read ({error.strerror}).") from None
    status = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(status.st_mode):
        problem = f"{name} is a folder, not a file."
    elif not stat.S_ISREG(status.st_mode):
        problem = f"{name} is not a file (it is a pipe or a device); nothing was read from it."
    elif status.st_size > limit:
        problem = f"{name} is {beyond(status.st_size, limit)} BIG Desk reads from one file."
    if problem:
        os.close(fd)
        raise IncomingFileError(problem)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_incoming(path: Path, limit: int) -> bytes:
    """Return the bytes of ``path``, refused as ``open_incoming`` refuses."""
    with open_incoming(path, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise IncomingFileError(f"{Path(path).name} cannot be read ({error.strerror}).") \
                from None  # fmt: skip
    if len(data) > limit:
        # -- it grew while being read
        raise IncomingFileError(f"{Path(path).name} is more than the {size_text(limit)} "
                                "BIG Desk reads from one file.")  # fmt: skip
    return data
