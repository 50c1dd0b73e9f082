"""Start-up time: process start to ``--quit-when-ready``, as a ratio to a bare Qt floor.

The floor is a Python process that imports QtWidgets and shows an empty
QMainWindow, measured in the same run so the ratio holds on any machine. The
floor and the workshops take turns, run after run, so a neighbour's load on a
shared machine weighs on all of them alike. Each run is also timed in the CPU time
the process used (user and system): what a quiet machine's wall clock shows, and what
other work on a busy machine does not inflate.
Target: the sample workshop starts in at most 4x the floor.

``--instructions`` also counts the instructions each process runs under valgrind's
callgrind (one run each, a minute or so): the same on a quiet machine and a busy one, so
two trees can be compared to the percent where timings drift by a fifth between runs.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
FLOOR = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "app.processEvents()\n"
)


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return the wall and CPU seconds ``command`` took."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, _cpu() - cpu


def median_seconds(command: list[str], env: dict[str, str]) -> float:
    """Return the median wall time of ``command`` over RUNS runs (after one warm-up)."""
    return interleaved_medians([command], env)[0][0]


def interleaved_medians(commands: Sequence[list[str]],
                        env: dict[str, str]) -> list[tuple[float, float]]:
    """Return each command's median wall and CPU time over RUNS rounds that run them in turn."""
    for command in commands:
        # -- warm-up: file caches, and the bytecode the first run writes
        _seconds(command, env)
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for command, taken in zip(commands, times, strict=True):
            taken.append(_seconds(command, env))
    return [(statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken))
            for taken in times]


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Return how many instructions ``command`` ran, counted by callgrind."""
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                             *command], env=env, check=True, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count: {result.stderr[-500:]}")
    return int(found.group(1))


def startup_env(folder: Path) -> dict[str, str]:
    """Return the environment of the measured runs: offscreen, private folders, bytecode kept."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BIGDESK_DATA_DIR": str(folder),
           # -- keep the runs' recent-files entries out of the user's own settings
           "XDG_CONFIG_HOME": str(folder)}
    # -- an installed BIG Desk has its bytecode compiled (pip and the bundle both do it);
    #    without it every run would compile the app's modules again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main() -> None:
    """Print the start-up figures."""
    counting = "--instructions" in sys.argv[1:]
    if counting and shutil.which("valgrind") is None:
        sys.exit("bench_startup: --instructions needs valgrind (apt-get install valgrind)")
    sys.path.insert(0, str(Path(__file__).parent))
    from large_workshop import build_large_workshop

    with tempfile.TemporaryDirectory() as folder:
        env = startup_env(Path(folder))
        sample = Path(folder) / "sample.bigdesk"
        subprocess.run([sys.executable, "-m", "bigdesk", "new", str(sample), "--sample"],
                       check=True, capture_output=True, env=env)
        large = Path(folder) / "large.bigdesk"
        build_large_workshop(large)
        names = ["bare Qt floor", "sample workshop", "large workshop"]
        commands = [[sys.executable, "-c", FLOOR], *(
            [sys.executable, "-m", "bigdesk", str(path), "--quit-when-ready"]
            for path in (sample, large))]
        medians = interleaved_medians(commands, env)
        counted = [instructions(command, env) for command in commands] if counting else []
    floor, floor_cpu = medians[0]
    print(f"start-up to --quit-when-ready, median of {RUNS} rounds: wall clock, and CPU time")
    for name, (seconds, cpu) in zip(names, medians, strict=True):
        print(f"  {name:<18} {seconds * 1000:7.0f} ms   {seconds / floor:4.2f}x floor   "
              f"CPU {cpu * 1000:7.0f} ms   {cpu / floor_cpu:4.2f}x floor")
    if counted:
        print("instructions run (callgrind), one run each:")
        for name, count in zip(names, counted, strict=True):
            print(f"  {name:<18} {count / 1e6:7.0f} M   {count / counted[0]:4.2f}x floor")
    print("  target: sample at most 4x the floor")


if __name__ == "__main__":
    main()
