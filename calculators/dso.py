"""Days sales outstanding (DSO): simple and countback ("méthode par épuisement").

- Simple: ``DSO = receivables / sales × days`` of the period, receivables and credit sales
  both including VAT.
- Countback: from the period-end receivables, subtract each month's sales going back from the
  latest month, counting that month's days while the remainder covers it; for the month it
  does not cover, add ``remainder / sales × days``. If the months run out first, the DSO is
  only known to exceed the days covered (:class:`HistoryTooShort`).
- Best possible DSO (BPDSO) applies the same method to the current (not yet due) receivables;
  average days delinquent ``ADD = DSO − BPDSO``.

Months are ``(year, month)`` pairs (:data:`Month`), spelt ``YYYY-MM`` (:func:`month_key`); a
countback's months follow each other (:func:`shift_month`), each as long as the calendar says
(:func:`month_days`) unless a fixed length is chosen.

Sources: credit-management practice as summarised in ``shared/reference/README.md`` (examples
A1-A4 divalto, financefactory.fr, comptabilite.pagesjaunes.fr; C1 divalto; C2 benjipays;
B1 creditguru.com).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Month = tuple[int, int]
"""A calendar month, ``(year, month)``, as :func:`calculators.inputs.parse_month` reads it."""


@dataclass(frozen=True, slots=True)
class Step:
    """One month consumed by the countback: sales, its length in days, the receivables left
    before it, and the days it adds (all of them, or a fraction for the last month)."""

    sales: Decimal
    month_days: int
    receivables_before: Fraction
    days: Fraction
    cumulative_days: Fraction


@dataclass(frozen=True, slots=True)
class Countback:
    """Countback DSO (exact) and the months it consumed, latest first."""

    dso: Fraction
    steps: tuple[Step, ...]


class HistoryTooShort(Exception):
    """The months given do not absorb the receivables: the DSO exceeds ``days_covered``."""

    def __init__(self, days_covered: int, remainder: Fraction) -> None:
        super().__init__(f"DSO exceeds the {days_covered} days covered")
        self.days_covered = days_covered
        self.remainder = remainder


def simple_dso(receivables: Decimal, sales: Decimal, days: int) -> Fraction:
    """``DSO = receivables / sales × days`` (exact; ``sales`` must be positive).

    Example A1 (divalto): 30,000 owed on 60,000 of sales over 90 days.

    >>> from .money import two_places
    >>> two_places(simple_dso(Decimal("30000"), Decimal("60000"), 90))
    '45.00'
    """
    return Fraction(receivables) / Fraction(sales) * days


def countback_dso(receivables: Decimal, months: Sequence[tuple[Decimal, int]]) -> Countback:
    """Countback DSO over ``months`` given as ``(sales, days in the month)``, latest first.

    ``DSO = Σ days of the months fully covered + remainder / sales × days`` of the month the
    remainder does not cover. Raises :class:`HistoryTooShort` when the receivables exceed the
    sales of every month given.

    Example C1 (divalto): 2,500 owed; sales 1,200 in November (30 days), 800 in October (31),
    700 in September (30): 30 + 31 + 500 / 700 × 30.

    >>> from .money import two_places
    >>> c1 = countback_dso(Decimal("2500"), [(Decimal("1200"), 30), (Decimal("800"), 31),
    ...                                      (Decimal("700"), 30)])
    >>> two_places(c1.dso), len(c1.steps)
    ('82.43', 3)
    """
    remainder = Fraction(receivables)
    total = Fraction(0)
    steps: list[Step] = []
    covered = 0
    for sales, month_days in months:
        if remainder <= 0:
            break
        before = remainder
        if remainder >= sales:
            days = Fraction(month_days)
            remainder -= Fraction(sales)
        else:
            days = remainder / Fraction(sales) * month_days
            remainder = Fraction(0)
        total += days
        covered += month_days
        steps.append(Step(sales, month_days, before, days, total))
    if remainder > 0:
        raise HistoryTooShort(covered, remainder)
    return Countback(total, tuple(steps))


def average_days_delinquent(dso: Fraction, best_possible_dso: Fraction) -> Fraction:
    """``ADD = DSO − BPDSO``, where BPDSO is the DSO of the current (not yet due) receivables.

    Example B1 (creditguru.com): 15,000 owed of which 4,000 not yet due, 10,000 of sales over
    30 days: DSO 45, BPDSO 12, ADD 33.

    >>> add = average_days_delinquent(simple_dso(Decimal(15000), Decimal(10000), 30),
    ...                               simple_dso(Decimal(4000), Decimal(10000), 30))
    >>> add
    Fraction(33, 1)
    """
    return dso - best_possible_dso



def month_key(month: Month) -> str:
    """The public spelling of a calendar month, the one
    :func:`~calculators.inputs.parse_month` reads.

    Parameters
    ----------
    month : Month
        ``(year, month)``.

    Returns
    -------
    str
        ``YYYY-MM``.

    Examples
    --------
    >>> month_key((2025, 9))
    '2025-09'
    """
    return f"{month[0]:04d}-{month[1]:02d}"


def month_days(month: Month) -> int:
    """Days in a calendar month, the length a countback gives it (Gregorian calendar).

    Parameters
    ----------
    month : Month
        ``(year, month)``.

    Returns
    -------
    int
        28 to 31.

    Examples
    --------
    >>> month_days((2024, 2)), month_days((2025, 11))
    (29, 30)
    """
    return calendar.monthrange(*month)[1]


def shift_month(month: Month, months: int) -> Month:
    """The calendar month ``months`` months after ``month``:
    ``12 × year + month − 1 + months``, split back into year and month.

    Parameters
    ----------
    month : Month
        ``(year, month)``.
    months : int
        How many months later; negative for earlier (``-1``: the month before, as a countback
        goes back).

    Returns
    -------
    Month
        ``(year, month)``.

    Examples
    --------
    >>> shift_month((2025, 12), 1), shift_month((2025, 1), -1)
    ((2026, 1), (2024, 12))
    """
    year, index = divmod(month[0] * 12 + month[1] - 1 + months, 12)
    return year, index + 1
