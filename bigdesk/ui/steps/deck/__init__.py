"""The Deck step: the First Steps deck's sections by step, its options, and the export."""

from bigdesk.ui.steps.deck.page import DeckPage

Page = DeckPage
__all__ = ["DeckPage", "Page"]
