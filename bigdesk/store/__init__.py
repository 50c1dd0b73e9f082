"""Workshop files: create, open, migrate, check, lock, back up and edit. No Qt here."""

from bigdesk.store.edits import Batch, Changes, DeleteRow, Edit, InsertRow, SetValues, reorder
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
from bigdesk.store.workshop_file import (
    WORKSHOP_SUFFIX,
    WorkshopStore,
    create_workshop,
    element_counts,
    integrity,
    open_workshop,
)

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
    "ReadOnlyPlaceError",
    "SetValues",
    "TooNewError",
    "UnexpectedSchemaError",
    "WorkshopExistsError",
    "WorkshopFileError",
    "WorkshopLockedError",
    "WorkshopStore",
    "create_workshop",
    "element_counts",
    "integrity",
    "open_workshop",
    "reorder",
]
