"""Widgets of the Prioritise step: grids over the live analysis, and its charts."""
