"""Time the store on a large workshop: open, ``bigdesk check`` and single edits.

Prints a small table of medians; the target is every edit under 50 ms.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from large_workshop import AGENDA, NOTES, PEOPLE, build_large_workshop

from bigdesk import paths
from bigdesk.store import DeleteRow, SetValues, checked, element_counts, open_workshop

EDIT_TARGET_MS = 50.0


def _time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _runs(action: Callable[[], object], count: int) -> list[float]:
    return [_time_ms(action) for _ in range(count)]


def _open_and_count(path: Path, read_only: bool) -> None:
    store = open_workshop(path, read_only=read_only)
    try:
        with store.read() as conn:
            element_counts(conn)
    finally:
        store.close()


def _afresh(action: Callable[[], object]) -> Callable[[], object]:
    """Return ``action`` run on a file as if never seen: every check on opening runs."""
    def run() -> object:
        (paths.user_data_dir() / checked.RECORD).unlink(missing_ok=True)
        return action()

    return run


def _floor(path: Path) -> None:
    """Open the file with sqlite3 alone and run SQLite's quick check: the least an open does."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()


def _check(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bigdesk", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bigdesk check failed: {result.stderr.strip()}")


def main() -> int:
    """Run the store benchmarks and print their table."""
    rows: list[tuple[str, list[float], float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        # -- the record of files already checked, and backups, stay out of the user's folder
        os.environ["BIGDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "large.bigdesk"
        build = _time_ms(lambda: build_large_workshop(path))
        size = path.stat().st_size / 1_048_576
        print(f"Large workshop: {PEOPLE} people, {AGENDA} agenda items, {NOTES:,} notes, "
              f"{size:.1f} MiB, built in {build:.0f} ms")  # fmt: skip

        rows.append(("floor: sqlite3 open + quick_check", _runs(lambda: _floor(path), 9), None))
        # -- a first open checks integrity, the schema, every value and every link
        opens = _runs(_afresh(lambda: _open_and_count(path, False)), 9)
        rows.append(("open for editing, all checks", opens, None))
        reads = _runs(_afresh(lambda: _open_and_count(path, True)), 9)
        rows.append(("open read-only, all checks", reads, None))
        # -- the very bytes that passed are not checked again
        rows.append(("open for editing, checked before",
                     _runs(lambda: _open_and_count(path, False), 9), None))
        rows.append(("bigdesk check (whole process)", _runs(_afresh(lambda: _check(path)), 5),
                     None))

        store = open_workshop(path)
        try:
            with store.read() as conn:
                note_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM note LIMIT 60")]
                person_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM person LIMIT 60")]
            counter = iter(range(1_000_000))

            def set_values() -> None:
                store.apply(SetValues("note", note_ids[next(counter) % 60], {"text": "Edited"}))

            rows.append(("edit: SetValues (commit)", _runs(set_values, 60), EDIT_TARGET_MS))

            deletes, undos = [], []
            for person in person_ids:
                start = time.perf_counter()
                inverse, _ = store.apply(DeleteRow("person", person))
                middle = time.perf_counter()
                store.apply(inverse)
                deletes.append((middle - start) * 1000)
                undos.append((time.perf_counter() - middle) * 1000)
            rows.append(("edit: DeleteRow (commit)", deletes, EDIT_TARGET_MS))
            rows.append(("edit: undo of DeleteRow (commit)", undos, EDIT_TARGET_MS))
        finally:
            store.close()

    print()
    print(f"{'measure':36} {'runs':>5} {'median ms':>10} {'max ms':>9}  target")
    failed = False
    for name, times, target in rows:
        median, worst = statistics.median(times), max(times)
        verdict = ""
        if target is not None:
            ok = worst < target
            failed |= not ok
            verdict = f"< {target:.0f} ms: {'yes' if ok else 'NO'}"
        print(f"{name:36} {len(times):>5} {median:>10.1f} {worst:>9.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
