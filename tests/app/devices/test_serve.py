"""``bigdesk serve``: the room without the window, refusing cleanly when it cannot open."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from tests.app.devices.serving import serving
from tests.helpers import run_bigdesk, sha256


def test_serve_prints_the_address_and_code_and_takes_answers(sample_file: Path,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "spare-laptop.bigdesk"
    shutil.copyfile(sample_file, path)
    with serving(path) as served:
        token = served.join("Sam Phone")
        status, state = served.call("GET", f"api/state?token={token}")
        assert status == 200
        # -- without a facilitator at the window, everything is open
        assert state["open"] == {"scores": True, "votes": True, "points": True, "poll": True}
        assert served.post("api/poll", {"token": token, "poll": 1, "option": 2})[0] == 200
    check = run_bigdesk("check", path, "--json")
    assert check.returncode == 0 and '"poll_answers": 5' in check.stdout


def test_serve_refuses_a_file_it_cannot_open(tmp_path: Path) -> None:
    result = run_bigdesk("serve", tmp_path / "missing.bigdesk", "--port", "0")
    assert result.returncode == 2
    assert result.stderr.startswith("bigdesk: ") and len(result.stderr.splitlines()) == 1


def test_serve_refuses_a_port_in_use_and_leaves_the_file(sample_file: Path,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "busy.bigdesk"
    shutil.copyfile(sample_file, path)
    before = sha256(path)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = run_bigdesk("serve", path, "--port", str(port))
    assert result.returncode == 2, result.stderr
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sha256(path) == before
