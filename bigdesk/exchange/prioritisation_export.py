"""Prioritisation results out: ranking with breakdown, selection and reasons, scenarios,
sensitivity, votes and the Run/Change split, as CSV files or one XLSX workbook."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from bigdesk.analysis.people import anonymous_mode, participant_labels
from bigdesk.analysis.prioritisation import (
    Analysis,
    Sensitivity,
    analyse,
    problem_from,
    sensitivity,
)
from bigdesk.analysis.prioritisation.split import CLASS_NAMES
from bigdesk.exchange.tabular import Cell, Sheet, write_csv, write_xlsx
from bigdesk.model import Scenario
from bigdesk.store import OpenWorkshop

MAX_SCENARIOS = 6


def _round(value: float | None, digits: int = 2) -> Cell:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def scenario_snapshot(analysis: Analysis) -> dict[str, str]:
    """Return a scenario's weights, constraints and selection as the JSON texts it stores."""
    data = analysis.data
    total = sum(c.weight for c in data.criteria) or 1.0
    weights = [{"key": c.key, "name": c.name, "weight": c.weight,
                "share": round(100 * c.weight / total, 2)} for c in data.criteria]  # fmt: skip
    constraints: dict[str, Any] = {
        "scope": data.scope,
        "scope_name": data.scope_name,
        "budget": data.settings.budget,
        "resources": [{"name": r.name, "unit": r.unit, "capacity": r.capacity}
                      for r in data.resources],
        "must_do": [i.ref or i.title for i in data.initiatives if i.rule and
                    i.rule.value == "must_do"],
        "must_not": [i.ref or i.title for i in data.initiatives if i.rule and
                     i.rule.value == "must_not"],
    }  # fmt: skip
    selection: list[dict[str, Any]] = []
    if analysis.selection is not None and analysis.ranking is not None:
        ranking = analysis.ranking
        for index in analysis.selection.chosen():
            initiative = ranking.initiatives[index]
            selection.append({"ref": initiative.ref, "title": initiative.title,
                              "value": round(float(ranking.values[index]), 2),
                              "cost": initiative.budget})  # fmt: skip
    return {"weights": json.dumps(weights), "constraints": json.dumps(constraints),
            "selection": json.dumps(selection)}  # fmt: skip


def scenarios(conn: Connection) -> list[dict[str, Any]]:
    """Return the saved scenarios with their snapshots read back."""
    rows = conn.execute(select(Scenario.__table__).order_by(Scenario.position, Scenario.id))
    out = []
    for row in rows.mappings():
        item = dict(row)
        for key, empty in (("weights", []), ("constraints", {}), ("selection", [])):
            try:
                item[key] = json.loads(row[key] or "null") or empty
            except ValueError:
                item[key] = empty
        out.append(item)
    return out


def scenario_sheet(conn: Connection) -> Sheet:
    """Return the saved scenarios side by side: one column per scenario."""
    saved = scenarios(conn)
    names = [s["name"] or f"Scenario {n}" for n, s in enumerate(saved, 1)]
    lines: list[list[Cell]] = []
    lines.append(["Scope", *(s["constraints"].get("scope_name", "") for s in saved)])
    lines.append(["Budget", *(_round(s["constraints"].get("budget")) for s in saved)])
    resources = sorted({r["name"] for s in saved for r in s["constraints"].get("resources", [])})
    for name in resources:
        lines.append([f"Capacity: {name}", *(
            next((_round(r["capacity"]) for r in s["constraints"].get("resources", [])
                  if r["name"] == name), None) for s in saved)])  # fmt: skip
    criteria = list(dict.fromkeys(w["name"] for s in saved for w in s["weights"]))
    for name in criteria:
        lines.append([f"Weight %: {name}", *(
            next((w["share"] for w in s["weights"] if w["name"] == name), None)
            for s in saved)])  # fmt: skip
    lines.append(["Must-do", *("; ".join(s["constraints"].get("must_do", [])) for s in saved)])
    lines.append(["Must-not", *("; ".join(s["constraints"].get("must_not", [])) for s in saved)])
    lines.append(["Total value", *(_round(sum(x["value"] for x in s["selection"]))
                                   for s in saved)])  # fmt: skip
    lines.append(["Total cost", *(_round(sum(x["cost"] or 0 for x in s["selection"]))
                                  for s in saved)])  # fmt: skip
    lines.append(["Selected", *("; ".join(x["ref"] or x["title"] for x in s["selection"])
                                for s in saved)])  # fmt: skip
    return Sheet("Scenarios", ["", *names], lines)


def ranking_sheet(analysis: Analysis) -> Sheet:
    """Return the ranking with each value broken down by criterion."""
    ranking = analysis.ranking
    data = analysis.data
    criteria = data.criteria
    headers = ["rank", "ref", "initiative", "class", "value", *(c.name for c in criteria),
               "dots", "MoSCoW", "rule", "selected"]  # fmt: skip
    rows: list[list[Cell]] = []
    if ranking is not None:
        selected = analysis.selection.selected if analysis.selection is not None else None
        for place, index in enumerate(ranking.order, 1):
            i = ranking.initiatives[index]
            rows.append([
                place, i.ref, i.title, CLASS_NAMES[i.portfolio],
                _round(float(ranking.values[index])),
                *(_round(float(x)) for x in ranking.contributions[index]),
                data.dots(i.id), i.moscow.value if i.moscow else None,
                i.rule.value.replace("_", "-") if i.rule else None,
                None if selected is None else ("yes" if selected[index] else "no"),
            ])  # fmt: skip
    return Sheet("Ranking", headers, rows)


