"""Small cascades for tests, written as data: elements by ref, links as "child: parent=weight"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Dependency,
    ElementType,
    InformationFlow,
    Person,
)
from bigdesk.store import WorkshopStore, create_workshop
from bigdesk.store.edits import table_of


def add_element(conn: Connection, ref: str, kind: ElementType, **values: Any) -> int:
    """Insert one element and return its id."""
    values.setdefault("title", f"Title of {ref}")
    result = conn.execute(table_of("element").insert().values(type=kind, ref=ref, **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def element_id(conn: Connection, ref: str) -> int:
    """Return the id of the element with ``ref``."""
    table = table_of("element")
    return int(conn.execute(select(table.c.id).where(table.c.ref == ref)).scalar_one())


def link(conn: Connection, parent: str, child: str, weight: float | None = None) -> None:
    """Align ``child`` to ``parent``."""
    conn.execute(insert(Alignment).values(parent_id=element_id(conn, parent),
                                          child_id=element_id(conn, child), weight=weight))


def depend(conn: Connection, dependent: str, prerequisite: str) -> None:
    """Make ``dependent`` wait on ``prerequisite``."""
    conn.execute(insert(Dependency).values(dependent_id=element_id(conn, dependent),
                                           prerequisite_id=element_id(conn, prerequisite)))


def add_node(conn: Connection, name: str, accountable_id: int | None = None) -> int:
    """Insert an accountability node and return its id."""
    result = conn.execute(insert(AccountabilityNode).values(name=name,
                                                            accountable_id=accountable_id))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def add_person(conn: Connection, name: str) -> int:
    """Insert a participant and return their id."""
    result = conn.execute(insert(Person).values(name=name))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def add_flow(conn: Connection, consumer: int, provider: int | None, information: str) -> int:
    """Insert an information flow and return its id."""
    result = conn.execute(insert(InformationFlow).values(
        consumer_id=consumer, provider_id=provider, information=information))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


@contextmanager
def workshop(tmp_path: Path, name: str = "w.bigdesk") -> Iterator[WorkshopStore]:
    """Yield a blank workshop open for editing."""
    store = create_workshop(tmp_path / name, populate_blank)
    try:
        yield store
    finally:
        store.close()
