"""Benefits: measured like key results, realised by initiatives, serving objectives; through
the register, check-ins, counts, the Map's rules and the deck."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bigdesk.app import cascade
from bigdesk.app.tracking import add_check_in
from bigdesk.domain.errors import EditRejectedError
from bigdesk.exchange.register import export_register
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Alignment, Benefit, Element, ElementType
from bigdesk.store import WorkshopStore, create_workshop, element_counts, fetch

from tests.exchange.test_register import apply, refused

HEADER = "id,type,title,parents,owner,metric,unit,baseline,target,due,kind"


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    opened = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield opened
    opened.close()


def _register(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_benefits_round_trip_through_the_register(sample: WorkshopStore,
                                                  tmp_path: Path) -> None:
    source = _register(
        tmp_path / "b.csv",
        "B3,benefit,Lower agency driver costs,I1;O1,Amara Okafor,Agency spend,£k a month,"
        "180,120,2027-12-31,decrease")
    assert "1 benefit" in apply(sample, source)
    with sample.read() as conn:
        benefit = fetch(conn, select(Benefit).where(Benefit.ref == "B3"))[0]
        refs = dict(conn.execute(select(Element.id, Element.ref)).all())
        parents = {refs[p] for p in conn.execute(select(Alignment.parent_id).where(
            Alignment.child_id == benefit.id)).scalars()}
        # -- the sample's two and this one
        assert element_counts(conn)["benefits"] == 3
    assert (benefit.metric, benefit.baseline, benefit.target) == ("Agency spend", 180, 120)
    assert benefit.direction is not None and benefit.direction.value == "decrease"
    assert parents == {"I1", "O1"}
    out = tmp_path / "out.csv"
    export_register(sample, out, None)
    assert "B3,benefit,Lower agency driver costs" in out.read_text(encoding="utf-8-sig")
    # -- the exported register brings nothing new back
    assert apply(sample, out).startswith("Nothing new from out.csv. Updated 0 existing")
    # -- a benefit takes check-ins, read as its metric
    add_check_in(sample, benefit.id, {"checked_on": "2027-03-31", "value": 150})
    with sample.read() as conn:
        assert fetch(conn, select(Benefit).where(Benefit.ref == "B3"))[0].current == 150


def test_where_a_benefit_may_sit(sample: WorkshopStore, tmp_path: Path) -> None:
    problems = refused(sample, _register(tmp_path / "bad.csv",
                                         "B1,benefit,Faster claims,KR1.1,,,,,,,",
                                         "X1,initiative,Under a benefit,B2,,,,,,,",
                                         "B2,benefit,Fewer complaints,I1,,,,,,,"))
    assert any("A benefit cannot sit under a key result" in p for p in problems)
    assert any("Nothing sits under a benefit" in p for p in problems)
    with sample.read() as conn:
        initiative = conn.execute(select(Element.id).where(Element.ref == "I1")).scalar_one()
    made = cascade.add_child(sample, initiative, ElementType.BENEFIT)
    with pytest.raises(EditRejectedError, match="Nothing sits under a benefit"):
        cascade.add_child(sample, made)


def test_the_deck_shows_the_benefits(sample: WorkshopStore, tmp_path: Path) -> None:
    from bigdesk.exchange.deck.build import build_plan

    def benefit_slides() -> list[Any]:
        with sample.read() as conn:
            return [s for s in build_plan(conn).slides if s.section == "benefits"]

    assert benefit_slides()[0].title == \
        "Two benefits to realise in Run, each through its initiatives"
    apply(sample, _register(tmp_path / "b.csv",
                            "B3,benefit,Lower agency driver costs,I1;O1,Amara Okafor,Agency spend,"
                            "£,2500000,1250000,,",
                            "B4,benefit,Fewer repeat calls,O4,,,,,,,"))
    slides = benefit_slides()
    assert slides[0].title == "One of four benefits has no initiative to realise it"
    text = str(slides[0].blocks)
    assert "Lower agency driver costs" in text and "I1" in text and "Amara Okafor" in text
    # -- in its unit, as written: never "2.5e+06"
    assert "£2,500,000 → £1,250,000" in text
    with sample.read() as conn:
        every = list(conn.execute(select(Benefit.id)).scalars())
    cascade.delete_elements(sample, every)
    with sample.read() as conn:
        outline = {o.key: o for o in build_plan(conn).outline}
    assert "No benefit" in outline["benefits"].missing
