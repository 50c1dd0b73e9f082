"""Hostile text and numbers go through the whole export: the deck always opens and is sound."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, select

from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.deck.plan import Options
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    ElementType,
    Note,
    Person,
    PersonKind,
    Portfolio,
    RaidItem,
    RaidKind,
    Workshop,
)
from bigdesk.store import create_workshop, open_workshop
from bigdesk.store.edits import table_of

from tests.exchange.deck_checks import all_text, check_deck

HOSTILE = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
    st.sampled_from(["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)",
                     "مرحبا بالعالم", "שלום", "📦🚚 emoji ✅", "\u202eevil", "\ufffe\uffff",
                     "a" * 300, "line\nbreak\rreturn\x0bvertical"]),
)
NUMBERS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 0.0]))


def _populate(texts: list[str], numbers: list[float | None]) -> object:
    def populate(conn: Connection) -> None:
        populate_blank(conn)
        text = itertools.cycle(texts)
        number = itertools.cycle(numbers)
        conn.execute(Workshop.__table__.update().values(
            client_organisation=next(text), title=next(text), facilitator=next(text),
            sponsor=next(text), session_date=dt.date(2026, 12, 3)))
        people = [conn.execute(insert(Person).values(
            position=i, name=next(text), role=next(text), concerns=next(text),
            kind=PersonKind.PARTICIPANT if i else PersonKind.STAKEHOLDER)).inserted_primary_key[0]
            for i in range(3)]
        node = conn.execute(insert(AccountabilityNode).values(
            name=next(text), accountable_id=people[1], challenges=next(text))
        ).inserted_primary_key[0]
        element = table_of("element")
        ids = {}
        for ref, kind, extra in (
                ("P1", ElementType.PURPOSE, {}), ("V1", ElementType.VISION, {}),
                ("D1", ElementType.DRIVER, {}), ("O1", ElementType.OBJECTIVE, {}),
                ("KR1", ElementType.KEY_RESULT, {"baseline": next(number),
                                                 "target": next(number),
                                                 "current": next(number)}),
                ("I1", ElementType.INITIATIVE, {"budget": next(number), "effort": next(number),
                                                "portfolio": Portfolio.GROW,
                                                "starts_on": dt.date(2027, 1, 1),
                                                "ends_on": dt.date(2027, 9, 30)}),
                ("I2", ElementType.INITIATIVE, {"budget": 1000.0, "effort": next(number),
                                                "portfolio": Portfolio.RUN})):
            values = {k: (None if isinstance(v, float) and math.isnan(v) else v)
                      for k, v in extra.items()}
            ids[ref] = conn.execute(element.insert().values(
                type=kind, ref=ref, title=next(text), node_id=node, owner_id=people[2],
                **values)).inserted_primary_key[0]
        for child, parent in (("O1", "P1"), ("KR1", "O1"), ("I1", "KR1"), ("I2", "O1")):
            conn.execute(insert(Alignment).values(parent_id=ids[parent], child_id=ids[child]))
        conn.execute(insert(RaidItem).values(kind=RaidKind.RISK, title=next(text),
                                             owner_id=people[1]))
        conn.execute(insert(Note).values(text="x" * 10_000 + next(text), private=False))
        assert conn.execute(select(Person.id)).first() is not None
    return populate


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(HOSTILE, min_size=3, max_size=8),
       numbers=st.lists(NUMBERS, min_size=2, max_size=5), anonymous=st.booleans())
def test_hostile_text_and_numbers_always_give_a_sound_deck(texts: list[str],
                                                           numbers: list[float | None],
                                                           anonymous: bool) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.bigdesk"
        create_workshop(path, _populate(texts, numbers)).close()
        store = open_workshop(path, read_only=True)
        try:
            with store.read() as conn:
                write_deck(conn, Path(folder) / "deck.pptx", Options(anonymous=anonymous))
        finally:
            store.close()
        prs = check_deck(Path(folder) / "deck.pptx")
        assert len(prs.slides) >= 2
        text = all_text(Path(folder) / "deck.pptx")
        # -- chart labels that look like formulas stay text in the embedded workbooks
        assert "<f>" not in text


RAW = st.one_of(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
                st.sampled_from(["\ud800 lone", "\udfff", "=1+1", "\x00\x01\x1f", "\u202eevil",
                                 "x" * 10_000]))


@settings(max_examples=15, deadline=None)
@given(texts=st.lists(RAW, min_size=4, max_size=8), values=st.lists(NUMBERS, min_size=3,
                                                                    max_size=3))
def test_any_text_a_plan_can_hold_is_made_safe_when_drawn(texts: list[str],
                                                          values: list[float | None]) -> None:
    """Lone surrogates cannot be stored in a workshop file, but the drawing is safe anyway."""
    from bigdesk.exchange.deck.plan import (
        Box,
        Bullet,
        Bullets,
        Chart,
        Connector,
        Deck,
        Diagram,
        Rule,
        Series,
        Slide,
        Table,
    )
    from bigdesk.exchange.deck.render import render

    a, b, c, d, *rest = texts
    slides = [
        Slide("title", a, "Title Slide", subtitle=b, notes=c),
        Slide("why-now", b, "Title Only", [Bullets([Bullet(c), Bullet(d, 1)], "left",
                                                   heading=a),
                                           Table([a, b], [[c, d], rest[:2] or [a, a]], [1.0, 2.0],
                                                 [0.3, 0.3, 0.3], "right")], notes=d),
        Slide("run-change", c, "Title Only", [
            Chart("doughnut", [a, b, c], [Series(d, values)], "left"),
            Chart("clustered_bar", [a, b, c], [Series(a, values), Series(b, values)], "right"),
        ], caption=a),
        Slide("current-state", d, "Title Only", [Chart("radar", [a, b, c], [Series(c, values)])]),
        Slide("cascade", a, "Title Only", [Diagram(
            [Box("x", a, 0, 0.1, 0.3, 0.2, "2D5F9A", 12.0, b, c),
             Box("y", d, 0.5, 0.5, 0.3, 0.2, "1F2A44", 10.0, plain=True)],
            [Connector("x", "y", arrow=True), Connector("y", "x", "down", dashed=True)],
            rules=[Rule(0.1, 0.0, 0.1, 1.0, "C0392B", dashed=True)])]),
    ]
    with TemporaryDirectory() as folder:
        target = Path(folder) / "deck.pptx"
        render(Deck(slides, a), target)
        check_deck(target)
