"""Time the Assess step at 30 participants by 40 dimensions: one score edit, end to end.

An edit is measured the way the app makes it, offscreen: the grid model's
``set_level`` (the service reads the score, ``WorkshopDocument.do`` applies and
commits the edit and pushes it on the undo stack), the grid model's update from
the change signal with the statistics recomputed, and the chart data rebuilt.
Redrawing the three figures is debounced in the app, so it is timed on its own.
The floor is a bare ``SetValues`` committed through the store on the same file.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import large_assessment
from sqlalchemy import Connection, insert, select

from bigdesk.exchange.framework import populate_framework
from bigdesk.model import Person, PersonKind, Score, Workshop
from bigdesk.store import SetValues, create_workshop, open_workshop

EDIT_TARGET_MS = 50.0
RUNS = 60


def _time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _build(path: Path) -> None:
    def populate(conn: Connection) -> None:
        conn.execute(insert(Workshop).values(id=1, title="Large assessment"))
        populate_framework(conn)
        large_assessment.populate(conn, random.Random(3))

    create_workshop(path, populate).close()


def _row(name: str, runs: list[float], target: float | None, floor: float | None) -> str:
    median = statistics.median(runs)
    ratio = f"{median / floor:5.1f}x" if floor else "     "
    verdict = "" if target is None else ("ok" if median < target else "SLOW")
    goal = f"< {target:.0f}" if target is not None else ""
    return f"{name:<64} {median:8.2f} {max(runs):8.2f} {ratio} {goal:>6} {verdict}"


def main() -> int:
    """Run the assessment benchmark and print its table."""
    from bigdesk.app.document import WorkshopDocument

    from bigdesk.ui.application import make_application
    from bigdesk.ui.steps.assess.charts import ChartsPanel
    from bigdesk.ui.steps.assess.grid import ScoreGridModel

    app = make_application([])
    with tempfile.TemporaryDirectory(prefix="bigdesk-bench-") as scratch:
        path = Path(scratch) / "assessment.bigdesk"
        build = _time_ms(lambda: _build(path))
        store = open_workshop(path)
        with store.read() as conn:
            participants = len(conn.execute(select(Person.id).where(
                Person.kind == PersonKind.PARTICIPANT)).all())
            score_ids = list(conn.execute(select(Score.id)).scalars())
        document = WorkshopDocument(store)
        model = ScoreGridModel(document)
        charts = ChartsPanel(model)
        charts.resize(1200, 800)
        dims = len(model.assessment.dimensions)
        print(f"Assessment: {participants} participants x {dims} dimensions, "
              f"{len(score_ids)} scores; built in {build:.0f} ms")

        # -- the floor: the same kind of edit with no app around it
        counter = iter(range(1_000_000))
        floor = [_time_ms(lambda: store.apply(SetValues(
            "score", score_ids[next(counter) % len(score_ids)], {"target": 5})))
            for _ in range(RUNS)]

        cells = [(r, c) for r, row in enumerate(model.rows) if row.dimension
                 for c, column in enumerate(model.columns) if column.kind == "participant"]
        rng = random.Random(7)
        picks = rng.sample(cells, RUNS)

        def set_level(row: int, column: int, level: int) -> None:
            model.set_level(model.index(row, column), level)

        def edit(row: int, column: int, level: int) -> None:
            set_level(row, column, level)
            charts.rebuild_data()

        edits = [_time_ms(partial(edit, r, c, n))
                 for n, (r, c) in zip([1, 2, 3, 4, 5] * RUNS, picks, strict=False)]
        model_only = [_time_ms(partial(set_level, r, c, n))
                      for n, (r, c) in zip([5, 4, 3, 2, 1] * RUNS, picks, strict=False)]
        undo = [_time_ms(document.undo_stack.undo) for _ in range(20)]

        charts.show()
        app.processEvents()
        redraws = {}
        for number, key in enumerate(("radar", "gaps", "heatmap")):
            charts.tabs.setCurrentIndex(number)
            app.processEvents()

            def redraw(key: str = key) -> None:
                charts.draw_chart(key)
                charts.canvases[key].draw()

            redraws[key] = [_time_ms(redraw) for _ in range(5)]
        header = f"{'measure (ms)':<64} {'median':>8} {'max':>8} {'ratio':>6} {'target':>6}"
        print(header)
        print("-" * len(header))
        print(_row("floor: bare SetValues commit through the store", floor, None, None))
        floor_median = statistics.median(floor)
        print(_row("edit one score: do + grid + statistics + chart data", edits,
                   EDIT_TARGET_MS, floor_median))
        print(_row("edit one score: do + grid + statistics (no chart data)", model_only,
                   EDIT_TARGET_MS, floor_median))
        print(_row("undo one score (grid and statistics refreshed)", undo, EDIT_TARGET_MS,
                   floor_median))
        for key, runs in redraws.items():
            print(_row(f"redraw the {key} chart when shown (debounced)",
                       runs, None, floor_median))
        charts.close()
        charts.deleteLater()
        model.deleteLater()
        document.close()
        app.processEvents()
        slow = statistics.median(edits) >= EDIT_TARGET_MS
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
