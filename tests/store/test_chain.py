"""Chains of sessions: which file follows which, read without opening files for work."""

from __future__ import annotations

from pathlib import Path

from bigdesk.exchange.follow_up import create_follow_up
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop
from bigdesk.store.chain import chains, followed


def test_a_follow_up_names_the_session_it_follows(tmp_path: Path) -> None:
    first = tmp_path / "first.bigdesk"
    create_workshop(first, populate_sample).close()
    second = tmp_path / "second.bigdesk"
    create_follow_up(first, second).close()
    third = tmp_path / "third.bigdesk"
    create_follow_up(second, third).close()
    assert followed(first) is None
    assert followed(second) == str(first.resolve())
    # -- newest first, then back through the chain; a file elsewhere starts its own
    other = tmp_path / "other.bigdesk"
    create_workshop(other, populate_sample).close()
    assert chains([str(third), str(other), str(first)]) == [
        [str(third), str(second.resolve()), str(first.resolve())], [str(other)]]


def test_unreadable_and_circular_files_are_listed_alone(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bigdesk"
    junk.write_bytes(b"not a workshop" * 100)
    assert followed(junk) is None
    assert followed(tmp_path / "missing.bigdesk") is None
    a, b = str(tmp_path / "a.bigdesk"), str(tmp_path / "b.bigdesk")
    Path(a).touch()
    Path(b).touch()
    circle = {a: b, b: a}
    assert chains([a, b], follows=circle.get) == [[a], [b]]
