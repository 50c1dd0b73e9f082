"""Health rules of the cascade: every finding code, where it fires and where it must not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, update

from bigdesk.analysis import run_rules
from bigdesk.analysis.cascade import CascadeSettings, load_cascade
from bigdesk.analysis.cascade_health import CODES, cascade_findings
from bigdesk.analysis.findings import Finding, Severity
from bigdesk.model import AccountabilityNode, Alignment, ElementType, Workshop
from bigdesk.store import WorkshopStore
from bigdesk.store.edits import table_of

from tests.analysis.cascade_builder import (
    add_element,
    add_flow,
    add_node,
    add_person,
    depend,
    element_id,
    link,
    workshop,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    """A blank workshop."""
    with workshop(tmp_path) as opened:
        yield opened


def healthy(conn: Connection) -> int:
    """Build a small cascade with nothing wrong; return its node's id."""
    owner = add_person(conn, "Amara Okafor")
    node = add_node(conn, "Operations", accountable_id=owner)
    add_element(conn, "P1", ElementType.PURPOSE)
    add_element(conn, "O1", ElementType.OBJECTIVE, node_id=node, progress=50.0, owner_id=owner)
    add_element(conn, "KR1", ElementType.KEY_RESULT, node_id=node, baseline=0.0, target=10.0,
                current=5.0, progress=50.0, owner_id=owner)
    add_element(conn, "I1", ElementType.INITIATIVE, budget=100.0, effort=10.0, owner_id=owner)
    link(conn, "P1", "O1")
    link(conn, "O1", "KR1", 100.0)
    link(conn, "KR1", "I1")
    return node


def findings(store: WorkshopStore, change: Callable[[Connection], object] | None = None,
             settings: CascadeSettings | None = None) -> list[Finding]:
    """Build the healthy cascade, apply ``change``, and return the findings."""
    with store.engine.begin() as conn:
        healthy(conn)
        if change is not None:
            change(conn)
    with store.read() as conn:
        return cascade_findings(conn, settings)


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found}


def set_values(ref: str, **values: object) -> Callable[[Connection], None]:
    def change(conn: Connection) -> None:
        table = table_of("element")
        conn.execute(update(table).where(table.c.ref == ref).values(**values))
    return change


def test_a_healthy_cascade_has_only_its_alignment_index(store: WorkshopStore) -> None:
    found = findings(store)
    assert codes(found) == {"alignment-index"}
    index = found[0]
    assert index.severity is Severity.INFO
    assert "100% of initiative budget and 100% of effort" in index.message


def test_an_empty_workshop_has_no_cascade_findings(store: WorkshopStore) -> None:
    with store.read() as conn:
        assert cascade_findings(conn) == []


def test_objective_without_key_result(store: WorkshopStore) -> None:
    def change(conn: Connection) -> None:
        add_element(conn, "O2", ElementType.OBJECTIVE, title="Grow the north",
                    node_id=None)
        link(conn, "P1", "O2")
        link(conn, "O2", "I1")

    found = [f for f in findings(store, change) if f.code == "objective-without-key-result"]
    assert len(found) == 1
    assert "O2 “Grow the north”" in found[0].message
    with store.read() as conn:
        assert found[0].element == f"element:{element_id(conn, 'O2')}"


def test_key_result_without_target_and_without_baseline(store: WorkshopStore) -> None:
    found = findings(store, set_values("KR1", target=None, baseline=None))
    assert {"key-result-without-target", "key-result-without-baseline"} <= codes(found)
    assert all("KR1" in f.message for f in found if f.code.startswith("key-result"))


def test_key_result_without_current(store: WorkshopStore) -> None:
    found = findings(store, set_values("KR1", current=None))
    assert [f.code for f in found if f.code.startswith("key-result")] == [
        "key-result-without-current"]


@pytest.mark.parametrize(("ref", "code", "words"), [
    ("O1", "objective-without-owner", "An objective without an owner: O1"),
    ("KR1", "key-result-without-owner", "A key result without an owner: KR1"),
    ("I1", "initiative-without-owner", "An initiative without an owner: I1"),
])  # fmt: skip
def test_objectives_key_results_and_initiatives_need_an_owner(
    store: WorkshopStore, ref: str, code: str, words: str
) -> None:
    found = [f for f in findings(store, set_values(ref, owner_id=None)) if "owner" in f.code]
    assert [f.code for f in found] == [code]
    assert found[0].message.startswith(words)


def test_a_node_without_an_accountable_person(store: WorkshopStore) -> None:
    def change(conn: Connection) -> None:
        conn.execute(update(AccountabilityNode).values(accountable_id=None))

    found = [f for f in findings(store, change) if f.code == "node-without-accountable"]
    assert len(found) == 1 and "“Operations”" in found[0].message
    assert found[0].element is not None and found[0].element.startswith("accountability_node:")


