"""Chapter 10, key performance indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import Id, Model, RoleRef, Text

KpiMethod = Literal[
    "countback_dso", "simple_dso", "best_possible_dso", "average_days_delinquent",
    "collection_effectiveness_index", "overdue_rate", "average_days_late",
    "dispute_resolution_days", "bad_debt_rate", "other",
]


class Kpi(Model):
    """Un indicateur suivi."""

    id: Id
    name: Text
    method: KpiMethod
    """Méthode de calcul (countback_dso = DSO par épuisement, etc.)."""
    definition: Text
    """Formule et périmètre, en clair."""
    unit: Literal["days", "percent", "amount", "count"]
    better: Literal["lower", "higher"]
    """Sens de l'amélioration : `lower` (plus bas, mieux) ou `higher`."""
    target: Decimal
    frequency: Literal["weekly", "monthly", "quarterly", "yearly"]
    owner: RoleRef
    """Rôle qui le calcule et le publie."""
    audience: list[RoleRef] = Field(min_length=1)
    """Rôles qui le reçoivent."""
