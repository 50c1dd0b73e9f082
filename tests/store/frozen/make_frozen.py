"""Freeze the sample workshop at the current schema revision for upgrade tests.

Run ``python tests/store/frozen/make_frozen.py`` once after adding a migration and
commit the new ``NNNN.bigdesk``; files already frozen are never rewritten.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop
from bigdesk.store.schema import head_revision

FROZEN = Path(__file__).resolve().parent


def make_frozen(folder: Path = FROZEN) -> Path:
    """Write ``folder/<head>.bigdesk`` and return its path; refuse to replace one."""
    target = folder / f"{head_revision()}.bigdesk"
    if target.exists():
        raise FileExistsError(f"{target.name} is frozen already; it must never change.")
    with tempfile.TemporaryDirectory() as scratch:
        store = create_workshop(Path(scratch) / "sample.bigdesk", populate_sample)
        try:
            # -- the backup API writes one self-contained file in DELETE journal mode
            store.save_copy(target)
        finally:
            store.close()
    return target


if __name__ == "__main__":
    try:
        print(f"Wrote {make_frozen()}")
    except FileExistsError as error:
        sys.exit(str(error))
