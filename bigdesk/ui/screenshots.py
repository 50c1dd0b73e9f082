"""Pictures on demand: every step page and the presenter screen for each kind of block, as PNGs.

``bigdesk PATH --screenshots DIR`` draws them offscreen at 1920×1080 from a copy of the
workshop, so the file itself is never changed (showing a kind of block on the presenter
screen sets the current block's step, which is an edit). The command line gives them
preferences of their own, so no recent file of the user's shows.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from bigdesk.app import prepare
from bigdesk.domain.steps import NO_STEP, STEPS, agenda_choices
from bigdesk.domain.steps import step as step_called

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.room.console import RoomPage

SIZE = (1920, 1080)
# -- long enough for views that wait for a burst of edits to settle before drawing
SETTLE_MS = 450


def _settle(ms: int = SETTLE_MS) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def _save(widget: QWidget, target: Path) -> Path:
    if not widget.grab().save(str(target), "PNG"):
        raise OSError(f"Cannot write the screenshot {target}.")
    return target


def take_screenshots(path: Path, folder: Path) -> list[Path]:
    """Draw the welcome screen, every step page and each kind of presenter screen into ``folder``.

    Returns the files written, named by what they show (``step-04-assess.png``,
    ``step-05-map-empty.png`` for a step that says what to do first, ``presenter-map.png``, …).
    """
    if not path.is_file():
        raise OSError(f"Cannot open {path}: there is no workshop file there.")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    window = MainWindow(quiet=True)
    window.resize(*SIZE)
    window.show()
    _settle(0)
    with tempfile.TemporaryDirectory(prefix="bigdesk-screenshots-") as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        try:
            # -- opened and closed once first, so the welcome screen lists it as recent
            for _ in range(2):
                if not window.open_path(copy):
                    raise OSError(f"Cannot open {path} to draw its screenshots.")
                if written:
                    break
                window.close_workshop()
                _settle(0)
                written.append(_save(window, folder / "welcome.png"))
            written += _steps(window, folder)
            written += _presenter(window, folder)
        finally:
            window.close()
    return written


def _steps(window: MainWindow, folder: Path) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    written = []
    for number, step in enumerate(STEPS, start=1):
        workspace.show_step(step.key)
        _settle()
        # -- a step with no work says what to do first, and its file says so
        empty = "-empty" if workspace.frame(step.key).showing_empty_state() else ""
        written.append(_save(window, folder / f"step-{number:02d}-{step.key}{empty}.png"))
    return written


def _made_up_block(value: str, label: str) -> dict[str, str]:
    """Return the title and question of a made-up block opening ``value``."""
    if value == NO_STEP:
        return {"title": "Opening", "question": "Why we are here, and what we will leave with"}
    opened = step_called(value)
    return {"title": label,
            "question": opened.first_steps[0].heading if opened.first_steps else opened.tip}


def _presenter(window: MainWindow, folder: Path) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    page = workspace.page("room")
    assert isinstance(page, RoomPage)
    session, document = page.session, page.document
    made_up = not session.items()
    if made_up:
        # -- a new workshop has no agenda yet: one block (in the copy) shows each kind
        prepare.AGENDA.add(document, {"title": "", "duration_minutes": 15}, "Add block")
    if session.current_id is None:
        return []
    with document.read() as conn:
        blocks = prepare.AGENDA.rows(conn)
    presenter = page.open_presenter()
    presenter.resize(*SIZE)
    written = []
    for value, label in agenda_choices():
        # -- the current block shows each kind in turn, worded as the agenda's own block of
        #    that kind when there is one
        model = next((b for b in blocks if b.step == value), None)
        values = {"step": value}
        if made_up:
            # -- worded from the step it opens, so no screen is a bare title
            values.update(_made_up_block(value, label))
        elif model is not None:
            values.update(title=model.title, question=model.question)
        for column, text in values.items():
            prepare.AGENDA.set_value(document, session.current_id, column, text)
        presenter.room_figure.catch_up()
        _settle()
        presenter.room_figure.settle()
        name = "none" if value == NO_STEP else value
        written.append(_save(presenter, folder / f"presenter-{name}.png"))
    presenter.close()
    return written
