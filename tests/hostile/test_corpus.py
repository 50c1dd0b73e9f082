"""Damaged and hostile files through the real command line: a result or one clear refusal.

Never a traceback, never a hang, never a workshop changed by a refusal, and no
live formula in what an accepted import exports.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.corpus import Case, all_cases, problems, run_case

CASES = all_cases()


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    kinds = Counter(case.kind for case in CASES)
    assert len(CASES) >= 200, kinds
    assert set(kinds) == {"workshop", "csv", "txt", "xlsx", "zip"}
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_file_gets_a_result_or_one_clear_refusal(case: Case, tmp_path: Path) -> None:
    outcomes = run_case(case, tmp_path)
    assert problems(case, outcomes) == []
