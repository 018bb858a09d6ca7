"""Late-payment penalties: France (between businesses, and public buyers), EU directive, United
Kingdom, Germany.

Interest runs from the day after the due date to the payment date, inclusive, on the amount
including VAT, at a yearly rate in percent::

    interest = Σ  base × rate × days / (100 × basis)        (basis 365, or 360 if chosen)

summed exactly over rate periods and payments, then rounded once, half-up, to the cent.

- ``FR`` — Code de commerce, art. L441-10 II: ECB main refinancing rate in force on 1 January
  (first half-year) or 1 July (second half-year) + 10 points. A delay spanning half-years is
  split, each slice at its own half-year's rate (``mode="fixed"``: the rate of the half-year in
  which lateness began throughout). A contractual rate may replace it but not below
  3 × the taux de l'intérêt légal of the half-year: below, the floor applies. Art. D441-5: a
  40 EUR recovery indemnity per late invoice, once, even when paid in several instalments.
- ``FR-PUBLIC`` — French public buyer, Code de la commande publique, art. R2192-31: ECB main
  refinancing rate in force on the first day of the half-year in which interest starts to run
  + 8 points, for the whole delay (no split by half-year); art. D2192-35: a 40 EUR recovery
  indemnity. The payment term runs from receipt of the invoice (art. R2192-12): the calculator
  takes the due date that results.
- ``EU`` — Directive 2011/7/EU, art. 2 (reference rate), 3 and 6: ECB rate + 8 points, split
  by half-year; 40 EUR per late payment.
- ``UK`` — Late Payment of Commercial Debts (Interest) Act 1998, s. 4 and 5A, SI 2002/1675:
  Bank Rate on 31 December / 30 June + 8 points, fixed for the life of the debt; fixed sum
  £40 below £1,000, £70 below £10,000, £100 from £10,000.
- ``DE`` — BGB § 288 with § 247: Basiszinssatz + 9 points between businesses, + 5 where a
  consumer is party, split by half-year; 40 EUR Pauschale between businesses (§ 288 (5)).

A half-year whose reference rate is unknown raises :class:`UnknownRate`: never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .money import EXACT, round_ratio
from .rates import SHIPPED, RateBook, half_end, half_of

ONE_DAY = timedelta(days=1)
ZERO = Decimal(0)
LEGAL_INTEREST = "france_legal_interest_rate"
CONTRACT_FLOOR_MULTIPLE = Decimal(3)


@dataclass(frozen=True)
class Regime:
    """A late-payment law: reference table, points added, modes it allows, indemnity."""

    code: str
    table: str
    margin: Decimal
    currency: str
    modes: tuple[str, ...]
    """Allowed modes, the default first."""
    consumer_margin: Decimal | None = None
    """Points added where a consumer is party; ``None``: business-to-business only."""
    contract_rate: bool = False
    """Whether a contractual rate (with a floor) may replace the statutory rate."""
    indemnity: Decimal = Decimal(40)


REGIMES: dict[str, Regime] = {
    "FR": Regime("FR", "ecb_main_refinancing_rate", Decimal(10), "EUR", ("split", "fixed"),
                 contract_rate=True),
    "FR-PUBLIC": Regime("FR-PUBLIC", "ecb_main_refinancing_rate", Decimal(8), "EUR",
                        ("fixed",)),
    "EU": Regime("EU", "ecb_main_refinancing_rate", Decimal(8), "EUR", ("split",)),
    "UK": Regime("UK", "uk_bank_rate_reference", Decimal(8), "GBP", ("fixed",)),
    "DE": Regime("DE", "germany_basiszinssatz", Decimal(9), "EUR", ("split",),
                 consumer_margin=Decimal(5)),
}


@dataclass(frozen=True)
class Terms:
    """How interest is computed: regime, mode (``None``: the regime's default), day basis,
    business-to-business or not, and an optional contractual rate (France)."""

    regime: str = "FR"
    mode: str | None = None
    basis: int = 365
    b2b: bool = True
    contract_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A slice of lateness at one rate: ``interest = base × rate × days / (100 × basis)``.

    ``weight = base × rate × days`` is kept exact; ``interest`` divides it exactly."""

    start: date
    end: date
    days: int
    rate: Decimal
    base: Decimal
    weight: Decimal
    divisor: int
    """``100 × basis``."""

    @property
    def interest(self) -> Fraction:
        """Exact, unrounded."""
        return Fraction(self.weight) / self.divisor


@dataclass(frozen=True, slots=True)
class Penalty:
    """What a late invoice owes; ``interest`` is the exact sum rounded once, half-up."""

    days_late: int
    periods: tuple[Period, ...]
    weight: Decimal
    """``Σ base × rate × days`` over the periods, exact."""
    divisor: int
    interest: Decimal
    """``weight / divisor`` rounded once, half-up, to the cent."""
    indemnity: Decimal
    total: Decimal
    currency: str
    floors: tuple[tuple[int, Decimal], ...] = ()
    """Half-years where a contractual rate was below its floor, with the floor applied."""

    @property
    def interest_exact(self) -> Fraction:
        return Fraction(self.weight) / self.divisor

    @property
    def rate(self) -> Decimal | None:
        """The rate applied, when a single one was; ``None`` if none or several."""
        if not self.periods:
            return None
        first = self.periods[0].rate
        same = all(period.rate is first or period.rate == first for period in self.periods)
        return first if same else None


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice and how it was settled: ``(date, amount)`` pairs; an amount still open is a
    pair dated the day interest is counted to."""

    amount: Decimal
    due_date: date
    settlements: tuple[tuple[date, Decimal], ...]


@dataclass(frozen=True, slots=True)
class MissingRate:
    """A half-year whose rate is unknown, and the settlement whose date reaches into it
    (``None``: the half-year in which lateness begins, set by the due date)."""

    table: str
    half: int
    settlement: int | None


class UnknownRate(Exception):
    """Rates are missing for some half-years; ``missing`` says which."""

    def __init__(self, missing: Sequence[MissingRate]) -> None:
        super().__init__(", ".join(f"{m.table} {m.half}" for m in missing))
        self.missing = tuple(missing)


def uk_fixed_sum(debt: Decimal) -> Decimal:
    """Fixed sum owed on a late commercial debt in the UK, by the size of the debt (GBP).

    Late Payment of Commercial Debts (Interest) Act 1998, s. 5A: less than £1,000 → £40;
    £1,000 to less than £10,000 → £70; £10,000 or more → £100 (example UK-5).

    >>> [uk_fixed_sum(Decimal(d)) for d in ("999.99", "1000.00", "9999.99", "10000.00")]
    [Decimal('40'), Decimal('70'), Decimal('70'), Decimal('100')]
    """
    if debt < 1000:
        return Decimal(40)
    if debt < 10000:
        return Decimal(70)
    return Decimal(100)


def statutory_rate(regime: str, half: int, *, b2b: bool = True,
                   rates: RateBook = SHIPPED) -> Decimal | None:
    """Statutory yearly rate of ``regime`` for a half-year: reference rate + the regime's points
    (``None`` if the reference rate is unknown). L441-10 II: ECB + 10 (example FR-4: 2024-H2,
    4.25 + 10); public buyer (Code de la commande publique R2192-31): ECB + 8; directive
    2011/7/EU: ECB + 8; UK: Bank Rate + 8; BGB 288: Basiszinssatz + 9, or
    + 5 with a consumer.

    >>> from .rates import parse_half
    >>> statutory_rate("FR", parse_half("2024-H2")), statutory_rate("DE", parse_half("2023-H1"))
    (Decimal('14.25'), Decimal('10.62'))
    """
    law = REGIMES[regime]
    reference = rates.get(law.table, half)
    if reference is None:
        return None
    margin = law.margin if b2b or law.consumer_margin is None else law.consumer_margin
    return EXACT.add(reference, margin)


def contract_floor(half: int, *, rates: RateBook = SHIPPED) -> Decimal | None:
    """Lowest contractual rate allowed in France for a half-year: 3 × the taux de l'intérêt
    légal ("all other cases"), Code de commerce art. L441-10 II (examples FR-4, FR-5);
    ``None`` if that rate is unknown.

    >>> from .rates import parse_half
    >>> contract_floor(parse_half("2024-H2")), contract_floor(parse_half("2023-H2"))
    (Decimal('14.76'), Decimal('12.66'))
    """
    legal = rates.get(LEGAL_INTEREST, half)
    return None if legal is None else EXACT.multiply(CONTRACT_FLOOR_MULTIPLE, legal)


class _RatePlan:
    """The rate of each half-year under given terms, looked up once and remembered, so that a
    batch of invoices does not repeat the work."""

    def __init__(self, terms: Terms, rates: RateBook) -> None:
        law = REGIMES[terms.regime]
        mode = terms.mode or law.modes[0]
        if mode not in law.modes:
            raise ValueError(f"mode {mode!r} is not allowed for regime {law.code}")
        if terms.contract_rate is not None and not law.contract_rate:
            raise ValueError(f"regime {law.code} takes no contractual rate")
        if not terms.b2b and law.consumer_margin is None:
            raise ValueError(f"regime {law.code} applies between businesses only")
        if terms.basis not in (360, 365):
            raise ValueError("basis must be 365 or 360")
        self.terms = terms
        self.law = law
        self.split = mode == "split"
        self.rates = rates
        self.divisor = 100 * terms.basis
        self._cache: dict[int, Decimal | str] = {}
        self._ends: dict[int, date] = {}
        """Last day of each half-year met, remembered too."""

    def lookup(self, half: int) -> Decimal | str:
        """The rate for the half-year, or the name of the table that lacks it."""
        found = self._cache.get(half)
        if found is None:
            found = self._cache[half] = self._find(half)
        return found

    def _find(self, half: int) -> Decimal | str:
        terms = self.terms
        if terms.contract_rate is not None:
            floor = contract_floor(half, rates=self.rates)
            if floor is None:
                return LEGAL_INTEREST
            rate = max(terms.contract_rate, floor)
        else:
            rate = statutory_rate(terms.regime, half, b2b=terms.b2b, rates=self.rates)
            if rate is None:
                return self.law.table
        return rate

    def indemnity(self, amount: Decimal) -> Decimal:
        if self.law.code == "UK":
            return uk_fixed_sum(amount)
        return self.law.indemnity if self.terms.b2b else Decimal(0)

    def penalty(self, invoice: Invoice) -> Penalty:
        due = invoice.due_date
        first_late = due + ONE_DAY
        first_half = half_of(first_late)
        multiply = EXACT.multiply
        split, divisor, cache, ends = self.split, self.divisor, self._cache, self._ends
        periods: list[Period] = []
        missing: dict[tuple[str, int], MissingRate] = {}
        days_late = 0
        for index, (paid_on, paid) in enumerate(invoice.settlements):
            if paid_on <= due:
                continue
            late = (paid_on - due).days
            if late > days_late:
                days_late = late
            half = first_half
            start = first_late
            while start <= paid_on:
                end = paid_on
                if split:
                    last = ends.get(half)
                    if last is None:
                        last = ends[half] = half_end(half)
                    if last < paid_on:
                        end = last
                found = cache.get(half)
                if found is None:
                    found = self.lookup(half)
                if isinstance(found, str):
                    key = (found, half)
                    if key not in missing:
                        blame = None if half == first_half else index
                        missing[key] = MissingRate(found, half, blame)
                else:
                    days = (end - start).days + 1
                    weight = multiply(multiply(paid, found), days)
                    periods.append(Period(start, end, days, found, paid, weight, divisor))
                start = end + ONE_DAY
                half += 1
        if missing:
            raise UnknownRate(list(missing.values()))
        if not days_late:
            zero = Decimal(0)
            return Penalty(0, (), zero, divisor, zero, zero, zero, self.law.currency)
        floors: tuple[tuple[int, Decimal], ...] = ()
        contract = self.terms.contract_rate
        if contract is not None:
            floors = tuple(sorted({(half_of(p.start), p.rate) for p in periods
                                   if p.rate != contract}))
        if len(periods) > 1:
            if len(invoice.settlements) > 1:  # one settlement: already in order
                periods.sort(key=lambda p: (p.start, p.end))
            weight = ZERO  # exact_sum(p.weight for p in periods), inlined
            for period in periods:
                weight = EXACT.add(weight, period.weight)
        else:
            weight = periods[0].weight
        interest = round_ratio(weight, divisor)
        indemnity = self.indemnity(invoice.amount)
        return Penalty(days_late, tuple(periods), weight, divisor, interest, indemnity,
                       EXACT.add(interest, indemnity), self.law.currency, floors)


def late_penalty(amount: Decimal, due_date: date, payment_date: date | None = None, *,
                 settlements: Sequence[tuple[date, Decimal]] | None = None,
                 terms: Terms = Terms(), rates: RateBook = SHIPPED) -> Penalty:
    """Late-payment interest and indemnity of one invoice.

    ``interest = Σ amount × rate × days / (100 × basis)`` over the rate periods from the day after
    ``due_date`` to ``payment_date`` inclusive (or over each ``(date, amount)`` of
    ``settlements`` for an invoice paid in instalments), rounded once, half-up; plus the
    indemnity, once per late invoice (France: Code de commerce art. L441-10 II and D441-5;
    other regimes: see the module documentation). A payment on or before the due date owes
    nothing.

    Example FR-1 (ECB rate of 1 July 2025: 2.15 %, so 12.15 %, 61 days):

    >>> fr1 = late_penalty(Decimal("10000"), date(2025, 9, 30), date(2025, 11, 30))
    >>> fr1.days_late, fr1.rate, fr1.interest, fr1.indemnity, fr1.total
    (61, Decimal('12.15'), Decimal('203.05'), Decimal('40'), Decimal('243.05'))

    Raises :class:`UnknownRate` when a half-year's reference rate is not known.
    """
    if settlements is None:
        if payment_date is None:
            raise ValueError("give payment_date or settlements")
        settlements = ((payment_date, amount),)
    invoice = Invoice(amount, due_date, tuple(settlements))
    return _RatePlan(terms, rates).penalty(invoice)


def late_penalties(invoices: Iterable[Invoice], *, terms: Terms = Terms(),
                   rates: RateBook = SHIPPED) -> list[Penalty | UnknownRate]:
    """:func:`late_penalty` for many invoices under the same terms, sharing the rate look-ups:
    one result per invoice, or the :class:`UnknownRate` that prevents it."""
    plan = _RatePlan(terms, rates)
    results: list[Penalty | UnknownRate] = []
    for invoice in invoices:
        try:
            results.append(plan.penalty(invoice))
        except UnknownRate as unknown:
            results.append(unknown)
    return results


__all__ = [
    "REGIMES", "Invoice", "MissingRate", "Penalty", "Period", "Regime", "Terms", "UnknownRate",
    "contract_floor", "late_penalties", "late_penalty", "statutory_rate",
    "uk_fixed_sum",
]
