"""Taux de l'intérêt légal (France), the floor of a contractual late-penalty rate (L441-10 II).

Read from the calculators' shipped table (`calculators.rates`, with its source and date), so the
handbook and the calculators never disagree on a rate. A half-year missing there is unknown:
the policy may add it in `policy/rates.yaml`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators.rates import FRANCE_LEGAL_INTEREST_RATE as _TABLE
from calculators.rates import half_key, half_of

SOURCE = _TABLE.source
AS_OF = _TABLE.as_of


def legal_interest_rate(half: str) -> Decimal | None:
    """The "all other cases" rate of a half-year (`"2026-H1"`), percent, or None if unknown."""
    value = _TABLE.values.get(half)
    return Decimal(value) if value is not None else None


def half_year(day: dt.date) -> str:
    """`2026-09-01` → `"2026-H2"`."""
    return half_key(half_of(day))
