"""Time check-ins on the generated 5,000-element workshop: 10,000 imported, then exported.

Prints a small table of medians. Target: importing 10,000 check-ins (read, checked,
applied as one edit) under 2 s. The floor is sqlite3 inserting the same 10,000 rows
into a bare table, measured in the same run.
"""

from __future__ import annotations

import datetime as dt
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

from bigdesk.exchange.checkins import COLUMNS, export_check_ins
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.register import register_ids
from bigdesk.exchange.tabular import Cell, Sheet, write_csv
from bigdesk.model import Element, ElementType
from bigdesk.store import open_workshop

CHECK_INS = 10_000
IMPORT_TARGET_MS = 2_000.0


def _check_in_file(path: Path, out: Path) -> list[list[Cell]]:
    """Write 10,000 check-ins over the workshop's key results and initiatives."""
    rng = random.Random(7)
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            ids = register_ids(conn)
            tracked = [(ids[i], t) for i, t in conn.execute(
                Element.__table__.select().with_only_columns(Element.id, Element.type)
                .where(Element.type.in_([ElementType.KEY_RESULT, ElementType.INITIATIVE])))]
    finally:
        store.close()
    start = dt.date(2027, 1, 4)
    rows: list[list[Cell]] = []
    for n in range(CHECK_INS):
        ref, kind = tracked[n % len(tracked)]
        value = rng.uniform(0, 100) if kind is ElementType.INITIATIVE else rng.uniform(-50, 500)
        rows.append([ref, (start + dt.timedelta(days=7 * (n // len(tracked)))).isoformat(),
                     round(value, 2), rng.choice(["On track", "At risk", "Behind"]),
                     f"Reading {n}", rng.choice(["low", "medium", "high"]), "PMO"])
    write_csv(out, Sheet("Check-ins", COLUMNS, rows))
    print(f"{CHECK_INS:,} check-ins over {len(tracked):,} key results and initiatives")
    return rows


def main() -> int:
    """Run the check-in benchmarks and print their table."""
    rows: list[tuple[str, list[float], float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        os.environ["BIGDESK_DATA_DIR"] = scratch
        folder = Path(scratch)
        path = build_large_workshop(folder / "large.bigdesk")
        source = folder / "check-ins.csv"
        data = _check_in_file(path, source)
        imports, plans = [], []
        for run in range(5):
            copy = folder / f"run{run}.bigdesk"
            shutil.copyfile(path, copy)
            store = open_workshop(copy)
            try:
                started = time.perf_counter()
                with store.read() as conn:
                    planned = plan_import(conn, source)
                middle = time.perf_counter()
                store.apply(planned.edit)
                imports.append((time.perf_counter() - started) * 1000)
                plans.append((middle - started) * 1000)
                if run == 0:
                    print(planned.summary)
                    out = folder / "out.csv"
                    exports = []
                    for _ in range(5):
                        begun = time.perf_counter()
                        export_check_ins(store, out, None)
                        exports.append((time.perf_counter() - begun) * 1000)
            finally:
                store.close()
        rows.append((f"check-in import, {CHECK_INS:,} rows (CSV)", imports, IMPORT_TARGET_MS))
        rows.append(("  of which reading and checking", plans, None))
        rows.append((f"check-in export, {CHECK_INS:,} rows (CSV)", exports, None))
        floors = []
        for _ in range(5):
            raw = sqlite3.connect(":memory:")
            raw.execute("CREATE TABLE t (ref, day, value, status, note, confidence, by)")
            begun = time.perf_counter()
            with raw:
                raw.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", data)
            floors.append((time.perf_counter() - begun) * 1000)
            raw.close()
        rows.append(("floor: sqlite3 inserts the rows", floors, None))

    return 0 if print_table(rows, floors) else 1


if __name__ == "__main__":
    sys.exit(main())
