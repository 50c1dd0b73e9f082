"""Time the cascade on a generated 5,000-element workshop: health analysis, register in and out.

Prints a small table of medians. Targets: full health analysis under 100 ms,
import of the 5,000-row register under 2 s. The floor is reading the element
table with sqlite3 alone, measured in the same run.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from large_workshop import build_large_workshop

from bigdesk.analysis.cascade import load_cascade
from bigdesk.analysis.cascade_health import cascade_findings
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.register import export_register
from bigdesk.exchange.sample import populate_blank
from bigdesk.store import create_workshop, element_counts, open_workshop

ANALYSIS_TARGET_MS = 100.0
IMPORT_TARGET_MS = 2_000.0


def _time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _cpu_ms(action: Callable[[], object]) -> float:
    # -- processor time of this process: what the work costs when other work shares the machine
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


def main() -> int:
    """Run the cascade benchmarks and print their table."""
    rows: list[tuple[str, list[float], float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        # -- what opening a file records stays out of the user's own data folder
        os.environ["BIGDESK_DATA_DIR"] = scratch
        folder = Path(scratch)
        path = build_large_workshop(folder / "large.bigdesk")
        store = open_workshop(path, read_only=True)
        try:
            with store.read() as conn:
                counts = element_counts(conn)
                elements = sum(counts[k] for k in ("purposes", "visions", "drivers",
                                                   "objectives", "key_results", "initiatives"))
                print(f"Large cascade: {elements:,} elements, {counts['alignments']:,} "
                      f"alignment links, {counts['nodes']} nodes, "
                      f"{counts['information_flows']} information flows")  # fmt: skip

                def analyse() -> None:
                    cascade_findings(load_cascade(conn))

                analyse()  # -- warm caches: the app analyses again and again, never once
                rows.append(("health analysis (load + rules)", [_time_ms(analyse)
                                                                 for _ in range(15)],
                             ANALYSIS_TARGET_MS))  # fmt: skip
                cascade = load_cascade(conn)
                rows.append(("health analysis, processor time", [_cpu_ms(analyse)
                                                                  for _ in range(15)], None))
                rows.append(("  of which the rules", [_time_ms(lambda: cascade_findings(cascade))
                                                     for _ in range(15)], None))  # fmt: skip
            raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows.append(("floor: sqlite3 reads the element table", [_time_ms(
                    lambda: raw.execute("SELECT * FROM element").fetchall())
                    for _ in range(15)], None))  # fmt: skip
            finally:
                raw.close()
            csv_out, xlsx_out = folder / "register.csv", folder / "register.xlsx"
            rows.append(("register export (CSV)",
                         [_time_ms(lambda: export_register(store, csv_out, None))
                          for _ in range(5)], None))  # fmt: skip
            rows.append(("register export (XLSX)",
                         [_time_ms(lambda: export_register(store, xlsx_out, None))
                          for _ in range(3)], None))  # fmt: skip
        finally:
            store.close()

        imports, processor, plans = [], [], []
        for run in range(3):
            blank = create_workshop(folder / f"blank{run}.bigdesk", populate_blank)
            try:
                start, start_cpu = time.perf_counter(), time.process_time()
                with blank.read() as conn:
                    planned = plan_import(conn, csv_out)
                middle = time.perf_counter()
                blank.apply(planned.edit)
                imports.append((time.perf_counter() - start) * 1000)
                processor.append((time.process_time() - start_cpu) * 1000)
                plans.append((middle - start) * 1000)
            finally:
                blank.close()
        rows.append(("register import, 5,000 rows (CSV)", imports, IMPORT_TARGET_MS))
        rows.append(("register import, processor time", processor, None))
        rows.append(("  of which reading and checking", plans, None))

    floor = statistics.median(next(t for n, t, _ in rows if n.startswith("floor")))
    print()
    print(f"{'measure':40} {'runs':>5} {'median ms':>10} {'max ms':>9} {'× floor':>8}  target")
    failed = False
    for name, times, target in rows:
        median = statistics.median(times)
        verdict = ""
        if target is not None:
            ok = median < target
            failed |= not ok
            verdict = f"< {target:.0f} ms: {'yes' if ok else 'NO'}"
        print(f"{name:40} {len(times):>5} {median:>10.1f} {max(times):>9.1f} "
              f"{median / floor:>8.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
