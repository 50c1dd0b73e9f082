"""Widgets of the Assess step: the scoring grid, charts, framework editor and re-baseline."""
