"""Chapter 12b, reference rates the company adds to the tables shipped with Encours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from .common import Model, NonEmptyText, RoleRef

HALF_YEAR_PATTERN = r"^\d{4}-H[12]$"
HalfYear = Annotated[str, Field(pattern=HALF_YEAR_PATTERN)]


class RateValue(Model):
    """La valeur d'un taux pour un semestre, avec sa source."""

    value: Decimal
    """Taux en % par an, entre guillemets (ex. "2.15")."""
    source: NonEmptyText
    """D'où vient la valeur (texte officiel, page consultée)."""
    date: dt.date
    """Date de publication ou de consultation."""


RateTable = dict[HalfYear, RateValue]


class Rates(Model):
    """Taux de référence ajoutés par l'entreprise, par semestre ("2026-H2")."""

    owner: RoleRef | None = None
    """Rôle qui met à jour les taux de référence au 1er janvier et au 1er juillet (taux BCE et
    taux de l'intérêt légal du semestre, avec leur source officielle)."""

    ecb_main_refinancing_rate: RateTable = Field(default_factory=dict)
    """Taux des opérations principales de refinancement de la BCE au 1er janvier / 1er juillet."""
    france_legal_interest_rate: RateTable = Field(default_factory=dict)
    """Taux de l'intérêt légal, colonne « autres cas » (créanciers professionnels)."""
    uk_bank_rate_reference: RateTable = Field(default_factory=dict)
    """Bank Rate au 31 décembre / 30 juin."""
    germany_basiszinssatz: RateTable = Field(default_factory=dict)
    """Basiszinssatz (BGB 247)."""

    def reference_rates(self) -> dict[str, dict[str, str]]:
        """`{table: {"YYYY-Hn": "x.xx"}}`, the shape the calculators take as `reference_rates`."""
        return {
            table: {half: str(rate.value) for half, rate in sorted(values.items())}
            for table, values in (
                (name, getattr(self, name)) for name in type(self).model_fields
                if name != "owner"
            )
            if values
        }
