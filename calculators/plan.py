"""Payment plan for arrears (chapter "Recouvrement", payment plans, of the handbook).

- ``financed = arrears − down_payment``;
- ``months`` equal instalments of ``financed / months`` rounded half-up to the cent, the last
  one taking the difference (``financed − (months − 1) × instalment``), so that they add up to
  the amount exactly;
- monthly, on the day of the month of ``first_date``, or on the month's last day when the
  month is shorter (a plan starting on 31 January falls on 28 February, then 31 March);
- the plan is refused when it is longer than the policy's maximum months, or when an instalment
  is below the policy's minimum instalment;
- it is approved by the policy's approver up to the approval limit (inclusive), by the
  escalation role above it.

Source: the policy (``recovery.payment_plans``) and its acknowledgement-of-debt letter
(``recovery.letter_templates``, kind ``debt_acknowledgement``; Code civil, art. 1376 and 2240).
Worked example: 12 450,00 over 6 months from 5 March 2026 gives five instalments of 2 075,00
and a last one of 2 075,00; 1 000,00 over 3 months gives 333,33, 333,33 and 333,34.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .money import EXACT, round_half_up


def monthly_date(first_date: date, index: int) -> date:
    """The date of instalment ``index`` (0 for the first): ``index`` months after
    ``first_date``, on its day of the month or the month's last day when the month is shorter.

    >>> [monthly_date(date(2026, 1, 31), i).isoformat() for i in range(4)]
    ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']
    """
    months = first_date.month - 1 + index
    year, month = first_date.year + months // 12, months % 12 + 1
    return date(year, month, min(first_date.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Instalment:
    date: date
    amount: Decimal


def instalments(financed: Decimal, months: int, first_date: date) -> list[Instalment]:
    """``months`` monthly instalments of ``financed`` (see the module): equal amounts rounded
    half-up to the cent, the last one taking the difference.

    >>> [str(i.amount) for i in instalments(Decimal(1000), 3, date(2026, 1, 31))]
    ['333.33', '333.33', '333.34']
    >>> [str(i.amount) for i in instalments(Decimal("1000.02"), 3, date(2026, 1, 31))]
    ['333.34', '333.34', '333.34']
    """
    each = round_half_up(Fraction(financed) / months)
    last = EXACT.subtract(financed, EXACT.multiply(each, Decimal(months - 1)))
    return [Instalment(monthly_date(first_date, index), each if index < months - 1 else last)
            for index in range(months)]


def longest_plan(financed: Decimal, minimum_instalment: Decimal, maximum_months: int) -> int:
    """The most months (at most ``maximum_months``) whose instalments are all at least
    ``minimum_instalment``; 0 when even a single one is below it.

    >>> minimum = Decimal(500)
    >>> longest_plan(Decimal("2999.99"), minimum, 6), longest_plan(Decimal(3000), minimum, 6)
    (5, 6)
    """
    for months in range(maximum_months, 0, -1):
        day = date(2000, 1, 1)
        if min(i.amount for i in instalments(financed, months, day)) >= minimum_instalment:
            return months
    return 0


def approver_of(arrears: Decimal, approver: str, approval_limit: Decimal, escalation: str) -> str:
    """``approver`` up to ``approval_limit`` inclusive, ``escalation`` above it.

    >>> approver_of(Decimal(20000), "credit_manager", Decimal(20000), "cfo")
    'credit_manager'
    >>> approver_of(Decimal("20000.01"), "credit_manager", Decimal(20000), "cfo")
    'cfo'
    """
    return approver if arrears <= approval_limit else escalation
