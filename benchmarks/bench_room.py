"""The room: opening the presenter screen and advancing a block, offscreen.

Each figure is the median of several runs, in the sample workshop and in the large
one (the sample plus hundreds of people, agenda blocks and notes). Target: both
under 100 ms. The floor is painting an empty top-level window, measured in the
same run, so the ratios travel between machines.
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
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TARGET_MS = 100.0


def median_ms(action: Callable[[], None], before: Callable[[], None] | None = None) -> float:
    """Return the median milliseconds of ``action`` over RUNS runs (after one warm-up)."""
    times = []
    for run in range(RUNS + 1):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - start) * 1000
        if run:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    """Print the room's figures."""
    folder = tempfile.mkdtemp(prefix="bigdesk-bench-room-")
    os.environ["BIGDESK_DATA_DIR"] = folder
    sys.path.insert(0, str(Path(__file__).parent))
    from large_workshop import build_large_workshop  # type: ignore[import-not-found]

    from PySide6.QtWidgets import QWidget

    from bigdesk.exchange.sample import populate_sample
    from bigdesk.store import create_workshop

    from bigdesk.ui.application import make_application
    from bigdesk.ui.main_window import MainWindow
    from bigdesk.ui.steps.room.console import RoomPage

    app = make_application([])
    sample = Path(folder) / "sample.bigdesk"
    create_workshop(sample, populate_sample).close()
    large = build_large_workshop(Path(folder) / "large.bigdesk")

    def floor() -> None:
        widget = QWidget()
        widget.resize(1024, 640)
        widget.show()
        app.processEvents()
        widget.grab()
        widget.close()
        widget.deleteLater()

    floor_ms = median_ms(floor)
    rows = []
    for label, path in (("sample", sample), ("large", large)):
        window = MainWindow(quiet=True)
        window.show()
        assert window.open_path(path)
        assert window.workspace is not None
        page = window.workspace.page("room")
        assert isinstance(page, RoomPage)
        window.workspace.show_step("room")
        app.processEvents()

        def close_presenter(page: RoomPage = page) -> None:
            if page.presenter is not None:
                page.presenter.close()
                page.presenter.deleteLater()
                page.presenter = None
                app.processEvents()

        def open_presenter(page: RoomPage = page) -> None:
            presenter = page.open_presenter()
            app.processEvents()
            presenter.grab()

        open_ms = median_ms(open_presenter, before=close_presenter)
        page.open_presenter()
        session = page.session

        def rewind(page: RoomPage = page) -> None:
            page.session.previous_block()
            app.processEvents()

        def advance(page: RoomPage = page) -> None:
            page.session.next_block()
            app.processEvents()
            if page.presenter is not None:
                page.presenter.grab()

        # -- advance, then step back outside the timing, so every run moves the same block
        session.next_block()
        next_ms = median_ms(advance, before=rewind)
        rows.append((label, open_ms, next_ms))
        close_presenter()
        window.close_workshop()
        window.close()
        window.deleteLater()
        app.processEvents()

    print(f"{'workshop':<10}{'open presenter':>16}{'next block':>12}{'target':>10}")
    for label, open_ms, next_ms in rows:
        verdict = "ok" if max(open_ms, next_ms) < TARGET_MS else "SLOW"
        print(f"{label:<10}{open_ms:>13.1f} ms{next_ms:>9.1f} ms{verdict:>10}")
    print(f"floor (empty window shown and painted): {floor_ms:.1f} ms; "
          f"ratios {', '.join(f'{o / floor_ms:.1f}x/{n / floor_ms:.1f}x' for _, o, n in rows)}")


if __name__ == "__main__":
    main()
