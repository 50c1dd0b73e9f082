"""Soak test: kill an editing BIG Desk hundreds of times and check nothing is ever lost.

Usage: ``python benchmarks/crash_soak.py [CYCLES] [--synced]``; ``--synced`` puts the
file in a folder named Dropbox, so it uses the rollback journal instead of the WAL.
Uses the same child process as ``tests/store/test_crash.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# -- the crash child and the network guard live with the tests
sys.path.insert(0, str(REPO))

from bigdesk.exchange.sample import populate_sample  # noqa: E402
from bigdesk.store import create_workshop  # noqa: E402

from tests.helpers import guarded_env  # noqa: E402
from tests.store.crash_child import crash_cycle  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the cycles and print a summary; non-zero if any cycle found a problem."""
    parser = argparse.ArgumentParser(description="Kill an editing child many times.")
    parser.add_argument("cycles", type=int, nargs="?", default=300)
    parser.add_argument("--synced", action="store_true", help="use a folder named Dropbox")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    committed = landed = not_landed = 0
    problems: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bigdesk-soak-") as scratch:
        folder = Path(scratch) / ("Dropbox" if args.synced else "local")
        folder.mkdir()
        path = folder / "soak.bigdesk"
        create_workshop(path, populate_sample).close()
        env = guarded_env()
        for cycle in range(1, args.cycles + 1):
            try:
                result = crash_cycle(path, rng.randrange(1 << 30), env, max_wait=0.5)
            except AssertionError as error:
                problems.append(f"cycle {cycle}: {error}")
                print(f"cycle {cycle}: PROBLEM {error}", flush=True)
                break
            committed += result.committed
            landed += result.in_flight_landed is True
            not_landed += result.in_flight_landed is False
            if cycle % 25 == 0:
                print(f"  {cycle} cycles, {committed:,} edits committed", flush=True)
        size = path.stat().st_size if path.exists() else 0
    elapsed = time.perf_counter() - started
    print(f"Crash soak ({'rollback journal' if args.synced else 'WAL'}): {args.cycles} cycles "
          f"in {elapsed:.0f} s")  # fmt: skip
    print(f"  edits reported and found after the kill: {committed:,}")
    print(f"  killed between commit and report (edit found anyway): {landed}")
    print(f"  killed during an edit (edit rolled back): {not_landed}")
    print(f"  final file size: {size / 1024:.0f} KiB; problems: {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
