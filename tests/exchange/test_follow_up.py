"""A follow-up session: what it carries forward, what it leaves, and what its review shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bigdesk.analysis.review import review
from bigdesk.app.tracking import add_check_in
from bigdesk.exchange.follow_up import create_follow_up
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element, PreviousSession, RaidItem, RaidKind, RaidStatus, Workshop
from bigdesk.store import (
    InsertRow,
    SetValues,
    WorkshopExistsError,
    create_workshop,
    element_counts,
)

from tests.helpers import run_bigdesk


@pytest.fixture
def first(tmp_path: Path) -> Path:
    path = tmp_path / "first.bigdesk"
    store = create_workshop(path, populate_sample)
    with store.engine.begin() as conn:
        # -- one RAID item closed in the first session: it stays behind
        closed = conn.execute(select(RaidItem.id).order_by(RaidItem.id)).scalars().first()
        conn.execute(update(RaidItem).where(RaidItem.id == closed)
                     .values(status=RaidStatus.CLOSED))
    store.close()
    return path


def test_carries_forward_the_cascade_and_leaves_the_days_work(first: Path,
                                                              tmp_path: Path) -> None:
    store = create_follow_up(first, tmp_path / "next.bigdesk", dt.date(2027, 1, 15))
    try:
        with store.read() as conn:
            counts = element_counts(conn)
            title, day = conn.execute(select(Workshop.title, Workshop.session_date)).one()
            previous = conn.execute(select(PreviousSession.path, PreviousSession.title,
                                           PreviousSession.session_date)).one()
            open_raid = conn.execute(select(func.count()).select_from(RaidItem)).scalar()
    finally:
        store.close()
    sample = create_workshop(tmp_path / "again.bigdesk", populate_sample)
    with sample.read() as conn:
        before = element_counts(conn)
        raid_before = conn.execute(select(func.count()).select_from(RaidItem)
                                   .where(RaidItem.status != RaidStatus.CLOSED)).scalar()
    sample.close()
    for key in ("objectives", "key_results", "initiatives", "alignments", "dependencies",
                "nodes", "information_flows", "check_ins", "criteria", "people",
                "assessment_dimensions", "milestones"):
        assert counts[key] == before[key], key
    assert counts["agenda_items"] == counts["notes"] == counts["assessment_scores"] == 0
    assert open_raid == raid_before - 1
    assert title.endswith("(follow-up)") and day == dt.date(2027, 1, 15)
    assert previous.path == str(first.resolve())
    assert previous.session_date is not None


def test_review_shows_what_moved(first: Path, tmp_path: Path) -> None:
    store = create_follow_up(first, tmp_path / "next.bigdesk", dt.date(2027, 3, 1))
    try:
        with store.read() as conn:
            kr = conn.execute(select(Element.id).where(Element.ref == "KR1.1")).scalar_one()
            carried = conn.execute(select(RaidItem.id).order_by(RaidItem.id)).scalars().all()
        store.do(SetValues(Workshop, 1, {"session_date": dt.date(2027, 3, 1)}))
        # -- a reading below where the line to 96 stands by March
        add_check_in(store, kr, {"checked_on": "2027-02-28", "value": 90.6})
        store.do(SetValues(RaidItem, carried[0], {"status": RaidStatus.CLOSED}))
        store.do(InsertRow(RaidItem, {"kind": RaidKind.DECISION, "title": "Fund the pilot",
                                      "status": RaidStatus.OPEN, "position": 9}))
        store.do(InsertRow(RaidItem, {"kind": RaidKind.RISK, "title": "Van supply slips",
                                      "status": RaidStatus.OPEN, "position": 10}))
        with store.read() as conn:
            found = review(conn)
    finally:
        store.close()
    assert found is not None
    line = next(t for t in found.trajectories if t.element_id == kr)
    assert (line.then, line.now, line.verdict) == (90.5, 90.6, "behind")
    assert line.expected is not None and 90.6 < line.expected < 96
    assert [m.title for m in found.opened] == ["Van supply slips"]
    assert len(found.closed) == 1 and found.closed[0].status == "closed"
    assert [m.title for m in found.decisions] == ["Fund the pilot"]
    assert all(c.now_current is None and c.then_current is not None
               for c in found.capabilities if c.key == "clarity-of-purpose")


def test_a_first_session_has_nothing_to_review(first: Path) -> None:
    from bigdesk.store import open_workshop

    store = open_workshop(first, read_only=True)
    try:
        with store.read() as conn:
            assert review(conn) is None
    finally:
        store.close()


def test_new_from_on_the_command_line(first: Path, tmp_path: Path) -> None:
    target = tmp_path / "next.bigdesk"
    result = run_bigdesk("new", target, "--from", first)
    assert result.returncode == 0, result.stderr
    assert "follow-up" in result.stdout
    again = run_bigdesk("new", target, "--from", first)
    assert again.returncode == 2 and "already exists" in again.stderr
    missing = run_bigdesk("new", tmp_path / "other.bigdesk", "--from", tmp_path / "gone.bigdesk")
    assert missing.returncode == 2 and "gone.bigdesk" in missing.stderr
    both = run_bigdesk("new", tmp_path / "x.bigdesk", "--from", first, "--sample")
    assert both.returncode == 2
    with pytest.raises(WorkshopExistsError):
        create_follow_up(first, target)
    result = run_bigdesk("compare", first, target, "--json")
    assert result.returncode == 0 and '"removed": []' in result.stdout


def test_the_deck_opens_a_follow_up_with_since_we_last_met(first: Path, tmp_path: Path) -> None:
    from bigdesk.exchange.deck.build import build_plan

    store = create_follow_up(first, tmp_path / "next.bigdesk", dt.date(2027, 3, 1))
    try:
        with store.read() as conn:
            kr = conn.execute(select(Element.id).where(Element.ref == "KR1.1")).scalar_one()
        add_check_in(store, kr, {"checked_on": "2027-02-28", "value": 89})
        with store.read() as conn:
            deck = build_plan(conn)
    finally:
        store.close()
    since = [s for s in deck.slides if s.section == "since"]
    # -- no reading moved but one in three months: every key result and benefit lags its line
    assert since[0].title == "12 key results and benefits are behind their line to target"
    assert any("KR1.1" in str(block) for s in since[1:] for block in s.blocks)
    from bigdesk.store import open_workshop

    earlier = open_workshop(first, read_only=True)
    try:
        with earlier.read() as conn:
            outline = {o.key: o for o in build_plan(conn).outline}
    finally:
        earlier.close()
    assert outline["since"].slides == [] and "does not follow" in outline["since"].missing


def test_mandate_versions_and_what_changed_since(first: Path, tmp_path: Path) -> None:
    from bigdesk.app.pitch import record_agreed_version, save_mandate, save_pitch
    from bigdesk.domain.errors import EditRejectedError

    store = create_follow_up(first, tmp_path / "next.bigdesk", dt.date(2027, 3, 1))
    try:
        with pytest.raises(EditRejectedError, match="who agreed"):
            record_agreed_version(store, "2027-03-01", " ")
        save_pitch(store, "sponsor", "Priya Natarajan", "Change sponsor")
        save_mandate(store, "reports_to", "The Chief Operating Officer", "Change reporting")
        record_agreed_version(store, "2027-03-01", "The Board")
        with store.read() as conn:
            found = review(conn)
    finally:
        store.close()
    assert found is not None
    changed = {part: now for part, _, now in found.mandate_changes}
    assert changed["Sponsor"] == "Priya Natarajan"
    assert changed["Reports to"] == "The Chief Operating Officer"
    assert found.mandate_agreed == [(dt.date(2027, 3, 1), "The Board")]
