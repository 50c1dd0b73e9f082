"""The pages of the workflow's steps: one package per step of ``bigdesk.domain.steps``.

A step's package ``bigdesk.ui.steps.<key>`` exposes ``Page``, built with the document
and a parent. Packages are imported when their step is first shown, so start-up loads
only the first step's code.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import Step


def build_page(step: Step, document: WorkshopDocument, parent: QWidget) -> QWidget:
    """Create the page of ``step``, importing its package the first time."""
    page: QWidget = importlib.import_module(f"{__name__}.{step.key}").Page(document, parent)
    return page