def test_overdue_is_before_the_session_and_not_done(store: WorkshopStore) -> None:
    def change(conn: Connection) -> None:
        conn.execute(update(Workshop).values(session_date=dt.date(2027, 3, 1)))
        set_values("KR1", due=dt.date(2027, 2, 1), status="On track")(conn)
        set_values("O1", due=dt.date(2027, 2, 1), status="Done")(conn)
        set_values("I1", ends_on=dt.date(2027, 1, 31), progress=100.0)(conn)

    found = [f for f in findings(store, change) if "overdue" in f.code]
    assert [f.code for f in found] == ["element-overdue"]
    assert "KR1" in found[0].message and "01 Feb 2027" in found[0].message


def test_no_session_date_means_nothing_is_overdue(store: WorkshopStore) -> None:
    found = findings(store, set_values("KR1", due=dt.date(2000, 1, 1)))
    assert "element-overdue" not in codes(found)


def test_a_file_that_breaks_a_rule_opens_with_a_finding(store: WorkshopStore) -> None:
    # -- an older version, or another tool, could write what the editors refuse today
    def change(conn: Connection) -> None:
        add_element(conn, "P2", ElementType.PURPOSE, title="Under a project")
        link(conn, "I1", "P2")
        set_values("I1", budget=-5.0, starts_on=dt.date(2027, 6, 1),
                   ends_on=dt.date(2027, 1, 1))(conn)
        set_values("O1", target=12.0)(conn)

    found = [f.message for f in findings(store, change) if f.code == "cascade-rule-broken"]
    assert any("A purpose cannot sit under an initiative" in m and "P2" in m for m in found)
    assert any("I1" in m and "Budget -5 is below 0." in m for m in found)
    assert any("I1" in m and "is before the start" in m for m in found)
    assert any("O1" in m and "Target applies only to key results" in m for m in found)


def test_objective_without_node(store: WorkshopStore) -> None:
    found = findings(store, set_values("O1", node_id=None))
    assert [f.code for f in found if f.code == "objective-without-node"] == [
        "objective-without-node"]
    assert "nobody answers" in next(f.message for f in found
                                    if f.code == "objective-without-node")


def test_initiative_unaligned(store: WorkshopStore) -> None:
    def change(conn: Connection) -> None:
        add_element(conn, "I2", ElementType.INITIATIVE, title="Head office refurbishment")

    found = [f for f in findings(store, change) if f.code == "initiative-unaligned"]
    assert len(found) == 1 and "I2 “Head office refurbishment”" in found[0].message


def test_objective_without_initiative_and_direct_delivery(store: WorkshopStore) -> None:
    def unlink(conn: Connection) -> None:
        conn.execute(Alignment.__table__.delete().where(
            Alignment.child_id == element_id(conn, "I1")))

    assert "objective-without-initiative" in codes(findings(store, unlink))


def test_an_initiative_directly_under_the_objective_delivers_it(tmp_path: Path) -> None:
    with workshop(tmp_path, "direct.bigdesk") as store:
        def direct(conn: Connection) -> None:
            conn.execute(Alignment.__table__.delete().where(
                Alignment.child_id == element_id(conn, "I1")))
            link(conn, "O1", "I1")

        assert "objective-without-initiative" not in codes(findings(store, direct))


def test_node_overloaded_follows_the_threshold(store: WorkshopStore) -> None:
    def many(conn: Connection) -> None:
        for number in range(2, 5):
            add_element(conn, f"O{number}", ElementType.OBJECTIVE, node_id=1)

    found = findings(store, many, CascadeSettings(max_objectives_per_node=3))
    overloaded = [f for f in found if f.code == "node-overloaded"]
    assert len(overloaded) == 1
    assert overloaded[0].element == "accountability_node:1"
    assert "4 objectives, more than 3" in overloaded[0].message


def test_node_not_overloaded_at_the_threshold(tmp_path: Path) -> None:
    with workshop(tmp_path, "t.bigdesk") as store:
        found = findings(store, settings=CascadeSettings(max_objectives_per_node=1))
        assert "node-overloaded" not in codes(found)


def test_node_without_objective(store: WorkshopStore) -> None:
    def idle(conn: Connection) -> None:
        add_node(conn, "Finance")

    found = [f for f in findings(store, idle) if f.code == "node-without-objective"]
    assert len(found) == 1 and "“Finance”" in found[0].message
    assert found[0].element == "accountability_node:2"


def test_information_need_unprovided(store: WorkshopStore) -> None:
    flows: list[int] = []

    def needs(conn: Connection) -> None:
        flows.append(add_flow(conn, 1, None, "Driver vacancy forecast"))
        flows.append(add_flow(conn, 1, 1, "Daily on-time delivery"))

    found = [f for f in findings(store, needs) if f.code == "information-need-unprovided"]
    assert [f.element for f in found] == [f"information_flow:{flows[0]}"]
    assert "“Driver vacancy forecast”" in found[0].message


def test_alignment_weights_not_100(store: WorkshopStore) -> None:
    def weights(conn: Connection) -> None:
        add_element(conn, "KR2", ElementType.KEY_RESULT, baseline=0.0, target=1.0)
        link(conn, "O1", "KR2", 30.0)
        link(conn, "KR2", "I1")

    found = [f for f in findings(store, weights) if f.code == "alignment-weights-not-100"]
    assert len(found) == 1 and "130%" in found[0].message


