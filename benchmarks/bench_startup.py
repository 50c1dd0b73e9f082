"""Start-up time: process start to ``--quit-when-ready``, as a ratio to a bare Qt floor.

The floor is a Python process that imports QtWidgets and shows an empty
QMainWindow, measured in the same run so the ratio holds on any machine.
Target: the sample workshop starts in at most 4x the floor.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
FLOOR = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "app.processEvents()\n"
)


def median_seconds(command: list[str], env: dict[str, str]) -> float:
    """Return the median wall time of ``command`` over RUNS runs (after one warm-up)."""
    subprocess.run(command, env=env, check=True, capture_output=True)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the start-up figures."""
    sys.path.insert(0, str(Path(__file__).parent))
    from large_workshop import build_large_workshop  # type: ignore[import-not-found]

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        env["BIGDESK_DATA_DIR"] = folder
        # -- keep the runs' recent-files entries out of the user's own settings
        env["XDG_CONFIG_HOME"] = folder
        sample = Path(folder) / "sample.bigdesk"
        subprocess.run([sys.executable, "-m", "bigdesk", "new", str(sample), "--sample"],
                       check=True, capture_output=True, env=env)
        large = Path(folder) / "large.bigdesk"
        build_large_workshop(large)
        floor = median_seconds([sys.executable, "-c", FLOOR], env)
        rows = [("bare Qt floor", floor)]
        for name, path in (("sample workshop", sample), ("large workshop", large)):
            command = [sys.executable, "-m", "bigdesk", str(path), "--quit-when-ready"]
            rows.append((name, median_seconds(command, env)))
    print(f"start-up to --quit-when-ready, median of {RUNS} runs")
    for name, seconds in rows:
        print(f"  {name:<18} {seconds * 1000:7.0f} ms   {seconds / floor:4.2f}x floor")
    print("  target: sample at most 4x the floor")


if __name__ == "__main__":
    main()
