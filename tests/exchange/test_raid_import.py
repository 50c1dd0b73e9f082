"""RAID logs from spreadsheets: recognised by header, checked, added or updated in one edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bigdesk.analysis.raid import concerns
from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.raid_import import looks_like_raid
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Person, RaidItem, RaidStatus
from bigdesk.store import WorkshopStore, create_workshop, fetch

RAID_LOG = Path(__file__).parent / "fixtures" / "raid_log.csv"


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    """The sample workshop, whose log already holds four of the file's items."""
    opened = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    yield opened
    opened.close()


def test_a_raid_log_is_told_apart_from_a_register() -> None:
    assert looks_like_raid(["Type", "Title", "Owner", "Probability", "Impact"])
    assert looks_like_raid(["Category", "Summary", "Likelihood"])
    assert not looks_like_raid(["id", "type", "title", "parents", "owner"])
    assert not looks_like_raid(["Type", "Title", "Owner", "Due", "Status"])


def test_items_are_added_or_updated_with_grades_dates_and_links(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        planned = plan_import(conn, RAID_LOG)
    assert planned.summary == ("Imported 2 RAID items from raid_log.csv with 1 new person; "
                               "updated 2 existing items.")
    assert "add risk “Budget freeze in the new financial year”" in planned.preview()
    sample.apply(planned.edit)
    with sample.read() as conn:
        items = {i.title: i for i in fetch(conn, select(RaidItem))}
        people = dict(conn.execute(select(Person.id, Person.name)).all())
        linked = concerns(conn)
    freeze = items["Budget freeze in the new financial year"]
    # -- grades in words: High is 4, Severe 5
    assert (freeze.probability, freeze.impact, freeze.exposure) == (4, 5, 20)
    assert people[freeze.owner_id] == "Helen Park"
    union = items["Union consultation delays depot changes past March"]
    assert (union.probability, union.impact) == (4, 4)
    assert str(union.review_date) == "2026-12-17" and str(union.due_date) == "2027-02-01"
    board = items["Book the board for the business case"]
    assert linked[board.id] == ["Executive Board"] and board.status is RaidStatus.OPEN
    assert items["Three warehouse systems give three capacity figures"].probability == 5
    with sample.read() as conn:
        again = plan_import(conn, RAID_LOG)
    assert again.summary.startswith("Nothing new from raid_log.csv") and not again.preview()


def test_bad_rows_are_listed_by_row_and_column(sample: WorkshopStore, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Type,Title,Probability,Impact,Status,Review date,Concerns\n"
        "Assumption,Staff stay,3,3,Open,,\n"
        "Risk,Too likely,7,2,Open,,\n"
        "Risk,Half,2.5,lots,Pending,someday,Nowhere\n"
        "Action,,,,,,\n"
        "Risk,Too likely,1,1,,,\n", encoding="utf-8")
    with sample.read() as conn, pytest.raises(RegisterError) as refused:
        plan_import(conn, path)
    problems = [str(p) for p in refused.value.problems]
    assert "row 2, column Type: 'Assumption' is not a risk, action, issue or decision." in (
        problems)
    assert any(p.startswith("row 3, column Probability: '7' is not a grade") for p in problems)
    assert ("row 4, column Probability: '2.5' is not a grade from 1 to 5 (nor a word such as "
            "Unlikely, Likely, Moderate or Major).") in problems
    assert any(p.startswith("row 4, column Impact: ") for p in problems)
    assert "row 4, column Status: 'Pending' is not open, in progress or closed." in problems
    assert any(p.startswith("row 4, column Review date: 'someday'") for p in problems)
    assert ("row 4, column Concerns: 'Nowhere' is not an element, accountability node or "
            "governance body of this workshop.") in problems
    assert "row 5, column Title: the title is empty." in problems
    assert "row 6, column Title: the same risk is on row 3 too." in problems
