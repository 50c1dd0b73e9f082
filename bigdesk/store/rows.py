"""Read rows of the information model as typed objects of its mapped classes.

Edits write through SQLAlchemy Core; reads that travel to services and views come back
as instances of the model's classes, detached from any session: plain typed values
(``element.title``, and ``key_result.target`` once narrowed to a ``KeyResult``).
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TypedReturnsRows

T = TypeVar("T")


def fetch(conn: Connection, statement: TypedReturnsRows[T]) -> list[T]:
    """Return the objects ``statement`` selects, in its order."""
    with Session(conn, autoflush=False) as session:
        return list(session.scalars(statement))


def fetch_one(conn: Connection, model: type[T], row_id: int) -> T | None:
    """Return the row of ``model`` with id ``row_id``, or None when it is gone."""
    with Session(conn, autoflush=False) as session:
        return session.get(model, row_id)
