"""What the welcome screen says about a recent workshop, read without opening it for work.

A recent file may since have been moved, locked by another session, damaged, or written
by a newer version: each is said in words, and the file is only ever read (``mode=ro``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc, select

from bigdesk.analysis.progress import StepState, filled_tables, step_state
from bigdesk.domain.steps import STEPS
from bigdesk.model import Workshop
from bigdesk.store import WorkshopFileError, place_of
from bigdesk.store.engine import make_engine
from bigdesk.store.header import check_header
from bigdesk.store.lock import recorded_holder
from bigdesk.store.schema import file_revision, head_revision, known_revisions

# -- a title longer than this is cut: the file may come from anyone
SHOWN_LENGTH = 120


@dataclass(frozen=True)
class RecentWorkshop:
    """One recent workshop as the welcome screen lists it."""

    path: Path
    title: str = ""
    client: str = ""
    session_date: dt.date | None = None
    # -- the title of the last step with work in it, and how far that step has gone
    furthest: str | None = None
    furthest_state: StepState | None = None
    # -- why it cannot be opened as it stands, in words (None: it can)
    problem: str | None = None
    # -- what else to know before opening it (who its lock names, an earlier version)
    notes: tuple[str, ...] = ()


def _shown(text: object) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= SHOWN_LENGTH else words[: SHOWN_LENGTH - 1] + "…"


def recent_entry(text: str) -> RecentWorkshop:
    """Read a recent-list entry: a file's path, or a server location, which is not
    connected to until it is chosen (a server may be slow or out of reach)."""
    place = place_of(text)
    if isinstance(place, Path):
        return read_recent(place)
    return RecentWorkshop(Path(), place.workshop or "",
                          notes=(f"On the server {place.database_label}",))


def read_recent(path: Path) -> RecentWorkshop:
    """Read what the welcome screen shows about ``path``; never raise, never write."""
    try:
        if not path.exists():
            return RecentWorkshop(path, problem="Not found: moved, renamed or deleted")
        check_header(path)
    except WorkshopFileError:
        return RecentWorkshop(path, problem="Not a BIG Desk workshop, or damaged")
    except OSError:
        # -- a folder on the way that may not be looked into, a drive gone
        return RecentWorkshop(path, problem="Cannot be read here")
    holder = recorded_holder(path)
    notes = (f"Marked as open by {_shown(holder.user)} on {_shown(holder.host)} "
             f"since {_shown(holder.since)}",) if holder else ()
    try:
        engine = make_engine(path, read_only=True)
    except (sqlite3.Error, exc.SQLAlchemyError, OSError):
        return RecentWorkshop(path, problem="Cannot be read here", notes=notes)
    try:
        with engine.connect() as conn:
            revision = file_revision(conn)
            if revision not in known_revisions():
                return RecentWorkshop(path, problem="Made by a newer version of BIG Desk",
                                      notes=notes)
            if revision != head_revision():
                # -- its tables may differ from this version's: nothing more is read
                return RecentWorkshop(path, path.stem, notes=(
                    *notes, "From an earlier version: opening it upgrades it, keeping a backup"))
            row = conn.execute(select(Workshop.title, Workshop.client_organisation,
                                      Workshop.session_date)).first()
            filled = filled_tables(conn)
    # -- a damaged file fails in SQLite or in reading a value back (a date that is none)
    except (sqlite3.Error, exc.SQLAlchemyError, ValueError, TypeError):
        return RecentWorkshop(path, problem="Damaged: open a backup copy", notes=notes)
    finally:
        engine.dispose()
    reached = [(s.title, state) for s in STEPS
               if (state := step_state(s, filled)) not in (None, StepState.EMPTY)]
    furthest, state = reached[-1] if reached else (None, None)
    title, client, session_date = row if row is not None else ("", "", None)
    return RecentWorkshop(path, _shown(title) or path.stem, _shown(client), session_date,
                          furthest, state, notes=notes)
