"""Every hostile request to the room gets a 4xx and changes nothing in the workshop."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bigdesk.app.devices.server import MAX_BODY, TOKEN_BURST, TOKEN_RATE, WRONG_CODE_BURST

from tests.app.devices.conftest import serve_copy, snapshot
from tests.app.devices.serving import Served

KEY = "clarity-of-purpose"


@pytest.fixture(scope="module")
def room(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Serve one workshop to every test here that only sends what must be refused."""
    with serve_copy(sample_file, tmp_path_factory.mktemp("room")) as served:
        yield served


@pytest.fixture
def token(room: Served) -> str:
    """Return the token of a phone that just joined the shared room as a new participant."""
    return room.join("Robin Test")


def _refused(served: Served, status: int, method: str, path: str, body: Any = None,
             raw: bytes | None = None) -> dict[str, Any]:
    before = snapshot(served.path)
    got, answer = served.call(method, path, body, raw)
    assert got == status, answer
    assert isinstance(answer, dict) and answer["error"], answer
    assert snapshot(served.path) == before, "a refused request changed the workshop"
    return answer


@pytest.mark.parametrize("size", [MAX_BODY + 1, 4 * 1024 * 1024])
def test_huge_bodies_are_refused(room: Served, token: str, size: int) -> None:
    body = json.dumps({"token": token, "text": "x" * size}).encode()
    answer = _refused(room, 413, "POST", "api/points", raw=body)
    assert "16 kB" in answer["error"]


@pytest.mark.parametrize("raw", [
    b"not json", b"{", b'{"token": ', b"\xff\xfe\x00garbage", b"[" * 8_000 + b"]" * 8_000,
    b'{"text": NaN}', b'{"text": Infinity}', b"",
], ids=["words", "open", "cut", "bytes", "nested", "nan", "infinity", "empty"])
def test_bad_json_is_refused(room: Served, token: str, raw: bytes) -> None:
    _refused(room, 400, "POST", "api/points", raw=raw)


@pytest.mark.parametrize("body", [[1, 2], "text", 3, None, {"token": 1, "dimension": KEY}])
def test_anything_but_an_object_with_a_token_is_refused(room: Served, body: Any) -> None:
    _refused(room, 400 if not isinstance(body, dict) else 401, "POST", "api/scores",
             raw=json.dumps(body).encode())


@pytest.mark.parametrize(("path", "body", "status"), [
    ("api/scores", {"dimension": "no-such-capability", "current": 3}, 404),
    ("api/scores", {"dimension": KEY, "current": 6}, 422),
    ("api/scores", {"dimension": KEY, "current": -1}, 422),
    ("api/scores", {"dimension": KEY, "target": 2.5}, 422),
    ("api/scores", {"dimension": KEY, "target": "3"}, 422),
    ("api/scores", {"dimension": KEY, "current": True}, 422),
    ("api/scores", {"dimension": 7, "current": 3}, 422),
    ("api/scores", {"dimension": KEY}, 400),
    ("api/scores", {"dimension": KEY, "current": 3, "person": 1}, 400),
    ("api/scores", {"dimension": KEY, "current": 3, "person_id": 1}, 400),
    ("api/votes", {"initiative": 999_999, "dots": 1}, 404),
    ("api/votes", {"initiative": 1, "dots": 1}, 404),
    ("api/votes", {"initiative": "1", "dots": 1}, 422),
    ("api/votes", {"initiative": 2**70, "dots": 1}, 422),
    ("api/votes", {"dots": 1}, 400),
    ("api/points", {"text": ""}, 422),
    ("api/points", {"text": "   \n\t "}, 422),
    ("api/points", {"text": "x" * 501}, 422),
    ("api/points", {"text": ["a list"]}, 422),
    ("api/poll", {"poll": 999, "option": 1}, 409),
    ("api/poll", {"poll": 1, "option": 999}, 404),
    ("api/poll", {"poll": 1, "option": None}, 422),
], ids=lambda value: str(value)[:40])
def test_wrong_inputs_are_refused(room: Served, token: str, path: str, body: dict[str, Any],
                                  status: int) -> None:
    _refused(room, status, "POST", path, {"token": token, **body})


def test_votes_beyond_the_budget_are_refused(served: Served) -> None:
    token = served.join("Robin Test")
    state = served.call("GET", f"api/state?token={token}")[1]
    initiatives = [i["id"] for i in state["votes"]["initiatives"]]
    assert served.post("api/votes", {"token": token, "initiative": initiatives[0],
                                     "dots": 4})[0] == 200
    answer = _refused(served, 409, "POST", "api/votes",
                      {"token": token, "initiative": initiatives[1], "dots": 2})
    assert "1 of your 5 dots" in answer["error"]


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "api/scores", 405), ("POST", "api/state", 405), ("GET", "api/nothing", 404),
    ("POST", "api/nothing", 404), ("GET", "../../etc/passwd", 404), ("GET", "api", 404),
    ("GET", "room.js/../../../pyproject.toml", 404), ("DELETE", "api/points", 405),
])
def test_other_requests_are_refused(room: Served, token: str, method: str, path: str,
                                    status: int) -> None:
    before = snapshot(room.path)
    got, _ = room.call(method, path, {"token": token} if method == "POST" else None) \
        if not path.startswith(("..", "room.js/")) else _raw_get(room, path)
    assert got == status
    assert snapshot(room.path) == before


