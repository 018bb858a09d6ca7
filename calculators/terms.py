"""Payment terms under French law (Code de commerce, art. L441-10 I).

The agreed term may not exceed 60 days from the invoice date, or 45 days end of month if
expressly agreed; 30 days after delivery when nothing is agreed; 45 days for periodic
invoices. "45 jours fin de mois" has two accepted computations, and a policy must say which it
uses: :func:`end_of_month_then_days` (end of the invoice month, then 45 days) and
:func:`days_then_end_of_month` (45 days, then the end of that month). Example FR-8 (solon.law,
2023-10-27).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def end_of_month(day: date) -> date:
    """Last day of the month of ``day``."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def end_of_month_then_days(invoice_date: date, days: int = 45) -> date:
    """Due date "fin de mois + N jours": end of the invoice month, then ``days`` days.

    Example FR-8: an invoice of 15 January (non-leap year) is due on 17 March.

    >>> end_of_month_then_days(date(2025, 1, 15))
    datetime.date(2025, 3, 17)
    """
    return end_of_month(invoice_date) + timedelta(days=days)


def days_then_end_of_month(invoice_date: date, days: int = 45) -> date:
    """Due date "N jours fin de mois": ``days`` days after the invoice date, then the end of
    that month.

    Example FR-8: an invoice of 15 January (non-leap year) is due on 31 March.

    >>> days_then_end_of_month(date(2025, 1, 15))
    datetime.date(2025, 3, 31)
    """
    return end_of_month(invoice_date + timedelta(days=days))
