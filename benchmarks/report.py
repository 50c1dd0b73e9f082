"""The table every benchmark of imports and comparisons prints: medians against a floor."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

# -- a measure's name, its times in milliseconds, and its target (None: reported only)
Row = tuple[str, Sequence[float], float | None]


def print_table(rows: Sequence[Row], floor: Sequence[float], width: int = 42) -> bool:
    """Print each measure's median and max, its ratio to the floor's median and its verdict;
    return whether every target was met."""
    base = statistics.median(floor)
    print()
    print(f"{'measure':{width}} {'runs':>5} {'median ms':>10} {'max ms':>9} {'× floor':>8}  "
          "target")
    met = True
    for name, times, target in rows:
        median = statistics.median(times)
        verdict = ""
        if target is not None:
            ok = median < target
            met &= ok
            verdict = f"< {target:.0f} ms: {'yes' if ok else 'NO'}"
        print(f"{name:{width}} {len(times):>5} {median:>10.1f} {max(times):>9.1f} "
              f"{median / base:>8.1f}  {verdict}")
    return met
