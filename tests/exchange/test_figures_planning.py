"""Plan charts: enablers first on the Gantt, arrows for dependencies, load against capacity."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure
from sqlalchemy import select

from bigdesk.analysis.planning import plan
from bigdesk.analysis.planning.stored import milestones_of, schedule_load
from bigdesk.exchange import figures_planning as figures
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Initiative
from bigdesk.store import create_workshop


def test_gantt_and_load_show_the_plan(tmp_path: Path) -> None:
    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    try:
        with store.read() as conn:
            planned = plan(conn)
            result, ranking = planned.plan, planned.analysis.ranking
            assert result is not None and ranking is not None
            enablers = set(conn.execute(select(Initiative.id).where(
                Initiative.closes_dimension_id.is_not(None))).scalars())
            ids = {planned.initiative_id(i) for i in result.starts}
            milestones = milestones_of(conn, ids)
            load = schedule_load(conn, result.problem.horizon, {
                planned.initiative_id(i): (result.starts[i], result.finish(i))
                for i in result.starts})
    finally:
        store.close()
    data = figures.gantt_data(result, ranking.initiatives, enablers, milestones)
    assert len(data.bars) == len(result.starts) and data.hidden == 0
    # -- enablers come first, whatever their start
    flags = [bar.colour == figures.ENABLER_COLOUR for bar in data.bars]
    assert flags == sorted(flags, reverse=True) and any(flags)
    labels = [bar.label for bar in data.bars]
    assert (labels.index("I8"), labels.index("I7"), "finish-to-start") in data.arrows
    assert sum(len(bar.milestones) for bar in data.bars) >= 3
    figures.draw_gantt(data, Figure())
    loads = figures.load_data(load)
    assert [name for name, *_ in loads.resources] == ["Engineers", "Data analysts"]
    assert loads.quarters[0] == "2027-Q1" and len(loads.quarters) == 8
    figures.draw_load(loads, Figure())
    empty = Figure()
    figures.draw_gantt(figures.GanttData([], [], [], 0), empty)
    figures.draw_load(figures.LoadData([], []), empty)


def test_a_load_in_millions_reads_in_full() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = figures.draw_load(figures.LoadData(
        ["2027 Q1", "2027 Q2"], [("Budget", "£", [1.5e6, 2.5e6], [2e6, 2e6])]), Figure())
    FigureCanvasAgg(figure).draw()
    axis = figure.axes[0].yaxis
    assert axis.get_offset_text().get_text() == ""
    assert "2,000,000" in [t.get_text() for t in axis.get_ticklabels()]
