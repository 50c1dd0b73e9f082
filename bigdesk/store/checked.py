"""Remember the files that passed every check on opening, so that the very same bytes are not
checked again.

A file is known by a digest of its bytes and of the code that checks it (this version,
and the model and store sources where they can be read), so any change to either makes
it a stranger again. A file whose content lies partly in a journal or write-ahead log
beside it is never taken as known. The record is a short private list in the user's
data folder; losing it only means checking again.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from bigdesk import __version__, model, paths

# -- digests kept: the workshops of the last few weeks, not every file ever opened
KEPT = 64
RECORD = "checked-workshops"


@cache
def _code() -> bytes:
    """Return what, besides the file, decides what the checks find: this BIG Desk's code."""
    parts = [__version__]
    # -- in a source checkout an edit to the model or the checks keeps the version: its
    #    sources' sizes and times tell (a frozen bundle has no sources, and a fixed version)
    for folder in (Path(model.__file__).parent, Path(__file__).parent):
        for source in sorted(folder.glob("*.py")):
            stat = source.stat()
            parts.append(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def fingerprint(path: Path) -> str | None:
    """Return the digest that knows ``path`` again, or None when part of it is elsewhere."""
    for suffix in ("-wal", "-journal"):
        beside = path.with_name(path.name + suffix)
        if beside.exists() and beside.stat().st_size > 0:
            return None
    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256")
    except OSError:
        return None
    digest.update(_code())
    return digest.hexdigest()


def _record() -> Path:
    return paths.user_data_dir() / RECORD


def passed(digest: str) -> bool:
    """Return whether a file with ``digest`` passed every check before."""
    try:
        return digest in _record().read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return False


def remember(digest: str) -> None:
    """Note that a file with ``digest`` passed every check; a failure to note it is harmless."""
    try:
        record = _record()
        try:
            known = record.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            known = []
        known = [*[d for d in known if d != digest][-(KEPT - 1):], digest]
        # -- written aside and put in place whole: another BIG Desk may read it meanwhile
        partial = record.with_name(f".{RECORD}.{os.getpid()}")
        try:
            partial.write_text("\n".join(known) + "\n", encoding="ascii")
            os.replace(partial, record)
        finally:
            partial.unlink(missing_ok=True)
    except OSError:
        pass
