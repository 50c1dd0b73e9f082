"""Server locations are read strictly and never shown with their password."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigdesk.store import place_of
from bigdesk.store.server.address import LocationError, ServerLocation, parse_location

SECRET = "s3cr%40t"


def test_a_location_is_read_and_shown_without_its_password() -> None:
    location = parse_location(f"postgresql://bob:{SECRET}@db.example.org:5433/pmo"
                              "?sslmode=verify-full#board_q3")  # fmt: skip
    assert location == ServerLocation("db.example.org", 5433, "pmo", "board_q3", "bob",
                                      settings=(("sslmode", "verify-full"),))  # fmt: skip
    assert location.password == "s3cr@t"
    shown = f"{location} {location!r} {location.database_label}"
    assert "s3cr" not in shown
    assert str(location) == "postgresql://bob@db.example.org:5433/pmo?sslmode=verify-full#board_q3"


def test_a_path_stays_a_path_and_a_location_becomes_one() -> None:
    assert place_of("workshops/board.bigdesk") == Path("workshops/board.bigdesk")
    assert place_of("postgres://h/db#w") == ServerLocation("h", None, "db", "w")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("postgresql://bob:pw@h/db#Board", "cannot name a workshop"),
        ('postgresql://bob:pw@h/db#x";DROP SCHEMA public;--', "cannot name a workshop"),
        ("postgresql://bob:pw@h/db#" + "a" * 64, "cannot name a workshop"),
        ("postgresql://bob:pw@h/db#public", "kept by PostgreSQL"),
        ("postgresql://bob:pw@h/db#pg_temp", "kept by PostgreSQL"),
        ("postgresql://bob:pw@h#w", "names no database"),
        ("postgresql://bob:pw@h/db", "names no workshop"),
        ("postgresql://bob:pw@h:99999/db#w", "port cannot be read"),
        ("postgresql://bob:pw@h/db?host=elsewhere#w", "“host” is not one BIG Desk passes on"),
        ("postgresql://bob:pw@h/db?sslmode=maybe#w", "sslmode must be one of"),
        ("postgresql://bob:pw@h/db\n#w", "cannot be shown"),
    ],
)
def test_a_bad_location_is_refused_in_words_without_the_password(text: str, words: str) -> None:
    with pytest.raises(LocationError) as refused:
        parse_location(text)
    assert words in str(refused.value)
    assert ":pw" not in str(refused.value)
