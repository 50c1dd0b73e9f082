"""``bigdesk check --json`` reports on any workshop: counts, and findings that point at rows."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, example, given, settings
from sqlalchemy import text

from bigdesk.cli import main
from bigdesk.store import open_workshop

from tests.generated import BLANK, UNTITLED_INITIATIVE, Recipe, build, workshops


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipe=workshops())
@example(recipe=BLANK)
@example(recipe=UNTITLED_INITIATIVE)
def test_check_reports_on_any_workshop(recipe: Recipe) -> None:
    with TemporaryDirectory() as name:
        path = Path(name) / "workshop.bigdesk"
        build(recipe, path).close()
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(["check", str(path), "--json"]) == 0
        report = json.loads(printed.getvalue())
        assert report["integrity"] == "ok"
        assert all(isinstance(n, int) and n >= 0 for n in report["counts"].values())
        store = open_workshop(path, read_only=True)
        try:
            with store.read() as conn:
                for finding in report["findings"]:
                    assert finding["message"].strip()
                    if finding["element"] is not None:
                        table, _, row_id = finding["element"].partition(":")
                        found = conn.execute(text(f'SELECT 1 FROM "{table}" WHERE id = :id'),
                                             {"id": int(row_id)}).first()
                        assert found is not None, f"{finding} points at no row"
        finally:
            store.close()
