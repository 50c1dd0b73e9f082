"""Workshop templates: the shipped ones load, bad files say what is wrong, saved ones list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bigdesk.analysis.room import table_groups
from bigdesk.app import prepare
from bigdesk.exchange.templates import (
    TemplateError,
    available_templates,
    find_template,
    load_template,
    parse_template,
    populate_from,
    save_template,
    template_from_workshop,
    user_dir,
)
from bigdesk.store import create_workshop, open_workshop

from tests.helpers import run_bigdesk

SHIPPED = {"first-steps", "connecting-pmo", "assessment-only", "pmo-mandate"}


def _good() -> dict[str, Any]:
    return {
        "format": 1, "key": "my-session", "name": "My session", "steps": ["prepare", "room"],
        "agenda": [{"title": "Opening", "minutes": 10, "step": "capture", "question": "Why?"}],
        "table_groups": [{"name": "Table A", "question": "What?"}],
    }  # fmt: skip


def test_the_shipped_templates_load_and_validate() -> None:
    templates, problems = available_templates()
    assert problems == []
    by_key = {t.key: t for t in templates}
    assert set(by_key) >= SHIPPED
    first = by_key["first-steps"]
    assert 120 <= first.total_minutes <= 180
    assert "deck" in first.steps
    pmo = by_key["connecting-pmo"]
    assert len(pmo.table_groups) == 3 and all(g.question for g in pmo.table_groups)
    # -- a few minutes to prepare, a quarter of an hour to discuss, a play-back and a close
    minutes = [b.minutes for b in pmo.agenda]
    assert 15 in minutes and any(m <= 5 for m in minutes)
    assert any("play-back" in b.title.lower() for b in pmo.agenda)
    assert by_key["pmo-mandate"].participants is False
    assert {b.step for b in by_key["assessment-only"].agenda} >= {"assess"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("name"), "'name' is missing"),
        (lambda d: d.update(format=2), "format 2 is not known"),
        (lambda d: d.update(key="My Session"), "'key' must be lower-case"),
        (lambda d: d["agenda"][0].update(minutes="ten"), "agenda block 1: 'minutes' must be"),
        (lambda d: d["agenda"][0].update(minutes=True), "agenda block 1: 'minutes' must be"),
        (lambda d: d["agenda"][0].update(minutes=2000), "'minutes' must be from 0 to 1440"),
        (lambda d: d["agenda"][0].update(step="dance"), "cannot open 'dance'"),
        (lambda d: d["agenda"][0].update(step="assess"), "opens 'assess', which 'steps'"),
        (lambda d: d.update(agenda=[]), "needs at least one block"),
        (lambda d: d["table_groups"][0].pop("name"), "table group 1: the field 'name'"),
        (lambda d: d.update(steps=["prepare", "juggle"]), "step 'juggle' is not known"),
    ],
)
def test_a_bad_template_says_where_the_problem_is(change: Any, message: str) -> None:
    data = _good()
    change(data)
    with pytest.raises(TemplateError, match=r"bad\.json") as caught:
        parse_template(data, "bad.json")
    assert message in str(caught.value)


def test_a_file_that_is_not_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": 1,\n "key": }', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"broken\.json: line 2, column"):
        load_template(path)


def test_a_bad_user_template_is_skipped_with_its_reason() -> None:
    user_dir().mkdir(parents=True, exist_ok=True)
    (user_dir() / "mine.json").write_text(json.dumps({**_good(), "format": 7}), "utf-8")
    templates, problems = available_templates()
    assert {t.key for t in templates} >= SHIPPED
    assert len(problems) == 1 and "mine.json: format 7" in str(problems[0])
    with pytest.raises(TemplateError, match="There is no template called 'my-session'"):
        find_template("my-session")


def test_a_workshop_from_a_template_and_its_agenda_saved_back(tmp_path: Path) -> None:
    template = find_template("connecting-pmo")
    store = create_workshop(tmp_path / "w.bigdesk", populate_from(template))
    try:
        with store.read() as conn:
            details = prepare.workshop(conn)
            agenda = prepare.AGENDA.rows(conn)
            groups = table_groups(conn)
            saved = template_from_workshop(conn, "Our own session", "Tuesday version")
    finally:
        store.close()
    assert details.template == "connecting-pmo"
    assert details.title == template.name
    assert [a.title for a in agenda] == [b.title for b in template.agenda]
    assert [a.question for a in agenda] == [b.question for b in template.agenda]
    assert [g.name for g in groups] == [g.name for g in template.table_groups]

    path = save_template(saved)
    assert path.parent == user_dir() and path.name == "our-own-session.json"
    again = save_template(saved)
    assert again.name == "our-own-session-2.json"
    mine = find_template("our-own-session")
    assert not mine.shipped and mine.description == "Tuesday version"
    assert [b.title for b in mine.agenda] == [b.title for b in template.agenda]
    assert [g.question for g in mine.table_groups] == [g.question for g in template.table_groups]


def test_new_from_a_template_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "first.bigdesk"
    result = run_bigdesk("new", path, "--template", "first-steps")
    assert result.returncode == 0, result.stderr
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            assert prepare.workshop(conn).template == "first-steps"
            assert len(prepare.AGENDA.rows(conn)) == len(
                find_template("first-steps").agenda
            )
    finally:
        store.close()
    unknown = run_bigdesk("new", tmp_path / "x.bigdesk", "--template", "nope")
    assert unknown.returncode == 2
    assert "no template called 'nope'" in unknown.stderr and "first-steps" in unknown.stderr
    assert not (tmp_path / "x.bigdesk").exists()
