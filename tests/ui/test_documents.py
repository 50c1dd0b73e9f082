"""The Documents window: attach, open, save out; what a new document supports is chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from bigdesk.ui.main_window import MainWindow


def test_attach_open_and_save_a_file(window: MainWindow, sample_path: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(
        lambda url: opened.append(url) or True))
    assert window.open_path(sample_path)
    dialog: Any = window.show_documents()
    assert dialog is not None and dialog.model.rowCount() == 3
    dialog.target.setCurrentIndex(dialog.target.findText("O1", flags=Qt.MatchFlag.MatchStartsWith))
    evidence = tmp_path / "survey.txt"
    evidence.write_text("Backlog at Leeds: 340 pallets.", encoding="utf-8")
    steps = window.document.undo_stack.count()
    document_id = dialog.attach_file(evidence)
    assert document_id and window.document.undo_stack.count() == steps + 1
    row = dialog.model.row_of(document_id)
    supports = [c.key for c in dialog.model.columns].index("supports")
    assert dialog.model.index(row, supports).data().startswith("O1 ")
    dialog.editor.select_id(document_id)
    path = dialog.open_current()
    assert path is not None and path.read_text(encoding="utf-8").startswith("Backlog")
    assert opened[-1].toLocalFile() == str(path)
    out = dialog.save_current(tmp_path / "copy.txt")
    assert out is not None and out.read_bytes() == evidence.read_bytes()
    # -- a link opens in the browser
    dialog.editor.select_id(dialog.model.row_id(0))
    assert dialog.open_current() is None and opened[-1].toString().startswith("https://")
    window.undo()
    assert dialog.model.row_of(document_id) is None
    dialog.close()

