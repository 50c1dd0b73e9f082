"""The document library: attach files and links as evidence, save files out, remove them.

A file is kept inside the workshop file with its SHA-256, so the evidence travels with the
workshop and is checked whenever it is read out again; a link keeps only its address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Connection, func, select

from bigdesk.analysis.documents import REF_PREFIXES, TARGET_COLUMNS, WORKSHOP_REF, Target
from bigdesk.app.rows import next_position
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import field_of
from bigdesk.domain.words import a
from bigdesk.exchange.atomic import atomic_path
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_DOCUMENT_BYTES, MAX_LIBRARY_BYTES, beyond, size_text
from bigdesk.model import (
    AccountabilityNode,
    Consensus,
    Dimension,
    Document,
    DocumentContent,
    Element,
    Person,
    RaidItem,
    Score,
)
from bigdesk.store import Batch, DeleteRow, InsertRow, SetValues, Workspace

# -- addresses a link may hold: web pages (SharePoint, an intranet) and mail
LINK_SCHEMES = ("https", "http", "mailto")


class DocumentDamagedError(ValueError):
    """A file's bytes no longer match the hash kept when it was attached."""


def _values(name: str, about: str, private: bool, target: Target) -> dict[str, object]:
    values: dict[str, object] = {
        "name": field_of(Document, "name").clean(name),
        "about": field_of(Document, "about").clean(about),
        "private": bool(private),
        "added_at": dt.datetime.now().replace(microsecond=0),
    }
    if target is not None:
        kind, target_id = target
        if kind not in TARGET_COLUMNS:
            raise EditRejectedError(f"A document cannot support {a(kind.noun)}.")
        values[TARGET_COLUMNS[kind]] = target_id
    return values


