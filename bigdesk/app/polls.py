"""Services of quick polls: put a question to the room, record each participant's answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select

from bigdesk.app.rows import next_id, next_position
from bigdesk.domain.fields import field_of
from bigdesk.model import Poll, PollAnswer, PollOption
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, Workspace
from bigdesk.store.errors import EditRejectedError

# -- a quick poll is "a or b", or a handful of choices a phone shows without scrolling
MIN_OPTIONS, MAX_OPTIONS = 2, 8


def add_poll(workspace: Workspace, question: str, options: Sequence[str]) -> int:
    """Add a poll with its options, as one undoable edit; return its id."""
    question = field_of(Poll, "question").clean(question)
    texts = [field_of(PollOption, "text").clean(text) for text in options if text.strip()]
    if not MIN_OPTIONS <= len(texts) <= MAX_OPTIONS:
        raise EditRejectedError(
            f"A poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options, one a line "
            f"(this one has {len(texts)}).")
    if len({text.casefold() for text in texts}) < len(texts):
        raise EditRejectedError("Two options of the poll read the same: make each one different.")
    with workspace.read() as conn:
        poll_id = next_id(conn, Poll)
        position = next_position(conn, Poll)
    label = "Add poll"
    created = dt.datetime.now().replace(microsecond=0)
    edits: list[Edit] = [InsertRow(Poll, {"id": poll_id, "position": position,
                                          "question": question, "created_at": created}, label)]
    edits += [InsertRow(PollOption, {"poll_id": poll_id, "position": index, "text": text}, label)
              for index, text in enumerate(texts)]  # fmt: skip
    workspace.do(Batch(tuple(edits), label))
    return poll_id


def answer_poll(workspace: Workspace, poll_id: int, person_id: int, option_id: int) -> bool:
    """Record (or change) one participant's answer to a poll; return whether it changed."""
    with workspace.read() as conn:
        belongs = conn.execute(select(PollOption.id).where(
            PollOption.id == option_id, PollOption.poll_id == poll_id)).first()
        existing = conn.execute(select(PollAnswer.id, PollAnswer.option_id).where(
            PollAnswer.poll_id == poll_id, PollAnswer.person_id == person_id)).first()
    if belongs is None:
        raise EditRejectedError("That poll has no such option.")
    label = "Answer poll"
    if existing is None:
        workspace.do(InsertRow(PollAnswer, {"poll_id": poll_id, "person_id": person_id,
                                            "option_id": option_id}, label))
        return True
    if existing.option_id == option_id:
        return False
    workspace.do(SetValues(PollAnswer, existing.id, {"option_id": option_id}, label))
    return True


def remove_poll(workspace: Workspace, poll_id: int) -> None:
    """Remove a poll with its options and answers, as one undoable edit."""
    workspace.do(DeleteRow(Poll, poll_id, "Remove poll"))
