"""The room listens only while open, with a fresh code each time, and serves only its own files."""

from __future__ import annotations

import re
import shutil
import socket
import urllib.request
from pathlib import Path

import pytest

from bigdesk.app.devices.admission import Admission, RateLimiter, fresh_code
from bigdesk.app.devices.server import PAGE, page_url
from bigdesk.paths import resource

from tests.app.devices.conftest import serve_file
from tests.app.devices.serving import Served


def _address(served: Served) -> tuple[str, int]:
    host, port = served.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    return host, int(port)


def test_the_room_listens_only_while_open(sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.bigdesk"
    shutil.copyfile(sample_file, path)
    with serve_file(path) as served, socket.create_connection(_address(served)):
        pass
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(_address(served)).close()


def test_each_opening_has_its_own_code_and_tokens(sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.bigdesk"
    shutil.copyfile(sample_file, path)
    with serve_file(path) as first:
        token = first.join("Sam Phone")
        assert first.call("GET", f"api/state?token={token}")[0] == 200
    with serve_file(path) as second:
        assert second.call("GET", f"api/state?token={token}")[0] == 401
        assert second.call("POST", "api/join", {"code": first.code, "name": "Sam"})[0] == 403 \
            or first.code == second.code
        # -- the person stays: joining again by name finds them
        again = second.join("Sam Phone")
        assert second.call("GET", f"api/state?token={again}")[1]["you"] == "Sam Phone"


def test_codes_and_tokens_come_from_the_secure_source() -> None:
    codes = {fresh_code() for _ in range(200)}
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    assert len(codes) > 190
    admission = Admission()
    tokens = {admission.admit(1) for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 32 for t in tokens)
    assert admission.devices() == {1: 50}
    assert not admission.code_matches(" " + admission.code[::-1] + "x")
    assert admission.code_matches(f" {admission.code} ")


def test_a_bucket_gives_a_burst_then_a_steady_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3.0, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.empty("a") and not limiter.empty("b")
    now[0] = 0.5
    assert limiter.allow("a") and not limiter.allow("a")
    now[0] = 100.0
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_the_page_and_its_assets_carry_their_safety_headers(served: Served) -> None:
    for path, (_, kind) in PAGE.items():
        with urllib.request.urlopen(served.url + path.lstrip("/"), timeout=10) as response:
            assert response.headers["Content-Type"] == kind
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name", sorted(name for name, _ in PAGE.values()))
def test_the_page_loads_nothing_from_anywhere_else(name: str) -> None:
    text = resource("room", name).read_text(encoding="utf-8")
    # -- no address of another server, no web font, no style or script inline
    assert not re.search(r"https?:|//[a-z0-9]|@import|@font-face|url\(", text, re.IGNORECASE)
    assert not re.search(r"<script>|<style|\sstyle=|\son[a-z]+=|innerHTML|outerHTML|"
                         r"insertAdjacentHTML|document\.write|eval\(", text)


def test_the_address_is_written_as_a_phone_types_it() -> None:
    assert page_url("192.168.1.23", 8421) == "http://192.168.1.23:8421/"
    assert page_url("fe80::1", 8421) == "http://[fe80::1]:8421/"
    assert page_url("0.0.0.0", 8421) == f"http://{socket.gethostname()}:8421/"
