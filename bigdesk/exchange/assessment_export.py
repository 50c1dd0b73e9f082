"""The assessment out of the app: framework, every score, consensus and statistics as tables.

XLSX gets one sheet each (Framework, Scores, Consensus, Statistics). CSV is one file
in long format: a ``record`` column says what each row is (see docs/framework.md).
Participants are named through ``participant_labels``, so anonymous mode holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, select

from bigdesk.analysis.assessment import (
    Assessment,
    DimensionStatistics,
    LevelStatistics,
    assessment_statistics,
    load_assessment,
)
from bigdesk.analysis.people import anonymous_mode, participant_labels
from bigdesk.exchange.tabular import Cell, Sheet, write_csv, write_xlsx
from bigdesk.model import NOT_APPLICABLE, Dimension
from bigdesk.store import OpenWorkshop

NOT_APPLICABLE_TEXT = "N/A"
LEVEL_COLUMNS = [f"level_{n}" for n in range(1, 6)]
SCORE_HEADERS = ["group", "dimension_key", "dimension", "participant", "current", "target"]
CONSENSUS_HEADERS = ["group", "dimension_key", "dimension", "agreed_current", "agreed_target",
                     "confidence", "evidence"]
STATISTICS_HEADERS = [
    "group", "dimension_key", "dimension",
    "n_current", "median_current", "min_current", "max_current", "range_current", "iqr_current",
    "n_target", "median_target", "min_target", "max_target", "range_target", "iqr_target",
    "not_applicable", "flagged", "current_level", "target_level", "gap",
]  # fmt: skip
CSV_HEADERS = ["record", "group", "dimension_key", "dimension", "participant", "current",
               "target", "confidence", "evidence", "description", *LEVEL_COLUMNS,
               *STATISTICS_HEADERS[3:]]


def _level(value: int | None) -> Cell:
    if value is None:
        return None
    return NOT_APPLICABLE_TEXT if value == NOT_APPLICABLE else value


def _number(value: float | None) -> Cell:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _level_stats(stat: LevelStatistics) -> list[Cell]:
    return [stat.n, _number(stat.median), stat.low, stat.high, stat.spread, _number(stat.iqr)]


def _statistics_cells(row: DimensionStatistics) -> list[Cell]:
    return [*_level_stats(row.current), *_level_stats(row.target),
            row.current.not_applicable + row.target.not_applicable,
            "yes" if row.flagged else "no",
            _number(row.current_level), _number(row.target_level), _number(row.gap)]


def _where(row: DimensionStatistics) -> list[Cell]:
    return [row.dimension.group, row.dimension.key, row.dimension.name]


def assessment_sheets(conn: Connection, anonymous: bool | None = None) -> list[Sheet]:
    """Return the Framework, Scores, Consensus and Statistics tables of the assessment."""
    assessment = load_assessment(conn)
    labels = participant_labels(conn, anonymous)
    rows = assessment_statistics(assessment)
    texts = {r.id: r for r in conn.execute(select(Dimension.__table__)).all()}
    framework = [[*_where(r), texts[r.dimension.id].description,
                  *(getattr(texts[r.dimension.id], c) for c in LEVEL_COLUMNS)] for r in rows]
    return [
        Sheet("Framework", ["group", "key", "name", "description", *LEVEL_COLUMNS], framework),
        Sheet("Scores", SCORE_HEADERS, _score_rows(assessment, rows, labels)),
        Sheet("Consensus", CONSENSUS_HEADERS, [
            [*_where(r), _level(r.agreed.current), _level(r.agreed.target),
             r.agreed.confidence.value if r.agreed.confidence else None, r.agreed.evidence]
            for r in rows if r.agreed is not None
        ]),
        Sheet("Statistics", STATISTICS_HEADERS, [[*_where(r), *_statistics_cells(r)]
                                                 for r in rows]),
    ]  # fmt: skip


def _score_rows(assessment: Assessment, rows: Sequence[DimensionStatistics],
                labels: dict[int, str]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for row in rows:
        for person in assessment.participants:
            current, target = assessment.scores.get((person, row.dimension.id), (None, None))
            if current is None and target is None:
                continue
            out.append([*_where(row), labels[person], _level(current), _level(target)])
    return out


def assessment_long_rows(sheets: Sequence[Sheet]) -> list[list[Cell]]:
    """Fold the four tables into the CSV's long format, one ``record`` kind per table."""
    width = len(CSV_HEADERS)
    position = {name: i for i, name in enumerate(CSV_HEADERS)}
    folded: list[list[Cell]] = []
    renames = {"key": "dimension_key", "name": "dimension", "agreed_current": "current",
               "agreed_target": "target"}
    for sheet in sheets:
        record = {"Framework": "dimension", "Scores": "score", "Consensus": "consensus",
                  "Statistics": "statistics"}[sheet.name]
        for values in sheet.rows:
            line: list[Cell] = [None] * width
            line[0] = record
            for header, value in zip(sheet.headers, values, strict=True):
                line[position[renames.get(header, header)]] = value
            folded.append(line)
    return folded


def write_assessment(conn: Connection, target: Path | str, force_anonymous: bool = False) -> None:
    """Write the assessment to ``target``: XLSX sheets or one long CSV, by suffix.

    Participants appear as P1, P2, … when the workshop is in anonymous mode or when
    ``force_anonymous`` is set; an export never names people the room view hides.
    """
    target = Path(target)
    anonymous = force_anonymous or anonymous_mode(conn)
    sheets = assessment_sheets(conn, anonymous)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(target, sheets)
    elif suffix == ".csv":
        write_csv(target, Sheet("Assessment", CSV_HEADERS, assessment_long_rows(sheets)))
    else:
        raise ValueError(f"{target.name}: choose a .csv or .xlsx file for the assessment.")


def export_assessment(store: OpenWorkshop, target: Path, args: argparse.Namespace) -> None:
    """Write the assessment for ``bigdesk export --assessment`` (``--anonymous``: P1, P2, …)."""
    with store.read() as conn:
        write_assessment(conn, target, bool(getattr(args, "anonymous", False)))


def export_framework_file(store: OpenWorkshop, target: Path, args: argparse.Namespace) -> None:
    """Write the workshop's framework for ``bigdesk export --framework``."""
    from bigdesk.exchange.framework import export_framework

    with store.read() as conn:
        export_framework(conn, target)
