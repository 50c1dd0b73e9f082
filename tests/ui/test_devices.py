"""The room on devices from the window: phones' inputs are the document's own edits."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt

from bigdesk.app.devices.api import Guest
from bigdesk.model import Person

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.assess import AssessPage
from bigdesk.ui.steps.room.console import RoomPage
from bigdesk.ui.steps.room.devices import DevicesPanel, GuestModel

from tests.app.devices.serving import Served
from tests.helpers import run_python
from tests.ui.conftest import open_step

KEY = "clarity-of-purpose"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Room:
    """The window's room opened to devices, and phones talking to it from their own threads."""

    def __init__(self, window: MainWindow, qtbot: Any, pool: ThreadPoolExecutor) -> None:
        assert window.workspace is not None and window.document is not None
        page = window.workspace.page("room")
        assert isinstance(page, RoomPage)
        self.window, self.qtbot, self.pool, self.page = window, qtbot, pool, page
        self.document = window.document
        self.panel: DevicesPanel = page.show_devices()
        self.panel.port.setValue(free_port())
        self.panel.host.setCurrentText("127.0.0.1")
        assert self.panel.open_room(), self.panel.status.text()
        self.served = Served(self.document.path, self.panel.room.url, self.panel.room.code)

    def phone(self, job: Callable[[Served], Any]) -> Any:
        """Run ``job`` on a phone's thread while the window's event loop goes on."""
        future = self.pool.submit(job, self.served)
        self.qtbot.waitUntil(future.done, timeout=15_000)
        return future.result()

    def person(self, name: str) -> int:
        with self.document.read() as conn:
            return int(conn.execute(select(Person.id).where(Person.name == name)).scalar_one())


@pytest.fixture
def assess(window: MainWindow, sample_path: Path) -> AssessPage:
    page = open_step(window, sample_path, "assess")
    assert isinstance(page, AssessPage)
    return page


@pytest.fixture
def room(window: MainWindow, assess: AssessPage, qtbot: Any) -> Iterator[Room]:
    assert window.workspace is not None
    window.workspace.show_step("room")
    with ThreadPoolExecutor(max_workers=2) as pool:
        opened = Room(window, qtbot, pool)
        yield opened
        opened.panel.room.close()


def _join_and_score(served: Served) -> tuple[int, Any]:
    token = served.join("Sam Phone")
    return served.post("api/scores", {"token": token, "dimension": KEY, "current": 2,
                                      "target": 4})


def test_a_phones_score_lands_live_in_the_grid_and_undoes(room: Room, assess: AssessPage) -> None:
    # -- opening the room chose every dimension; scoring opens with a tick
    assert len(room.panel.room.openings.dimensions) == 18
    assert room.phone(_join_and_score)[0] == 409
    room.panel.scores.setChecked(True)
    status, answer = room.phone(_join_and_score)
    assert status == 200, answer
    assert room.document.undo_stack.undoText() == "Score current 2, target 4"
    model = assess.model
    dimension = next(d.id for d in model.assessment.dimensions if d.key == KEY)
    row = model.row_of(dimension)
    column = model.column_of(room.person("Sam Phone"), "current")
    assert row is not None and column is not None
    assert model.index(row, column).data() == "2"
    room.document.undo_stack.undo()
    assert not model.index(row, column).data()
    room.panel.catch_up()
    assert room.panel.guest_model.rowCount() == 1
    assert room.panel.guest_model.index(0, 0).data() == "Sam Phone"


def test_the_presenter_shows_how_to_join_and_typed_text_stays_text(room: Room,
                                                                   qtbot: Any) -> None:
    presenter = room.page.open_presenter()
    qtbot.addWidget(presenter)
    code = room.panel.room.code
    shown = presenter.shown_text()
    assert f"Code {code[:3]} {code[3:]}" in shown and "Go to 127.0.0.1:" in shown
    room.panel.points.setChecked(True)
    hostile = "<b>bold</b> <script>alert(1)</script>"

    def write(served: Served) -> int:
        token = served.join("<i>Mallory</i>")
        return served.post("api/points", {"token": token, "text": hostile})[0]

    assert room.phone(write) == 200
    assert hostile not in presenter.shown_text(), "a silent point stays hidden"
    room.page.session.show_capture(None)
    room.panel.reveal()
    assert hostile in presenter.shown_text()
    assert presenter.points.textFormat() == Qt.TextFormat.PlainText
    assert "1 joined" in presenter.shown_text()
    room.panel.catch_up()
    assert room.panel.guest_model.index(0, 0).data() == "<i>Mallory</i>"
    room.panel.close_room()
    assert code not in presenter.shown_text() and presenter.join_panel.isHidden()


