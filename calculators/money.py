"""Exact rounding and formatting: results are rounded once, half-up, at the end.

Calculators keep intermediate values exact (``Decimal`` inputs, ``Fraction`` for quotients) and
call :func:`round_half_up` only on the figure they report, so no float and no intermediate
rounding ever touches a result, whatever the size of the amounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

Exact = Decimal | Fraction | int
"""A value known exactly: a decimal input, a quotient, or a count of days."""

EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Additions, subtractions and multiplications of decimals, never rounded (no division here:
quotients are ``Fraction``s)."""


_STEPS = {places: Decimal(1).scaleb(-places) for places in range(10)}


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """Sum of decimals, without the 28-digit rounding of the default context."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total


def round_half_up(value: Exact, places: int = 2) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero, computed on integers.

    >>> round_half_up(Fraction(1, 8)), round_half_up(Fraction(-1, 8))
    (Decimal('0.13'), Decimal('-0.13'))
    >>> round_half_up(Decimal("2.675")), round_half_up(Decimal("2.665"))
    (Decimal('2.68'), Decimal('2.67'))
    """
    if isinstance(value, Decimal):
        rounded = value.quantize(_STEPS[places], ROUND_HALF_UP, EXACT)
        return rounded.copy_abs() if rounded.is_zero() else rounded
    numerator, denominator = value.as_integer_ratio()
    return _round_integers(numerator, denominator, places)


def _round_integers(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator / denominator`` (``denominator > 0``) rounded half-up, on integers."""
    quotient, remainder = divmod(abs(numerator) * 10**places, denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    if numerator < 0 and quotient:
        quotient = -quotient
    return EXACT.scaleb(Decimal(quotient), -places)


def round_ratio(numerator: Decimal, denominator: int, places: int = 2) -> Decimal:
    """``numerator / denominator`` rounded half-up to ``places`` decimals, exactly.

    >>> round_ratio(Decimal("7411500"), 36500)
    Decimal('203.05')
    """
    integer, scale = numerator.as_integer_ratio()
    return _round_integers(integer, scale * denominator, places)


def two_places(value: Exact) -> str:
    """``value`` rounded half-up to the cent, as a string with exactly two decimals.

    >>> two_places(Fraction(20301, 100)), two_places(0), two_places(Decimal("1E+30"))
    ('203.01', '0.00', '1000000000000000000000000000000.00')
    """
    return format(round_half_up(value), "f")
