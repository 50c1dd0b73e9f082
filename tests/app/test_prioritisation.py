"""Prioritise services: each user action is one undoable edit, refused whole when it cannot be."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import QCoreApplication, QEvent

from bigdesk.analysis.prioritisation import analyse, load
from bigdesk.app import prioritisation as services
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.prioritisation_export import MAX_SCENARIOS, scenarios
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Criterion, Initiative, Person, PersonKind, SelectionRule
from bigdesk.store import EditRejectedError, create_workshop


@pytest.fixture
def document(tmp_path: Path, qapp: Any) -> Iterator[WorkshopDocument]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    doc = WorkshopDocument(store)
    yield doc
    doc.close()
    doc.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _ids(document: WorkshopDocument) -> tuple[dict[str, int], dict[str, int]]:
    with document.read() as conn:
        initiatives = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
        criteria = dict(conn.execute(select(Criterion.key, Criterion.id)).all())
    return initiatives, criteria  # type: ignore[return-value]


def _state(document: WorkshopDocument) -> Any:
    with document.read() as conn:
        data = load(conn)
    return (data.criteria, data.scores, data.votes, data.comparisons, data.settings,
            [(i.budget, i.rule, i.moscow) for i in data.initiatives], data.demands)


def test_every_action_is_one_undo_step(document: WorkshopDocument) -> None:
    initiatives, criteria = _ids(document)
    before = _state(document)
    stack = document.undo_stack
    start = stack.count()
    services.set_score(document, initiatives["I1"], criteria["value"], 2)
    services.set_score(document, initiatives["I1"], criteria["cost"], 500_000)
    services.set_comparison(document, criteria["value"], criteria["cost"], 5)
    services.set_setting(document, "budget", 8_000_000.0, "Change budget")
    services.set_rule(document, initiatives["I3"], SelectionRule.MUST_NOT)
    services.set_demand(document, initiatives["I2"], _resource(document), 40.0)
    services.add_criterion(document)
    assert stack.count() - start == 7
    assert _state(document) != before
    stack.setIndex(start)
    assert _state(document) == before


def _resource(document: WorkshopDocument) -> int:
    with document.read() as conn:
        return services.resource_types(conn)[0].id


def test_cost_score_edits_the_initiative_budget(document: WorkshopDocument) -> None:
    initiatives, criteria = _ids(document)
    services.set_score(document, initiatives["I2"], criteria["cost"], 75_000)
    with document.read() as conn:
        budget = conn.execute(select(Initiative.budget)
                              .where(Initiative.id == initiatives["I2"])).scalar()
    assert budget == 75_000


def test_refused_scores_say_why(document: WorkshopDocument) -> None:
    initiatives, criteria = _ids(document)
    with pytest.raises(EditRejectedError, match="computed from the cascade"):
        services.set_score(document, initiatives["I1"], criteria["strategic-alignment"], 3)
    with pytest.raises(EditRejectedError, match="between 1 and 5"):
        services.set_score(document, initiatives["I1"], criteria["value"], 7)
    with pytest.raises(EditRejectedError, match="whole score"):
        services.set_score(document, initiatives["I1"], criteria["value"], 2.5)
    with pytest.raises(EditRejectedError, match="budget of 0 or more"):
        services.set_setting(document, "budget", -1.0, "Change budget")


def test_pairwise_judgement_reweighs_all_criteria_in_one_step(document: WorkshopDocument) -> None:
    _, criteria = _ids(document)
    services.set_comparison(document, criteria["value"], criteria["urgency"], 3)
    # -- entering the pair the other way round replaces the first judgement
    services.set_comparison(document, criteria["urgency"], criteria["value"], 1 / 3)
    with document.read() as conn:
        data = load(conn)
    assert data.comparisons == {(criteria["urgency"], criteria["value"]): pytest.approx(1 / 3)}
    weights = {c.key: c.weight for c in data.criteria}
    # -- the other pairs count as equal, so value leads urgency but by less than 3 to 1
    assert weights["urgency"] < weights["value"] < 3 * weights["urgency"]
    assert len({round(w, 2) for k, w in weights.items() if k not in ("value", "urgency")}) == 1
    assert sum(weights.values()) == pytest.approx(100, abs=0.05)


def test_dots_are_limited_per_participant(document: WorkshopDocument) -> None:
    initiatives, _ = _ids(document)
    with document.read() as conn:
        person = conn.execute(select(Person.id).where(Person.kind == PersonKind.PARTICIPANT)
                              .order_by(Person.position)).scalars().first()
    assert person is not None
    # -- the sample's first participant has placed all five dots already
    with pytest.raises(EditRejectedError, match="has 0 of 5 dots left"):
        services.set_dots(document, person, initiatives["I5"], 1, "P1")
    services.set_dots(document, person, initiatives["I1"], 0)
    services.set_dots(document, person, initiatives["I5"], 2)
    with document.read() as conn:
        data = load(conn)
    assert data.votes[(person, initiatives["I5"])] == 2
    assert (person, initiatives["I1"]) not in data.votes


def test_scenarios_snapshot_and_are_capped(document: WorkshopDocument) -> None:
    with document.read() as conn:
        existing = len(scenarios(conn))
        total = analyse(conn).selection.total_value  # type: ignore[union-attr]
    scenario = services.save_scenario(document, "Tighter budget")
    services.set_setting(document, "budget", 4_000_000.0, "Change budget")
    with document.read() as conn:
        saved = {s["id"]: s for s in scenarios(conn)}
    # -- the snapshot keeps its meaning after the live budget changes
    assert saved[scenario]["constraints"]["budget"] == 9_500_000.0
    assert sum(x["value"] for x in saved[scenario]["selection"]) == pytest.approx(total, abs=0.05)
    for n in range(MAX_SCENARIOS - existing - 1):
        services.save_scenario(document, f"S{n}")
    with pytest.raises(EditRejectedError, match="Up to 6 scenarios"):
        services.save_scenario(document, "One too many")
    with pytest.raises(EditRejectedError, match="name"):
        services.rename_scenario(document, scenario, "  ")