def test_the_qr_code_scans_to_the_rooms_address(room: Room, qtbot: Any,
                                                 tmp_path: Path) -> None:
    zbar = shutil.which("zbarimg")
    if zbar is None:
        reason = "zbarimg is not installed (apt-get install zbar-tools)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must scan the QR code, but {reason}")
        pytest.skip(reason)
    presenter = room.page.open_presenter()
    qtbot.addWidget(presenter)
    qr = presenter.join_panel.qr
    qr.resize(330, 330)
    picture = tmp_path / "qr.png"
    assert qr.grab().save(str(picture))
    scanned = subprocess.run([zbar, "--raw", "-q", str(picture)], capture_output=True,
                             text=True, timeout=60, check=False)
    assert scanned.stdout.strip() == f"{room.panel.room.url}#{room.panel.room.code}"


def test_merging_a_name_keeps_the_phone_going_as_the_kept_person(room: Room) -> None:
    room.panel.scores.setChecked(True)

    def join(served: Served) -> str:
        return served.join("Amara Okafr")

    token = room.phone(join)
    amara, typo = room.person("Amara Okafor"), room.person("Amara Okafr")
    room.panel.room.merge(amara, typo)
    assert room.document.undo_stack.undoText() == "Merge people"
    state = room.phone(lambda served: served.call("GET", f"api/state?token={token}"))
    assert state[0] == 200 and state[1]["you"] == "Amara Okafor"


def test_closing_the_workshop_closes_the_room(room: Room) -> None:
    host, port = room.served.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    socket.create_connection((host, int(port))).close()
    room.window.close_workshop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port))).close()


def test_a_port_in_use_is_said_plainly(room: Room) -> None:
    taken = int(room.served.url.rstrip("/").rsplit(":", 1)[1])
    room.panel.close_room()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", taken))
        squatter.listen()
        room.panel.port.setValue(taken)
        assert not room.panel.open_room()
    assert "Cannot listen on 127.0.0.1 port" in room.panel.status.text()
    assert not room.panel.room.is_open


def test_the_session_menu_opens_the_devices_tab(window: MainWindow, sample_path: Path) -> None:
    open_step(window, sample_path, "prepare")
    window.room_actions.menu.aboutToShow.emit()
    window.room_actions.devices.trigger()
    assert window.workspace is not None
    page = window.workspace.page("room")
    assert isinstance(page, RoomPage) and page.tabs.currentWidget() is page.devices


def test_the_guest_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = GuestModel()
    model.set_guests([Guest(1, "Sam", 2, 3, 4, True, 1), Guest(2, "P2", 1, 0, 0, False, 0)], 18)
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "3 of 18"
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) == 2


@pytest.mark.slow
def test_the_web_service_loads_only_when_the_room_opens(sample_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bigdesk.ui.application import make_application\n"
        "from bigdesk.ui.main_window import MainWindow\n"
        "app = make_application([])\n"
        "window = MainWindow(quiet=True)\n"
        f"assert window.open_path(Path({str(sample_path)!r}))\n"
        "window.workspace.show_step('room')\n"
        "page = window.workspace.page('room')\n"
        "page.open_presenter()\n"
        "page.show_devices()\n"
        "assert 'aiohttp' not in sys.modules, 'aiohttp loaded before the room opened'\n"
        "page.devices.room.open('127.0.0.1', 0)\n"
        "assert 'aiohttp' in sys.modules\n"
        "page.devices.room.close()\n"
        "window.close_workshop()\n"
        "print('ok')\n"
    )
    result = run_python("-c", script)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
