"""The Deck step's actions: see what the deck will hold, write it."""

from __future__ import annotations

from pathlib import Path

from bigdesk.exchange.deck.build import section_outline
from bigdesk.exchange.deck.plan import Deck, Options, SectionOutline
from bigdesk.store import Workspace


def deck_outline(workspace: Workspace) -> list[SectionOutline]:
    """Return every section of the deck with its slides, or why it is left out."""
    with workspace.read() as conn:
        return section_outline(conn)


def export_deck(workspace: Workspace, target: Path, options: Options) -> Deck:
    """Write the deck to ``target``; raises DeckError (a ValueError) with a readable reason."""
    from bigdesk.exchange.deck.export import write_deck

    with workspace.read() as conn:
        return write_deck(conn, target, options)
