"""Time ``compare`` on two generated 5,000-element sessions, the second edited.

Prints a small table of medians. Target: comparing the two (opening both files, reading
both registers and assessments, matching and diffing) under 2 s. The floor is sqlite3
reading both element tables, measured in the same run.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from large_workshop import build_large_workshop
from report import print_table
from sqlalchemy import select

from bigdesk.exchange.compare import compare_files
from bigdesk.model import Element, ElementType
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, open_workshop

COMPARE_TARGET_MS = 2_000.0
EDITS = 300


def _edit(path: Path) -> None:
    """Change, remove and add a few hundred elements, as a follow-up session would."""
    rng = random.Random(3)
    store = open_workshop(path)
    try:
        with store.read() as conn:
            ids = conn.execute(select(Element.id).where(
                Element.type == ElementType.KEY_RESULT)).scalars().all()
        chosen = rng.sample(ids, EDITS)
        edits: list[Edit] = [SetValues(Element, i, {"status": "At risk", "progress": 50.0})
                 for i in chosen[:EDITS // 2]]
        edits += [DeleteRow(Element, i) for i in chosen[EDITS // 2:]]
        edits += [InsertRow(Element, {"type": ElementType.OBJECTIVE, "ref": f"NEW{n}",
                                      "title": f"New objective {n}"}) for n in range(50)]
        store.do(Batch(tuple(edits), "Follow-up"))
    finally:
        store.close()


def main() -> int:
    """Run the comparison benchmark and print its table."""
    rows: list[tuple[str, list[float], float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        os.environ["BIGDESK_DATA_DIR"] = scratch
        folder = Path(scratch)
        old = build_large_workshop(folder / "old.bigdesk")
        new = folder / "new.bigdesk"
        shutil.copyfile(old, new)
        _edit(new)
        times = []
        for run in range(5):
            started = time.perf_counter()
            result = compare_files(old, new)
            times.append((time.perf_counter() - started) * 1000)
            if run == 0:
                print(f"{len(result.added)} added, {len(result.removed)} removed, "
                      f"{len(result.changed)} changed")
        rows.append(("compare two 5,000-element sessions", times, COMPARE_TARGET_MS))
        floors = []
        for _ in range(5):
            started = time.perf_counter()
            for path in (old, new):
                raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                raw.execute("SELECT * FROM element").fetchall()
                raw.close()
            floors.append((time.perf_counter() - started) * 1000)
        rows.append(("floor: sqlite3 reads both element tables", floors, None))

    return 0 if print_table(rows, floors) else 1


if __name__ == "__main__":
    sys.exit(main())
