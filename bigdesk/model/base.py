"""The declarative base every table of the information model derives from."""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from sqlalchemy import Enum, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# -- batch migrations on SQLite recreate tables and can only drop or alter constraints
#    that have names, so every constraint gets one from this convention
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of all mapped classes; carries the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    # -- the key under which ``bigdesk check`` counts this kind of element (None: not counted)
    count_key: ClassVar[str | None] = None
    # -- a readable name for one element of this kind, used in undo labels and messages
    noun: ClassVar[str] = "item"


class Versioned:
    """Mixin for rows that users edit: an id and a version counter.

    The counter lets a later shared-database mode detect a conflicting edit
    instead of silently losing one.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class FileProperty(Base):
    """A fact about the file itself, such as the version of BIG Desk that wrote it."""

    __tablename__ = "file_property"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(default="")


def text_enum(cls: type[enum.Enum], name: str) -> Enum:
    """Return a column type that stores ``cls`` as readable text with a CHECK constraint."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
