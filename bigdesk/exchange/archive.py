"""ZIP archives that come in (XLSX workbooks, Viva Goals exports), checked before unpacking.

Every entry's unpacked size is read from the archive's directory and held
against the limits first; Python's ``zipfile`` never unpacks more than that
size, so an archive that lies about it is caught as damaged, not unpacked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from typing import BinaryIO

from bigdesk.exchange.incoming import IncomingFileError
from bigdesk.exchange.limits import MAX_ENTRIES, MAX_PART_BYTES, MAX_UNPACKED_BYTES, beyond

# -- the only methods Excel and Viva Goals use, and the only ones read everywhere
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
# -- everything that may come before the first element of an XML part: a byte-order
#    mark, an XML declaration, comments, white space
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?(?:(?!\?>).)*\?>|<!--(?:(?!-->).)*-->)*<", re.S)
_PROLOG_BYTES = 64 * 1024


def open_archive(handle: BinaryIO, source: str, what: str) -> zipfile.ZipFile:
    """Return the ZIP archive in ``handle`` once every entry is within the limits."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise IncomingFileError(f"{source} is not a readable {what}.") from None
    entries = archive.infolist()
    problem = None
    if len(entries) > MAX_ENTRIES:
        problem = f"it holds {len(entries):,} files, more than the {MAX_ENTRIES:,} BIG Desk reads"
    for info in entries:
        if problem:
            break
        if info.flag_bits & 0x1:
            problem = f"{info.filename} is encrypted"
        elif info.compress_type not in READABLE_METHODS:
            problem = (f"{info.filename} is packed with a method BIG Desk does not read "
                       f"(method {info.compress_type}; it reads stored and deflated)")  # fmt: skip
        elif info.file_size > MAX_PART_BYTES:
            problem = (f"{info.filename} unpacks to {beyond(info.file_size, MAX_PART_BYTES)} "
                       "BIG Desk unpacks from one file")  # fmt: skip
    total = sum(info.file_size for info in entries)
    if problem is None and total > MAX_UNPACKED_BYTES:
        problem = f"it unpacks to {beyond(total, MAX_UNPACKED_BYTES)} BIG Desk unpacks"
    if problem:
        archive.close()
        raise IncomingFileError(f"{source} was not read: {problem}.")
    return archive


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> bytes:
    """Return one entry's bytes, or refuse a damaged entry in one line."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError) as error:  # fmt: skip
        raise IncomingFileError(f"{source}: {info.filename} is damaged ({error}).") from None


def check_xml_parts(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse XML parts that declare a document type: Office files never do.

    A document type is where entity expansion ("billion laughs") and external
    entities live; refusing it keeps both out of the XML parser.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as part:
                head = part.read(_PROLOG_BYTES)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError) as error:  # fmt: skip
            raise IncomingFileError(f"{source}: {info.filename} is damaged ({error}).") from None
        found = _PROLOG.match(head)
        if found is None or head[found.end() : found.end() + 1] == b"!":
            raise IncomingFileError(
                f"{source}: {info.filename} is not XML as Office writes it (it declares a "
                "document type or is not UTF-8), so it was not read."
            )
