"""The one error a broken rule raises."""

from __future__ import annotations


class EditRejectedError(ValueError):
    """An edit or import breaks a rule of the method; ``str(error)`` says which, in plain words."""
