"""Credit limit by the policy's method (chapter "Limites de crédit" of the handbook).

The limit is the smallest of three amounts, rounded down to the policy's rounding, and never
above the maximum of the customer's risk class:

- ``by_equity = equity × equity_share / 100`` (the customer's equity, last balance sheet);
- ``by_insurer = insurer_cover`` (the credit insurer's cover, when the policy uses it);
- ``by_purchases = monthly_purchases × (term_days + margin_days) / 30``;
- ``limit = min(round_down(min(...), rounding), class maximum)``.

The risk class is the one whose score range (inclusive) holds the customer's score; the limit
is approved by the roles of the approval band ``above < limit <= up_to``.

Source: the policy (``credit_limits.limit_method``, ``risk_classes``, ``approval_bands``).
The policy's example (``limit_method.example``: score 75, equity 420 000, cover 50 000,
purchases 18 000 a month, 45 days) gives 36 000, approved by the credit manager. Amounts stay
exact (``Fraction``) until the rounding down of the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .policy_values import ApprovalBand, LimitMethod, RiskClass

DAYS_PER_MONTH = 30


def risk_class_of(score: int, classes: Sequence[RiskClass]) -> RiskClass | None:
    """The class whose ``score_min <= score <= score_max``; ``None`` if none holds it."""
    return next((c for c in classes if c.score_min <= score <= c.score_max), None)


def by_equity(equity: Decimal, equity_share: Decimal) -> Fraction:
    """``equity × equity_share / 100``.

    >>> by_equity(Decimal(420000), Decimal(10))
    Fraction(42000, 1)
    """
    return Fraction(equity) * Fraction(equity_share) / 100


def by_purchases(monthly_purchases: Decimal, term_days: int, margin_days: int) -> Fraction:
    """``monthly_purchases × (term_days + margin_days) / 30``: what the customer owes at the
    peak when it pays on term, with a margin.

    >>> by_purchases(Decimal(18000), 45, 15)
    Fraction(36000, 1)
    """
    return Fraction(monthly_purchases) * (term_days + margin_days) / DAYS_PER_MONTH


def round_down(amount: Fraction | Decimal, step: Decimal) -> Decimal:
    """``amount`` rounded down to a multiple of ``step`` (to the cent when ``step`` is 0).

    >>> round_down(Fraction(36999), Decimal(1000)), round_down(Fraction(1, 3), Decimal(0))
    (Decimal('36000'), Decimal('0.33'))
    """
    exact = Fraction(amount)
    if step <= 0:
        return Decimal(int(exact * 100 // 1)).scaleb(-2)
    multiples = int(exact / Fraction(step) // 1)
    return Decimal(multiples) * step


def approvers_for(amount: Decimal, bands: Sequence[ApprovalBand]) -> tuple[str, ...]:
    """Role ids approving ``amount``: the band with ``above < amount <= up_to`` (a limit of 0
    falls in the first band).

    >>> bands = [ApprovalBand(Decimal(0), Decimal(50000), ("credit_manager",)),
    ...          ApprovalBand(Decimal(50000), None, ("cfo",))]
    >>> approvers_for(Decimal(50000), bands), approvers_for(Decimal("50000.01"), bands)
    (('credit_manager',), ('cfo',))
    """
    for band in bands:
        if amount > band.above and (band.up_to is None or amount <= band.up_to):
            return band.approvers
    return bands[0].approvers


@dataclass(frozen=True)
class Limit:
    """The method's result: the three amounts (``by_insurer`` ``None`` when not used), the
    smallest of them, that one rounded down, and the limit after the class's cap."""

    by_equity: Fraction
    by_insurer: Fraction | None
    by_purchases: Fraction
    smallest: Fraction
    rounded: Decimal
    limit: Decimal
    capped: bool


def credit_limit(equity: Decimal, insurer_cover: Decimal | None, monthly_purchases: Decimal,
                 term_days: int, method: LimitMethod, class_maximum: Decimal) -> Limit:
    """The credit limit by the policy's ``method`` (see the module), capped by
    ``class_maximum``. ``insurer_cover`` counts only when the method uses it and it is given.

    The policy's example: equity 420 000, cover 50 000, purchases 18 000 a month, 45 days:
    42 000, 50 000 and 36 000, so 36 000.

    >>> method = LimitMethod(Decimal(10), True, 15, Decimal(1000), {})
    >>> credit_limit(Decimal(420000), Decimal(50000), Decimal(18000), 45, method,
    ...              Decimal(150000)).limit
    Decimal('36000')
    """
    equity_amount = by_equity(equity, method.equity_share)
    insurer = Fraction(insurer_cover) if method.use_insurer_cover and insurer_cover is not None \
        else None
    purchases = by_purchases(monthly_purchases, term_days, method.margin_days)
    smallest = min(amount for amount in (equity_amount, insurer, purchases) if amount is not None)
    rounded = round_down(smallest, method.rounding)
    return Limit(equity_amount, insurer, purchases, smallest, rounded,
                 min(rounded, class_maximum), class_maximum < rounded)
