"""Notices heard on a workshop's channel are read strictly: anything else is ignored."""

from __future__ import annotations

import json

import pytest

from bigdesk.model import Element
from bigdesk.store import Batch, Changes, DeleteRow, InsertRow, SetValues
from bigdesk.store.server.changes import Notice, parse_notice, touched_rows


def test_a_notice_carries_the_changes_the_views_use() -> None:
    payload = json.dumps({"id": 7, "session": "abc", "reshaped": ["dependency"],
                          "changed": ["element:3", "key_result:12"]})  # fmt: skip
    assert parse_notice(payload) == Notice(7, "abc", Changes(
        frozenset({"dependency"}), frozenset({("element", 3), ("key_result", 12)})))


def test_a_notice_too_large_to_carry_its_changes_says_so() -> None:
    assert parse_notice(json.dumps({"id": 8, "session": "abc"})) == Notice(8, "abc", None)


@pytest.mark.parametrize("payload", [
    "", "not json", "[]", "null", '{"id": "x", "session": "s"}', '{"session": "s"}',
    '{"id": 1, "session": "s", "reshaped": [], "changed": ["element:x"]}',
    '{"id": 1, "session": "s", "reshaped": [], "changed": [3]}',
    '{"id": 1, "session": "s", "reshaped": 5, "changed": []}',
    '{"id": 1, "session": "s", "reshaped": []}',
    "{" * 10_000,
])  # fmt: skip
def test_anything_else_on_the_channel_is_ignored(payload: str) -> None:
    assert parse_notice(payload) is None


def test_an_edit_touches_the_rows_it_changes_or_removes() -> None:
    edit = Batch((SetValues(Element, 1, {"title": "A"}), DeleteRow(Element, 2),
                  InsertRow(Element, {"title": "New"})))  # fmt: skip
    assert touched_rows(edit) == {"element:1", "element:2"}
