"""The cascade register: import, export, the round trip and every refusal."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, select

from bigdesk.analysis.cascade_health import CODES
from bigdesk.domain.values import parse_date, parse_number
from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.register import COLUMNS, export_register, register_rows
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.exchange.sample_cascade import ELEMENTS
from bigdesk.exchange.tabular import TableFileError
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Dependency,
    Dimension,
    ElementType,
    Period,
    Person,
    PersonKind,
)
from bigdesk.model.cascade import Element
from bigdesk.store import WorkshopStore, create_workshop, element_counts

from tests.helpers import run_bigdesk

# -- the columns of the first register, in their order: headers may come in any order
HEADER = ("id,type,title,parents,node,owner,metric,unit,baseline,target,current,due,progress,"
          "status,period,kind,portfolio,budget,effort,description")


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    """The sample workshop."""
    opened = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield opened
    opened.close()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def apply(store: WorkshopStore, path: Path) -> str:
    with store.read() as conn:
        planned = plan_import(conn, path)
    store.apply(planned.edit)
    return planned.summary


def refused(store: WorkshopStore, path: Path) -> list[str]:
    """Return the problems listed when ``path`` is refused; check nothing was changed."""
    with store.read() as conn:
        before = element_counts(conn)
        with pytest.raises(RegisterError) as caught:
            plan_import(conn, path)
        assert element_counts(conn) == before
    return [str(problem) for problem in caught.value.problems]


def cascade(conn: Connection) -> tuple[set[tuple[object, ...]], set[tuple[str, str, object]]]:
    """Return the cascade as comparable sets: elements by ref, links by refs."""
    table = Element.__table__
    skip = {"id", "version", "position", "node_id", "owner_id", "period_id",
            "closes_dimension_id"}  # fmt: skip
    rows = conn.execute(select(table)).mappings().all()
    refs = {row["id"]: row["ref"] for row in rows}
    nodes = dict(conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)).all())
    people = dict(conn.execute(select(Person.id, Person.name)).all())
    periods = dict(conn.execute(select(Period.id, Period.name)).all())
    capabilities = dict(conn.execute(select(Dimension.id, Dimension.key)).all())
    elements = {
        (*(row[c] for c in sorted(row.keys()) if c not in skip), nodes.get(row["node_id"]),
         people.get(row["owner_id"]), periods.get(row["period_id"]),
         capabilities.get(row["closes_dimension_id"]))
        for row in rows
    }  # fmt: skip
    links = {(refs[p], refs[c], w) for p, c, w in conn.execute(
        select(Alignment.parent_id, Alignment.child_id, Alignment.weight))}
    links |= {(refs[p], refs[d], k) for p, d, k in conn.execute(
        select(Dependency.prerequisite_id, Dependency.dependent_id, Dependency.kind))}
    return elements, links


# ---------------------------------------------------------------- the round trip


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_import_of_an_export_gives_back_the_same_cascade(
    sample: WorkshopStore, store: WorkshopStore, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"register{suffix}"
    export_register(sample, out, None)
    summary = apply(store, out)
    assert summary.startswith(f"Imported {len(ELEMENTS)} elements from register")
    with sample.read() as before, store.read() as after:
        assert cascade(after) == cascade(before)
        assert list(register_rows(after)) == list(register_rows(before))
        # -- the sample has all of them, so the round trip proves they travel
        exported = list(register_rows(before))
        for column in ("depends_on", "start", "end", "closes"):
            assert any(row[COLUMNS.index(column)] for row in exported), column


def test_round_trip_keeps_formulas_as_text_and_non_ascii(
    store: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "in.csv", HEADER + "\n"
        "P1,purpose,=HYPERLINK(\"http://x\"),,Dépôt Zürich,Zoë Ångström,,,,,,,,,,,,,,"
        "\"+44 is a phone\"\n"
        "O1,objective,@risk – “quoted” ✓,P1=100,,,,,,,,,,-,,,,,,\n")  # fmt: skip
    apply(store, source)
    out = tmp_path / "out.csv"
    export_register(store, out, None)
    raw = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw and "'@risk" in raw and "'+44" in raw
    fresh = create_workshop(tmp_path / "again.bigdesk", populate_blank)
    try:
        apply(fresh, out)
        with store.read() as a, fresh.read() as b:
            assert cascade(a) == cascade(b)
            titles = set(b.execute(select(Element.title)).scalars())
        assert titles == {'=HYPERLINK("http://x")', "@risk – “quoted” ✓"}
    finally:
        fresh.close()


def test_weights_and_multiple_parents(store: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "w.csv", "id,type,title,parents\n"
                   "P1,purpose,Purpose,\nO1,objective,One,P1\nO2,objective,Two,P1\n"
                   "K1,key_result,Shared,O1=60; O2 = 25.5%\n")  # fmt: skip
    summary = apply(store, source)
    assert "4 alignment links" in summary
    with store.read() as conn:
        assert cascade(conn)[1] == {("P1", "O1", None), ("P1", "O2", None),
                                    ("O1", "K1", 60.0), ("O2", "K1", 25.5)}


# ---------------------------------------------------------------- reading files


ROWS = [
    ["id", "type", "title", "parents", "baseline", "budget", "due"],
    ["P1", "purpose", "Purpose ünïcode", "", "", "", ""],
    ["O1", "objective", "Aim", "P1", "", "", ""],
    ["K1", "key_result", "Measure", "O1", "1,5", "", "31/03/2027"],
    ["I1", "initiative", "Work", "K1", "", "1 250 000", "2027-03-31"],
]


def _csv(delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(ROWS)
    return buffer.getvalue()


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", "\t"),
])  # fmt: skip
def test_encodings_and_delimiters(
    store: WorkshopStore, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    source = write(tmp_path / "r.csv", _csv(delimiter), encoding)
    apply(store, source)
    with store.read() as conn:
        rows = {r.ref: r for r in conn.execute(select(Element.__table__))}
    assert rows["P1"].title == "Purpose ünïcode"
    assert rows["K1"].baseline == 1.5 and str(rows["K1"].due) == "2027-03-31"
    assert rows["I1"].budget == 1_250_000 and str(rows["I1"].due) == "2027-03-31"


def test_headers_in_any_case_and_order_and_unknown_columns(
    store: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "r.csv", "Title,Colour,TYPE,Id,Node,Owner,Period,Kind,Portfolio\n"
                   "Electrify,green,Initiative,I9,Fleet Programme,amara okafor,FY26Q4,"
                   "Programme,Transform\n")  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(Person.__table__.insert().values(name="Amara Okafor", position=0,
                                                      kind=PersonKind.PARTICIPANT))
    summary = apply(store, source)
    assert "Warning: ignored unknown column: Colour." in summary
    assert "1 new accountability node" in summary and "1 new period" in summary
    assert "new person" not in summary  # -- matched by name, whatever the case
    with store.read() as conn:
        row = conn.execute(select(Element.__table__)).mappings().one()
        assert row["initiative_kind"].value == "programme"
        assert row["portfolio"].value == "transform"
        owner = conn.execute(select(Person.name).where(Person.id == row["owner_id"])).scalar()
    assert owner == "Amara Okafor"


def test_owners_not_in_the_workshop_become_stakeholders(
    store: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "r.csv", "id,type,title,owner\nP1,purpose,P,Jo Bloggs\n"
                   "P2,purpose,Q,jo  bloggs\n")  # fmt: skip
    assert "1 new person" in apply(store, source)
    with store.read() as conn:
        kinds = conn.execute(select(Person.kind).where(Person.name == "Jo Bloggs")).scalars()
        assert list(kinds) == [PersonKind.STAKEHOLDER]


def test_import_after_existing_elements_links_to_them(
    sample: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "more.csv", "id,type,title,parents\n"
                   "I20,initiative,Depot solar roofs,KR2.2=50;O2\n")  # fmt: skip
    apply(sample, source)
    with sample.read() as conn:
        assert {("KR2.2", "I20", 50.0), ("O2", "I20", None)} <= cascade(conn)[1]


# ---------------------------------------------------------------- refusals


def test_every_problem_is_listed_with_row_and_column(
    store: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "bad.csv", HEADER + "\n"
        "P1,purpose,Purpose,,,,,,,,,,,,,,,,,\n"
        "P1,purpose,Again,,,,,,,,,,,,,,,,,\n"
        "O1,objective,Objective,P9,,,,,,,,,,,,,,,,\n"
        "K1,key_result,KR,O1=heavy,,,metric,%,lots,10,,someday,120,,,,,,,\n"
        "I1,initiative,Init,K1,,,,,,,,,,,,megaproject,sideways,-5,,\n"
        "O2,objective,Metric on objective,P1,,,wrong,,,,,,,,,opportunity,,,,\n"
        "X1,mission,Unknown type,,,,,,,,,,,,,,,,,\n"
        ",objective,No id,,,,,,,,,,,,,,,,,\n"
        "O3,objective,,P1,,,,,,,,,,,,,,,,\n")  # fmt: skip
    problems = refused(store, source)
    expected = [
        "row 3, column id: the id 'P1' is used twice (also on row 2).",
        "row 4, column parents: the parent 'P9' is neither in the file nor in the workshop.",
        "row 5, column parents: the weight 'heavy' of 'O1' is not a number.",
        "row 5, column baseline: 'lots' is not a number.",
        "row 5, column due: 'someday' is not a date (write 2027-03-31 or 31/03/2027).",
        "row 5, column progress: Progress 120 is outside 0 to 100.",
        "row 6, column kind: 'megaproject' is not an initiative kind "
        "(choose project, programme, bau).",
        "row 6, column portfolio: 'sideways' is not a run, grow or transform "
        "(choose run, grow, transform).",
        "row 6, column budget: Budget -5 is below 0.",
        "row 7, column metric: Metric applies only to key results and benefits, not to an "
        "objective.",
        "row 7, column kind: Kind does not apply to an objective.",
        "row 8, column type: 'mission' is not a type of element "
        "(choose purpose, vision, driver, objective, key_result, initiative, benefit).",
        "row 9, column id: the id is empty.",
        "row 10, column title: the title is empty.",
    ]
    for line in expected:
        assert line in problems
    assert len(problems) == len(expected)


def test_a_cycle_is_refused_naming_its_rows(store: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "loop.csv", "id,type,title,parents\n"
                   "O1,objective,A,O2\nO2,objective,B,O1\nI1,initiative,C,O2\n")  # fmt: skip
    assert refused(store, source) == [
        "row 2, column parents: the links go round in a circle: O1 → O2 → O1 (rows 2, 3)."
    ]


def test_a_dependency_loop_is_refused(store: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "loop.csv", "id,type,title,depends_on\n"
                   "I1,initiative,A,I2\nI2,initiative,B,I1:start-to-start\n")  # fmt: skip
    assert refused(store, source) == [
        "row 2, column depends_on: the dependencies go round in a circle: I1 → I2 → I1 "
        "(rows 2, 3)."
    ]


@pytest.mark.parametrize(("rows", "problem"), [
    ("P1,purpose,P,\nI1,initiative,I,\nP2,purpose,Under work,I1\n",
     "row 4, column parents: A purpose cannot sit under an initiative; only initiatives and "
     "benefits can. "
     "('P2' under 'I1')"),
    ("O1,objective,O,\nK1,key_result,K,O1\nO2,objective,Under a measure,K1\n",
     "row 4, column parents: An objective cannot sit under a key result; only initiatives "
     "can. ('O2' under 'K1')"),
    ("P1,purpose,P,\nK1,key_result,Straight under a purpose,P1\n",
     "row 3, column parents: A key result cannot sit under a purpose; only visions, business "
     "drivers and objectives can. ('K1' under 'P1')"),
])  # fmt: skip
def test_the_cascade_rules_refuse_a_kind_under_the_wrong_kind(
    store: WorkshopStore, tmp_path: Path, rows: str, problem: str
) -> None:
    source = write(tmp_path / "rules.csv", "id,type,title,parents\n" + rows)
    assert refused(store, source) == [problem]


def test_an_element_already_in_the_workshop_is_updated(
    sample: WorkshopStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "update.csv", "id,type,title,parents,target,depends_on\n"
                   "KR1.1,key_result,Raise on-time delivery to 97%,O1=100,97,\n"
                   "I20,initiative,Depot solar roofs,KR1.1,,I1\n")  # fmt: skip
    with sample.read() as conn:
        before = element_counts(conn)
        planned = plan_import(conn, source)
    assert planned.added == ("I20 initiative “Depot solar roofs”",)
    fields = {(c.ref, c.field) for c in planned.changed}
    assert ("KR1.1", "title") in fields and ("KR1.1", "target") in fields
    sample.apply(planned.edit)
    with sample.read() as conn:
        assert element_counts(conn)["initiatives"] == before["initiatives"] + 1
        assert element_counts(conn)["key_results"] == before["key_results"]
        kr = conn.execute(select(Element.__table__).where(Element.ref == "KR1.1")).one()
        assert kr.target == 97
    # -- the same file again changes nothing and says so
    with sample.read() as conn:
        again = plan_import(conn, source)
    assert again.preview() == [] and set(again.unchanged) == {"KR1.1", "I20"}


def test_a_type_change_by_import_is_refused(sample: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "retype.csv", "id,type,title\nO1,initiative,Now work\n")
    assert refused(sample, source) == [
        "row 2, column type: 'O1' is an objective in this workshop, not an initiative; change "
        "its type in the app first."
    ]


def test_missing_and_repeated_columns(store: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "cols.csv", "id,title,Title,owner\nP1,Purpose,Again,Ann\n")
    assert refused(store, source) == [
        "row 1: the file has no type column (the register needs id, type, title; it found "
        "id, title, Title, owner).",
        "row 1, column Title: the column 'Title' appears twice.",
    ]


def test_a_wrong_encoding_is_refused_with_its_line(store: WorkshopStore, tmp_path: Path) -> None:
    source = write(tmp_path / "latin.csv", "id,type,title\nP1,purpose,Caf\xe9 culture\n",
                   "latin-1")
    with store.read() as conn, pytest.raises(TableFileError, match="line 2 is not valid UTF-8"):
        plan_import(conn, source)


def test_number_and_date_parsing() -> None:
    assert parse_number("1,5") == 1.5
    assert parse_number("1,500") == 1500
    assert parse_number("£1,250,000.50") == 1_250_000.5
    assert parse_number("40 %") == 40
    assert parse_number("1\u00a0234,5") == 1234.5
    for bad in ("abc", "nan", "inf", "1,2,3"):
        with pytest.raises(ValueError):
            parse_number(bad)
    assert str(parse_date("2027-03-31T00:00:00")) == "2027-03-31"
    assert str(parse_date("31.03.2027")) == "2027-03-31"
    with pytest.raises(ValueError):
        parse_date("03/31/2027")


# ---------------------------------------------------------------- the command line


def test_command_line_export_import_and_refusal(tmp_path: Path) -> None:
    sample_path, blank_path = tmp_path / "s.bigdesk", tmp_path / "b.bigdesk"
    assert run_bigdesk("new", sample_path, "--sample").returncode == 0
    assert run_bigdesk("new", blank_path).returncode == 0
    out = tmp_path / "register.xlsx"
    exported = run_bigdesk("export", sample_path, "--register", out)
    assert exported.returncode == 0, exported.stderr
    imported = run_bigdesk("import", blank_path, out)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"Imported {len(ELEMENTS)} elements from register.xlsx")
    # -- a dry run of the same file again: nothing to add, nothing to change, nothing written
    dry = run_bigdesk("import", blank_path, out, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Dry run of register.xlsx: 0 to add, 0 to change; nothing was written."]
    edited = write(tmp_path / "edit.csv", "id,type,title,target\nKR1.1,key_result,On time,97\n"
                   "I99,initiative,New depot,\n")  # fmt: skip
    before = blank_path.read_bytes()
    dry = run_bigdesk("import", blank_path, edited, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0] == ("Dry run of edit.csv: 1 to add, 2 to change; "
                                          "nothing was written.")
    assert "  add I99 initiative “New depot”" in dry.stdout.splitlines()
    assert "  change KR1.1 target: 96 → 97" in dry.stdout.splitlines()
    assert blank_path.read_bytes() == before
    bad = write(tmp_path / "bad.csv", "id,type,title,parents\nZ1,objective,Z,NOPE\n")
    result = run_bigdesk("import", blank_path, bad)
    assert result.returncode == 2
    assert "row 2, column parents: the parent 'NOPE'" in result.stderr
    assert "nothing was changed" in result.stderr
    check = run_bigdesk("check", blank_path, "--json")
    assert json.loads(check.stdout)["counts"]["objectives"] == 6


def test_check_json_on_the_sample_lists_the_cascade_findings(tmp_path: Path) -> None:
    path = tmp_path / "sample.bigdesk"
    assert run_bigdesk("new", path, "--sample").returncode == 0
    result = run_bigdesk("check", path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    counts = report["counts"]
    assert (counts["purposes"], counts["objectives"], counts["key_results"],
            counts["initiatives"], counts["nodes"]) == (
        2, 6, 10, sum(1 for e in ELEMENTS if e[1] is ElementType.INITIATIVE), 9)  # fmt: skip
    found = {f["code"] for f in report["findings"]}
    # -- the sample's deliberate gaps
    assert {"objective-without-key-result", "initiative-unaligned", "progress-mismatch",
            "information-need-unprovided", "alignment-index"} <= found
    assert found & set(CODES) == {
        "objective-without-key-result", "key-result-without-baseline", "initiative-unaligned",
        "progress-mismatch", "node-without-objective", "information-need-unprovided",
        "alignment-index"}
    unaligned = next(f for f in report["findings"] if f["code"] == "initiative-unaligned")
    assert "Head office refurbishment" in unaligned["message"]
    assert unaligned["element"].startswith("element:")


def test_anonymous_export_shows_participants_as_labels(
    sample: WorkshopStore, tmp_path: Path
) -> None:
    out = tmp_path / "anonymous.csv"
    export_register(sample, out, argparse.Namespace(anonymous=True))
    owners = {row["owner"] for row in csv.DictReader(io.StringIO(
        out.read_text(encoding="utf-8-sig")))}
    # -- participants become P1, P2, …, stakeholders S1, S2, …: no real name leaves
    assert "Amara Okafor" not in owners and "P1" in owners
    assert "Margaret Hale" not in owners and "S1" in owners
