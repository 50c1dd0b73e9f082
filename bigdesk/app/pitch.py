"""Services of the sponsor pitch and mandate: the case, the ask, Business Support, governance.

The pitch and the mandate are one row each, started by their first edit; the
services and governance bodies are ordered tables, started from the defaults the
deck proposes (``bigdesk.analysis.mandate``) in one undoable step.
"""

from __future__ import annotations

import json
from typing import Any

from bigdesk.analysis.mandate import (
    MANDATE_ID,
    MANDATE_PARTS,
    PITCH_PARTS,
    agreed_parts,
    default_bodies,
    default_services,
    mandate,
    recorded_bodies,
    recorded_services,
)
from bigdesk.analysis.room import PITCH_ID, concerns_draft, sponsor_pitch
from bigdesk.app.tables import OrderedTable
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import field_of
from bigdesk.model import GovernanceBody, Mandate, MandateVersion, SponsorPitch, SupportService
from bigdesk.store import Batch, DeleteRow, InsertRow, SetValues, Workspace

SERVICES = OrderedTable(SupportService)
GOVERNANCE = OrderedTable(GovernanceBody)


def save_pitch(workspace: Workspace, column: str, value: Any, label: str) -> None:
    """Change one part of the sponsor pitch, starting it (with the concerns draft) if need be."""
    if column not in PITCH_PARTS:
        raise EditRejectedError(f"The sponsor pitch has no part called {column!r}.")
    value = field_of(SponsorPitch, column).clean(value)
    with workspace.read() as conn:
        pitch = sponsor_pitch(conn)
        draft = concerns_draft(conn) if pitch is None else ""
    if pitch is None:
        values = {"executive_concerns": draft, column: value, "id": PITCH_ID}
        workspace.do(InsertRow(SponsorPitch, values, label))
    elif getattr(pitch, column) != value:
        workspace.do(SetValues(SponsorPitch, PITCH_ID, {column: value}, label))


def save_mandate(workspace: Workspace, column: str, value: Any, label: str) -> None:
    """Change one part of the PMO mandate, starting it if need be."""
    if column not in MANDATE_PARTS:
        raise EditRejectedError(f"The PMO mandate has no part called {column!r}.")
    value = field_of(Mandate, column).clean(value)
    with workspace.read() as conn:
        current = mandate(conn)
    if current is None:
        workspace.do(InsertRow(Mandate, {column: value, "id": MANDATE_ID}, label))
    elif getattr(current, column) != value:
        workspace.do(SetValues(Mandate, MANDATE_ID, {column: value}, label))


def start_services(workspace: Workspace) -> int:
    """Record the method's services with their suggested scope, as one edit; return how many."""
    with workspace.read() as conn:
        if recorded_services(conn):
            raise EditRejectedError("Business Support's services are recorded already.")
        proposed = default_services(conn)
    label = "Start from the method's services"
    workspace.do(Batch(tuple(
        InsertRow(SupportService, {"position": n, "name": s.name, "scope": s.scope,
                                   "note": s.note}, label)
        for n, s in enumerate(proposed)), label))
    return len(proposed)


def start_governance(workspace: Workspace) -> int:
    """Record the proposed governance bodies, as one edit; return how many."""
    with workspace.read() as conn:
        if recorded_bodies(conn):
            raise EditRejectedError("The governance model's bodies are recorded already.")
        proposed = default_bodies(conn)
    label = "Start the governance model"
    workspace.do(Batch(tuple(
        InsertRow(GovernanceBody, {"position": n, "name": b.name, "cadence": b.cadence,
                                   "remit": b.remit}, label)
        for n, b in enumerate(proposed)), label))
    return len(proposed)


def record_agreed_version(workspace: Workspace, agreed_on: Any, agreed_by: str) -> int:
    """Keep the pitch and mandate as they stand as the version agreed on a day, by someone."""
    day = field_of(MandateVersion, "agreed_on").clean(agreed_on)
    who = field_of(MandateVersion, "agreed_by").clean(agreed_by)
    if not who:
        raise EditRejectedError("Say who agreed this version of the mandate.")
    with workspace.read() as conn:
        content = json.dumps(agreed_parts(conn), ensure_ascii=False)
    inverse = workspace.do(InsertRow(MandateVersion, {"agreed_on": day, "agreed_by": who,
                                                      "content": content},
                                     "Record the agreed mandate"))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id
