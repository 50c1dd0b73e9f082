"""Recognise a workshop file from its first bytes, before SQLite touches it."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

from bigdesk.store.errors import CorruptWorkshopError, NotAWorkshopError

# -- 'BIGD': marks the file as ours in the SQLite header (PRAGMA application_id)
APPLICATION_ID = 0x42494744
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def read_regular(path: Path, size: int) -> tuple[bytes, int]:
    """Return the first ``size`` bytes of ``path`` and its length; refuse anything not a file.

    A pipe, a device or a socket would block or never end; it is recognised before
    anything is read from it.
    """
    try:
        # -- non-blocking: opening a pipe with no writer would wait for ever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise NotAWorkshopError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise NotAWorkshopError(f"{path} is a folder, not a workshop file.") from None
    except OSError as error:
        raise NotAWorkshopError(f"{path} cannot be read: {error.strerror}.") from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise NotAWorkshopError(f"{path} is a folder, not a workshop file.")
        if not stat.S_ISREG(status.st_mode):
            raise NotAWorkshopError(f"{path} is not a file (it is a pipe or a device).")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(size), status.st_size
    except OSError as error:
        raise NotAWorkshopError(f"{path} cannot be read: {error.strerror}.") from None
    finally:
        os.close(fd)


def check_header(path: Path) -> None:
    """Raise a clear error unless ``path`` looks like a whole workshop file."""
    header, size = read_regular(path, HEADER_SIZE)
    if size == 0:
        raise NotAWorkshopError(f"{path} is empty (zero bytes); it is not a workshop.")
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise NotAWorkshopError(f"{path} is not a BIG Desk workshop file.")
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise NotAWorkshopError(
            f"{path} is an SQLite database but not a BIG Desk workshop; it was left untouched."
        )
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    (change_counter, page_count, valid_for) = (
        struct.unpack(">I", header[24:28])[0],
        struct.unpack(">I", header[28:32])[0],
        struct.unpack(">I", header[92:96])[0],
    )
    # -- the page count in the header is trustworthy only when it was written with the
    #    current change counter; then a shorter file has lost its tail
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptWorkshopError(f"{path} is damaged: its header is not valid.")
    if change_counter == valid_for and size < page_count * page_size:
        raise CorruptWorkshopError(
            f"{path} is truncated: it holds {size:,} bytes of the {page_count * page_size:,} "
            "it should have. Use a backup copy."
        )


def is_workshop(path: Path) -> bool:
    """Return whether ``path`` is a file marked as a workshop (damaged or not)."""
    try:
        header, _ = read_regular(path, HEADER_SIZE)
    except NotAWorkshopError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == struct.pack(">I", APPLICATION_ID)
