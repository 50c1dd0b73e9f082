"""Time workshops on a PostgreSQL server over localhost: 8 editors at once, and a large open.

Starts a throwaway cluster (as the tests do), then:

- a 5,000-element workshop is published to the server, then opened from it and its
  cascade read, against the same from its file (the floor). Target: under 2 s.
- 8 editor processes make 1,000 edits each on that workshop: most on rows of their own,
  one in twenty on a few rows they share, catching up with the others every 20 edits.
  Afterwards the record of changes is read back and every outcome is checked: each
  acknowledged edit is there, and an edit was refused exactly when someone else had
  changed its row after the editor last caught up. Target: edit p95 under 50 ms.

Prints medians of several runs (the editors: of three rounds, each after its floor).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from large_cascade import populate as populate_cascade
from sqlalchemy import Connection

from bigdesk.analysis.cascade import load_cascade
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Element
from bigdesk.store import SetValues, create_workshop, open_workshop
from bigdesk.store.publish import publish
from bigdesk.store.server.address import parse_location
from bigdesk.store.server.changes import EditConflictError
from bigdesk.store.server.workshop import ServerWorkshop

from tests.server.cluster import start_cluster

EDITORS = 8
EDITS = 1_000
OWN_ROWS = 100
SHARED_ROWS = 10
SHARED_SHARE = 0.05
CATCH_UP_EVERY = 20
ROUNDS = 3
EDIT_TARGET_MS = 50.0
OPEN_TARGET_MS = 2_000.0

# -- one edit attempt: its row, the newest change the window had seen, the outcome, the ms
Attempt = tuple[int, int, str, float]
# -- what an editor process reports: its number, its session and its attempts
Report = tuple[int, str, list[Attempt]]
Runs = dict[int, tuple[str, list[Attempt]]]
Editor = Callable[[str, int, list[int], list[int], "Queue[Report]"], None]


def _editor(location: str, number: int, rows: list[int], shared: list[int],
            results: Queue[Report]) -> None:
    """Make EDITS edits as one person; report each attempt with what this window had seen."""
    rng = random.Random(number)
    store = open_workshop(location)
    attempts: list[Attempt] = []
    try:
        if not isinstance(store, ServerWorkshop):
            raise TypeError(f"{location} is not a workshop on a server")
        for n in range(EDITS):
            if n % CATCH_UP_EVERY == 0:
                store.catch_up()
            row = rng.choice(shared) if rng.random() < SHARED_SHARE else rng.choice(rows)
            seen = store.seen
            start = time.perf_counter()
            try:
                store.apply(SetValues(Element, row, {"title": f"E{number}-{n}"}))
                outcome = "saved"
            except EditConflictError:
                outcome = "refused"
            attempts.append((row, seen, outcome, (time.perf_counter() - start) * 1000))
        results.put((number, store.session, attempts))
    finally:
        store.close()


def _bare_editor(location: str, number: int, rows: list[int], shared: list[int],
                 results: Queue[Report]) -> None:
    """The floor: the same edits as one UPDATE and a commit each, with psycopg alone."""
    import psycopg

    from bigdesk.store.server.listener import conninfo

    where = parse_location(location)
    rng = random.Random(number)
    attempts = []
    with psycopg.connect(conninfo(where)) as conn:
        conn.execute(f'SET search_path TO "{where.workshop}"')
        conn.commit()
        for n in range(EDITS):
            row = rng.choice(shared) if rng.random() < SHARED_SHARE else rng.choice(rows)
            start = time.perf_counter()
            conn.execute("UPDATE element SET title = %s, version = version + 1 WHERE id = %s",
                         (f"B{number}-{n}", row))  # fmt: skip
            conn.commit()
            attempts.append((row, 0, "saved", (time.perf_counter() - start) * 1000))
    results.put((number, "", attempts))


def _run(target: Editor, location: str, own: list[list[int]], shared: list[int],
         editors: int = EDITORS) -> Runs:
    """Run ``editors`` processes of ``target`` at once; return their reports."""
    context = multiprocessing.get_context("spawn")
    results: Queue[Report] = context.Queue()
    workers = [context.Process(target=target, args=(location, k, own[k], shared, results))
               for k in range(editors)]  # fmt: skip
    for worker in workers:
        worker.start()
    runs: Runs = {}
    for _ in workers:
        number, session, attempts = results.get(timeout=900)
        runs[number] = (session, attempts)
    for worker in workers:
        worker.join()
    return runs


def _latencies(runs: Runs) -> list[float]:
    return sorted(a[3] for _, attempts in runs.values() for a in attempts)


def _verify(location: str, runs: Runs) -> int:
    """Check every outcome against the record of changes; return the refusals checked."""
    store = open_workshop(location, read_only=True)
    try:
        with store.read() as conn:
            log = conn.exec_driver_sql(
                "SELECT id, session, touched FROM bigdesk_change ORDER BY id").all()
            titles: dict[int, str] = dict(
                conn.exec_driver_sql("SELECT id, title FROM element").all())
    finally:
        store.close()
    by_session: dict[str, list[tuple[int, int]]] = {}
    for change_id, session, touched in log:
        row = int(touched[0].rpartition(":")[2])
        by_session.setdefault(session, []).append((change_id, row))
    last_title: dict[int, tuple[int, str]] = {}
    refusals = 0
    for number, (session, attempts) in runs.items():
        saved = [a for a in attempts if a[2] == "saved"]
        recorded = by_session.get(session, [])
        assert len(recorded) == len(saved), f"editor {number}: an acknowledged edit is missing"
        mine = iter(recorded)
        for n, (row, seen, outcome, _) in enumerate(attempts):
            others = [(i, r) for s, entries in by_session.items() if s != session
                      for i, r in entries if r == row and i > seen]  # fmt: skip
            if outcome == "saved":
                change_id, recorded_row = next(mine)
                assert recorded_row == row
                assert not [i for i, _ in others if i < change_id], \
                    f"editor {number} overwrote an unseen change"
                if change_id > last_title.get(row, (0, ""))[0]:
                    last_title[row] = (change_id, f"E{number}-{n}")
            else:
                refusals += 1
                assert others, f"editor {number} was refused with no one else's change unseen"
    for row, (_, title) in last_title.items():
        assert titles[row] == title, f"row {row} lost its last acknowledged edit"
    return refusals


def _p95(latencies: list[float]) -> float:
    return latencies[int(len(latencies) * 0.95)]


def _editors(location: str) -> None:
    store = open_workshop(location, read_only=True)
    with store.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM element ORDER BY id")]
    store.close()
    shared = ids[:SHARED_ROWS]
    own = [ids[SHARED_ROWS + k * OWN_ROWS:SHARED_ROWS + (k + 1) * OWN_ROWS] for k in range(EDITORS)]
    floors, edits = [], []
    for _ in range(ROUNDS):
        # -- the floor and BIG Desk take turns, so that both meet the same load on the machine
        bare = _run(_bare_editor, location, own, shared)
        floors.append(_latencies(bare))
        runs = _run(_editor, location, own, shared)
        latencies = _latencies(runs)
        saved = sum(a[2] == "saved" for _, attempts in runs.values() for a in attempts)
        refusals = _verify(location, runs)
        edits.append(latencies)
        print(f"  round {len(edits)}: {saved:,} saved, {refusals} refused as conflicts, every "
              f"outcome checked against the record; median {statistics.median(latencies):.1f} "
              f"ms, p95 {_p95(latencies):.1f} ms (floor {statistics.median(floors[-1]):.1f} / "
              f"{_p95(floors[-1]):.1f} ms)")  # fmt: skip
    alone = _latencies(_run(_editor, location, own, shared, editors=1))
    alone_floor = _latencies(_run(_bare_editor, location, own, shared, editors=1))
    floor_median = statistics.median(statistics.median(f) for f in floors)
    floor_p95 = statistics.median(_p95(f) for f in floors)
    median = statistics.median(statistics.median(e) for e in edits)
    p95 = statistics.median(_p95(e) for e in edits)
    verdict = "met" if p95 < EDIT_TARGET_MS else "MISSED"
    print(f"{EDITORS} editors x {EDITS:,} edits, medians of {ROUNDS} rounds:")
    print(f"  floor, a bare UPDATE and commit: median {floor_median:.1f} ms, "
          f"p95 {floor_p95:.1f} ms")  # fmt: skip
    print(f"  BIG Desk edit: median {median:.1f} ms, p95 {p95:.1f} ms ({p95 / floor_p95:.1f}x the "
          f"floor), max {max(e[-1] for e in edits):.1f} ms (target p95 < {EDIT_TARGET_MS:.0f} ms: "
          f"{verdict})")  # fmt: skip
    print(f"  one editor alone: median {statistics.median(alone):.2f} ms, against "
          f"{statistics.median(alone_floor):.2f} ms for the bare UPDATE")  # fmt: skip


def _open(place: str | Path) -> None:
    store = open_workshop(place)
    try:
        with store.read() as conn:
            load_cascade(conn)
    finally:
        store.close()


def _opening(location: str, scratch: Path) -> None:
    path = scratch / "large.bigdesk"
    def populate(conn: Connection) -> None:
        populate_blank(conn)
        populate_cascade(conn, random.Random(1))

    create_workshop(path, populate)
    publish(path, parse_location(location))
    _open(path)
    rows = []
    for name, place in (("floor: open the file, read the cascade", path),
                        ("open from the server, read the cascade", location)):  # fmt: skip
        times = []
        for _ in range(7):
            start = time.perf_counter()
            _open(place)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((name, statistics.median(times)))
    floor = rows[0][1]
    for name, median in rows:
        verdict = ("met" if median < OPEN_TARGET_MS else "MISSED") if "server" in name else ""
        print(f"  {name:42} median {median:7.0f} ms  ({median / floor:.1f}x floor) {verdict}")
    # -- what the daily backup reads and writes, now on a thread of its own
    store = open_workshop(location, read_only=True)
    copies = []
    try:
        for run in range(3):
            start = time.perf_counter()
            store.save_copy(scratch / f"backup-{run}.bigdesk")
            copies.append((time.perf_counter() - start) * 1000)
    finally:
        store.close()
    print(f"  {'a backup of the server workshop to a file':42} median "
          f"{statistics.median(copies):7.0f} ms  (off the window's thread)")


def main() -> int:
    """Start a cluster, run both benchmarks, stop it.

    ``--durable`` keeps PostgreSQL's defaults, so every commit waits for the disk; without
    it the cluster runs as the tests' does, with ``fsync=off``.
    """
    cluster = start_cluster(durable="--durable" in sys.argv[1:])
    try:
        with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
            os.environ["BIGDESK_DATA_DIR"] = scratch
            location = cluster.url("large")
            print("Opening a 5,000-element workshop (7 runs each):")
            _opening(location, Path(scratch))
            _editors(location)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
