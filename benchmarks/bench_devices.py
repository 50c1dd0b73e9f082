"""The room on devices: 30 phones score all 18 dimensions at once into the open window.

The window (offscreen) opens the room on loopback, once showing the Run session step
(the facilitator's console) and once the Assess step (the grid and its statistics follow
every score, the heaviest view to keep live). A second process plays 30 phones over
HTTP: each joins, then, when all have joined, each scores the 18 dimensions one after another
(now and target in one request, as one tap on a phone sends one request), all 30 at
once. Measured: every score lands in the file (540), the latency of each request as
the phone sees it (median and 95th percentile, target under 300 ms), and the longest
gap between two ticks of a 10 ms timer in the window while the scores arrive (target
under 100 ms). Each figure is the median of RUNS runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PHONES = 30
P95_TARGET_MS = 300.0
STALL_TARGET_MS = 100.0
TICK_MS = 10


# ---------------------------------------------------------------- the phones' process


async def _phone(session: Any, url: str, token: str, keys: list[str], number: int,
                 start: asyncio.Event) -> list[float]:
    await start.wait()
    latencies = []
    for index, key in enumerate(keys):
        body = {"token": token, "dimension": key, "current": 1 + (number + index) % 5,
                "target": 1 + (number + index + 2) % 5}
        began = time.perf_counter()
        async with session.post(url + "api/scores", json=body) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"phone {number}: {response.status} for {key}")
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


async def _phones(url: str, code: str) -> dict[str, Any]:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tokens = []
        for number in range(PHONES):
            async with session.post(url + "api/join",
                                    json={"code": code, "name": f"Phone {number:02d}"}) as r:
                tokens.append((await r.json())["token"])
        async with session.get(url + f"api/state?token={tokens[0]}") as r:
            keys = [d["key"] for d in (await r.json())["dimensions"]]
        print("joined", flush=True)
        sys.stdin.readline()
        start = asyncio.Event()
        tasks = [asyncio.create_task(_phone(session, url, token, keys, number, start))
                 for number, token in enumerate(tokens)]
        began = time.perf_counter()
        start.set()
        latencies = [ms for found in await asyncio.gather(*tasks) for ms in found]
        return {"latencies": latencies, "seconds": time.perf_counter() - began,
                "dimensions": len(keys)}


def phones_main(url: str, code: str) -> None:
    """Play the phones and print what they measured as one JSON line."""
    print(json.dumps(asyncio.run(_phones(url, code))), flush=True)


# ---------------------------------------------------------------- the window's process


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def one_run(app: Any, path: Path, step: str) -> dict[str, float]:
    """Open the window and the room, let the phones score, and measure."""
    from sqlalchemy import func, select

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from bigdesk.app.device_room import DeviceRoom
    from bigdesk.model import Dimension, Person, Score
    from bigdesk.store import open_workshop

    from bigdesk.ui.main_window import MainWindow

    window = MainWindow(quiet=True)
    window.resize(1280, 800)
    window.show()
    assert window.open_path(path) and window.workspace is not None and window.document
    window.workspace.show_step(step)
    document = window.document
    room = DeviceRoom.of(document)
    with document.read() as conn:
        every = tuple(conn.execute(select(Dimension.id)).scalars())
    room.set_openings(room.openings.with_(dimensions=every, scores=True))
    room.open("127.0.0.1", 0)
    app.processEvents()

    phones = subprocess.Popen([sys.executable, __file__, "--phones", room.url, room.code],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert phones.stdout is not None and phones.stdin is not None
    lines: queue.Queue[str] = queue.Queue()
    def forward() -> None:
        assert phones.stdout is not None
        for line in phones.stdout:
            lines.put(line)

    reader = threading.Thread(target=forward, daemon=True)
    reader.start()

    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]
    measuring = [False]

    def tick() -> None:
        now = clock.nsecsElapsed()
        if measuring[0]:
            gaps.append((now - last[0]) / 1e6)
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    ticker.start()

    def wait_for_line() -> str:
        while True:
            app.processEvents()
            try:
                return lines.get(timeout=0.002)
            except queue.Empty:
                if phones.poll() is not None and lines.empty():
                    raise RuntimeError("the phones' process ended early") from None

    assert wait_for_line().strip() == "joined"
    # -- the joins reshaped the people; let the window settle before the scores come
    settle = time.perf_counter() + 1.0
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.002)
    last[0] = clock.nsecsElapsed()
    measuring[0] = True
    phones.stdin.write("go\n")
    phones.stdin.flush()
    result = json.loads(wait_for_line())
    measuring[0] = False
    arriving = max(gaps) if gaps else 0.0
    # -- after the last score: the debounced statistics and charts catch up
    gaps.clear()
    measuring[0] = True
    settle = time.perf_counter() + 1.5
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.002)
    measuring[0] = False
    after = max(gaps) if gaps else 0.0
    ticker.stop()
    phones.wait(timeout=30)
    room.close()
    window.close_workshop()
    window.close()
    window.deleteLater()
    app.processEvents()

    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            landed = conn.execute(
                select(func.count()).select_from(Score).join(Person, Person.id == Score.person_id)
                .where(Person.name.like("Phone %"), Score.current.is_not(None),
                       Score.target.is_not(None))).scalar_one()
    finally:
        store.close()
    latencies = result["latencies"]
    return {"sent": float(len(latencies)), "landed": float(landed),
            "p50": statistics.median(latencies), "p95": percentile(latencies, 0.95),
            "max": max(latencies), "stall": arriving, "after": after,
            "seconds": result["seconds"]}


def main() -> None:
    """Print the room's figures."""
    folder = tempfile.mkdtemp(prefix="bigdesk-bench-devices-")
    os.environ["BIGDESK_DATA_DIR"] = folder

    from bigdesk.exchange.sample import populate_sample
    from bigdesk.store import create_workshop

    from bigdesk.ui.application import make_application

    app = make_application([])
    print(f"{PHONES} phones x 18 dimensions, each phone one request after another, all at "
          f"once; medians of {RUNS} runs:")
    print("| window shows | scores lost | latency median | p95 (< 300 ms) | slowest "
          "| longest event-loop gap (< 100 ms) | all in |")
    print("|---|---|---|---|---|---|---|")
    for step, shown in (("room", "Run session"), ("assess", "Assess grid")):
        runs = []
        for run in range(RUNS):
            path = Path(folder) / f"{step}-{run}.bigdesk"
            create_workshop(path, populate_sample).close()
            runs.append(one_run(app, path, step))

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        lost = sum(r["sent"] - r["landed"] for r in runs)
        print(f"| {shown} | {lost:.0f} of {sum(r['sent'] for r in runs):.0f} "
              f"| {median('p50'):.0f} ms | {median('p95'):.0f} ms | {median('max'):.0f} ms "
              f"| {median('stall'):.0f} ms (then {median('after'):.0f} ms) "
              f"| {median('seconds'):.1f} s |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--phones":
        phones_main(sys.argv[2], sys.argv[3])
    else:
        main()
