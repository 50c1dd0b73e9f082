"""Every export of every kind of workshop writes a file that opens again."""

from __future__ import annotations

import argparse
import csv
import importlib
import json
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from openpyxl import load_workbook

from bigdesk.cli import EXPORTS

from tests.exchange.deck_checks import check_deck
from tests.generated import BLANK, UNTITLED_INITIATIVE, Recipe, build, workshops

# -- each export of the command line with every kind of file it writes
SUFFIXES = {"--assessment": (".csv", ".xlsx"), "--framework": (".json", ".csv", ".xlsx"),
            "--register": (".csv", ".xlsx"), "--checkins": (".csv", ".xlsx"),
            "--xlsx": (".xlsx",), "--csv": (".csv",),
            "--prioritisation": (".xlsx", ".csv"), "--deck": (".pptx",)}  # fmt: skip


def _function(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _reopen(path: Path) -> None:
    """Read a written file back with the library its readers use."""
    if path.suffix == ".pptx":
        check_deck(path)
    elif path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        try:
            assert book.sheetnames
            for sheet in book.worksheets:
                assert next(sheet.iter_rows(values_only=True))
        finally:
            book.close()
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            assert next(csv.reader(handle))
    else:
        json.loads(path.read_text(encoding="utf-8"))


def test_every_export_of_the_command_line_is_covered() -> None:
    assert set(SUFFIXES) == {option for option, _, _ in EXPORTS}


# -- any character may be typed; a chart shows one its font lacks as a box, which is no error
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipe=workshops(), anonymous=...)
@example(recipe=BLANK, anonymous=False)
@example(recipe=UNTITLED_INITIATIVE, anonymous=True)
def test_every_export_writes_a_file_that_opens(recipe: Recipe, anonymous: bool) -> None:
    args = argparse.Namespace(anonymous=anonymous, template=None, no_notes=False)
    with TemporaryDirectory() as name:
        folder = Path(name)
        store = build(recipe, folder / "workshop.bigdesk")
        try:
            for option, _, target in EXPORTS:
                export = _function(target)
                for suffix in SUFFIXES[option]:
                    out = folder / "out" / f"{option.lstrip('-')}{suffix}"
                    out.parent.mkdir(exist_ok=True)
                    export(store, out, args)
                    # -- the CSV outcomes and results are one file per table, beside ``out``
                    written = sorted(out.parent.glob(f"{out.stem}*{suffix}"))
                    assert written, f"{option} wrote no {suffix} file"
                    for path in written:
                        _reopen(path)
                        path.unlink()
        finally:
            store.close()
