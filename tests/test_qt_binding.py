"""The Qt binding keeps Python's reference counts straight (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoStack


def test_calls_returning_nothing_keep_none_alive() -> None:
    timer, thing, stack = QTimer(), QObject(), QUndoStack()
    before = sys.getrefcount(None)
    for _ in range(200):
        timer.stop()
        thing.setObjectName("x")
        stack.undo()
    # -- a binding that drops a reference per call ends in "Fatal Python error: none_dealloc"
    assert sys.getrefcount(None) - before > -50
