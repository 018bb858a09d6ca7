"""Current reference rates: the half-year of today and of the effective date each have the ECB
rate and the legal interest rate, shipped or added by the policy; otherwise its owner is told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from calculators.rates import RateBook, half_key, half_of

from ..messages import message
from .registry import Context, check

RATES_MISSING = "rates.missing"
"""The code of the warning for a missing current rate (`Problem.code`)."""
CURRENT_TABLES = ("ecb_main_refinancing_rate", "france_legal_interest_rate")
"""The rates French late-payment penalties rest on: ECB + 10 points, and the floor of three
times the legal interest rate (Code de commerce, art. L441-10 II)."""
UPDATE_DAYS = ((1, 1), (7, 1))
"""The days the rates change: 1 January and 1 July."""


@dataclass(frozen=True)
class MissingRate:
    table: str
    half: str
    dates: list[tuple[str, dt.date]]
    """Why this half-year is needed: ("effective_date" | "today", that date)."""


def missing_rates(policy: Any, today: dt.date) -> list[MissingRate]:
    """Each current table with no rate for the half-year of today or of the effective date."""
    book = RateBook.spelled(policy.rates.reference_rates())
    wanted: dict[int, list[tuple[str, dt.date]]] = {}
    for reason, day in (("effective_date", policy.document.effective_date), ("today", today)):
        wanted.setdefault(half_of(day), []).append((reason, day))
    return [MissingRate(table, half_key(half), dates)
            for table in CURRENT_TABLES for half, dates in sorted(wanted.items())
            if book.get(table, half) is None]


def owner_title(policy: Any, lang: str) -> str | None:
    owner = policy.rates.owner
    role = next((r for r in policy.roles if r.id == owner), None) if owner else None
    return role.title.get(lang) if role else None


@check("rates", "document", "roles")
def current_rates_known(context: Context) -> None:
    """Warn, naming the rates' owner and the file to edit, for every missing current rate."""
    policy = context.policy
    title = owner_title(policy, context.lang)
    owner = message("check.rates_owner", context.lang, role=title) if title \
        else message("check.rates_no_owner", context.lang)
    file, _ = context.where(("rates",))
    for missing in missing_rates(policy, context.today):
        why = message("list.and", context.lang).join(
            message(f"check.rates_{reason}", context.lang, date=day.isoformat())
            for reason, day in missing.dates)
        context.warning(("rates",), "check.rates_missing", code=RATES_MISSING,
                        table=message(f"check.rates_table_{missing.table}", context.lang),
                        half=missing.half, why=why, owner=owner, file=file)
