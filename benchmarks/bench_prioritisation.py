"""Time prioritisation on 500 initiatives and 10 criteria: ranking, optimal selection, sensitivity.

Targets: ranking under 50 ms, optimal selection (a budget, two capacities and
dependencies) under 1 s, sensitivity with 1,000 samples under 2 s (medians).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import large_prioritisation
from sqlalchemy import Connection, insert, select

from bigdesk.analysis.prioritisation import load, problem_from, rank, sensitivity, solve
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Dependency, ElementType, Initiative, Portfolio
from bigdesk.store import create_workshop
from bigdesk.store.edits import table_of

INITIATIVES = 500
DEPENDENCIES = 60
RUNS = 7


def _populate(conn: Connection) -> None:
    populate_blank(conn)
    rng = random.Random(5)
    table = table_of("element")
    conn.execute(table.insert(), [
        {"type": ElementType.INITIATIVE, "ref": f"I{n + 1}", "position": n,
         "title": f"Initiative {n + 1}", "portfolio": rng.choice(list(Portfolio))}
        for n in range(INITIATIVES)])  # fmt: skip
    ids = list(conn.execute(select(Initiative.id).order_by(Initiative.id)).scalars())
    pairs = {(ids[d], ids[rng.randrange(d)]) for d in rng.sample(range(1, len(ids)),
                                                                 DEPENDENCIES)}  # fmt: skip
    conn.execute(insert(Dependency), [{"dependent_id": d, "prerequisite_id": p}
                                      for d, p in pairs])
    large_prioritisation.populate(conn, rng)


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    """Run the prioritisation benchmarks and print their table."""
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        store = create_workshop(Path(scratch) / "prioritise.bigdesk", _populate)
        try:
            with store.read() as conn:
                data = load(conn)
                load_ms = _median_ms(lambda: load(conn))
        finally:
            store.close()
    ranking = rank(data)
    problem = problem_from(data, ranking)
    rows = [
        ("load inputs from the file", load_ms, None),
        ("ranking (normalise, weigh, sort)", _median_ms(lambda: rank(data)), 50.0),
        ("optimal selection (MILP, reasons without extra solves)",
         _median_ms(lambda: solve(problem), 3), 1000.0),
    ]  # fmt: skip
    top_only = _median_ms(lambda: sensitivity(ranking, None, 1000), 3)
    rows.append(("sensitivity, 1,000 samples: top-N only", top_only, 2000.0))
    result = sensitivity(ranking, problem, 1000)
    full = _median_ms(lambda: sensitivity(ranking, problem, 1000), 3)
    rows.append((f"sensitivity, 1,000 samples: top-N and portfolio ({result.method})", full,
                 2000.0))
    selection = solve(problem)
    print(f"{len(data.initiatives)} initiatives, {len(data.criteria)} criteria, "
          f"{len(problem.dependencies)} dependencies, 2 capacities and a budget; "
          f"{len(selection.chosen())} selected, proven gap {selection.gap:.4%}")
    print(f"Portfolio sensitivity: {result.proven_share:.0%} of samples proven optimal, "
          f"worst shortfall {result.worst_gap:.3%}")
    print(f"{'measure':<72} {'median ms':>10} {'target':>8}")
    for name, ms, target in rows:
        verdict = "" if target is None else ("ok" if ms < target else "OVER")
        print(f"{name:<72} {ms:>10.1f} {'' if target is None else f'{target:.0f}':>8} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
