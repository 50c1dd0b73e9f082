"""The plan as ``bigdesk plan`` reports it: one JSON object, or a summary to read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from bigdesk.analysis.findings import Finding, Severity
from bigdesk.analysis.planning import Planned
from bigdesk.analysis.planning.rules import milestones_outside, split_misses
from bigdesk.analysis.planning.stored import milestones_of, schedule_load
from bigdesk.analysis.prioritisation.selection import money
from bigdesk.analysis.prioritisation.voice import voice
from bigdesk.exchange.register import register_ids


def _number(value: float) -> float:
    """Return a figure rounded for reading: whole when it is, else to two decimals."""
    return round(value, 2) if abs(value - round(value)) > 1e-9 else float(round(value))


def plan_report(conn: Connection, planned: Planned) -> dict[str, Any]:
    """Return the chosen portfolio, its schedule, load and findings, named by register ids."""
    refs = register_ids(conn)
    data = planned.analysis.data
    findings = [Finding("moscow-conflict", Severity.WARNING, clash.message,
                        f"element:{clash.initiative_id}") for clash in voice(data).clashes]
    findings += [Finding("plan-infeasible", Severity.ERROR, error) for error in planned.errors]
    report: dict[str, Any] = {"selected": [], "excluded": [], "proven_optimal": False,
                              "gap": None, "objective": None, "schedule": [], "load": [],
                              "binding": [], "findings": []}
    result = planned.plan
    if result is not None:
        horizon = result.problem.horizon
        ids = {i: planned.initiative_id(i) for i in range(result.problem.size)}
        chosen = result.chosen()
        schedule = {ids[i]: (horizon.start(result.starts[i]), horizon.end(result.finish(i)))
                    for i in chosen}  # fmt: skip
        milestones = milestones_of(conn, set(schedule))
        report.update({
            "selected": [refs[ids[i]] for i in chosen],
            "excluded": [{"ref": refs[ids[i]], "reason": reason}
                         for i, reason in sorted(result.excluded.items())],
            "proven_optimal": result.proven_optimal,
            "gap": _number(result.gap),
            "objective": round(result.objective, 1),
            "schedule": [{"ref": refs[ids[i]], "start": schedule[ids[i]][0].isoformat(),
                          "finish": schedule[ids[i]][1].isoformat(),
                          "milestones": [{"name": m.name,
                                          "date": m.due.isoformat() if m.due else None,
                                          "status": m.status.value}
                                         for m in milestones.get(ids[i], [])]}
                         for i in chosen],
            "load": [{"quarter": line.quarter, "resource": line.resource,
                      "used": _number(line.used),
                      "capacity": None if line.capacity is None else _number(line.capacity)}
                     for line in schedule_load(conn, horizon, {
                         ids[i]: (result.starts[i], result.finish(i)) for i in chosen})],
            "binding": [{"kind": b.kind, "name": b.name, "period": b.period,
                         "used": _number(b.used), "limit": _number(b.limit)}
                        for b in result.binding],
        })  # fmt: skip
        infos = {i.id: i for i in data.initiatives}
        findings += split_misses(data.settings,
                                 {i: info.budget or 0.0 for i, info in infos.items()},
                                 {i: info.portfolio for i, info in infos.items()},
                                 schedule)  # fmt: skip
        findings += milestones_outside(schedule, milestones,
                                       {i: info.label for i, info in infos.items()})
    report["findings"] = [finding.as_dict() for finding in findings]
    return report


def plan_text(report: dict[str, Any], stored: bool) -> list[str]:
    """Return the report as lines to read."""
    lines = []
    if report["objective"] is None:
        lines.append("No plan can be made.")
    else:
        proof = ("proven optimal" if report["proven_optimal"]
                 else f"within {report['gap']:.2%} of the best possible")
        lines.append(f"Plan: {len(report['selected'])} initiatives, {report['objective']:.1f} "
                     f"points of value, {proof}.")
        for line in report["schedule"]:
            lines.append(f"  {line['ref']}: {line['start']} to {line['finish']}")
            lines += [f"      milestone {m['date'] or 'undated'}: {m['name']} ({m['status']})"
                      for m in line["milestones"]]
        for line in report["excluded"]:
            lines.append(f"  left out {line['ref']}: {line['reason']}")
        for line in report["binding"]:
            figure = money if line["kind"] in ("budget", "year") else "{:,.0f}".format
            where = " ".join(p for p in (line["name"], line["period"]) if p)
            lines.append(f"  binds: {where}, {figure(line['used'])} of {figure(line['limit'])}")
    lines += [f"  {f['severity']}: {f['message']} ({f['code']})" for f in report["findings"]]
    if stored:
        lines.append("Stored as the accepted plan.")
    return lines

