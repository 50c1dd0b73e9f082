"""Write the First Steps deck: measure the template, plan the deck for it, draw it at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Connection

from bigdesk.exchange.atomic import atomic_path
from bigdesk.exchange.deck.build import build_plan
from bigdesk.exchange.deck.plan import Deck, Options
from bigdesk.exchange.deck.render import render
from bigdesk.exchange.deck.template import DeckError, measure, open_template
from bigdesk.store import WorkshopStore

SUFFIX = ".pptx"


def write_deck(conn: Connection, target: Path, options: Options | None = None) -> Deck:
    """Write the deck of the workshop behind ``conn`` to ``target``; return its plan.

    The file appears only once it is complete: a failure or a kill on the way
    leaves any earlier file at ``target`` as it was.
    """
    options = options or Options()
    target = Path(target)
    if target.suffix.lower() != SUFFIX:
        raise DeckError(f"choose a {SUFFIX} file name for the deck.")
    if not target.parent.is_dir():
        raise DeckError(f"the folder {target.parent} does not exist.")
    # -- a bad template is reported before any work is done
    prs = open_template(options.template)
    stage = measure(prs)
    deck = build_plan(conn, options, stage.geometry)
    try:
        with atomic_path(target) as partial:
            render(deck, partial, prs, stage)
    except OSError as error:
        raise DeckError(f"cannot write {target} ({error.strerror or error}).") from None
    return deck


def export_deck(store: WorkshopStore, out: Path, args: argparse.Namespace) -> None:
    """``bigdesk export PATH --deck OUT.pptx [--template T] [--no-notes] [--anonymous]``."""
    options = Options(
        notes=not getattr(args, "no_notes", False),
        anonymous=True if getattr(args, "anonymous", False) else None,
        template=getattr(args, "template", None),
    )
    with store.read() as conn:
        write_deck(conn, Path(out), options)
