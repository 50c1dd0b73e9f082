"""Benchmark the First Steps deck: ``bigdesk export … --deck`` as a whole process.

Medians of several runs, each a fresh process as a user runs it, against a floor
measured in the same run: a process that only imports SQLAlchemy's ORM and
python-pptx, which any export must load. The sample must come within 1.5 s of the
floor and the large generated workshop (``large_workshop.py``) under 5 s. Also
checks that the export loads neither Qt, matplotlib nor scipy, and that starting
the app loads none of python-pptx, matplotlib or scipy.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from large_workshop import build_large_workshop

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop

RUNS = 7
# -- seconds above the floor for the sample; seconds in all for the large workshop
OVER_FLOOR, LARGE = 1.5, 5.0
FLOOR = "import sqlalchemy.orm, pptx"
EXPORT = """
import json, sys
from bigdesk.cli import main
code = main(["export", sys.argv[1], "--deck", sys.argv[2]])
heavy = [m for m in ("PySide6", "matplotlib", "scipy") if m in sys.modules]
print(json.dumps({"code": code, "heavy": heavy}))
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


def _process(*arguments: str) -> tuple[float, str]:
    """Return how long a fresh Python process took, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True,
                          check=True)
    return time.perf_counter() - start, done.stdout


def _median(arguments: list[str]) -> tuple[float, str]:
    runs = [_process(*arguments) for _ in range(RUNS)]
    return statistics.median(t for t, _ in runs), runs[-1][1]


def _slides(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def main() -> int:
    """Print the export timings and return 1 if a target is missed or a module leaks in."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sample = base / "sample.bigdesk"
        create_workshop(sample, populate_sample).close()
        large = build_large_workshop(base / "large.bigdesk")
        _process("-c", FLOOR)  # -- warm the file cache before anything is timed
        floor, _ = _median(["-c", FLOOR])
        results = {}
        for key, workshop in (("sample", sample), ("large", large)):
            out = base / f"{key}.pptx"
            seconds, printed = _median(["-c", EXPORT, str(workshop), str(out)])
            report = json.loads(printed.strip().splitlines()[-1])
            results[key] = (seconds, _slides(out), report["heavy"])
        startup = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True,
                                 text=True, check=True,
                                 env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}
                                 ).stdout.strip()
    sample_s, sample_slides, sample_heavy = results["sample"]
    large_s, large_slides, large_heavy = results["large"]
    checks = [
        ("floor: a process importing sqlalchemy.orm and pptx", floor, "", True),
        (f"export the sample ({sample_slides} slides), whole process", sample_s,
         f"< floor + {OVER_FLOOR:g} s", sample_s - floor <= OVER_FLOOR),
        (f"export the large workshop ({large_slides} slides), whole process", large_s,
         f"< {LARGE:g} s", large_s < LARGE),
    ]
    print(f"{'measure (median of ' + str(RUNS) + ' fresh processes)':<62} {'s':>6}  target")
    failed = False
    for label, seconds, target, ok in checks:
        failed |= not ok
        print(f"{label:<62} {seconds:>6.2f}  {target}{'' if ok else '  MISSED'}")
    print(f"sample above the floor: {sample_s - floor:.2f} s")
    heavy = sorted(set(sample_heavy) | set(large_heavy))
    print(f"Qt, matplotlib or scipy loaded by the export: {', '.join(heavy) or 'none'}")
    print(f"python-pptx, matplotlib or scipy loaded at start-up: {startup or 'none'}")
    return 1 if failed or heavy or startup else 0


if __name__ == "__main__":
    sys.exit(main())
