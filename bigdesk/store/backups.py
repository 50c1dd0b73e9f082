"""Rotating backups of an open workshop (a file, or one on a server) in the user's data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from pathlib import Path

from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.partial import partial_path

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^(daily|weekly)-(.+)\.bigdesk$")


def backup_folder(root: Path, workshop: Path) -> Path:
    """Return the folder that holds the backups of one workshop file."""
    return _folder(root, workshop.stem, str(workshop.resolve()))


def _folder(root: Path, title: str, identity: str) -> Path:
    # -- the same name may exist in several folders or servers: a hash tells them apart
    digest = hashlib.sha256(identity.encode()).hexdigest()[:10]
    folder = root / f"{title}-{digest}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _copy(source: Path, target: Path) -> None:
    """Copy the closed workshop file ``source`` to ``target``, whole or not at all."""
    partial = partial_path(target)
    try:
        # -- private from the start, as every backup is
        with source.open("rb") as reading, \
                os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                          "wb") as writing:  # fmt: skip
            shutil.copyfileobj(reading, writing)
            writing.flush()
            os.fsync(writing.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def rotate_backups(store: OpenWorkshop, root: Path, now: dt.datetime | None = None) -> list[Path]:
    """Write today's and this week's backup if missing, prune old ones; return new files."""
    now = now or dt.datetime.now()
    folder = _folder(root, store.title, store.identity)
    year, week, _ = now.isocalendar()
    wanted = [
        folder / f"daily-{now:%Y-%m-%d}.bigdesk",
        folder / f"weekly-{year}-W{week:02d}.bigdesk",
    ]
    written: list[Path] = []
    for target in wanted:
        if target.exists():
            continue
        if written:
            # -- the same moment twice: copy the file just written rather than read the
            #    whole workshop again (over the network, for one on a server)
            _copy(written[0], target)
        else:
            store.save_copy(target)
        written.append(target)
    for kind, keep in (("daily", KEEP_DAILY), ("weekly", KEEP_WEEKLY)):
        copies = sorted(p for p in folder.iterdir() if (m := _NAME.match(p.name)) and m[1] == kind)
        for stale in copies[:-keep]:
            stale.unlink(missing_ok=True)
    return written
