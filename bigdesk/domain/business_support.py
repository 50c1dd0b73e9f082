"""Business Support: the strategy-delivery support function a PMO becomes, and its services.

The method lists eight services. Each builds on capabilities of the default
framework (by their keys), so a workshop's largest capability gaps suggest which
services the function should take on first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodService:
    """A service of Business Support as the method names it, and what it builds on."""

    name: str
    # -- keys of the default framework's capabilities the service develops
    capabilities: tuple[str, ...]


SERVICES: tuple[MethodService, ...] = (
    MethodService("Align purpose and vision with strategy",
                  ("clarity-of-purpose", "strategic-process", "purpose-and-driver-review")),
    MethodService("Cascade objectives and key results through one information model",
                  ("okr-platform", "strategy-information-model", "strategy-operating-model")),
    MethodService("Operate the metrics that measure key results",
                  ("information-and-data",)),
    MethodService("Support prioritisation at all levels", ("prioritisation-tools",)),
    MethodService("Support governance at all levels",
                  ("integrated-governance-framework", "integrated-governance-operation",
                   "corporate-raid-log")),
    MethodService("Support resource management",
                  ("resource-planning", "finance-planning", "enabled-people")),
    MethodService("Manage integration and dependencies", ("milestone-planning",)),
    MethodService("Be the hub for the support offices",
                  ("business-support", "document-library", "fair-accountability")),
)  # fmt: skip

# -- services a new function can start well; the rest follow once these run
FIRST_SERVICES = 4
