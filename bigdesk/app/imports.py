"""Bringing a file into the open workshop: plan it, let the user see it, apply it as one step."""

from __future__ import annotations

from pathlib import Path

from bigdesk.exchange.imports import PlannedImport, plan_import
from bigdesk.exchange.project_list import ColumnMapping
from bigdesk.store import Workspace


def plan(workspace: Workspace, path: Path, mapping: ColumnMapping | None = None
         ) -> PlannedImport:  # fmt: skip
    """Read and check ``path`` (a table through ``mapping`` when given) against the workshop;
    raise ValueError listing what is wrong."""
    with workspace.read() as conn:
        return plan_import(conn, path, mapping)


def apply(workspace: Workspace, planned: PlannedImport) -> None:
    """Apply a planned import as one undoable step (plan it again if anything else changed)."""
    workspace.do(planned.edit)
