"""Workshops in files or on a server: create, open, migrate, check, lock, back up and edit.

No Qt here.
"""

from bigdesk.store.edits import (
    Batch,
    Changes,
    DeleteRow,
    DeleteRows,
    Edit,
    InsertRow,
    InsertRows,
    SetRows,
    SetValues,
    TableRef,
    reorder,
    table_name,
)
from bigdesk.store.errors import (
    CorruptWorkshopError,
    EditRejectedError,
    LockHolder,
    MigrationError,
    NotAWorkshopError,
    ReadOnlyError,
    ReadOnlyPlaceError,
    TooNewError,
    UnexpectedSchemaError,
    WorkshopExistsError,
    WorkshopFileError,
    WorkshopLockedError,
)
from bigdesk.store.opened import OpenWorkshop
from bigdesk.store.places import Place, create_workshop, open_workshop, place_of
from bigdesk.store.rows import fetch, fetch_one
from bigdesk.store.server.address import ServerLocation
from bigdesk.store.workshop_file import (
    WORKSHOP_SUFFIX,
    WorkshopStore,
    element_counts,
    integrity,
)
from bigdesk.store.workspace import Workspace

__all__ = [
    "WORKSHOP_SUFFIX",
    "Batch",
    "Changes",
    "CorruptWorkshopError",
    "DeleteRow",
    "DeleteRows",
    "Edit",
    "EditRejectedError",
    "InsertRow",
    "InsertRows",
    "LockHolder",
    "MigrationError",
    "NotAWorkshopError",
    "OpenWorkshop",
    "Place",
    "ReadOnlyError",
    "ReadOnlyPlaceError",
    "ServerLocation",
    "SetRows",
    "SetValues",
    "TableRef",
    "TooNewError",
    "UnexpectedSchemaError",
    "WorkshopExistsError",
    "WorkshopFileError",
    "WorkshopLockedError",
    "WorkshopStore",
    "Workspace",
    "create_workshop",
    "element_counts",
    "fetch",
    "fetch_one",
    "integrity",
    "open_workshop",
    "place_of",
    "reorder",
    "table_name",
]
