"""The chain of sessions: which earlier session a workshop file follows, read cheaply.

The welcome screen lists recent workshops as chains of follow-up sessions; it reads
only the one row that names the session followed, never opening the file for work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from bigdesk.store.engine import connect_read_only


def followed(path: Path | str) -> str | None:
    """Return the path of the session ``path`` follows, or None (none, or unreadable)."""
    try:
        conn = connect_read_only(Path(path))
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        row = conn.execute("SELECT path FROM previous_session ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row and isinstance(row[0], str) and row[0] else None


def chains(paths: Sequence[str], follows: Callable[[str], str | None] = followed
           ) -> list[list[str]]:  # fmt: skip
    """Group recent workshop files into chains, newest session first in each.

    A chain starts with a file no other listed file follows and walks back through the
    sessions it follows, as long as their files are there; chains keep the order of
    ``paths``, and a file appears once.
    """
    before = {path: follows(path) for path in paths}
    later = {Path(p).resolve() for p in (b for b in before.values() if b)}
    seen: set[Path] = set()
    found = []
    for path in paths:
        if Path(path).resolve() in later or Path(path).resolve() in seen:
            continue
        chain = []
        current: str | None = path
        while current and Path(current).resolve() not in seen and (
                current == path or Path(current).exists()):
            seen.add(Path(current).resolve())
            chain.append(current)
            current = before[current] if current in before else follows(current)
        found.append(chain)
    # -- files that follow one another in a circle start no chain: listed on their own
    found += [[path] for path in paths if Path(path).resolve() not in seen]
    return found