def test_weights_adding_up_to_100_or_not_given_are_fine(store: WorkshopStore) -> None:
    def weights(conn: Connection) -> None:
        table = Alignment.__table__
        conn.execute(update(table).values(weight=None))
        add_element(conn, "KR2", ElementType.KEY_RESULT, baseline=0.0, target=1.0)
        add_element(conn, "KR3", ElementType.KEY_RESULT, baseline=0.0, target=1.0)
        add_element(conn, "O2", ElementType.OBJECTIVE)
        link(conn, "O2", "KR2", 33.33)
        link(conn, "O2", "KR3", 66.67)

    assert "alignment-weights-not-100" not in codes(findings(store, weights))


@pytest.mark.parametrize(("reported", "mismatch"), [(50.0, False), (56.0, True), (54.0, False)])
def test_progress_mismatch_uses_the_tolerance(
    tmp_path: Path, reported: float, mismatch: bool
) -> None:
    with workshop(tmp_path, f"p{reported}.bigdesk") as store:
        found = findings(store, set_values("O1", progress=reported))
        assert ("progress-mismatch" in codes(found)) is mismatch


def test_progress_mismatch_weighted_and_plain_means(store: WorkshopStore) -> None:
    def two(conn: Connection) -> None:
        add_element(conn, "KR2", ElementType.KEY_RESULT, baseline=0.0, target=1.0,
                    progress=100.0)
        link(conn, "O1", "KR2", 0.0)

    # -- weights 100 and 0: the weighted mean is KR1's 50, so 50 reported is fine
    assert "progress-mismatch" not in codes(findings(store, two))
    with store.engine.begin() as conn:
        conn.execute(update(Alignment.__table__).values(weight=None))
    with store.read() as conn:
        # -- no weights: the plain mean of 50 and 100 is 75
        found = [f for f in cascade_findings(conn) if f.code == "progress-mismatch"]
    assert len(found) == 1 and "reports 50% progress" in found[0].message
    assert "add up to 75%" in found[0].message
    with store.read() as conn:
        assert load_cascade(conn).expected_progress(element_id(conn, "O1")) == 75.0


def test_progress_mismatch_derives_key_result_progress_from_values(
    store: WorkshopStore,
) -> None:
    # -- KR1 reports nothing: 5 of the way from 0 to 10 is 50%
    found = findings(store, set_values("KR1", progress=None))
    assert "progress-mismatch" not in codes(found)
    found = findings_again(store, set_values("KR1", current=9.0))
    assert "progress-mismatch" in codes(found)


def findings_again(store: WorkshopStore, change: Callable[[Connection], object]) -> list[Finding]:
    with store.engine.begin() as conn:
        change(conn)
    with store.read() as conn:
        return cascade_findings(conn)


def test_alignment_index_counts_only_work_that_reaches_a_purpose(store: WorkshopStore) -> None:
    def stray(conn: Connection) -> None:
        # -- I2 serves an objective that serves no purpose; I3 serves nothing at all
        add_element(conn, "O9", ElementType.OBJECTIVE, node_id=1)
        add_element(conn, "I2", ElementType.INITIATIVE, budget=300.0, effort=30.0)
        add_element(conn, "I3", ElementType.INITIATIVE, budget=600.0)
        link(conn, "O9", "I2")

    found = findings(store, stray)
    with store.read() as conn:
        index = load_cascade(conn).alignment_index()
    assert (index.initiatives, index.traced_initiatives) == (3, 1)
    assert index.budget_share == pytest.approx(0.1)
    assert index.effort_share == pytest.approx(0.25)
    message = next(f.message for f in found if f.code == "alignment-index")
    assert "10% of initiative budget and 25% of effort" in message


def test_placeholders_are_reported(store: WorkshopStore) -> None:
    found = findings(store, set_values("O1", placeholder=True))
    assert "placeholder-element" in codes(found)


def test_cycles_already_in_the_file_are_errors(store: WorkshopStore) -> None:
    def loops(conn: Connection) -> None:
        # -- a programme and its project, each under the other: kinds the rules allow
        add_element(conn, "I2", ElementType.INITIATIVE)
        link(conn, "I1", "I2")
        link(conn, "I2", "I1")
        depend(conn, "I1", "I2")
        depend(conn, "I2", "I1")

    found = findings(store, loops)
    cycles = {f.code: f for f in found if f.severity is Severity.ERROR}
    assert set(cycles) == {"alignment-cycle", "dependency-cycle"}
    assert "I2" in cycles["alignment-cycle"].message and "→" in cycles["alignment-cycle"].message


def test_run_rules_includes_the_cascade_rules(store: WorkshopStore) -> None:
    with store.engine.begin() as conn:
        healthy(conn)
        set_values("O1", node_id=None)(conn)
    with store.read() as conn:
        assert {"objective-without-node", "alignment-index"} <= codes(run_rules(conn))


def test_every_code_is_documented_and_exercised() -> None:
    text = Path(__file__).read_text(encoding="utf-8")
    untested = [code for code in CODES if f'"{code}"' not in text]
    assert untested == []
