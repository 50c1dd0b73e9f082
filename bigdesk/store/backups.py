"""Rotating backups of an open workshop in the user's private data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from bigdesk.store.workshop_file import WorkshopStore

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^(daily|weekly)-(.+)\.bigdesk$")


def backup_folder(root: Path, workshop: Path) -> Path:
    """Return the folder that holds the backups of one workshop file."""
    # -- the same name may exist in several folders: the path's hash tells them apart
    digest = hashlib.sha256(str(workshop.resolve()).encode()).hexdigest()[:10]
    folder = root / f"{workshop.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def rotate_backups(store: WorkshopStore, root: Path, now: dt.datetime | None = None) -> list[Path]:
    """Write today's and this week's backup if missing, prune old ones; return new files."""
    now = now or dt.datetime.now()
    folder = backup_folder(root, store.path)
    year, week, _ = now.isocalendar()
    wanted = [
        folder / f"daily-{now:%Y-%m-%d}.bigdesk",
        folder / f"weekly-{year}-W{week:02d}.bigdesk",
    ]
    written = []
    for target in wanted:
        if not target.exists():
            store.save_copy(target)
            written.append(target)
    for kind, keep in (("daily", KEEP_DAILY), ("weekly", KEEP_WEEKLY)):
        copies = sorted(p for p in folder.iterdir() if (m := _NAME.match(p.name)) and m[1] == kind)
        for stale in copies[:-keep]:
            stale.unlink(missing_ok=True)
    return written
