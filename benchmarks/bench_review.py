"""Open the Review step on the follow-up of the large workshop, offscreen.

The large workshop (a 5,000-element cascade, hundreds of people) is followed up with
``create_follow_up``; the figure is the median time to build the Review page and show
its numbers (key results against their line, overdue items, RAID moves, capability then
and now). Target: under 500 ms. The floor is painting an empty top-level window,
measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
TARGET_MS = 500.0


def runs_ms(action: Callable[[], object]) -> list[float]:
    """Return the milliseconds of ``action`` over RUNS runs, after one warm-up."""
    times = []
    for run in range(RUNS + 1):
        start = time.perf_counter()
        action()
        if run:
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    """Print the Review step's figures."""
    folder = tempfile.mkdtemp(prefix="bigdesk-bench-review-")
    os.environ["BIGDESK_DATA_DIR"] = folder
    sys.path.insert(0, str(Path(__file__).parent))
    from large_workshop import build_large_workshop

    from PySide6.QtWidgets import QApplication, QWidget

    from bigdesk.app.document import WorkshopDocument
    from bigdesk.exchange.figures_room import room_view
    from bigdesk.exchange.follow_up import create_follow_up

    from bigdesk.ui.application import make_application
    from bigdesk.ui.steps.review import ReviewPage

    app = make_application([])
    large = build_large_workshop(Path(folder) / "large.bigdesk")
    started = time.perf_counter()
    store = create_follow_up(large, Path(folder) / "follow-up.bigdesk")
    made = (time.perf_counter() - started) * 1000
    document = WorkshopDocument(store)

    def open_review() -> None:
        page = ReviewPage(document)
        page.resize(1200, 800)
        page.show()
        page.catch_up()
        QApplication.processEvents()
        page.close()
        page.deleteLater()

    def floor() -> None:
        widget = QWidget()
        widget.resize(1200, 800)
        widget.show()
        QApplication.processEvents()
        widget.close()
        widget.deleteLater()

    def read_room_view() -> None:
        with document.read() as conn:
            room_view(conn, "review")

    review = runs_ms(open_review)
    room = runs_ms(read_room_view)
    floors = runs_ms(floor)
    document.close()
    base = statistics.median(floors)
    median = statistics.median(review)
    ok = median < TARGET_MS
    print(f"follow-up of the large workshop created in {made:,.0f} ms")
    print(f"{'measure':40} {'runs':>5} {'median ms':>10} {'max ms':>9} {'× floor':>8}  target")
    print(f"{'Review step opens, large follow-up':40} {len(review):>5} {median:>10.1f} "
          f"{max(review):>9.1f} {median / base:>8.1f}  < {TARGET_MS:.0f} ms: "
          f"{'yes' if ok else 'NO'}")
    print(f"{'room view of a Review block, read':40} {len(room):>5} "
          f"{statistics.median(room):>10.1f} {max(room):>9.1f} "
          f"{statistics.median(room) / base:>8.1f}  (the presenter's 100 ms aim)")
    print(f"{'floor: an empty window shown':40} {len(floors):>5} {base:>10.1f} "
          f"{max(floors):>9.1f} {1.0:>8.1f}")
    app.quit()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
