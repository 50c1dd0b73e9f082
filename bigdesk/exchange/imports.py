"""Every kind of file an import takes, told apart by its suffix and, for tables, its header.

``bigdesk import`` and the app's Import both call ``plan_import``: it reads the file,
checks it whole and returns the one edit that brings it in, with a summary and a
preview of what it adds and changes. Nothing is written until the caller applies the
edit. To add a format, add one ``ImportFormat`` to ``FORMATS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection

from bigdesk.store import Edit


class PlannedImport(Protocol):
    """A checked import, ready to apply as one edit."""

    @property
    def edit(self) -> Edit:
        """Return the one edit that brings the file in."""

    @property
    def summary(self) -> str:
        """Return the line that reports the import."""

    def preview(self) -> list[str]:
        """Return one line per thing the import adds or changes."""


@dataclass(frozen=True)
class ImportFormat:
    """One kind of file: its suffixes, how to recognise it, and the function that plans it.

    ``plan`` is "module:function", imported only when a file of this kind comes in. A
    tabular format is called as function(conn, table) once ``recognise(headers)`` is
    true; any other as function(conn, path).
    """

    name: str
    suffixes: tuple[str, ...]
    plan: str
    recognise: Callable[[Sequence[str]], bool] | None = None

    @property
    def tabular(self) -> bool:
        """Return whether the format is a table (CSV, TXT or XLSX) read before planning."""
        return self.recognise is not None

    def planner(self) -> Callable[[Connection, Any], PlannedImport]:
        """Return the function that plans an import of this format."""
        module, _, name = self.plan.partition(":")
        function: Callable[[Connection, Any], PlannedImport] = getattr(
            importlib.import_module(module), name)
        return function


TABLES = (".csv", ".txt", ".xlsx")


def _explorer(headers: Sequence[str]) -> bool:
    from bigdesk.exchange.vivagoals import looks_like_explorer

    return looks_like_explorer(headers)


def _check_ins(headers: Sequence[str]) -> bool:
    from bigdesk.exchange.checkins import looks_like_check_ins

    return looks_like_check_ins(headers)


# -- tabular formats in the order they are tried; the register, last, takes any table
FORMATS: tuple[ImportFormat, ...] = (
    ImportFormat("check-ins", TABLES, "bigdesk.exchange.checkins:plan_check_in_table",
                 _check_ins),
    ImportFormat("Viva Goals explorer export", TABLES,
                 "bigdesk.exchange.vivagoals:plan_explorer_table", _explorer),
    ImportFormat("cascade register", TABLES, "bigdesk.exchange.register:plan_register_table",
                 lambda headers: True),
    ImportFormat("Viva Goals full-data export", (".zip",),
                 "bigdesk.exchange.vivagoals:plan_vivagoals_zip"),
)  # fmt: skip
SUFFIXES = tuple(sorted({suffix for f in FORMATS for suffix in f.suffixes}))


def plan_import(conn: Connection, path: Path) -> PlannedImport:
    """Read ``path``, check it against the workshop behind ``conn``, and return the plan.

    Raises ValueError (a RegisterError lists every problem by row and column) when the
    file cannot be brought in; nothing is changed then.
    """
    suffix = path.suffix.lower()
    candidates = [f for f in FORMATS if suffix in f.suffixes]
    if not candidates:
        raise ValueError(f"{path.name}: cannot import {suffix or 'this'} files "
                         f"(choose {', '.join(SUFFIXES)}).")
    if not candidates[0].tabular:
        return candidates[0].planner()(conn, path)
    from bigdesk.exchange.tabular import read_table

    table = read_table(path)
    chosen = next(f for f in candidates if f.recognise and f.recognise(table.headers))
    return chosen.planner()(conn, table)
