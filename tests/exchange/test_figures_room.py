"""The room's views of each step: what they read, and drawn at projector sizes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from bigdesk.exchange.figures_room import (
    AssessView,
    Card,
    CascadeView,
    NodesView,
    PointsView,
    PrioritiesView,
    ReviewView,
    draw_room_view,
    new_room_figure,
    room_view,
)
from bigdesk.exchange.follow_up import create_follow_up
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import WorkshopStore, create_workshop, place_of

from tests.exchange.room_figure_checks import small_texts

KINDS = {"assess": AssessView, "map": CascadeView, "accountability": NodesView,
         "prioritise": PrioritiesView, "room": PointsView, "review": ReviewView}  # fmt: skip


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> WorkshopStore:
    return create_workshop(tmp_path_factory.mktemp("room") / "s.bigdesk", populate_sample)


def _texts(figure: object) -> str:
    return "\n".join(t.get_text() for t in figure.findobj(Text))  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", sorted(KINDS))
@pytest.mark.parametrize("size", [(1824, 700), (1184, 420)])
def test_every_view_is_drawn_legibly(sample: WorkshopStore, step: str,
                                     size: tuple[int, int]) -> None:
    with sample.read() as conn:
        view = room_view(conn, step)
    assert isinstance(view, KINDS[step])
    _assert_legible(view, size)


def _assert_legible(view: object, size: tuple[int, int]) -> None:
    figure = new_room_figure(*size)
    FigureCanvasAgg(figure)
    draw_room_view(view, figure)  # type: ignore[arg-type]
    figure.canvas.draw()
    assert small_texts(figure) == []
    # -- nothing drawn outside the figure: every text's box lies within it
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = size
    for text in figure.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            assert box.x0 >= -1 and box.x1 <= width + 1, text.get_text()
            assert box.y0 >= -1 and box.y1 <= height + 1, text.get_text()


def test_a_step_without_a_room_view(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        assert room_view(conn, "prepare") is None
        assert room_view(conn, "none") is None


def test_a_radar_for_a_few_dimensions(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        view = room_view(conn, "assess")
    assert isinstance(view, AssessView)
    few = AssessView(type(view.radar)(view.radar.labels[:6], view.radar.groups[:6],
                                      view.radar.current[:6], view.radar.target[:6]),
                     view.gaps, view.scored, view.participants)
    figure = new_room_figure()
    FigureCanvasAgg(figure)
    draw_room_view(few, figure)
    assert "Current and target maturity" in _texts(figure)
    assert small_texts(figure) == []


def test_empty_views_say_what_fills_them(tmp_path: Path) -> None:
    store = create_workshop(tmp_path / "empty.bigdesk")
    try:
        for step, words in (("assess", "No scores yet"), ("map", "The cascade is empty"),
                            ("accountability", "No accountability nodes"),
                            ("prioritise", "Nothing ranked yet"),
                            ("room", "No key points revealed"),
                            ("review", "follows no earlier one")):
            with store.read() as conn:
                view = room_view(conn, step)
            assert view is not None
            figure = new_room_figure()
            draw_room_view(view, figure)
            assert words in _texts(figure)
    finally:
        store.close()


def test_the_dots_are_added_up_without_names(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        view = room_view(conn, "prioritise")
        from bigdesk.app import prepare

        names = [p.name for p in prepare.PEOPLE.rows(conn)]
    assert isinstance(view, PrioritiesView)
    assert view.dots and sum(d for _, d in view.dots) > 0
    figure = new_room_figure()
    draw_room_view(view, figure)
    shown = _texts(figure)
    assert not [name for name in names if name in shown]


def test_titles_are_words_never_formulas() -> None:
    view = CascadeView((("Objectives", (Card(1, "Save $5m and $2m a year", "2D5F9A"),)),), ())
    figure = new_room_figure()
    FigureCanvasAgg(figure)
    draw_room_view(view, figure)
    figure.canvas.draw()
    assert "Save $5m and $2m a year" in _texts(figure)


def test_a_follow_up_shows_the_room_what_lags_first(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIGDESK_DATA_DIR", str(tmp_path))
    create_workshop(tmp_path / "first.bigdesk", populate_sample).close()
    store = create_follow_up(place_of(str(tmp_path / "first.bigdesk")),
                             place_of(str(tmp_path / "next.bigdesk")), dt.date(2027, 3, 1))
    try:
        with store.read() as conn:
            view = room_view(conn, "review")
    finally:
        store.close()
    assert isinstance(view, ReviewView) and view.follows
    # -- the sample's ten key results and two benefits, each in its own unit
    assert len(view.rows) == 12
    assert ("KR1.1 Raise on-time delivery from 87% to 96%", "90.5%, target 96%", "behind") \
        in view.rows
    verdicts = [verdict for _, _, verdict in view.rows]
    lagging = [v in ("behind", "off target") for v in verdicts]
    assert lagging == sorted(lagging, reverse=True)
    for size in ((1824, 700), (1184, 420)):
        _assert_legible(view, size)
    # -- what does not fit says how many more, and how many of them lag
    figure = new_room_figure(1184, 420)
    draw_room_view(view, figure)
    assert "+5 more, 5 of them behind" in _texts(figure)
