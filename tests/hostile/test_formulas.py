"""No cell of any export becomes a formula, whatever text the workshop holds."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bigdesk.exchange.deck.plan import BubbleSeries, Chart, Deck, Series, Slide
from bigdesk.exchange.deck.render import render
from bigdesk.exchange.sample import populate_sample
from bigdesk.exchange.tabular import neutralise, restore
from bigdesk.store import create_workshop, open_workshop

from tests.hostile.formulas import live_formulas, would_run
from tests.hostile.workshops import SINKS, fill_with

# -- what a spreadsheet may skip before a formula sign, and what it may keep
PREFIXES = ["", " ", "  ", "\t", "\r", "\n", "\v", "\f", "\x00", "\x01", "\x1f", "\x7f", "\x85",
            "\xa0", "\u200b", "\u200e", "\u2028", "\u3000", "\ufeff", "\ufeff ", " \ufeff\v",
            "\ufffe", "\uffff", "\x01\x02 "]  # fmt: skip
SIGNS = ["=", "+", "-", "@", "{=", "{ =", "\uff1d", "\uff0b", "\uff0d", "\uff20", "'="]
PAYLOAD = 'HYPERLINK("http://example.invalid/?leak","open")'
HOSTILE = [prefix + sign + PAYLOAD for prefix, sign in itertools.product(PREFIXES, SIGNS)]


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a closed sample workshop to copy from."""
    path = tmp_path_factory.mktemp("sample") / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


@pytest.fixture(scope="module")
def hostile_workshop(sample_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the sample with every typed text replaced by the table of hostile prefixes."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.bigdesk"
    shutil.copyfile(sample_copy, path)
    fill_with(path, HOSTILE)
    return path


def test_the_checker_finds_what_it_looks_for() -> None:
    assert all(would_run(text) for text in HOSTILE if "'=" not in text)
    assert not any(would_run(neutralise(text)) for text in HOSTILE)  # type: ignore[arg-type]
    assert not would_run("Grow revenue by 10%") and not would_run("{Draft}")


@pytest.mark.parametrize("text", HOSTILE)
def test_neutralising_is_undone_exactly_on_import(text: str) -> None:
    safe = neutralise(text)
    assert isinstance(safe, str) and restore(safe) == text


# -- the deck's figures draw full-width signs in a font that lacks them; that is not a formula
@pytest.mark.filterwarnings("ignore:Glyph")
@pytest.mark.parametrize("sink", sorted(SINKS))
def test_every_sink_keeps_every_hostile_prefix_as_text(
    sink: str, hostile_workshop: Path, tmp_path: Path
) -> None:
    store = open_workshop(hostile_workshop, read_only=True)
    try:
        written = SINKS[sink](store, tmp_path)
    finally:
        store.close()
    assert written
    for path in written:
        assert live_formulas(path) == [], path.name


def _chart_deck(texts: list[str]) -> Deck:
    a, b, c, *rest = texts
    categories = [a, b, c, *rest]
    return Deck([
        Slide("charts", a, "Title Only", [
            Chart("clustered_bar", categories, [Series(b, [1.0] * len(categories)),
                                                Series(c, [2.0] * len(categories))]),
        ]),
        Slide("radar", b, "Title Only", [Chart("radar", categories,
                                               [Series(a, [3.0] * len(categories))])]),
        Slide("bubbles", c, "Title Only", [Chart("bubble", [], [], bubbles=[
            BubbleSeries(text, [(1.0, 2.0, 3.0)], [text]) for text in (a, b, c)])]),
    ], a)


def test_chart_workbooks_hold_every_hostile_prefix_as_text(tmp_path: Path) -> None:
    target = tmp_path / "charts.pptx"
    render(_chart_deck(HOSTILE), target)
    assert live_formulas(target) == []


HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.builds(lambda prefix, sign, body: prefix + sign + body,
              st.text(alphabet="".join(PREFIXES) + "\u2060\u180e\u00ad", max_size=4),
              st.sampled_from(SIGNS), st.text(max_size=20)),
)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(HOSTILE_TEXT, min_size=3, max_size=12))
def test_generated_hostile_text_never_becomes_a_formula_in_any_export(
    texts: list[str], sample_copy: Path
) -> None:
    with TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = folder / "generated.bigdesk"
        shutil.copyfile(sample_copy, path)
        fill_with(path, texts)
        store = open_workshop(path, read_only=True)
        try:
            for name, export in SINKS.items():
                if name == "deck":
                    continue  # -- the deck's charts are drawn below, faster than a whole deck
                out = folder / name
                out.mkdir()
                for written in export(store, out):
                    assert live_formulas(written) == [], (name, written.name)
        finally:
            store.close()
        render(_chart_deck(texts), folder / "charts.pptx")
        assert live_formulas(folder / "charts.pptx") == []
