"""The BIG information model: typed SQLAlchemy tables named in the method's vocabulary."""

from bigdesk.model.base import Base, FileProperty, Versioned
from bigdesk.model.workshop import AgendaItem, Note, Person, PersonKind, Workshop

__all__ = [
    "AgendaItem",
    "Base",
    "FileProperty",
    "Note",
    "Person",
    "PersonKind",
    "Versioned",
    "Workshop",
]