def _raw_get(served: Served, path: str) -> tuple[int, None]:
    # -- urllib would tidy the dots away; send the path exactly as an attacker would
    host, port = served.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode())
        head = sock.recv(64).decode("latin-1")
    return int(head.split()[1]), None


@pytest.mark.parametrize("token", [None, "", "made-up", "x" * 5000, 12345])
def test_unknown_tokens_are_refused(room: Served, token: Any) -> None:
    _refused(room, 401, "POST", "api/scores", {"token": token, "dimension": KEY, "current": 3})
    status, _ = room.call("GET", f"api/state?token={token}")
    assert status == 401


def test_a_token_changes_only_its_own_inputs(served: Served) -> None:
    alice, bob = served.join("Alice Phone"), served.join("Bob Phone")
    assert served.post("api/scores", {"token": alice, "dimension": KEY, "current": 2})[0] == 200
    assert served.post("api/scores", {"token": bob, "dimension": KEY, "current": 5})[0] == 200
    # -- naming another person is not part of the contract, and is refused
    _refused(served, 400, "POST", "api/scores",
             {"token": bob, "dimension": KEY, "current": 1, "name": "Alice Phone"})
    alice_sees = served.call("GET", f"api/state?token={alice}")[1]
    bob_sees = served.call("GET", f"api/state?token={bob}")[1]
    mine = {d["key"]: d["current"] for d in alice_sees["dimensions"]}
    theirs = {d["key"]: d["current"] for d in bob_sees["dimensions"]}
    assert mine[KEY] == 2 and theirs[KEY] == 5
    assert alice_sees["you"] == "Alice Phone" and bob_sees["you"] == "Bob Phone"


def test_wrong_join_codes_are_refused_then_slowed(served: Served) -> None:
    wrong = "000000" if served.code != "000000" else "111111"
    before = snapshot(served.path)
    statuses = [served.post("api/join", {"code": wrong, "name": "Mallory"})[0]
                for _ in range(int(WRONG_CODE_BURST) + 3)]
    assert statuses[:int(WRONG_CODE_BURST)] == [403] * int(WRONG_CODE_BURST)
    assert set(statuses[int(WRONG_CODE_BURST):]) == {429}
    # -- once slowed, even the right code waits: guessing cannot be told from typing
    assert served.post("api/join", {"code": served.code, "name": "Mallory"})[0] == 429
    assert served.post("api/names", {"code": wrong})[0] == 429
    assert snapshot(served.path) == before


@pytest.mark.parametrize("code", [None, 123456, "", "12345", "1234567", ["123456"]])
def test_malformed_join_codes_are_refused(served: Served, code: Any) -> None:
    _refused(served, 403, "POST", "api/join", {"code": code, "name": "Mallory"})
    _refused(served, 403, "POST", "api/names", {"code": code})


def test_flooding_one_token_is_slowed_and_the_refused_change_nothing(served: Served) -> None:
    token = served.join("Robin Test")
    sent = int(TOKEN_BURST) + 20
    start = time.monotonic()
    answers = {f"flood {n}": served.post("api/points", {"token": token, "text": f"flood {n}"})[0]
               for n in range(sent)}
    elapsed = time.monotonic() - start
    assert set(answers.values()) <= {200, 429}
    # -- the bucket never lets through more than its burst and what refilled meanwhile;
    #    on a machine so busy that the requests came slower than the refill, none need be
    #    refused, else some must be
    accepted = list(answers.values()).count(200)
    assert accepted <= TOKEN_BURST + TOKEN_RATE * elapsed + 1
    if elapsed < (sent - TOKEN_BURST) / TOKEN_RATE:
        assert 429 in answers.values()
    conn = sqlite3.connect(f"file:{served.path}?mode=ro", uri=True)
    try:
        stored = {text for (text,) in conn.execute(
            "SELECT text FROM key_point WHERE text LIKE 'flood %'")}
    finally:
        conn.close()
    assert stored == {text for text, status in answers.items() if status == 200}
    # -- another device is not slowed by the flood
    other = served.join("Calm Phone")
    assert served.post("api/points", {"token": other, "text": "calm"})[0] == 200


def test_nothing_private_is_served(served: Served) -> None:
    token = served.join("Robin Test")
    private = _private_texts(served.path)
    assert private, "the sample should hold private notes and facilitator-only text"
    status, state = served.call("GET", f"api/state?token={token}")
    assert status == 200
    served_text = json.dumps(state, ensure_ascii=False)
    _, names = served.post("api/names", {"code": served.code})
    served_text += json.dumps(names, ensure_ascii=False)
    leaked = [text for text in private if text in served_text]
    assert not leaked


def _private_texts(path: Path) -> list[str]:
    """Return texts the room must never see: private notes, people's roles and concerns,
    the facilitator's script of each block, and points still hidden in a silent round."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [text for (text,) in conn.execute(
            "SELECT text FROM note UNION ALL SELECT role FROM person "
            "UNION ALL SELECT concerns FROM person UNION ALL SELECT description FROM agenda_item "
            "UNION ALL SELECT text FROM key_point WHERE silent = 1 AND revealed = 0") if text]
    finally:
        conn.close()
