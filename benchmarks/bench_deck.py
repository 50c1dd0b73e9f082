"""Benchmark the First Steps deck: export of the sample and of the large generated workshop.

Medians of several exports in one process (python-pptx, matplotlib and scipy
already loaded), the first export of a fresh process (everything loaded on the
way), and a floor measured in the same run: python-pptx opening the template and
saving it empty. Also checks that starting the app loads neither python-pptx nor
matplotlib.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from large_workshop import build_large_workshop

from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop, open_workshop

RUNS = 5
TARGETS = {"sample": 1.5, "large": 5.0}
COLD = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from bigdesk.exchange.deck.export import write_deck
from bigdesk.store import open_workshop
store = open_workshop(sys.argv[1], read_only=True)
with store.read() as conn:
    write_deck(conn, Path(sys.argv[2]))
print(time.perf_counter() - start)
"""
STARTUP = """
import sys
import bigdesk.cli, bigdesk.store
from bigdesk.ui.main_window import MainWindow
from bigdesk.domain.steps import STEPS
from bigdesk.ui.steps.deck import DeckPage
heavy = [m for m in ("pptx", "matplotlib", "scipy") if m in sys.modules]
print(",".join(heavy))
"""


def _median(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _export(workshop: Path, out: Path) -> float:
    store = open_workshop(workshop, read_only=True)
    try:
        with store.read() as conn:
            write_deck(conn, out)  # -- warm-up: imports and caches
            return _median(lambda: write_deck(conn, out))
    finally:
        store.close()


def _floor(out: Path) -> float:
    from bigdesk.exchange.deck.render import open_template

    return _median(lambda: open_template(None).save(str(out)))


def main() -> int:
    """Print the export timings and return 1 if a target is missed."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sample = base / "sample.bigdesk"
        create_workshop(sample, populate_sample).close()
        large = build_large_workshop(base / "large.bigdesk")
        floor = _floor(base / "empty.pptx")
        cold = float(subprocess.run([sys.executable, "-c", COLD, str(sample),
                                     str(base / "cold.pptx")], capture_output=True, text=True,
                                    check=True).stdout)
        results = {"sample": _export(sample, base / "sample.pptx"),
                   "large": _export(large, base / "large.pptx")}
        heavy = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True,
                               check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}
                               ).stdout.strip()
        from pptx import Presentation

        slides = {k: len(Presentation(str(base / f"{k}.pptx")).slides) for k in results}
    print(f"{'measure':<58} {'median':>9} {'target':>8} {'× floor':>8}")
    print(f"{'floor: open the template and save it empty':<58} {floor * 1000:>7.0f}ms")
    failed = False
    for key, seconds in results.items():
        ok = seconds < TARGETS[key]
        failed |= not ok
        label = f"export the {key} workshop ({slides[key]} slides)"
        print(f"{label:<58} {seconds:>8.2f}s {'< ' + str(TARGETS[key]) + 's':>8} "
              f"{seconds / floor:>7.0f}×{'' if ok else '  MISSED'}")
    print(f"{'first export in a fresh process (sample, imports included)':<58} {cold:>8.2f}s")
    print(f"heavy modules loaded at start-up: {heavy or 'none'}")
    return 1 if failed or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
