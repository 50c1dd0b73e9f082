"""The document library as people read it: what each document supports, and what it can."""

from __future__ import annotations

from sqlalchemy import Connection, select

from bigdesk.analysis.people import person_labels
from bigdesk.model import (
    AccountabilityNode,
    Base,
    Consensus,
    Dimension,
    Document,
    Element,
    RaidItem,
    Score,
)
from bigdesk.store import fetch

# -- what a document can support, and the column of ``Document`` that points at it
TARGET_COLUMNS: dict[type[Base], str] = {
    Element: "element_id", AccountabilityNode: "node_id", RaidItem: "raid_item_id",
    Score: "score_id", Consensus: "consensus_id"}  # fmt: skip
Target = tuple[type[Base], int] | None
# -- what ``bigdesk attach --to`` calls the workshop itself, and the prefixes it knows
WORKSHOP_REF = "workshop"
REF_PREFIXES: dict[str, type[Base]] = {"node": AccountabilityNode, "raid": RaidItem,
                                       "consensus": Consensus, "score": Score}
WORKSHOP = "The workshop"


def targets(conn: Connection, anonymous: bool = False) -> list[tuple[Target, str]]:
    """Return everything a document can support, as people read it, the workshop first."""
    found: list[tuple[Target, str]] = [(None, WORKSHOP)]
    for i, ref, title in conn.execute(select(Element.id, Element.ref, Element.title)
                                      .order_by(Element.position, Element.id)):  # fmt: skip
        found.append(((Element, i), " ".join(filter(None, (ref, title))) or "(untitled)"))
    for i, name in conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)
                                .order_by(AccountabilityNode.position, AccountabilityNode.id)):
        found.append(((AccountabilityNode, i), f"Node: {name or '(unnamed)'}"))
    for item in fetch(conn, select(RaidItem).order_by(RaidItem.position, RaidItem.id)):
        found.append(((RaidItem, item.id),
                      f"RAID {item.kind.value}: {item.title or '(untitled)'}"))
    dimensions = dict(conn.execute(select(Dimension.id, Dimension.name)).all())
    for consensus in fetch(conn, select(Consensus).order_by(Consensus.dimension_id)):
        found.append(((Consensus, consensus.id),
                      f"Consensus: {dimensions.get(consensus.dimension_id, '')}"))
    people = person_labels(conn, anonymous)
    for score in fetch(conn, select(Score).order_by(Score.dimension_id, Score.person_id)):
        found.append(((Score, score.id), f"Score: {dimensions.get(score.dimension_id, '')}, "
                                           f"{people.get(score.person_id, '')}"))
    return found


def target_of(document: Document) -> Target:
    """Return what a document supports (None: the workshop itself)."""
    for kind, column in TARGET_COLUMNS.items():
        value = getattr(document, column)
        if value is not None:
            return kind, value
    return None


def library(conn: Connection, shareable: bool = False) -> list[Document]:
    """Return the documents in their order; with ``shareable``, only those that may leave."""
    query = select(Document).order_by(Document.position, Document.id)
    if shareable:
        query = query.where(Document.private.is_(False))
    return fetch(conn, query)
