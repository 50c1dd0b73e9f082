"""Analyses of a workshop: health findings and statistics. No Qt here."""

from bigdesk.analysis.findings import Finding, Severity, run_rules

__all__ = ["Finding", "Severity", "run_rules"]
