"""Damaged and hostile files through the real command line: a result or one clear refusal.

Never a traceback, never a hang, never a workshop changed by a refusal, and no
live formula in what an accepted import exports. The cases each class of
defect was about are held to their verdict as well.
"""

from __future__ import annotations

from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.hostile.corpus import Case, all_cases, problems, run_case

CASES = all_cases()

# -- workshops ``check`` must call unusable (and nothing may open)
UNUSABLE = [
    "empty", "one-byte", "random", "magic-then-garbage", "text", "zip-named-bigdesk",
    "foreign-sqlite", "newer-revision", "no-revision", "empty-revision", "folder", "missing",
    "dangling-link", "link-loop", "device", "trigger-*", "view-*", "table-*", "index-extra",
    "column-*", "old-with-*", "old-missing-table", "text-in-a-number", "real-in-an-integer",
    "blob-in-text", "unknown-choice", "boolean-two", "bad-date", "date-as-number", "broken-link",
]  # fmt: skip
# -- workshops that are sound, however odd their place or content: every command succeeds
SOUND = ["old-good", "blank", "folder-*", "old-in-folder-*", "name-with-hash",
         "lock-is-garbage", "huge-text", "formula-titles", "controls-everywhere",
         "infinite-number"]  # fmt: skip
# -- workshops that can be read but not written by this process
NOT_WRITABLE = ["lock-is-a-folder", "lock-is-a-link", "lock-is-dangling", "lock-from-elsewhere"]
# -- sources that must be refused: bombs, limits, unbalanced quotes, hostile XML, bad ZIPs
REFUSED = [
    "csv-quote-*", "csv-too-many-*", "csv-long-cell", "csv-oversized", "csv-one-huge-line",
    "txt-utf16-odd-length", "txt-utf16-quote-never-closed", "xlsx-encrypted-entry",
    "xlsx-method-*", "xlsx-bad-crc", "xlsx-laughs-*", "xlsx-external-*", "xlsx-doctype-*",
    "xlsx-utf16-sheet", "xlsx-huge-*", "xlsx-long-cell", "xlsx-too-many-*",
    "xlsx-row-a-million-down", "xlsx-blank-rows-past-limit", "zip-json-bomb", "zip-too-many-*",
    "zip-nested-deep", "zip-long-number-progress", "zip-infinite-progress", "zip-nan-progress",
    "zip-alignment-not-an-object", "zip-team-chain", "zip-team-loop-*", "zip-encrypted",
    "zip-method-99", "zip-bad-crc", "zip-bzip2", "zip-lzma", "zip-oversized",
    "*-folder", "*-missing", "*-device", "*-empty", "*-checkins-*",
]  # fmt: skip
# -- sources that must be imported, hostile text and all
IMPORTED = ["csv-good", "csv-formulas", "csv-controls", "csv-long-chain", "csv-stray-quote",
            "txt-utf16-tabs", "xlsx-good", "xlsx-formula-text", "zip-good", "zip-stored",
            "zip-formula-titles", "zip-controls-in-titles", "zip-team-chain-at-limit"]


def _matches(case: Case, patterns: list[str]) -> bool:
    return any(fnmatch(case.name, pattern) for pattern in patterns)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    kinds = Counter(case.kind for case in CASES)
    assert len(CASES) >= 200, kinds
    assert set(kinds) == {"workshop", "csv", "txt", "xlsx", "zip"}
    assert len({case.name for case in CASES}) == len(CASES)
    # -- every pattern above names at least one case
    names = [case.name for case in CASES]
    for pattern in UNUSABLE + SOUND + NOT_WRITABLE + REFUSED + IMPORTED:
        assert any(fnmatch(name, pattern) for name in names), pattern


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_file_gets_a_result_or_one_clear_refusal(case: Case, tmp_path: Path) -> None:
    outcomes = run_case(case, tmp_path)
    assert problems(case, outcomes) == []
    codes = [outcome.code for outcome in outcomes]
    if case.kind == "workshop":
        if _matches(case, UNUSABLE):
            assert codes == [2, 2, 2, 2], outcomes[0].stderr
        elif _matches(case, SOUND):
            assert codes == [0, 0, 0, 0], [o.stderr for o in outcomes]
        elif _matches(case, NOT_WRITABLE):
            assert codes == [0, 0, 2, 0], outcomes[2].stderr
    elif _matches(case, REFUSED):
        assert codes == [2], outcomes[0].stdout
    elif _matches(case, IMPORTED):
        assert codes == [0, 0], [o.stderr for o in outcomes]
