"""Freeze the sample workshop at a schema revision for upgrade tests.

Run ``python tests/store/frozen/make_frozen.py`` once after adding a migration and
commit the new ``NNNN.bigdesk``; files already frozen are never rewritten. With
``--revision NNNN`` it freezes an older revision, by building the sample at the head
and running the downgrades to ``NNNN`` (for revisions that were not frozen in time).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop
from bigdesk.store.engine import make_engine
from bigdesk.store.schema import MIGRATIONS_DIR, head_revision

FROZEN = Path(__file__).resolve().parent


def _downgrade(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def make_frozen(folder: Path = FROZEN, revision: str | None = None) -> Path:
    """Write ``folder/<revision>.bigdesk`` and return its path; refuse to replace one."""
    revision = revision or head_revision()
    target = folder / f"{revision}.bigdesk"
    if target.exists():
        raise FileExistsError(f"{target.name} is frozen already; it must never change.")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "sample.bigdesk"
        create_workshop(path, populate_sample).close()
        if revision != head_revision():
            _downgrade(path, revision)
        # -- the backup API writes one self-contained file in DELETE journal mode;
        #    VACUUM keeps the committed file small
        source = sqlite3.connect(path)
        partial = Path(scratch) / "frozen.bigdesk"
        try:
            dest = sqlite3.connect(partial)
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
            dest.execute("VACUUM")
            dest.close()
        finally:
            source.close()
        partial.replace(target)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--revision", help="an older revision to freeze (default: the head)")
    try:
        print(f"Wrote {make_frozen(revision=parser.parse_args().revision)}")
    except FileExistsError as error:
        sys.exit(str(error))
