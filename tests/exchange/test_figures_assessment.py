"""Assessment charts: the numbers they draw, the series on the figures, and no Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from bigdesk.analysis.assessment import Assessment, assessment_statistics, load_assessment
from bigdesk.analysis.people import participant_labels
from bigdesk.exchange import figures_assessment as figures
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Workshop
from bigdesk.store import WorkshopStore, create_workshop

from tests.helpers import run_python


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    store = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield store
    store.close()


def _load(store: WorkshopStore) -> tuple[Assessment, dict[int, str]]:
    with store.read() as conn:
        return load_assessment(conn), participant_labels(conn)


def test_radar_draws_consensus_else_median(sample: WorkshopStore) -> None:
    assessment, _ = _load(sample)
    rows = assessment_statistics(assessment)
    data = figures.radar_data(rows)
    keys = [r.dimension.key for r in rows]
    # -- agreed 2 → 5 for clarity of purpose; medians 1.5 → 4 for information and data
    clarity, information = keys.index("clarity-of-purpose"), keys.index("information-and-data")
    assert (data.current[clarity], data.target[clarity]) == (2, 5)
    assert (data.current[information], data.target[information]) == (1.5, 4.0)
    figure = figures.draw_radar(data)
    target_line, current_line = figure.axes[0].get_lines()
    # -- the outline closes on itself, so it has one point more than there are spokes
    assert list(current_line.get_ydata())[:-1] == [v or 0.0 for v in data.current]
    assert list(target_line.get_ydata())[:-1] == [v or 0.0 for v in data.target]
    first_label = figure.axes[0].get_xticklabels()[0].get_text()
    assert first_label.replace("\n", " ") == "Clarity of purpose(s)"


def test_gap_chart_is_sorted_largest_first_with_bars_matching(sample: WorkshopStore) -> None:
    assessment, _ = _load(sample)
    data = figures.gap_data(assessment_statistics(assessment))
    assert data.gaps == sorted(data.gaps, reverse=True)
    assert data.gaps[0] == 3.0 and data.labels[0] == "Clarity of purpose(s)"
    assert all(g == t - c for g, c, t in zip(data.gaps, data.current, data.target, strict=True))
    figure = figures.draw_gaps(data)
    bars = figure.axes[0].patches
    assert [bar.get_width() for bar in bars] == data.gaps


def test_heatmap_values_and_anonymous_labels(sample: WorkshopStore) -> None:
    assessment, labels = _load(sample)
    data = figures.heatmap_data(assessment, labels, "current")
    assert data.columns[0] == "Amara Okafor" and len(data.columns) == 6
    assert data.rows[0] == "Clarity of purpose(s)" and data.values[0] == [3, 2, 2, 3, 3, 2]
    okr = data.rows.index("OKR platform")
    assert data.values[okr][3] == 0  # not applicable
    raid = data.rows.index("Corporate RAID log")
    assert data.values[raid][5] is None  # not scored
    figure = figures.draw_heatmap(data)
    image = figure.axes[0].get_images()[0].get_array()
    assert image[0, 0] == 3 and image.mask[okr, 3] and image.mask[raid, 5]
    with sample.engine.begin() as conn:
        conn.execute(update(Workshop).values(anonymous=True))
    _, anonymous = _load(sample)
    data = figures.heatmap_data(assessment, anonymous, "target")
    assert data.columns == [f"P{n}" for n in range(1, 7)] and data.which == "target"
    assert data.values[0] == [5, 4, 5, 4, 4, 5]


def test_empty_assessment_draws_a_message_not_an_error() -> None:
    empty = Assessment([], [], [])
    for figure in (figures.draw_radar(figures.radar_data([])),
                   figures.draw_gaps(figures.gap_data([])),
                   figures.draw_heatmap(figures.heatmap_data(empty, {}))):
        assert figure.axes[0].texts


def test_charts_save_as_png(sample: WorkshopStore, tmp_path: Path) -> None:
    assessment, labels = _load(sample)
    charts = figures.assessment_charts(assessment, assessment_statistics(assessment), labels)
    for name, (figure, _) in (("radar", charts.radar), ("gaps", charts.gaps),
                              ("heat", charts.heatmap)):
        figures.save_figure(figure, tmp_path / f"{name}.png", dpi=50)
        assert (tmp_path / f"{name}.png").read_bytes().startswith(b"\x89PNG")


def test_building_and_drawing_imports_no_qt_and_no_pyplot(tmp_path: Path) -> None:
    script = tmp_path / "draw.py"
    script.write_text(
        "import sys\n"
        "from bigdesk.exchange.sample import populate_sample\n"
        "from bigdesk.store import create_workshop\n"
        "from bigdesk.analysis.assessment import load_assessment, assessment_statistics\n"
        "from bigdesk.analysis.people import participant_labels\n"
        "from bigdesk.exchange import figures_assessment as f\n"
        f"store = create_workshop({str(tmp_path / 'w.bigdesk')!r}, populate_sample)\n"
        "with store.read() as conn:\n"
        "    a = load_assessment(conn); labels = participant_labels(conn)\n"
        "store.close()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib loaded before drawing'\n"
        "c = f.assessment_charts(a, assessment_statistics(a), labels)\n"
        f"f.save_figure(c.radar[0], {str(tmp_path / 'r.png')!r})\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'PyQt', "
        "'matplotlib.pyplot', 'matplotlib.backends.backend_qt')))\n"
        "print('imported:', bad)\n"
        "sys.exit(1 if bad else 0)\n",
        encoding="utf-8",
    )
    result = run_python(script)
    assert result.returncode == 0, result.stdout + result.stderr
