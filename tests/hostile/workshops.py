"""Workshop files for hostile tests: the sample with its text replaced by hostile text."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Connection, Enum, String

from bigdesk.exchange.assessment_export import write_assessment
from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.framework import export_framework
from bigdesk.exchange.prioritisation_export import write_prioritisation
from bigdesk.exchange.register import export_register
from bigdesk.exchange.room_export import write_outcomes_csv, write_outcomes_xlsx
from bigdesk.model import Base
from bigdesk.store import WorkshopStore

# -- text the app reads as data rather than words: JSON snapshots, keys of kinds, the
#    file's own properties; hostile text there is another test's business
NOT_WORDS = {
    ("scenario", "weights"), ("scenario", "constraints"), ("scenario", "selection"),
    ("criterion", "anchors"), ("dependency", "kind"), ("node_dependency", "kind"),
    ("workshop", "template"), ("file_property", "key"), ("file_property", "value"),
}  # fmt: skip


def text_columns() -> list[tuple[str, str]]:
    """Return every (table, column) that holds words someone typed."""
    return [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String) and not isinstance(column.type, Enum)
        and (table.name, column.name) not in NOT_WORDS
    ]


def fill_with(path: Path, texts: Sequence[str]) -> None:
    """Replace every typed text in the workshop at ``path`` with ``texts``, in turn."""
    cycle = itertools.cycle(texts)
    conn = sqlite3.connect(path)
    try:
        with conn:
            for table, column in text_columns():
                rowids = [r[0] for r in conn.execute(f'SELECT rowid FROM "{table}"')]
                for rowid in rowids:
                    # -- a number after the hostile text keeps unique columns unique
                    conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?',
                                 (f"{next(cycle)} {rowid}", rowid))
    finally:
        conn.close()


Export = Callable[[WorkshopStore, Path], list[Path]]


def _each(write: Callable[[Connection, Path], object], suffix: str) -> Export:
    def export(store: WorkshopStore, folder: Path) -> list[Path]:
        target = folder / f"out{suffix}"
        with store.read() as conn:
            write(conn, target)
        return sorted(folder.glob(f"out*{suffix}"))

    return export


def _register(suffix: str) -> Export:
    def export(store: WorkshopStore, folder: Path) -> list[Path]:
        export_register(store, folder / f"register{suffix}", None)
        return [folder / f"register{suffix}"]

    return export


# -- every export that writes a spreadsheet, a CSV file or a deck with chart workbooks
SINKS: dict[str, Export] = {
    "register-csv": _register(".csv"),
    "register-xlsx": _register(".xlsx"),
    "assessment-csv": _each(write_assessment, ".csv"),
    "assessment-xlsx": _each(write_assessment, ".xlsx"),
    "prioritisation-csv": _each(write_prioritisation, ".csv"),
    "prioritisation-xlsx": _each(write_prioritisation, ".xlsx"),
    "outcomes-csv": _each(write_outcomes_csv, ".csv"),
    "outcomes-xlsx": _each(write_outcomes_xlsx, ".xlsx"),
    "framework-csv": _each(export_framework, ".csv"),
    "framework-xlsx": _each(export_framework, ".xlsx"),
    "deck": _each(write_deck, ".pptx"),
}
