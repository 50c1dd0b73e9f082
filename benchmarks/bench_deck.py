"""Benchmark the First Steps deck: ``bigdesk export … --deck`` as a whole process.

Medians of several runs, each a fresh process as a user runs it, against a floor
measured in the same run: a process that only imports SQLAlchemy's ORM and
python-pptx, which any export must load. The sample must come within 1.5 s of the
floor and the large generated workshop (``large_workshop.py``) under 5 s. Each run is
timed twice: on the wall clock, and in the CPU time the process used (user and
system), which is what a quiet machine's wall clock shows and what other work on a
shared machine does not inflate; the targets are judged on the CPU time. Also checks
that the export loads neither Qt, matplotlib nor scipy, and that starting the app
loads none of python-pptx, matplotlib or scipy.
"""

from __future__ import annotations

import json
import resource
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


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _process(*arguments: str) -> tuple[float, float, str]:
    """Return the wall and CPU seconds a fresh Python process took, and what it printed."""
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True,
                          check=True)
    return time.perf_counter() - start, _cpu() - cpu, done.stdout


def _median(arguments: list[str]) -> tuple[float, float, str]:
    runs = [_process(*arguments) for _ in range(RUNS)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            runs[-1][2])


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
        floor_wall, floor, _ = _median(["-c", FLOOR])
        results = {}
        for key, workshop in (("sample", sample), ("large", large)):
            out = base / f"{key}.pptx"
            wall, seconds, printed = _median(["-c", EXPORT, str(workshop), str(out)])
            report = json.loads(printed.strip().splitlines()[-1])
            results[key] = (wall, seconds, _slides(out), report["heavy"])
        startup = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True,
                                 text=True, check=True,
                                 env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}
                                 ).stdout.strip()
    sample_wall, sample_s, sample_slides, sample_heavy = results["sample"]
    large_wall, large_s, large_slides, large_heavy = results["large"]
    checks = [
        ("floor: a process importing sqlalchemy.orm and pptx", floor_wall, floor, "", True),
        (f"export the sample ({sample_slides} slides)", sample_wall, sample_s,
         f"< floor + {OVER_FLOOR:g} s", sample_s - floor <= OVER_FLOOR),
        (f"export the large workshop ({large_slides} slides)", large_wall, large_s,
         f"< {LARGE:g} s", large_s < LARGE),
    ]
    print(f"{'median of ' + str(RUNS) + ' fresh processes':<52} {'wall s':>7} {'CPU s':>6}  target")
    failed = False
    for label, wall, seconds, target, ok in checks:
        failed |= not ok
        print(f"{label:<52} {wall:>7.2f} {seconds:>6.2f}  {target}{'' if ok else '  MISSED'}")
    print(f"sample above the floor: {sample_s - floor:.2f} s of CPU "
          f"({sample_wall - floor_wall:.2f} s on the wall clock)")
    heavy = sorted(set(sample_heavy) | set(large_heavy))
    print(f"Qt, matplotlib or scipy loaded by the export: {', '.join(heavy) or 'none'}")
    print(f"python-pptx, matplotlib or scipy loaded at start-up: {startup or 'none'}")
    return 1 if failed or heavy or startup else 0


if __name__ == "__main__":
    sys.exit(main())