def selection_sheet(analysis: Analysis) -> Sheet:
    """Return every initiative with whether it is selected and, if not, why."""
    headers = ["ref", "initiative", "selected", "value", "budget", "reason"]
    rows: list[list[Cell]] = []
    ranking, selection = analysis.ranking, analysis.selection
    if ranking is not None and selection is not None:
        for index in ranking.order:
            i = ranking.initiatives[index]
            out = selection.left_out.get(index)
            rows.append([i.ref, i.title, "no" if out else "yes",
                         _round(float(ranking.values[index])), _round(i.budget),
                         out.reason if out else None])  # fmt: skip
    elif analysis.errors:
        rows = [[None, None, None, None, None, error] for error in analysis.errors]
    return Sheet("Selection", headers, rows)


def sensitivity_sheet(analysis: Analysis, result: Sensitivity | None) -> Sheet:
    """Return how often each initiative stays in the top N and in the portfolio."""
    headers = ["ref", "initiative", "in top N %", "in portfolio %", "depends on the weights"]
    rows: list[list[Cell]] = []
    if result is not None and analysis.ranking is not None:
        for index in analysis.ranking.order:
            i = analysis.ranking.initiatives[index]
            portfolio = None if result.in_portfolio is None else result.in_portfolio[index]
            rows.append([i.ref, i.title, _round(100 * result.in_top_n[index], 1),
                         None if portfolio is None else _round(100 * portfolio, 1),
                         "yes" if index in result.sensitive else "no"])  # fmt: skip
    return Sheet("Sensitivity", headers, rows)


def votes_sheet(conn: Connection, analysis: Analysis, anonymous: bool) -> Sheet:
    """Return the dots each participant gave, under the labels the room may see."""
    labels = participant_labels(conn, anonymous)
    titles = {i.id: (i.ref, i.title) for i in analysis.data.initiatives}
    order = {person: n for n, person in enumerate(labels)}
    votes = sorted(analysis.data.votes.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1]))
    rows: list[list[Cell]] = [
        [labels.get(person, "?"), *titles[initiative], dots]
        for (person, initiative), dots in votes
        if dots
    ]
    return Sheet("Votes", ["participant", "ref", "initiative", "dots"], rows)


def split_sheet(analysis: Analysis) -> Sheet:
    """Return budget and effort by Run, Grow and Transform: current, selected, target."""
    rows: list[list[Cell]] = []
    split = analysis.run_change
    if split is not None:
        selected = {line.portfolio: line for line in split.selected or []}
        for line in split.current:
            chosen = selected.get(line.portfolio)
            target = split.target.get(line.portfolio) if line.portfolio else None
            rows.append([line.name, _round(line.budget), _round(line.budget_share, 1),
                         _round(line.effort), _round(line.effort_share, 1),
                         _round(chosen.budget) if chosen else None,
                         _round(chosen.budget_share, 1) if chosen else None,
                         _round(target, 1)])  # fmt: skip
    return Sheet("Run and Change", ["class", "budget (all)", "budget % (all)", "effort (all)",
                                    "effort % (all)", "budget (selected)",
                                    "budget % (selected)", "target %"], rows)  # fmt: skip


def prioritisation_sheets(conn: Connection, scope: int | None = None,
                          anonymous: bool | None = None) -> list[Sheet]:
    """Return every prioritisation result as sheets, in the order an analyst reads them."""
    if anonymous is None:
        anonymous = anonymous_mode(conn)
    analysis = analyse(conn, scope)
    result = None
    if analysis.ranking is not None:
        settings = analysis.data.settings
        problem = problem_from(analysis.data, analysis.ranking) if not analysis.conflicts else None
        result = sensitivity(analysis.ranking, problem, settings.samples, settings.perturbation,
                             settings.seed, settings.top_n)  # fmt: skip
    return [ranking_sheet(analysis), selection_sheet(analysis), scenario_sheet(conn),
            sensitivity_sheet(analysis, result), votes_sheet(conn, analysis, anonymous),
            split_sheet(analysis)]  # fmt: skip


def write_prioritisation(conn: Connection, target: Path | str, scope: int | None = None,
                         force_anonymous: bool = False) -> list[Path]:
    """Write the results to ``target``: one XLSX workbook, or CSV files ``NAME-ranking.csv``, …

    Participants appear as P1, P2, … in anonymous mode or when ``force_anonymous`` is set.
    """
    target = Path(target)
    anonymous = True if force_anonymous else None
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"{target.name}: choose a .csv or .xlsx file for the prioritisation.")
    sheets = prioritisation_sheets(conn, scope, anonymous)
    if suffix == ".xlsx":
        write_xlsx(target, sheets)
        return [target]
    written = []
    for sheet in sheets:
        slug = sheet.name.lower().replace(" ", "-")
        path = target.with_name(f"{target.stem}-{slug}.csv")
        write_csv(path, sheet)
        written.append(path)
    return written


def export_prioritisation(store: OpenWorkshop, target: Path, args: argparse.Namespace) -> None:
    """``bigdesk export PATH --prioritisation OUT``: write the prioritisation results."""
    with store.read() as conn:
        write_prioritisation(conn, target, None, bool(getattr(args, "anonymous", False)))
