"""The document library: files and links kept as evidence for the workshop and its parts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bigdesk.model.base import Base, Versioned


class Document(Versioned, Base):
    """A file or a link, and what it supports: the workshop itself or one part of it."""

    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint(
            "CAST(element_id IS NOT NULL AS INTEGER) + CAST(node_id IS NOT NULL AS INTEGER)"
            " + CAST(raid_item_id IS NOT NULL AS INTEGER) + CAST(score_id IS NOT NULL AS INTEGER)"
            " + CAST(consensus_id IS NOT NULL AS INTEGER) <= 1",
            name="one_target"),
        CheckConstraint("size >= 0", name="size_positive"),
    )
    count_key = "documents"
    noun = "document"

    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255), default="")
    # -- a link's address; empty for a file, whose bytes are in ``document_content``
    url: Mapped[str] = mapped_column(String(2000), default="")
    # -- a file's SHA-256 in hex and its size in bytes, checked when it is read out
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    # -- what it shows or proves, in the user's words
    about: Mapped[str] = mapped_column(Text, default="")
    # -- as a private note: never exported, never shown to the room
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # -- what it supports: none of these for the workshop itself
    element_id: Mapped[int | None] = mapped_column(ForeignKey("element.id", ondelete="CASCADE"))
    node_id: Mapped[int | None] = mapped_column(
        ForeignKey("accountability_node.id", ondelete="CASCADE"))
    raid_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("raid_item.id", ondelete="CASCADE"))
    score_id: Mapped[int | None] = mapped_column(ForeignKey("score.id", ondelete="CASCADE"))
    consensus_id: Mapped[int | None] = mapped_column(
        ForeignKey("consensus.id", ondelete="CASCADE"))


class DocumentContent(Versioned, Base):
    """The bytes of one attached file, apart so that listing documents never reads them."""

    __tablename__ = "document_content"
    __table_args__ = (UniqueConstraint("document_id"),)
    noun = "document content"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    data: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
