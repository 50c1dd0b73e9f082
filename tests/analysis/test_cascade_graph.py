"""The cascade as a graph: loading, navigation, cycle refusal, order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from bigdesk.analysis.cascade import (
    CycleError,
    UnknownElementError,
    creates_cycle,
    cycle_labels,
    cycle_message,
    load_cascade,
    measured_progress,
)
from bigdesk.model import ElementType
from bigdesk.store import WorkshopStore

from tests.analysis.cascade_builder import add_element, depend, element_id, link, workshop

CHAIN = [("P1", ElementType.PURPOSE), ("O1", ElementType.OBJECTIVE),
         ("KR1", ElementType.KEY_RESULT), ("I1", ElementType.INITIATIVE),
         ("I2", ElementType.INITIATIVE)]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    """A chain P1 → O1 → KR1 → I1 (and I2 under KR1); I2 waits on I1."""
    with workshop(tmp_path) as opened:
        with opened.engine.begin() as conn:
            for ref, kind in CHAIN:
                add_element(conn, ref, kind, title=f"{ref} title")
            link(conn, "P1", "O1")
            link(conn, "O1", "KR1", 100.0)
            link(conn, "KR1", "I1")
            link(conn, "KR1", "I2")
            depend(conn, "I2", "I1")
        yield opened


@pytest.fixture
def ids(store: WorkshopStore) -> dict[str, int]:
    """The chain's element ids by ref."""
    with store.read() as conn:
        return {ref: element_id(conn, ref) for ref, _ in CHAIN}


def test_navigation(store: WorkshopStore, ids: dict[str, int]) -> None:
    with store.read() as conn:
        cascade = load_cascade(conn)
    assert cascade.children(ids["KR1"]) == [ids["I1"], ids["I2"]]
    assert cascade.parents(ids["O1"]) == [ids["P1"]]
    assert cascade.weight(ids["O1"], ids["KR1"]) == 100.0
    assert cascade.alignment.number_of_edges() == 4
    assert cascade.dependencies.has_edge(ids["I1"], ids["I2"])
    with pytest.raises(UnknownElementError):
        cascade.element(999)


def test_a_link_back_up_the_chain_is_a_named_cycle(
    store: WorkshopStore, ids: dict[str, int]
) -> None:
    p1, i1 = ids["P1"], ids["I1"]
    with store.read() as conn:
        # -- making P1 serve I1 would close I1 → P1 → O1 → KR1 → I1
        cycle = creates_cycle(conn, i1, p1)
        assert cycle == [i1, p1, ids["O1"], ids["KR1"]]
        labels = cycle_labels(conn, cycle)
        cascade = load_cascade(conn)
    assert labels == ["I1 “I1 title”", "P1 “P1 title”", "O1 “O1 title”", "KR1 “KR1 title”"]
    assert cascade.creates_cycle(i1, p1) == cycle
    assert creates_cycle(cascade.alignment, i1, p1) == cycle
    with pytest.raises(CycleError) as refused:
        cascade.check_link(i1, p1)
    assert refused.value.cycle == cycle
    assert str(refused.value) == cycle_message(labels)
    assert "I1 “I1 title” → P1 “P1 title” → O1 “O1 title” → KR1 “KR1 title” → I1" in str(
        refused.value)


def test_safe_links_and_self_links(store: WorkshopStore, ids: dict[str, int]) -> None:
    with store.read() as conn:
        # -- a second parent higher up is fine; so is a sibling link
        assert creates_cycle(conn, ids["P1"], ids["KR1"]) is None
        assert creates_cycle(conn, ids["I1"], ids["I2"]) is None
        assert creates_cycle(conn, ids["O1"], ids["O1"]) == [ids["O1"]]


def test_dependency_cycles(store: WorkshopStore, ids: dict[str, int]) -> None:
    i1, i2 = ids["I1"], ids["I2"]
    with store.read() as conn:
        # -- I2 already waits on I1: making I1 wait on I2 loops
        assert creates_cycle(conn, i2, i1, "dependency") == [i2, i1]
        assert creates_cycle(conn, i1, i2, "dependency") is None
        cascade = load_cascade(conn)
    with pytest.raises(CycleError, match="wait on itself"):
        cascade.check_link(i2, i1, "dependency")


def test_topological_order_checks_for_loops_first(
    store: WorkshopStore, ids: dict[str, int]
) -> None:
    with store.read() as conn:
        cascade = load_cascade(conn)
    order = cascade.topological_order()
    assert order.index(ids["P1"]) < order.index(ids["O1"]) < order.index(ids["I1"])
    assert cascade.find_cycle() is None
    with store.engine.begin() as conn:
        link(conn, "I1", "P1")
    with store.read() as conn:
        looping = load_cascade(conn)
    loop = looping.find_cycle()
    assert loop is not None and set(loop) == {ids["P1"], ids["O1"], ids["KR1"], ids["I1"]}
    with pytest.raises(CycleError):
        looping.topological_order()


def test_creates_cycle_on_a_plain_graph() -> None:
    graph = nx.DiGraph([(1, 2), (2, 3)])
    assert creates_cycle(graph, 3, 1) == [3, 1, 2]
    assert creates_cycle(graph, 1, 3) is None
    assert creates_cycle(graph, 7, 8) is None


@pytest.mark.parametrize(("baseline", "target", "current", "expected"), [
    (0.0, 10.0, 5.0, 50.0), (42.0, 21.0, 35.0, 100 / 3), (5.0, 2.0, 6.0, 0.0),
    (0.0, 10.0, 20.0, 100.0), (1.0, 1.0, 1.0, None), (None, 10.0, 5.0, None),
])  # fmt: skip
def test_measured_progress(
    baseline: float | None, target: float, current: float, expected: float | None
) -> None:
    result = measured_progress(baseline, target, current)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_an_element_of_unknown_kind_is_named(tmp_path: Path) -> None:
    with workshop(tmp_path, "odd.bigdesk") as store:
        with store.engine.begin() as conn:
            add_element(conn, "X", ElementType.OBJECTIVE)
            conn.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
            conn.exec_driver_sql("UPDATE element SET type='mission'")
        with store.read() as conn, pytest.raises(ValueError, match="unknown type 'mission'"):
            load_cascade(conn)
