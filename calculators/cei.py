"""Collection effectiveness index (CEI).

``CEI = (opening receivables + S − closing total receivables)
      / (opening receivables + S − closing current receivables) × 100``

where ``S`` is the monthly credit sales: the period's credit sales divided by its number of
months. 100 means everything collectable was collected. Source: credit-management practice as
summarised in ``shared/reference/README.md`` (example K2, gaviti.com).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def collection_effectiveness(begin_receivables: Decimal, credit_sales: Decimal,
                             end_receivables: Decimal, end_current_receivables: Decimal,
                             months: int = 1) -> Fraction:
    """CEI in percent (exact). The denominator, what could be collected, must be positive.

    Example K2 (gaviti.com): opening 100,000, sales 1,000,000 in one month, closing 120,000 of
    which 100,000 not yet due: 980,000 / 1,000,000 × 100.

    >>> collection_effectiveness(Decimal(100000), Decimal(1000000), Decimal(120000),
    ...                          Decimal(100000))
    Fraction(98, 1)
    """
    collectable = Fraction(begin_receivables) + Fraction(credit_sales) / months
    collected = collectable - Fraction(end_receivables)
    return collected / (collectable - Fraction(end_current_receivables)) * 100
