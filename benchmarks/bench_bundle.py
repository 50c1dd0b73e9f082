"""The desktop bundle: its size, and its start-up time against the virtual environment's.

Builds the bundle from packaging/bigdesk.spec into a temporary folder (PyInstaller's cache
in build/pyinstaller makes a rebuild quicker), or measures the one named by BENCH_BUNDLE
(a folder such as dist/bigdesk). Start-up is process start to ``--quit-when-ready`` on the
sample workshop, offscreen, median of several runs after a warm-up, each with a ratio to a
bare Qt floor (an empty QMainWindow from the virtual environment) measured in the same run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
# -- the same floor and timing as the virtual-environment start-up benchmark
from bench_startup import FLOOR, RUNS, median_seconds  # noqa: E402


def folder_size(folder: Path) -> tuple[int, int]:
    """Return the bytes and the number of files under ``folder`` (links not followed)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def build(dist: Path) -> tuple[Path, float]:
    """Build the bundle into ``dist``; return its folder and the build time."""
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    start = time.perf_counter()
    subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--distpath",
                    str(dist), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "packaging" / "bigdesk.spec")], check=True, cwd=ROOT)
    return dist / "bigdesk", time.perf_counter() - start


def main() -> None:
    """Print the bundle's size and start-up figures."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        named = os.environ.get("BENCH_BUNDLE")
        bundle, built = (Path(named), None) if named else build(work / "dist")
        program = bundle / "bigdesk"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "BIGDESK_DATA_DIR": str(work / "data"), "XDG_CONFIG_HOME": str(work / "config")}
        sample = work / "sample.bigdesk"
        subprocess.run([str(program), "new", str(sample), "--sample"], check=True,
                       capture_output=True, env=env)
        size, files = folder_size(bundle)
        archive = shutil.make_archive(str(work / "bundle"), "gztar", bundle.parent, bundle.name)
        floor = median_seconds([sys.executable, "-c", FLOOR], env)
        venv = median_seconds([sys.executable, "-m", "bigdesk", str(sample),
                               "--quit-when-ready"], env)
        frozen = median_seconds([str(program), str(sample), "--quit-when-ready"], env)
        archived = Path(archive).stat().st_size
    if built is not None:
        print(f"bundle built in {built:.0f} s")
    print(f"bundle size: {size / 2**20:.0f} MiB in {files} files; "
          f"{archived / 2**20:.0f} MiB as .tar.gz")
    print(f"start-up to --quit-when-ready on the sample, median of {RUNS} runs")
    for name, seconds in (("bare Qt floor", floor), ("virtual environment", venv),
                          ("bundle", frozen)):
        print(f"  {name:<20} {seconds * 1000:7.0f} ms   {seconds / floor:5.2f}x floor")
    print(f"  bundle / virtual environment: {frozen / venv:.2f}")


if __name__ == "__main__":
    main()
