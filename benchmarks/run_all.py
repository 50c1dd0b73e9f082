"""Run every ``benchmarks/bench_*.py`` script in turn and print what each reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run the benchmark scripts; return non-zero if any of them failed."""
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"=== {script.name}", flush=True)
        result = subprocess.run(
            [sys.executable, str(script)], cwd=HERE.parent, text=True, capture_output=True
        )
        print(result.stdout, end="")
        if result.returncode != 0:
            failed.append(script.name)
            print(result.stderr, end="", file=sys.stderr)
            print(f"--- {script.name} exited with {result.returncode}")
        print(flush=True)
    if failed:
        print(f"Failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
