"""User-visible text in the UI goes through Qt's translation functions.

A static scan: a string literal (or an f-string with words in it) passed straight to a
widget's text setter or constructor is text a translation could never reach.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bigdesk.ui

UI = Path(bigdesk.ui.__file__).parent
# -- setters and constructors whose string arguments a user reads
TEXT_SETTERS = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip",
    "setWhatsThis", "setTitle", "setTabText", "addTab", "insertTab", "addAction", "addMenu",
    "showMessage", "setAccessibleName", "setAccessibleDescription", "setLabelText",
    "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItem",
    "addItems", "setSuffix", "setPrefix", "setSpecialValueText", "information", "warning",
    "critical", "question", "about", "getText", "getItem", "getOpenFileName",
    "getSaveFileName", "getExistingDirectory",
}
TEXT_WIDGETS = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QAction", "QMenu", "QCommandLinkButton", "QListWidgetItem", "QTreeWidgetItem",
}
# -- setters whose later arguments are data, not text (addItem(text, user_data))
FIRST_ARGUMENT_ONLY = {"addItem", "insertItem"}
WORDS = re.compile(r"[A-Za-z]{2,}")
# -- known offenders in other areas, by file and the text itself; fix them and delete
#    the entry (the test fails on any new one, and on an entry that is no longer needed)
KNOWN: set[tuple[str, str]] = set()


def _literal_words(node: ast.AST) -> str:
    """Return the words of a string literal or the literal parts of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.List | ast.Tuple):
        return " ".join(_literal_words(element) for element in node.elts)
    return ""


def _called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def untranslated() -> set[tuple[str, str]]:
    """Return (file:line, text) for every literal user-visible string outside tr()."""
    found = set()
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = _called_name(call)
            if name not in TEXT_SETTERS and name not in TEXT_WIDGETS:
                continue
            arguments = [*call.args, *(k.value for k in call.keywords)]
            if name in FIRST_ARGUMENT_ONLY:
                arguments = arguments[:1]
            for argument in arguments:
                words = _literal_words(argument)
                if WORDS.search(words):
                    where = f"{path.relative_to(UI.parent).as_posix()}:{call.lineno}"
                    found.add((where, words.strip()))
    return found


def test_user_visible_text_goes_through_tr() -> None:
    offenders = {(where.split(":")[0], text) for where, text in untranslated()}
    new = sorted(offenders - KNOWN)
    fixed = sorted(KNOWN - offenders)
    assert not new, "wrap these in self.tr(...) or QCoreApplication.translate(...):\n" + "\n".join(
        f"{where}: {text!r}" for where, text in sorted(untranslated())
        if (where.split(":")[0], text) in new)
    assert not fixed, f"no longer needed in KNOWN: {fixed}"


def test_the_scan_finds_a_literal_and_accepts_tr(tmp_path: Path) -> None:
    tree = ast.parse('label.setText("Ready")\nlabel.setText(self.tr("Ready"))\n'
                     'QPushButton(f"Open {name}")\nlabel.setText("%")\n')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and _called_name(node) in TEXT_SETTERS | TEXT_WIDGETS]
    flagged = [_literal_words(c.args[0]) for c in calls if c.args
               and WORDS.search(_literal_words(c.args[0]))]
    assert flagged == ["Ready", "Open "]
