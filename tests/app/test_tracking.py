"""Check-in services and findings: history, the latest reading shown, trends and cadence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bigdesk.analysis import run_rules
from bigdesk.analysis.tracking import CODES, Reading, forecast_miss, trend_at
from bigdesk.app.tracking import add_check_in, change_check_in, record_check_ins, remove_check_ins
from bigdesk.domain.errors import EditRejectedError
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import AccountabilityNode, Cadence, CheckIn, Element, Workshop
from bigdesk.store import WorkshopStore, create_workshop, fetch


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    opened = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    with opened.engine.begin() as conn:
        conn.execute(CheckIn.__table__.delete())
    yield opened
    opened.close()


def ref(store: WorkshopStore, text: str) -> Element:
    with store.read() as conn:
        return fetch(conn, select(Element).where(Element.ref == text))[0]


def test_latest_check_in_sets_what_the_element_shows_and_undo_restores(
        sample: WorkshopStore) -> None:
    before = ref(sample, "KR1.1")
    first = add_check_in(sample, before.id, {"checked_on": "2027-01-31", "value": 89,
                                             "status": "On track"})
    later = add_check_in(sample, before.id, {"checked_on": "2027-02-28", "value": 93})
    kr = ref(sample, "KR1.1")
    assert (kr.current, kr.status) == (93, "On track")
    assert kr.progress == pytest.approx(600 / 9, abs=1e-4)
    # -- an older check-in does not change what the element shows
    add_check_in(sample, kr.id, {"checked_on": "2026-12-31", "value": 80})
    assert ref(sample, "KR1.1").current == 93
    change_check_in(sample, later, "checked_on", "2027-01-15")
    assert ref(sample, "KR1.1").current == 89
    remove_check_ins(sample, [first])
    assert ref(sample, "KR1.1").current == 93


def test_check_ins_are_refused_where_they_do_not_belong(sample: WorkshopStore) -> None:
    with pytest.raises(EditRejectedError, match="not objectives"):
        add_check_in(sample, ref(sample, "O1").id, {"checked_on": "2027-01-01"})
    with pytest.raises(EditRejectedError, match="percent complete"):
        add_check_in(sample, ref(sample, "I1").id, {"checked_on": "2027-01-01", "value": 101})
    with pytest.raises(EditRejectedError, match="date cannot be empty"):
        add_check_in(sample, ref(sample, "KR1.1").id, {"value": 1})


def test_a_node_review_records_every_key_result_in_one_edit(sample: WorkshopStore) -> None:
    ids = [ref(sample, "KR1.1").id, ref(sample, "KR1.2").id]
    made = record_check_ins(sample, [(i, {"checked_on": "2027-03-31", "value": 1}) for i in ids])
    assert len(made) == 2
    with sample.read() as conn:
        assert conn.execute(select(CheckIn.element_id).order_by(CheckIn.id)).scalars().all() \
            == ids


def test_trend_and_forecast() -> None:
    points = [Reading(dt.date(2027, 1, 1), 10.0), Reading(dt.date(2027, 1, 11), 20.0)]
    assert trend_at(points, dt.date(2027, 1, 21)) == pytest.approx(30.0)
    assert trend_at(points[:1], dt.date(2027, 1, 21)) is None


def test_findings_for_stale_and_off_track_key_results(sample: WorkshopStore) -> None:
    kr = ref(sample, "KR1.1")
    with sample.engine.begin() as conn:
        conn.execute(update(Workshop).values(session_date=dt.date(2027, 6, 1)))
        conn.execute(update(AccountabilityNode).where(AccountabilityNode.id == kr.node_id)
                     .values(cadence=Cadence.MONTHLY))
    # -- a flat line from 87 cannot reach 96 by the due date
    add_check_in(sample, kr.id, {"checked_on": "2027-01-31", "value": 87})
    add_check_in(sample, kr.id, {"checked_on": "2027-02-28", "value": 87.5})
    with sample.read() as conn:
        found = [f for f in run_rules(conn) if f.code in CODES]
    assert {f.code for f in found} == set(CODES)
    about = {f.code: f.message for f in found if f.element == f"element:{kr.id}"}
    assert "last checked in on 28 Feb 2027, 93 days ago" in about["check-in-overdue"]
    assert "heading for 91.32% by 30 Sep 2027" in about["forecast-misses-target"]
    assert "against a target of 96%." in about["forecast-misses-target"]
    # -- a key result of the same node with no check-in at all is late since tracking began
    assert any("no check-in since check-ins began on 31 Jan 2027" in f.message for f in found)
    with sample.read() as conn:
        element = fetch(conn, select(Element).where(Element.id == kr.id))[0]
    assert forecast_miss(element, [Reading(dt.date(2027, 1, 31), 87),
                                   Reading(dt.date(2027, 2, 28), 96)]) is None
