"""Publishing: a file to a server and back, verified; a server that changed is never overwritten."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from bigdesk.model import Element
from bigdesk.store import SetValues, open_workshop
from bigdesk.store.copying import content_digest

from tests.helpers import run_bigdesk
from tests.server.cluster import Cluster
from tests.server.conftest import Ran


def _digest(place: str | Path) -> str:
    store = open_workshop(place, read_only=True)
    try:
        with store.read() as conn:
            return content_digest(conn)
    finally:
        store.close()


def _rename_first_element(place: str | Path, title: str) -> None:
    store = open_workshop(place)
    try:
        with store.read() as conn:
            first = conn.execute(text("SELECT min(id) FROM element")).scalar_one()
        store.do(SetValues(Element, first, {"title": title}))
    finally:
        store.close()


def test_a_file_published_and_pulled_back_has_a_byte_identical_register(
    bigdesk: Callable[..., Ran], location: str, tmp_path: Path
) -> None:
    original, back = tmp_path / "original.bigdesk", tmp_path / "back.bigdesk"
    assert bigdesk("new", original, "--sample").returncode == 0
    up = bigdesk("publish", original, location)
    assert up.returncode == 0, up.stderr
    assert "each read back and found the same" in up.stdout
    down = bigdesk("publish", location, back)
    assert down.returncode == 0, down.stderr
    registers = []
    for place, name in ((original, "a.csv"), (back, "b.csv")):
        assert bigdesk("export", place, "--register", tmp_path / name).returncode == 0
        registers.append((tmp_path / name).read_bytes())
    assert registers[0] == registers[1]
    counts = [json.loads(bigdesk("check", place, "--json").stdout)["counts"]
              for place in (original, location, back)]  # fmt: skip
    assert counts[0] == counts[1] == counts[2]


def test_a_copy_goes_back_over_an_unchanged_server_workshop_and_again_after_more_edits(
    bigdesk: Callable[..., Ran], location: str, tmp_path: Path
) -> None:
    original, taken = tmp_path / "original.bigdesk", tmp_path / "taken.bigdesk"
    bigdesk("new", original, "--sample")
    assert bigdesk("publish", original, location).returncode == 0
    assert bigdesk("publish", location, taken).returncode == 0
    for title in ("Edited offline", "Edited offline again"):
        _rename_first_element(taken, title)
        back = bigdesk("publish", taken, location)
        assert back.returncode == 0, back.stderr
        assert "kept as" in back.stdout
        assert _digest(location) == _digest(taken)


def test_a_server_workshop_changed_since_it_was_taken_is_not_overwritten_unless_asked(
    bigdesk: Callable[..., Ran], location: str, tmp_path: Path
) -> None:
    original, taken = tmp_path / "original.bigdesk", tmp_path / "taken.bigdesk"
    bigdesk("new", original, "--sample")
    bigdesk("publish", original, location)
    bigdesk("publish", location, taken)
    _rename_first_element(taken, "Changed in the file")
    _rename_first_element(location, "Changed on the server")
    on_server = _digest(location)
    refused = bigdesk("publish", taken, location)
    assert refused.returncode == 2
    assert "has changed since this copy was taken from it" in refused.stderr
    assert "Changed in the file" in refused.stderr
    assert _digest(location) == on_server
    replaced = bigdesk("publish", taken, location, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _digest(location) == _digest(taken)
    backup = Path(replaced.stdout.split("kept as ", 1)[1].splitlines()[0])
    assert _digest(backup) == on_server


def test_a_file_not_taken_from_a_server_workshop_does_not_replace_it(
    bigdesk: Callable[..., Ran], cluster: Cluster, location: str, tmp_path: Path
) -> None:
    blank, sample = tmp_path / "blank.bigdesk", tmp_path / "sample.bigdesk"
    bigdesk("new", blank)
    bigdesk("new", sample, "--sample")
    bigdesk("publish", sample, location)
    refused = bigdesk("publish", blank, location)
    assert refused.returncode == 2
    assert "already holds a workshop this one was not taken from" in refused.stderr
    assert "(key_result) Cut the cost of storing a pallet" in refused.stderr
    assert "… and " in refused.stderr
    assert cluster.editor_password not in refused.stderr
    existing = bigdesk("publish", location, blank)
    assert existing.returncode == 2 and "already exists" in existing.stderr


def test_the_workshops_of_a_database_are_listed_by_the_command_line(
    bigdesk: Callable[..., Ran], cluster: Cluster, tmp_path: Path
) -> None:
    bigdesk("new", cluster.url("listed_board"), "--sample")
    listed = bigdesk("list", cluster.url(None))
    assert listed.returncode == 0, listed.stderr
    assert "listed_board: schema" in listed.stdout
    as_json = json.loads(bigdesk("list", cluster.url(None), "--json").stdout)
    assert {"name": "listed_board"}.items() <= next(
        w for w in as_json if w["name"] == "listed_board").items()
    assert bigdesk("list", tmp_path / "file.bigdesk").returncode == 2


def test_a_file_open_in_big_desk_is_not_replaced(
    bigdesk: Callable[..., Ran], location: str, tmp_path: Path
) -> None:
    target = tmp_path / "open.bigdesk"
    bigdesk("new", location, "--sample")
    bigdesk("new", target)
    before = _digest(target)
    holder = open_workshop(target)
    try:
        refused = run_bigdesk("publish", location, target, "--replace")
    finally:
        holder.close()
    assert refused.returncode == 2 and "already open in BIG Desk" in refused.stderr
    assert _digest(target) == before
    replaced = bigdesk("publish", location, target, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _digest(target) == _digest(location)
