"""Sales bonus tied to collection (chapter "Rémunération variable" of the handbook).

- ``period_target = target_bonus / periods_per_year`` (the policy's period: quarterly → 4);
- for each criterion, the tier reached is the first step of its scale (best first) that the
  result reaches: *at or below* its threshold for an indicator to bring down (``lower``), at or
  above it otherwise; a result beyond the last threshold earns 0;
- ``amount = period_target × weight / 100 × payout / 100``;
- ``total`` = the sum of the exact amounts, rounded once, half-up, to the cent.

Source: the policy (``incentives.period``, ``criteria``: weight, scale; the KPI's ``better``).
The policy's example: a target of 4 000 a year (1 000 a quarter) and results 6,2 % overdue,
9 days late on average, 8 days to resolve disputes give 240 + 210 + 250 = 700,00.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .policy_values import ScaleStep


def period_target(target_bonus: Decimal, periods_per_year: int) -> Fraction:
    """The target of one period: ``target_bonus / periods_per_year``.

    >>> period_target(Decimal(4000), 4)
    Fraction(1000, 1)
    """
    return Fraction(target_bonus) / periods_per_year


def tier_reached(result: Decimal, scale: Sequence[ScaleStep], better: str) -> int | None:
    """The index of the first step ``result`` reaches (``better == "lower"``: at or below its
    threshold; ``"higher"``: at or above it); ``None`` beyond the last threshold.

    >>> scale = [ScaleStep(Decimal(5), Decimal(100)), ScaleStep(Decimal(8), Decimal(60))]
    >>> [tier_reached(Decimal(x), scale, "lower") for x in ("5", "5.01", "8", "8.01")]
    [0, 1, 1, None]
    """
    for index, step in enumerate(scale):
        if (result <= step.threshold) if better == "lower" else (result >= step.threshold):
            return index
    return None


@dataclass(frozen=True)
class Line:
    """One criterion's share of the bonus: the tier reached (``None``: none), its payout rate
    and the amount (exact)."""

    tier: int | None
    payout: Decimal
    amount: Fraction


def criterion_bonus(result: Decimal, scale: Sequence[ScaleStep], better: str,
                    weight: Decimal, target: Fraction) -> Line:
    """``target × weight / 100 × payout / 100`` for the tier ``result`` reaches.

    Example: 6,2 % overdue on the scale 5 → 100, 8 → 60, 10 → 30, weight 40, target 1 000:
    the second tier, 60 %, so 240.

    >>> scale = [ScaleStep(Decimal(5), Decimal(100)), ScaleStep(Decimal(8), Decimal(60)),
    ...          ScaleStep(Decimal(10), Decimal(30))]
    >>> criterion_bonus(Decimal("6.2"), scale, "lower", Decimal(40), Fraction(1000)).amount
    Fraction(240, 1)
    """
    tier = tier_reached(result, scale, better)
    payout = Decimal(0) if tier is None else scale[tier].payout
    return Line(tier, payout, target * Fraction(weight) / 100 * Fraction(payout) / 100)