def attach_file(workspace: Workspace, path: Path, target: Target = None, about: str = "",
                private: bool = False) -> int:
    """Keep the file at ``path`` in the workshop as evidence for ``target``; return its id.

    Refused (EditRejectedError, nothing written) when it is not a readable plain file, is
    larger than one document may be, or would take the library past its limit.
    """
    path = Path(path)
    try:
        data = read_incoming(path, MAX_DOCUMENT_BYTES)
    except IncomingFileError as error:
        message = str(error).replace("BIG Desk reads from one file",
                                     "BIG Desk keeps for one document")
        raise EditRejectedError(message) from None
    values = _values(path.name, about, private, target)
    with workspace.read() as conn:
        kept = int(conn.execute(select(func.coalesce(func.sum(Document.size), 0))).scalar_one())
        if kept + len(data) > MAX_LIBRARY_BYTES:
            raise EditRejectedError(
                f"{path.name} ({size_text(len(data))}) would take the workshop's documents to "
                f"{beyond(kept + len(data), MAX_LIBRARY_BYTES)} a workshop keeps; save some "
                "out and remove them, or attach a link instead.")
        document_id = int(conn.execute(select(func.max(Document.id))).scalar() or 0) + 1
        position = next_position(conn, Document)
    label = f"Attach {path.name}"
    workspace.do(Batch((
        InsertRow(Document, {"id": document_id, "position": position, "url": "",
                             "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                             **values}, label),
        InsertRow(DocumentContent, {"document_id": document_id, "data": data}, label),
    ), label))  # fmt: skip
    return document_id


def attach_link(workspace: Workspace, url: str, target: Target = None, name: str = "",
                about: str = "", private: bool = False) -> int:
    """Keep a link (a web page or a mail address) as evidence for ``target``; return its id."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES or not (parts.netloc or parts.path):
        raise EditRejectedError(f"{url[:60]!r} is not a link BIG Desk keeps (start it with "
                                "https://, http:// or mailto:).")  # fmt: skip
    limit = field_of(Document, "name").max_length or 255
    if len(url) > 2000:
        raise EditRejectedError("The link is longer than 2,000 characters.")
    shown = name.strip() or (re.sub(r"[?#].*$", "", url).rstrip("/").rsplit("/", 1)[-1]
                             or url)[:limit]  # fmt: skip
    values = _values(shown, about, private, target)
    with workspace.read() as conn:
        position = next_position(conn, Document)
    inverse = workspace.do(InsertRow(Document, {"position": position, "url": url, "sha256": "",
                                                "size": 0, **values}, f"Attach {shown}"))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def change_document(workspace: Workspace, document_id: int, key: str, value: object) -> None:
    """Change a document's name, what it supports in words, or whether it is private."""
    clean = field_of(Document, key).clean(value)
    workspace.do(SetValues(Document, document_id, {key: clean}, "Change document"))


def remove_document(workspace: Workspace, document_id: int) -> None:
    """Remove a document and the file kept with it (Undo brings both back)."""
    workspace.do(DeleteRow(Document, document_id, "Remove document"))


def document_bytes(conn: Connection, document_id: int) -> bytes:
    """Return an attached file's bytes once they match the hash kept with them."""
    document = conn.execute(select(Document.name, Document.sha256, Document.url)
                            .where(Document.id == document_id)).first()  # fmt: skip
    if document is None:
        raise EditRejectedError("That document no longer exists.")
    if document.url:
        raise EditRejectedError(f"{document.name} is a link; open it instead.")
    data = conn.execute(select(DocumentContent.data)
                        .where(DocumentContent.document_id == document_id)).scalar()
    if data is None or hashlib.sha256(data).hexdigest() != document.sha256:
        raise DocumentDamagedError(f"{document.name} is damaged in this workshop file: its "
                                   "bytes no longer match the hash kept when it was attached.")
    return bytes(data)


def save_document(workspace: Workspace, document_id: int, out: Path) -> Path:
    """Write an attached file out to ``out`` (atomically) and return the path written."""
    with workspace.read() as conn:
        data = document_bytes(conn, document_id)
    with atomic_path(Path(out)) as partial:
        partial.write_bytes(data)
    return Path(out)


def resolve_target(conn: Connection, text: str) -> Target:
    """Return what ``text`` names for ``bigdesk attach --to``; raise EditRejectedError.

    ``workshop``; an element's ref (``O1``); ``node:NAME``; ``raid:NUMBER`` (its row in the
    log) or ``raid:TITLE``; ``consensus:DIMENSION``; ``score:DIMENSION/PERSON``, names
    matched ignoring case.
    """
    wanted = text.strip()
    kind, colon, rest = wanted.partition(":")
    kind = kind.strip().casefold()
    rest = " ".join(rest.split()).casefold()

    model = REF_PREFIXES.get(kind) if colon else None

    def one(found: list[int], what: str) -> Target:
        if len(found) != 1 or model is None:
            raise EditRejectedError(f"--to {wanted!r}: {'no' if not found else 'more than one'} "
                                    f"{what} has that name.")  # fmt: skip
        return (model, found[0])

    if wanted.casefold() == WORKSHOP_REF:
        return None
    if model is None:
        element = conn.execute(select(Element.id).where(Element.ref == wanted)).scalar()
        if element is None:
            raise EditRejectedError(
                f"--to {wanted!r} names nothing in this workshop: give an element's ref (O1), "
                "workshop, node:NAME, raid:NUMBER, consensus:DIMENSION or "
                "score:DIMENSION/PERSON.")
        return (Element, element)
    if model is AccountabilityNode:
        return one([i for i, n in conn.execute(select(AccountabilityNode.id,
                                                      AccountabilityNode.name))
                    if " ".join(n.split()).casefold() == rest], "accountability node")
    if model is RaidItem:
        items = conn.execute(select(RaidItem.id, RaidItem.title)
                             .order_by(RaidItem.position, RaidItem.id)).all()
        if rest.isdigit():
            return one([items[int(rest) - 1][0]] if 0 < int(rest) <= len(items) else [],
                       "RAID item")
        return one([i for i, t in items if " ".join(t.split()).casefold() == rest], "RAID item")
    dimensions = {i: (k.casefold(), " ".join(n.split()).casefold())
                  for i, k, n in conn.execute(select(Dimension.id, Dimension.key,
                                                     Dimension.name))}  # fmt: skip
    dimension, _, person = rest.partition("/")
    matching = [i for i, names in dimensions.items() if dimension.strip() in names]
    if model is Consensus:
        return one([i for i, d in conn.execute(select(Consensus.id, Consensus.dimension_id))
                    if d in matching], Consensus.noun)
    people = {i for i, n in conn.execute(select(Person.id, Person.name))
              if " ".join(n.split()).casefold() == person.strip()}
    return one([i for i, d, p in conn.execute(select(Score.id, Score.dimension_id,
                                                     Score.person_id))
                if d in matching and p in people], Score.noun)
