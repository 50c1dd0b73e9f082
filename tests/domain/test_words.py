"""Words for things: the article before a noun, plurals and counts."""

from __future__ import annotations

import pytest

from bigdesk.domain.cascade import NOUNS
from bigdesk.domain.words import a, count, plural, quoted


@pytest.mark.parametrize(("noun", "expected"), [
    ("objective", "an objective"), ("initiative", "an initiative"),
    ("key result", "a key result"), ("accountability node", "an accountability node"),
    ("unit", "a unit"), ("hour", "an hour"), ("RAID item", "a RAID item"),
    ("element", "an element"), ("information flow", "an information flow"),
])  # fmt: skip
def test_the_article_follows_the_sound(noun: str, expected: str) -> None:
    assert a(noun) == expected


def test_no_noun_of_the_cascade_gets_the_wrong_article() -> None:
    for noun in NOUNS.values():
        assert a(noun).split()[0] == ("an" if noun[0] in "aeiou" else "a")


def test_plurals_and_counts() -> None:
    assert plural("person") == "people"
    assert plural("key result") == "key results"
    assert plural("dependency") == "dependencies"
    assert plural("business driver") == "business drivers"
    assert count(1, "objective") == "1 objective"
    assert count(1200, "initiative") == "1,200 initiatives"


def test_quoted_titles_are_short_and_blank_titles_say_what_they_are() -> None:
    assert quoted("  On time  ", "the untitled objective") == "“On time”"
    assert quoted("", "the untitled objective") == "the untitled objective"
    assert len(quoted("x" * 200, "")) == 62
