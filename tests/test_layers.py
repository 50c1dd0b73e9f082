"""Layering the linter cannot see: the app layer uses Qt core and gui, never widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import bigdesk

PACKAGE = Path(bigdesk.__file__).parent


def imported_modules(folder: Path) -> set[tuple[str, str]]:
    found = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(source.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add((source.name, node.module))
    return found


def test_app_layer_imports_no_widgets() -> None:
    offenders = {
        (name, module)
        for name, module in imported_modules(PACKAGE / "app")
        if module.startswith("PySide6") and module not in ("PySide6.QtCore", "PySide6.QtGui")
    }
    assert not offenders


def test_the_scan_sees_qt_imports() -> None:
    # -- guards the test above against scanning nothing
    assert any(m == "PySide6.QtCore" for _, m in imported_modules(PACKAGE / "app"))
