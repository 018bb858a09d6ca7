"""Cost of an early-payment discount ("escompte pour paiement comptant"), seen by the seller.

For a discount ``d`` (a fraction) taken by paying at day ``D`` instead of the net term ``N``:

- nominal annual cost ``= d / (1 − d) × B / (N − D)``, ``B`` = 365 (or 360);
- effective annual cost ``= (1 + d / (1 − d)) ^ (365 / (N − D)) − 1`` (compounded);
- offering the discount is worth it to the seller only when its cost is below the rate at
  which it finances its receivables; the break-even discount for a financing rate ``f`` is
  ``x / (1 + x)`` with ``x = f × (N − D) / B``.

Source: corporate-finance textbooks, as summarised in ``shared/reference/README.md``
(example D1: analystforum.com, mathcelebrity.com). Rates are in percent.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from fractions import Fraction


def nominal_cost(discount_rate: Decimal, discount_days: int, net_days: int,
                 basis: int = 365) -> Fraction:
    """Nominal annual cost of the discount, percent: ``d / (1 − d) × B / (N − D)`` (exact).

    Example D1: 2 % for paying at 10 days instead of 30.

    >>> from .money import two_places
    >>> two_places(nominal_cost(Decimal(2), 10, 30))
    '37.24'
    >>> two_places(nominal_cost(Decimal(2), 10, 30, basis=360))
    '36.73'
    """
    d = Fraction(discount_rate) / 100
    return d / (1 - d) * Fraction(basis, net_days - discount_days) * 100


def effective_cost(discount_rate: Decimal, discount_days: int,
                   net_days: int) -> Decimal | Fraction:
    """Effective (compounded) annual cost, percent: ``(1 + d / (1 − d)) ^ (365 / (N − D)) − 1``,
    with ``1 + d / (1 − d) = 1 / (1 − d)``. Exact when ``365 / (N − D)`` is a whole number;
    otherwise (an irrational power) computed with 40 significant digits beyond the cents,
    however large the result.

    Example D1: 2 % at 10 days instead of 30 costs 44.59 % a year.

    >>> from .money import two_places
    >>> two_places(effective_cost(Decimal(2), 10, 30))
    '44.59'
    """
    periods, rest = divmod(365, net_days - discount_days)
    if not rest:
        return ((1 / (1 - Fraction(discount_rate) / 100)) ** periods - 1) * 100
    digits = 40
    while True:
        context = Context(prec=digits, Emax=MAX_EMAX, Emin=MIN_EMIN)
        growth = context.divide(Decimal(100), context.subtract(Decimal(100), discount_rate))
        exponent = context.divide(Decimal(365), Decimal(net_days - discount_days))
        cost = context.multiply(context.subtract(context.power(growth, exponent), Decimal(1)),
                                Decimal(100))
        if cost.adjusted() + 2 + 40 <= digits:  # 40 digits to spare below the cent
            return cost
        digits = cost.adjusted() + 2 + 40 + 1


def breakeven_discount(financing_rate: Decimal, discount_days: int, net_days: int,
                       basis: int = 365) -> Fraction:
    """Discount, percent, whose nominal cost equals ``financing_rate``: ``x / (1 + x)`` with
    ``x = f × (N − D) / B``. A larger discount costs more than financing the receivable.

    >>> from .money import two_places
    >>> two_places(breakeven_discount(Decimal(4), 10, 30))
    '0.22'
    """
    x = Fraction(financing_rate) / 100 * Fraction(net_days - discount_days, basis)
    return x / (1 + x) * 100


def discount_amount(amount: Decimal, discount_rate: Decimal) -> Fraction:
    """Money given up: ``amount × d``."""
    return Fraction(amount) * Fraction(discount_rate) / 100


def financing_cost(amount: Decimal, discount_rate: Decimal, financing_rate: Decimal,
                   discount_days: int, net_days: int, basis: int = 365) -> Fraction:
    """Cost of financing the discounted amount instead, for the ``N − D`` days it comes in
    early: ``amount × (1 − d) × f × (N − D) / B``. It exceeds :func:`discount_amount` exactly
    when the discount's nominal cost is below ``f``.

    >>> from .money import two_places
    >>> two_places(financing_cost(Decimal(10000), Decimal(2), Decimal(4), 10, 30))
    '21.48'
    """
    net = Fraction(amount) - discount_amount(amount, discount_rate)
    return net * Fraction(financing_rate) / 100 * Fraction(net_days - discount_days, basis)
