"""Tables are named by the model's classes and rows travel as them: a static scan of the
app and ui layers.

A string equal to a table's name (``"element"``, ``"score"``) in ``bigdesk/app`` or
``bigdesk/ui`` is a table named by hand: ``SetValues(Element, …)`` and
``changes.touches(Score)`` say the same through the model. Keys of a dict literal are
column names, not tables, and are left alone. A service returning ``dict[str, Any]``
(or taking one) hands out untyped rows; column-to-value mappings given to an edit are
``Mapping[str, Any]``, as the edits themselves take them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import bigdesk
from bigdesk.model import Base

PACKAGE = Path(bigdesk.__file__).parent
TABLES = frozenset(Base.metadata.tables)
UNTYPED_ROW = "str, Any]"


def table_literals(source: str) -> list[tuple[int, str]]:
    """Return (line, text) of each string in ``source`` that names a table of the model."""
    tree = ast.parse(source)
    keys = {id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for key in node.keys if key is not None}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value in TABLES and id(node) not in keys]


def untyped_signatures(source: str) -> list[tuple[int, str]]:
    """Return (line, name) of each function returning rows as dicts or taking a dict row."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        returns = ast.unparse(node.returns) if node.returns else ""
        arguments = [ast.unparse(a.annotation) for a in (*node.args.posonlyargs,
                     *node.args.args, *node.args.kwonlyargs) if a.annotation]
        if UNTYPED_ROW in returns or any("dict[str, Any]" in a for a in arguments):
            found.append((node.lineno, node.name))
    return found


def _scan(folders: tuple[str, ...], check: Callable[[str], list[tuple[int, str]]]) -> list[str]:
    return [f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}: {text}"
            for folder in folders for path in sorted((PACKAGE / folder).rglob("*.py"))
            for line, text in check(path.read_text(encoding="utf-8"))]


def test_app_and_ui_name_tables_by_the_models_classes() -> None:
    offenders = _scan(("app", "ui"), table_literals)
    assert not offenders, "name these tables by their model class:\n" + "\n".join(offenders)


def test_services_hand_out_typed_rows() -> None:
    offenders = _scan(("app",), untyped_signatures)
    assert not offenders, "return the model's classes, not dicts:\n" + "\n".join(offenders)


def test_the_scans_find_what_they_look_for() -> None:
    # -- guards the tests above against scanning nothing
    assert {"element", "score", "agenda_item"} <= TABLES
    source = ('changes.touches("element")\nSetValues("score", 1, {"note": ""})\n'
              'label = "Add element"\n')
    assert table_literals(source) == [(1, "element"), (2, "score")]
    source = ("def rows(conn) -> list[dict[str, Any]]: ...\n"
              "def one(conn) -> Mapping[str, Any]: ...\n"
              "def take(row: dict[str, Any]) -> None: ...\n"
              "def write(values: Mapping[str, Any]) -> list[Element]: ...\n")
    assert untyped_signatures(source) == [(1, "rows"), (2, "one"), (3, "take")]
