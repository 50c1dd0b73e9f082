"""Findings about prioritisation for ``bigdesk check`` and the app."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection

from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.analysis.prioritisation.analysis import pairwise_result
from bigdesk.analysis.prioritisation.data import load
from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.analysis.prioritisation.scoring import criterion_weights, rank
from bigdesk.analysis.prioritisation.selection import conflicts, problem_from
from bigdesk.analysis.prioritisation.weights import CR_LIMIT, format_judgement


@rule
def prioritisation_findings(conn: Connection) -> Iterator[Finding]:
    """Flag inconsistent pairwise judgements, unusable weights and an impossible portfolio."""
    data = load(conn)
    names = {c.id: c.name or c.key for c in data.criteria}
    ids = [c.id for c in data.criteria]
    for problem in data.problems:
        yield Finding("prioritisation-input", Severity.WARNING, problem)
    try:
        result = pairwise_result(data)
    except PrioritisationError as error:
        yield Finding("pairwise-unusable", Severity.WARNING, str(error))
        result = None
    if result is not None and result.inconsistent:
        worst = "; ".join(
            f"{names[ids[w.first]]} against {names[ids[w.second]]} (entered "
            f"{format_judgement(w.given)}, the other judgements imply about "
            f"{format_judgement(w.implied)})"
            for w in result.worst
        )
        yield Finding(
            "pairwise-inconsistent",
            Severity.WARNING,
            f"The pairwise comparisons of the criteria are inconsistent: consistency ratio "
            f"{result.consistency_ratio:.2f}, above {CR_LIMIT:.2f}. Most at odds: {worst}.",
            f"criterion:{ids[result.worst[0].first]}" if result.worst else None,
        )
    if not data.criteria or not data.initiatives:
        return
    try:
        criterion_weights(data.criteria)
    except PrioritisationError as error:
        yield Finding("weights-unusable", Severity.ERROR, str(error))
        return
    found = conflicts(problem_from(data, rank(data)))
    if found:
        yield Finding("portfolio-infeasible", Severity.ERROR,
                      "No portfolio meets every constraint: " + " ".join(found))
