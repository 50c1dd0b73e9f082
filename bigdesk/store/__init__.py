"""Workshop files: create, open, migrate, check, lock, back up and edit. No Qt here."""

from bigdesk.store.edits import (
    Batch,
    Changes,
    DeleteRow,
    Edit,
    InsertRow,
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
    TooNewError,
    WorkshopExistsError,
    WorkshopFileError,
    WorkshopLockedError,
)
from bigdesk.store.rows import fetch, fetch_one
from bigdesk.store.workshop_file import (
    WORKSHOP_SUFFIX,
    WorkshopStore,
    create_workshop,
    element_counts,
    integrity,
    open_workshop,
)
from bigdesk.store.workspace import Workspace

__all__ = [
    "WORKSHOP_SUFFIX",
    "Batch",
    "Changes",
    "CorruptWorkshopError",
    "DeleteRow",
    "Edit",
    "EditRejectedError",
    "InsertRow",
    "LockHolder",
    "MigrationError",
    "NotAWorkshopError",
    "ReadOnlyError",
    "SetValues",
    "TableRef",
    "TooNewError",
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
    "reorder",
    "table_name",
]
