"""From a payload to a result, calculator by calculator: read the fields, check what a single
field cannot check alone, call the pure functions, shape the JSON-ready answer.

Each adapter takes the payload and the message catalogue of its language, and returns the
result or raises :class:`Rejected` with every problem found. :class:`PenaltyBatch` is the
penalty calculator for a long list of invoices given a part at a time (a file's lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import bonus, cei, discount, dso, limit, order, penalty, plan, unpaid
from .inputs import (
    LAST_DATE,
    MAX_TEXT_LENGTH,
    Field,
    Invalid,
    Problem,
    blank,
    explain,
    parse_date,
    parse_number,
    read,
    read_reference_rates,
)
from .languages import LANGUAGES
from .messages import Catalogue
from .money import EXACT, exact_sum, round_half_up, round_ratio, two_places
from .policy_values import PolicyValues, average_term_days
from .rates import TABLES, RateBook, half_key
from .specs import SPECS, Spec

COMMON_KEYS = ("lang", "reference_rates")
"""Keys every calculator accepts besides its fields."""


class Rejected(Exception):
    """The payload cannot be computed; ``problems`` say why, field by field. ``missing_rates``:
    the reference rates it lacks (:func:`missing_rate`), for a page to ask the reader for."""

    def __init__(self, problems: list[Problem],
                 missing_rates: Sequence[Mapping[str, str]] = ()) -> None:
        super().__init__(problems)
        self.problems = problems
        self.missing_rates = list(missing_rates)


def missing_rate(table: str, half: int, t: Catalogue) -> dict[str, str]:
    """A reference rate a computation lacks, as a page asks the reader for it: the table and
    the half-year (``"2026-H2"``, the key of ``reference_rates``), their names in the reader's
    language, and the official source where the rate is published."""
    return {"table": table, "half": half_key(half), "half_name": t.half(half),
            "rate_name": t(f"rate_table.{table}"), "source": t(f"rate_source.{table}"),
            "url": TABLES[table].url}


def _read(spec: Spec, payload: Mapping[str, Any], t: Catalogue,
          fields: tuple[Field, ...] | None = None) -> tuple[dict[str, Any], list[Problem]]:
    return read(payload, fields or spec.fields, t, spec.name, allowed=COMMON_KEYS)


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _maybe(value: Any) -> str | None:
    return None if value is None else two_places(value)


# --- penalty ---------------------------------------------------------------------------------

_SINGLE_ONLY = ("amount", "due_date", "payment_date", "payments")
_BATCH_FIELDS = tuple(replace(field, required=False) if field.name in _SINGLE_ONLY else field
                      for field in SPECS["penalty"].fields)


def _penalty(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    spec = SPECS["penalty"]
    batch = not blank(payload.get("invoices"))
    values, problems = _read(spec, payload, t, _BATCH_FIELDS if batch else None)
    overrides, rate_problems = read_reference_rates(payload.get("reference_rates"), t)
    problems += rate_problems
    law = penalty.REGIMES[values["regime"]]
    problems += _terms_problems(values, law, t)
    as_of = values["as_of"]
    if batch:
        problems += [Problem(name, t("error.single_and_list")) for name in _SINGLE_ONLY
                     if not blank(payload.get(name))]
        items = values["invoices"] or []
        if not items and not _has_problem(problems, "invoices"):
            problems.append(Problem("invoices", explain(Invalid("error.required"), t, "penalty",
                                                        "invoices")))
    else:
        items = [values]
    invoices, positions, roles, opened = [], [], [], 0
    bad = {problem.field.partition(".")[0] for problem in problems}
    terms_bad = any(not _about_an_invoice(field) for field in bad)
    for index, item in enumerate(items):
        path = f"invoices[{index}]." if batch else ""
        if "as_of" in bad or f"invoices[{index}]" in bad or (
                not batch and any(_about_an_invoice(field) for field in bad)):
            continue  # already reported: nothing more to say about this invoice
        settled = _settlements(item, as_of, t, path, problems)
        if settled is not None:
            invoices.append(penalty.Invoice(item["amount"], item["due_date"], settled[0]))
            positions.append(path)
            roles.append(settled[1])
            opened += settled[2]
    if terms_bad:
        raise Rejected(problems)
    terms = penalty.Terms(values["regime"], values["mode"], values["basis"], values["b2b"],
                          values["rate"])
    results = penalty.late_penalties(invoices, terms=terms, rates=RateBook(overrides))
    unknown: dict[tuple[str, str], list[int]] = {}
    for path, role, result in zip(positions, roles, results, strict=True):
        if isinstance(result, penalty.UnknownRate):
            for missing in result.missing:
                field = f"{path}due_date" if missing.settlement is None else role[
                    missing.settlement]
                unknown.setdefault((field, missing.table), []).append(missing.half)
    problems += [_unknown_rates(field, table, halves, t)
                 for (field, table), halves in unknown.items()]
    if problems:
        wanted = sorted({(table, half) for (_, table), halves in unknown.items()
                         for half in halves})
        raise Rejected(problems, [missing_rate(table, half, t) for table, half in wanted])
    penalties: list[penalty.Penalty] = results  # type: ignore[assignment]
    warnings = _penalty_warnings(penalties, values, t, opened, batch)
    head = _penalty_head(values, law, terms)
    tail = {"legal_basis": _legal_basis(values, law, t), "warnings": warnings}
    if not batch:
        return {**head, **_invoice_result(values, penalties[0]), **tail}
    rows = [
        {"id": item["id"], "customer": item["customer"], **_invoice_result(item, result)}
        for item, result in zip(items, penalties, strict=True)
    ]
    return {**head, "invoices": rows, "totals": _sums(penalties),
            "by_customer": _by_customer(items, penalties), **tail}


def _penalty_head(values: dict[str, Any], law: penalty.Regime, terms: penalty.Terms
                  ) -> dict[str, Any]:
    return {
        "regime": law.code,
        "currency": law.currency,
        "mode": terms.mode or law.modes[0],
        "basis": terms.basis,
        "as_of": _date(values["as_of"]),
    }


def _legal_basis(values: dict[str, Any], law: penalty.Regime, t: Catalogue) -> str:
    if values["rate"] is not None:
        return t("legal_basis.FR_contract")
    if law.code == "DE" and not values["b2b"]:
        return t("legal_basis.DE_consumer")
    return t(f"legal_basis.{law.code}")


def _about_an_invoice(field: str) -> bool:
    """Whether a problem's field belongs to an invoice rather than to the common terms."""
    return field.startswith("invoices[") or field.partition("[")[0] in _SINGLE_ONLY


def _terms_problems(values: dict[str, Any], law: penalty.Regime, t: Catalogue
                    ) -> list[Problem]:
    problems = []
    mode = values["mode"]
    if mode is not None and mode not in law.modes:
        key = "error.mode_fixed_only" if law.modes == ("fixed",) else "error.mode_split_only"
        problems.append(Problem("mode", t(key, regime=law.code)))
    if values["rate"] is not None and not law.contract_rate:
        problems.append(Problem("rate", t("error.rate_regime", regime=law.code)))
    if not values["b2b"] and law.consumer_margin is None:
        problems.append(Problem("b2b", t("error.b2b_regime", regime=law.code)))
    return problems


def _settlements(item: dict[str, Any], as_of: date | None, t: Catalogue, path: str,
                 problems: list[Problem]
                 ) -> tuple[tuple[tuple[date, Decimal], ...], tuple[str, ...], int] | None:
    """How an invoice was settled: ``(date, amount)`` pairs, the field that set each date, and
    whether part of it is still open (counted to ``as_of``); ``None`` if it cannot be said."""
    amount, due, paid_on, payments = (item["amount"], item["due_date"], item["payment_date"],
                                      item["payments"])
    if amount is None or due is None:
        return None
    if paid_on is not None:
        if payments:
            problems.append(Problem(f"{path}payments", t("error.payment_date_and_payments")))
            return None
        return ((paid_on, amount),), (f"{path}payment_date",), 0
    if payments:
        settlements = tuple((payment["date"], payment["amount"]) for payment in payments
                            if payment["date"] is not None and payment["amount"] is not None)
        if len(settlements) < len(payments):
            return None
        roles = tuple(f"{path}payments[{index}].date" for index in range(len(payments)))
        paid = exact_sum(amount for _, amount in settlements)
        if paid > amount:
            problems.append(Problem(f"{path}payments", t("error.payments_exceed",
                                                         paid=t.number(paid),
                                                         amount=t.number(amount))))
            return None
        if paid == amount:
            return settlements, roles, 0
        if as_of is None:
            problems.append(Problem(f"{path}payments", t("error.payments_short",
                                                         paid=t.number(paid),
                                                         amount=t.number(amount))))
            return None
        return (*settlements, (as_of, EXACT.subtract(amount, paid))), (*roles, "as_of"), 1
    if as_of is None:
        problems.append(Problem(f"{path}payment_date", t("error.payment_date_missing")))
        return None
    return ((as_of, amount),), ("as_of",), 1


def _unknown_rates(field: str, table: str, halves: list[int], t: Catalogue) -> Problem:
    rate = t(f"rate_table.{table}")
    which = ", ".join(f"{t.half(half)} ({half_key(half)})" for half in sorted(set(halves)))
    key = "error.rate_unknown" if len(set(halves)) == 1 else "error.rates_unknown"
    return Problem(field, t(key, Rate=rate[:1].upper() + rate[1:], halves=which, table=table))


def _invoice_result(item: dict[str, Any], result: penalty.Penalty) -> dict[str, Any]:
    figures = _invoice_figures(item, result)
    figures["periods"] = _periods(item, result, figures)
    return figures


def _invoice_figures(item: dict[str, Any], result: penalty.Penalty) -> dict[str, Any]:
    """An invoice's result without its periods."""
    rate = result.rate
    return {
        "amount": two_places(item["amount"]),
        "due_date": _date(item["due_date"]),
        "payment_date": _date(item["payment_date"]),
        "days_late": result.days_late,
        "rate": None if rate is None else _rate_text(rate),
        "interest": two_places(result.interest),
        "indemnity": _rate_text(result.indemnity),
        "total": two_places(result.total),
    }


def _periods(item: dict[str, Any], result: penalty.Penalty, figures: dict[str, Any]
             ) -> list[dict[str, Any]]:
    """The rate periods of an invoice's result (``figures``: its :func:`_invoice_figures`)."""
    amount, periods = item["amount"], result.periods
    return [
        {"start": p.start.isoformat(), "end": p.end.isoformat(), "days": p.days,
         "rate": _rate_text(p.rate),
         "amount": figures["amount"] if p.base is amount else two_places(p.base),
         "interest": figures["interest"] if len(periods) == 1
         else format(round_ratio(p.weight, p.divisor), "f")}
        for p in periods
    ]


_RATE_TEXTS: dict[Decimal, str] = {}


def _rate_text(rate: Decimal) -> str:
    """``two_places(rate)``, remembered: a batch uses a handful of rates (and of indemnities)
    many times."""
    text = _RATE_TEXTS.get(rate)
    if text is None:
        if len(_RATE_TEXTS) > 1000:
            _RATE_TEXTS.clear()
        text = _RATE_TEXTS[rate] = two_places(rate)
    return text


def _sums(results: list[penalty.Penalty]) -> dict[str, Any]:
    interest = exact_sum(result.interest for result in results)
    indemnity = exact_sum(result.indemnity for result in results)
    return {
        "count": len(results),
        "late": sum(1 for result in results if result.days_late),
        "interest": two_places(interest),
        "indemnity": two_places(indemnity),
        "total": two_places(EXACT.add(interest, indemnity)),
    }


def _by_customer(items: list[dict[str, Any]], results: list[penalty.Penalty]
                 ) -> list[dict[str, Any]]:
    groups: dict[str | None, list[penalty.Penalty]] = {}
    for item, result in zip(items, results, strict=True):
        groups.setdefault(item["customer"], []).append(result)
    return [{"customer": customer, **_sums(group)} for customer, group in groups.items()]


def _penalty_warnings(results: list[penalty.Penalty], values: dict[str, Any], t: Catalogue,
                      opened: int, batch: bool) -> list[str]:
    warnings = []
    floors = sorted({floor for result in results for floor in result.floors})
    contract = values["rate"]
    for half, floor in floors:
        warnings.append(t("warning.floor", rate=t.number(contract), half=t.half(half),
                          floor=t.number(floor)))
    if opened:
        as_of = _date(values["as_of"])
        warnings.append(t("warning.open_count", count=opened, as_of=as_of) if batch
                        else t("warning.open", as_of=as_of))
    return warnings


# --- penalty: a long list of invoices, a part at a time --------------------------------------

_ITEM_FIELDS = next(field for field in SPECS["penalty"].fields if field.name == "invoices").items
_ITEM_NAMES = frozenset(field.name for field in _ITEM_FIELDS)


class PenaltyBatch:
    """The penalty calculator for a long list of invoices given a part at a time, such as the
    lines of a file. The common terms are read and checked once, and the rate of each
    half-year looked up once; each invoice is read and computed on its own, and one that
    cannot be is set aside with its problems instead of stopping the others.

    For the invoices that could be computed, :meth:`answer` is what ``run("penalty",
    {**terms, "invoices": those invoices})`` returns, figure for figure and word for word; the
    problems of the others are those ``run`` reports on them.
    """

    def __init__(self, terms: Mapping[str, Any], t: Catalogue) -> None:
        """Read ``terms`` (the fields of the form other than the invoices, which are ignored
        there); raises :class:`Rejected` when one is wrong, since then no invoice can be
        computed."""
        lang = terms.get("lang")
        if not (lang is None or lang in LANGUAGES):
            raise Rejected([Problem("lang", t("error.lang"))])
        values, problems = _read(SPECS["penalty"], terms, t, _BATCH_FIELDS)
        overrides, rate_problems = read_reference_rates(terms.get("reference_rates"), t)
        law = penalty.REGIMES[values["regime"]]
        problems += rate_problems + _terms_problems(values, law, t)
        problems += [Problem(name, t("error.single_and_list")) for name in _SINGLE_ONLY
                     if not blank(terms.get(name))]
        if problems:
            raise Rejected(problems)
        self.t = t
        self.values = values
        self.law = law
        self.terms = penalty.Terms(values["regime"], values["mode"], values["basis"],
                                   values["b2b"], values["rate"])
        self.rates = RateBook(overrides)
        self.items: list[dict[str, Any]] = []
        """The invoices computed, as read."""
        self.results: list[penalty.Penalty] = []
        self.rows: list[dict[str, Any]] = []
        """Each computed invoice's result, without its periods."""
        self.opened = 0
        self._as_of_unknown: dict[str, list[int]] = {}
        self._dates: dict[str, date] = {}
        """Dates read, by their text: the invoices of a file share a few hundred dates."""

    def add(self, items: Sequence[Any]) -> list[tuple[int, list[Problem]]]:
        """Read and compute ``items`` (each as ``run`` takes it in ``invoices``): the problems
        of those that cannot be computed, by position in ``items``, each field named as in a
        single invoice (``amount``, ``due_date``; ``""``: the item itself)."""
        t, as_of = self.t, self.values["as_of"]
        rejected: list[tuple[int, list[Problem]]] = []
        kept: list[tuple[int, dict[str, Any], tuple[str, ...], int]] = []
        invoices = []
        for index, item in enumerate(items):
            values = self._plain(item)
            if values is None:
                if not isinstance(item, Mapping):
                    rejected.append((index, [Problem("", t("error.item"))]))
                    continue
                values, problems = read(item, _ITEM_FIELDS, t, "penalty.invoices")
                if problems:
                    rejected.append((index, problems))
                    continue
            problems = []
            settled = _settlements(values, as_of, t, "", problems)
            if settled is None:
                rejected.append((index, problems))
                continue
            invoices.append(penalty.Invoice(values["amount"], values["due_date"], settled[0]))
            kept.append((index, values, settled[1], settled[2]))
        results = penalty.late_penalties(invoices, terms=self.terms, rates=self.rates)
        for (index, values, roles, opened), result in zip(kept, results, strict=True):
            if isinstance(result, penalty.UnknownRate):
                unknown: dict[tuple[str, str], list[int]] = {}
                for missing in result.missing:
                    field = "due_date" if missing.settlement is None else roles[
                        missing.settlement]
                    if field == "as_of":  # the date counted to, a term: see answer()
                        self._as_of_unknown.setdefault(missing.table, []).append(missing.half)
                    else:
                        unknown.setdefault((field, missing.table), []).append(missing.half)
                if unknown:
                    rejected.append((index, [_unknown_rates(field, table, halves, t)
                                             for (field, table), halves in unknown.items()]))
                continue
            self.items.append(values)
            self.results.append(result)
            self.rows.append({"id": values["id"], "customer": values["customer"],
                              **_invoice_figures(values, result)})
            self.opened += opened
        rejected.sort(key=lambda entry: entry[0])
        return rejected

    def answer(self, periods: int | None = None) -> dict[str, Any]:
        """What ``run`` returns for the invoices computed so far, in the order given, except
        that only the first ``periods`` invoices (all if ``None``) carry their rate periods.

        Raises :class:`Rejected` when a rate is unknown for the half-years up to ``as_of``:
        the date counted to, not one invoice, is then at fault."""
        t = self.t
        if self._as_of_unknown:
            raise Rejected([_unknown_rates("as_of", table, halves, t)
                            for table, halves in self._as_of_unknown.items()],
                           [missing_rate(table, half, t)
                            for table, halves in sorted(self._as_of_unknown.items())
                            for half in sorted(set(halves))])
        count = len(self.rows) if periods is None else min(periods, len(self.rows))
        rows = [{**row, "periods": _periods(item, result, row)} for row, item, result in zip(
            self.rows[:count], self.items, self.results, strict=False)]
        rows += self.rows[count:]
        return {**_penalty_head(self.values, self.law, self.terms), "invoices": rows,
                "totals": _sums(self.results),
                "by_customer": _by_customer(self.items, self.results),
                "legal_basis": _legal_basis(self.values, self.law, t),
                "warnings": _penalty_warnings(self.results, self.values, t, self.opened,
                                             batch=True)}

    def _plain(self, item: Any) -> dict[str, Any] | None:
        """The values :func:`read` gives an invoice that is plainly right (the common case of
        a file's line: texts, a positive amount, dates), read with the same parsers but
        without the generic machinery; ``None`` when :func:`read` must look at it, to say
        what is wrong or to read what is not plain text."""
        if type(item) is not dict or not item.keys() <= _ITEM_NAMES or not blank(
                item.get("payments")):
            return None
        get = item.get
        identifier, customer = get("id"), get("customer")
        raw_amount, due, paid = get("amount"), get("due_date"), get("payment_date")
        if not (_plain_text(identifier) and _plain_text(customer) and type(due) is str
                and (paid is None or type(paid) is str)):
            return None
        try:
            amount = parse_number(raw_amount, money=True)
            dates = self._dates
            due_date = dates.get(due)
            if due_date is None:
                due_date = dates[due] = parse_date(due)
            if paid is None or not paid.strip():
                paid_on = None
            else:
                paid_on = dates.get(paid)
                if paid_on is None:
                    paid_on = dates[paid] = parse_date(paid)
        except Invalid:
            return None
        if not amount > 0:
            return None
        return {"id": (identifier and identifier.strip()) or None,
                "customer": (customer and customer.strip()) or None,
                "amount": amount, "due_date": due_date, "payment_date": paid_on,
                "payments": None}


def _plain_text(raw: Any) -> bool:
    """Whether :func:`parse_text` reads ``raw`` as ``raw.strip()`` (``None``: nothing)."""
    return raw is None or (type(raw) is str and len(raw) <= MAX_TEXT_LENGTH)


# --- dso -------------------------------------------------------------------------------------

_SIMPLE_ONLY = ("sales", "days")
_COUNTBACK_ONLY = ("months", "days_per_month")


def _dso(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    values, problems = _read(SPECS["dso"], payload, t)
    method = values["method"]
    receivables, current = values["receivables"], values["current_receivables"]
    if receivables is not None and current is not None and current > receivables:
        problems.append(Problem("current_receivables",
                                t("error.current_exceeds", total=t.number(receivables))))
    if method == "simple":
        for name in _SIMPLE_ONLY:
            if values[name] is None and not _has_problem(problems, name):
                problems.append(Problem(name, explain(Invalid("error.required"), t, "dso",
                                                      name)))
        problems += [Problem(name, t("error.months_with_simple")) for name in _COUNTBACK_ONLY
                     if not blank(payload.get(name))]
    else:
        problems += [Problem(name, t("error.simple_with_countback")) for name in _SIMPLE_ONLY
                     if not blank(payload.get(name))]
        if not values["months"] and not _has_problem(problems, "months"):
            problems.append(Problem("months", explain(Invalid("error.required"), t, "dso",
                                                      "months")))
    months = _month_lengths(values, t, problems) if method == "countback" else []
    if problems:
        raise Rejected(problems)
    if method == "simple":
        sales, days = values["sales"], values["days"]
        measured = dso.simple_dso(receivables, sales, days)
        best = None if current is None else dso.simple_dso(current, sales, days)
        steps: list[dict[str, Any]] = []
        covered = None
    else:
        pairs = [(month["sales"], length) for month, length in zip(values["months"], months,
                                                                    strict=True)]
        try:
            countback = dso.countback_dso(receivables, pairs)
        except dso.HistoryTooShort as short:
            raise Rejected([Problem("months", t(
                "error.history_short", count=len(pairs), days=short.days_covered,
                remainder=t.number(Decimal(two_places(short.remainder)))))]) from None
        measured = countback.dso
        best = None if current is None else dso.countback_dso(current, pairs).dso
        covered = sum(step.month_days for step in countback.steps)
        steps = [
            {"month": None if month["month"] is None else dso.month_key(month["month"]),
             "sales": two_places(step.sales),
             "month_days": step.month_days,
             "receivables_before": two_places(step.receivables_before),
             "days": two_places(step.days), "cumulative_days": two_places(step.cumulative_days)}
            for month, step in zip(values["months"], countback.steps, strict=False)
        ]
    return {
        "method": method,
        "dso": two_places(measured),
        "bpdso": _maybe(best),
        "add": None if best is None else two_places(dso.average_days_delinquent(measured, best)),
        "days_covered": covered,
        "steps": steps,
        "warnings": [],
    }


def _has_problem(problems: list[Problem], field: str) -> bool:
    return any(problem.field == field for problem in problems)


def _month_lengths(values: dict[str, Any], t: Catalogue, problems: list[Problem]) -> list[int]:
    """Days of each month of the countback: ``days_per_month`` if given, else the calendar's;
    months must follow each other going back."""
    fixed = values["days_per_month"]
    lengths = []
    previous: dso.Month | None = None
    for index, item in enumerate(values["months"] or []):
        month = item["month"]
        where = f"months[{index}].month"
        if month is None:
            if fixed is None and not _has_problem(problems, where):
                problems.append(Problem(where, t("error.month_missing")))
        elif previous is not None:
            expected = dso.shift_month(previous, -1)
            if month != expected:
                problems.append(Problem(where, t("error.month_order",
                                                 expected=dso.month_key(expected))))
        previous = month
        lengths.append(fixed if fixed is not None or month is None else dso.month_days(month))
    return lengths


# --- cei -------------------------------------------------------------------------------------

def _cei(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    values, problems = _read(SPECS["cei"], payload, t)
    if problems:
        raise Rejected(problems)
    begin, sales, end, current, months = (values[name] for name in (
        "begin_receivables", "credit_sales", "end_receivables", "end_current_receivables",
        "months"))
    if current > end:
        problems.append(Problem("end_current_receivables",
                                t("error.current_exceeds", total=t.number(end))))
    monthly_sales = Fraction(sales) / months
    if Fraction(begin) + monthly_sales - Fraction(current) <= 0:
        problems.append(Problem("end_current_receivables", t("error.cei_nothing_collectable")))
    if problems:
        raise Rejected(problems)
    index = cei.collection_effectiveness(begin, sales, end, current, months)
    return {
        "cei": two_places(index),
        "monthly_sales": two_places(monthly_sales),
        "warnings": [t("warning.cei_negative")] if index < 0 else [],
    }


# --- discount --------------------------------------------------------------------------------

def _discount(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    values, problems = _read(SPECS["discount"], payload, t)
    rate, early, net, basis = (values[name] for name in (
        "discount_rate", "discount_days", "net_days", "basis"))
    if early is not None and net is not None and net <= early:
        problems.append(Problem("net_days", t("error.net_days", days=early)))
    if problems:
        raise Rejected(problems)
    financing, amount = values["financing_rate"], values["amount"]
    nominal = discount.nominal_cost(rate, early, net, basis)
    result: dict[str, Any] = {
        "basis": basis,
        "nominal_rate": two_places(nominal),
        "effective_rate": two_places(discount.effective_cost(rate, early, net)),
        "breakeven_discount_rate": None,
        "discount_costs_more": None,
        "discount_amount": None,
        "net_amount": None,
        "financing_cost": None,
        "warnings": [],
    }
    if financing is not None:
        result["breakeven_discount_rate"] = two_places(
            discount.breakeven_discount(financing, early, net, basis))
        result["discount_costs_more"] = nominal > Fraction(financing)
    if amount is not None:
        given_up = discount.discount_amount(amount, rate)
        result["discount_amount"] = two_places(given_up)
        result["net_amount"] = two_places(Fraction(amount) - given_up)
        if financing is not None:
            result["financing_cost"] = two_places(discount.financing_cost(
                amount, rate, financing, early, net, basis))
    return result


# --- unpaid ----------------------------------------------------------------------------------

def _unpaid(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    values, problems = _read(SPECS["unpaid"], payload, t)
    loss, amount, vat, recoverable, costs, margin, days, financing, basis = (
        values[name] for name in ("loss", "amount", "vat_rate", "vat_recoverable",
                                  "recovery_costs", "net_margin_rate", "days_late",
                                  "financing_rate", "basis"))
    if loss is None and amount is None and not _has_problem(problems, "amount") \
            and not _has_problem(problems, "loss"):
        problems.append(Problem("loss", t("error.loss_or_amount")))
    if loss is None and amount is not None and recoverable and vat is None \
            and not _has_problem(problems, "vat_rate"):
        problems.append(Problem("vat_rate", t("error.vat_rate_needed")))
    if days is not None or financing is not None:
        for name, value in (("days_late", days), ("financing_rate", financing)):
            if value is None and not _has_problem(problems, name):
                problems.append(Problem(name, explain(Invalid("error.required"), t, "unpaid",
                                                      name)))
        if amount is None and loss is not None:
            problems.append(Problem("amount", t("error.amount_for_financing")))
    if problems:
        raise Rejected(problems)
    costs = costs if costs is not None else Decimal(0)
    if loss is not None:
        total_loss = unpaid.loss_from_invoice(loss, recovery_costs=costs)
    else:
        total_loss = unpaid.loss_from_invoice(amount, vat, recoverable, costs)
    cost = None
    if days is not None and financing is not None:
        cost = unpaid.financing_cost(amount, financing, days, basis)
    needed = None if margin is None else unpaid.sales_needed(total_loss, margin)
    cost_needed = None if margin is None or cost is None else unpaid.sales_needed(cost, margin)
    warnings = [t("warning.vat_recoverable")] if recoverable and loss is None else []
    return {
        "loss": two_places(total_loss),
        "sales_needed": _maybe(needed),
        "financing_cost": _maybe(cost),
        "financing_sales_needed": _maybe(cost_needed),
        "warnings": warnings,
    }


# --- the policy tools: shared wording --------------------------------------------------------

CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def money_text(value: Any, currency: str, t: Catalogue) -> str:
    """An amount as a sentence writes it, as CLDR orders it in each language: ``36 000,00 €``,
    ``€36,000.00`` (``CHF 36,000.00`` for a currency written with letters; ``-€5.00``)."""
    sign = CURRENCY_SIGNS.get(currency, currency)
    amount = t.grouped(two_places(value))
    minus, amount = ("-", amount[1:]) if amount.startswith("-") else ("", amount)
    key = "money.code_amount" if sign.isalpha() else "money.symbol_amount"
    return minus + t(key, amount=amount, sign=sign)


def term_text(term: Mapping[str, Any], t: Catalogue) -> str:
    """A payment term as the policy writes it (``basis``, ``days``), in words."""
    basis = str(term.get("basis"))
    if basis == "end_of_month" and not term.get("days"):
        return t("term.end_of_month_only")
    return t(f"term.{basis}", days=term.get("days") or 0)


def date_text(day: date, t: Catalogue) -> str:
    """A date as a letter writes it: ``05/03/2026``."""
    return t("plan.date", day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)


def joined(texts: Sequence[str], t: Catalogue) -> str:
    """Texts joined as a sentence lists them: ``a, b et c`` / ``a, b and c``."""
    if len(texts) < 2:
        return "".join(texts)
    return t("list.and", first=", ".join(texts[:-1]), last=texts[-1])


def roles_text(roles: Sequence[str], policy: PolicyValues, t: Catalogue) -> str:
    """Role titles joined: ``DAF et DG`` / ``CFO and CEO``."""
    return joined([policy.role(role, t.lang) for role in roles], t)


# --- limit -----------------------------------------------------------------------------------

def _limit(payload: Mapping[str, Any], t: Catalogue, policy: PolicyValues) -> dict[str, Any]:
    values, problems = _read(SPECS["limit"], payload, t)
    score = values["score"]
    risk = None
    if score is not None:
        risk = limit.risk_class_of(score, policy.risk_classes)
        if risk is None or not policy.score_minimum <= score <= policy.score_maximum:
            problems.append(Problem("score", t("error.score_range",
                                               minimum=policy.score_minimum,
                                               maximum=policy.score_maximum)))
    if problems:
        raise Rejected(problems)
    assert risk is not None
    method = policy.limit_method
    term_days = values["term_days"]
    standard = term_days is None
    if standard:
        term_days = average_term_days(policy.payment_term, policy.effective_date.year)
    result = limit.credit_limit(values["equity"], values["insurer_cover"],
                                values["monthly_purchases"], term_days, method,
                                risk.maximum_limit)
    approvers = limit.approvers_for(result.limit, policy.approval_bands)
    currency = policy.currency

    def amount(value: Any) -> str:
        return money_text(value, currency, t)

    explanation = [
        t("limit.step.class", score=score, risk_class=risk.id, name=risk.name.get(t.lang),
          low=risk.score_min, high=risk.score_max),
        t("limit.step.equity", share=t.number(method.equity_share),
          equity=amount(values["equity"]), amount=amount(result.by_equity)),
    ]
    if result.by_insurer is not None:
        explanation.append(t("limit.step.insurer", amount=amount(result.by_insurer)))
    elif method.use_insurer_cover:
        explanation.append(t("limit.step.no_insurer"))
    term_key = "limit.step.purchases_standard" if standard else "limit.step.purchases"
    explanation += [
        t(term_key, purchases=amount(values["monthly_purchases"]), days=term_days,
          margin=method.margin_days, amount=amount(result.by_purchases),
          term=term_text(policy.payment_term, t)),
        t("limit.step.smallest", smallest=amount(result.smallest),
          rounding=amount(method.rounding), rounded=amount(result.rounded)),
        t("limit.step.capped" if result.capped else "limit.step.within",
          risk_class=risk.id, maximum=amount(risk.maximum_limit), limit=amount(result.limit)),
        t("limit.step.approval", limit=amount(result.limit),
          approvers=roles_text(approvers, policy, t), months=risk.review_months,
          term=term_text(risk.maximum_term, t)),
    ]
    return {
        "risk_class": risk.id,
        "risk_class_name": risk.name.get(t.lang),
        "term_days": term_days,
        "by_equity": two_places(result.by_equity),
        "by_insurer": _maybe(result.by_insurer),
        "by_purchases": two_places(result.by_purchases),
        "smallest": two_places(result.smallest),
        "rounded": two_places(result.rounded),
        "class_maximum": two_places(risk.maximum_limit),
        "limit": two_places(result.limit),
        "capped": result.capped,
        "approvers": list(approvers),
        "approver_titles": [policy.role(role, t.lang) for role in approvers],
        "review_months": risk.review_months,
        "maximum_term": dict(risk.maximum_term),
        "maximum_term_text": term_text(risk.maximum_term, t),
        "currency": currency,
        "explanation": explanation,
        "warnings": [],
    }


# --- order (blocked order) -------------------------------------------------------------------

def _order(payload: Mapping[str, Any], t: Catalogue, policy: PolicyValues) -> dict[str, Any]:
    values, problems = _read(SPECS["order"], payload, t)
    cause_ids = [cause.id for cause in policy.causes]
    chosen = values["cause"] or None
    if chosen is not None and chosen not in cause_ids:
        problems.append(Problem("cause", explain(Invalid("error.choice", choices=", ".join(
            cause_ids)), t, "order", "cause")))
    if problems:
        raise Rejected(problems)
    credit_limit, outstanding, amount = (values[name] for name in (
        "limit", "outstanding", "order_amount"))
    overdue_days, dispute_days, action_plan = (values[name] for name in (
        "oldest_overdue_days", "oldest_dispute_days", "dispute_action_plan"))
    exposure = order.exposure_of(outstanding, amount)
    checks = order.check_rules(policy.blocking_rules, credit_limit, exposure, overdue_days,
                               dispute_days, action_plan)
    applied = [check.rule.id for check in checks if check.blocks]
    blocked = bool(applied)
    if chosen is not None and not blocked:
        raise Rejected([Problem("cause", t("error.cause_not_blocked"))])
    excess = order.excess_over(exposure, credit_limit)
    increase = order.temporary_increase(checks, credit_limit, exposure, dispute_days,
                                        policy.temporary_increase, policy.approval_bands)
    exposure_rule = policy.rule("exposure")
    tolerated = None if exposure_rule is None or exposure_rule.tolerance_rate is None \
        else order.tolerated(credit_limit, exposure_rule.tolerance_rate)
    currency, lang = policy.currency, t.lang

    def amount_text(value: Any) -> str:
        return money_text(value, currency, t)

    likely = [cause for cause in policy.causes if set(cause.blocking_rules) & set(applied)]
    if chosen is not None:
        shown = [cause for cause in policy.causes if cause.id == chosen]
    elif len(likely) == 1:
        shown, chosen = likely, likely[0].id
    else:
        shown = likely
    alternative_causes: dict[str, list[str]] = {}
    for cause in shown:
        for alternative_id in cause.alternatives:
            alternative_causes.setdefault(alternative_id, []).append(cause.id)
    alternatives = [item for item in policy.alternatives if item.id in alternative_causes]
    decision = policy.decision
    warnings = []
    explanation = [t("order.step.exposure", outstanding=amount_text(outstanding),
                     order=amount_text(amount), exposure=amount_text(exposure))]
    for check in checks:
        explanation.append(_order_rule_step(check, values, credit_limit, amount_text, t))
        if check.blocks is None:
            warnings.append(t("order.warning.untested", rule=check.rule.name.get(lang)))
    if not blocked:
        explanation.append(t("order.step.not_blocked"))
    if excess > 0:
        explanation.append(t("order.step.excess", excess=amount_text(excess)))
        if excess > amount:
            warnings.append(t("order.warning.excess_beyond_order", excess=amount_text(excess),
                              order=amount_text(amount)))
    if increase.needed:
        explanation.append(_increase_step(increase, policy, credit_limit, amount_text, t))
    if blocked:
        if chosen is not None:
            cause = next(cause for cause in policy.causes if cause.id == chosen)
            key = "order.step.cause_picked" if values["cause"] else "order.step.cause"
            explanation.append(t(key, cause=cause.name.get(lang),
                                 what=cause.what_to_check.get(lang)))
        elif likely:
            explanation.append(t("order.step.causes_pick", causes=joined(
                [f"« {cause.name.get(lang)} »" if lang == "fr" else f"\"{cause.name.get(lang)}\""
                 for cause in likely], t)))
        if alternatives:
            explanation.append(t("order.step.alternatives", alternatives="; ".join(
                t("order.alternative", name=item.name.get(lang),
                  approver=policy.role(item.approver, lang)) for item in alternatives)))
        explanation.append(t("order.step.decision", owner=policy.role(decision.owner, lang),
                             hours=decision.response_time_working_hours,
                             escalation=policy.role(decision.escalation, lang)))
    return {
        "exposure": two_places(exposure),
        "tolerated": _maybe(tolerated),
        "blocked": blocked,
        "rules": applied,
        "checks": [{"rule": check.rule.id, "name": check.rule.name.get(lang),
                    "kind": check.rule.kind, "blocks": check.blocks} for check in checks],
        "excess": two_places(excess),
        "deposit_needed": two_places(excess),
        "temporary_increase": {
            "needed": increase.needed,
            "possible": increase.possible,
            "reasons": [_increase_reason(reason, increase, policy, credit_limit, t)
                        for reason in increase.reasons] if increase.needed else [],
            "up_to": two_places(increase.up_to),
            "share_needed": two_places(increase.share_needed),
            "maximum_days": policy.temporary_increase.maximum_days,
            "approvers": list(increase.approvers),
            "approver_titles": [policy.role(role, lang) for role in increase.approvers],
        },
        "cause": chosen if blocked else None,
        "causes": [{"id": cause.id, "name": cause.name.get(lang),
                    "what_to_check": cause.what_to_check.get(lang),
                    "rules": [rule for rule in cause.blocking_rules if rule in applied],
                    "alternatives": list(cause.alternatives)} for cause in likely],
        "alternatives": [{"id": item.id, "name": item.name.get(lang), "approver": item.approver,
                          "approver_title": policy.role(item.approver, lang),
                          "causes": alternative_causes[item.id]} for item in alternatives],
        "decision": {"owner": decision.owner, "owner_title": policy.role(decision.owner, lang),
                     "escalation": decision.escalation,
                     "escalation_title": policy.role(decision.escalation, lang),
                     "deadline_working_hours": decision.response_time_working_hours},
        "currency": currency,
        "explanation": explanation,
        "warnings": warnings,
    }


def _order_rule_step(check: order.RuleCheck, values: dict[str, Any], credit_limit: Decimal,
                     amount_text: Callable[[Any], str], t: Catalogue) -> str:
    """One blocking rule tested on the order, in words."""
    rule, blocks = check.rule, check.blocks
    name = rule.name.get(t.lang)
    if blocks is None:
        return t("order.step.untested", rule=name)
    if rule.kind == "exposure":
        assert rule.tolerance_rate is not None
        return t("order.step.exposure_blocks" if blocks else "order.step.exposure_passes",
                 rule=name, limit=amount_text(credit_limit),
                 tolerance=t.number(rule.tolerance_rate),
                 tolerated=amount_text(order.tolerated(credit_limit, rule.tolerance_rate)))
    if rule.kind == "overdue":
        days = values["oldest_overdue_days"]
        if days is None:
            return t("order.step.no_overdue", rule=name)
        return t("order.step.overdue_blocks" if blocks else "order.step.overdue_passes",
                 rule=name, days=days, threshold=rule.threshold_days)
    days = values["oldest_dispute_days"]
    if not days:
        return t("order.step.no_dispute", rule=name)
    if values["dispute_action_plan"] and days > (rule.threshold_days or 0):
        return t("order.step.dispute_plan", rule=name, days=days)
    return t("order.step.dispute_blocks" if blocks else "order.step.dispute_passes",
             rule=name, days=days, threshold=rule.threshold_days)


def _increase_reason(reason: str, increase: order.Increase, policy: PolicyValues,
                     credit_limit: Decimal, t: Catalogue) -> str:
    """Why the temporary increase cannot cover the order, in words."""
    if reason == "share":
        if credit_limit == 0:
            return t("order.increase.no_limit")
        return t("order.increase.share", needed=t.number(round_half_up(increase.share_needed)),
                 share=t.number(policy.temporary_increase.maximum_share))
    if reason == "overdue":
        rule = policy.rule("overdue")
        return t("order.increase.overdue", days=rule.threshold_days if rule else 0)
    return t("order.increase.dispute")


def _increase_step(increase: order.Increase, policy: PolicyValues, credit_limit: Decimal,
                   amount_text: Callable[[Any], str], t: Catalogue) -> str:
    if increase.possible:
        return t("order.step.increase_possible", up_to=amount_text(increase.up_to),
                 share=t.number(policy.temporary_increase.maximum_share),
                 days=policy.temporary_increase.maximum_days,
                 approvers=roles_text(increase.approvers, policy, t))
    return t("order.step.increase_impossible", reasons="; ".join(
        _increase_reason(reason, increase, policy, credit_limit, t)
        for reason in increase.reasons))


# --- plan (payment plan for arrears) ---------------------------------------------------------

BLANK = "………………"
"""What a printed form leaves to be written by hand."""


def _plan(payload: Mapping[str, Any], t: Catalogue, policy: PolicyValues) -> dict[str, Any]:
    values, problems = _read(SPECS["plan"], payload, t)
    arrears, months, first, down = (values[name] for name in (
        "arrears", "months", "first_date", "down_payment"))
    plans = policy.payment_plans
    currency = policy.currency

    def amount_text(value: Any) -> str:
        return money_text(value, currency, t)

    down = down or Decimal(0)
    if arrears is not None and values["down_payment"] is not None and down >= arrears:
        problems.append(Problem("down_payment", t("error.down_payment",
                                                  arrears=amount_text(arrears))))
    if months is not None and months > plans.maximum_months:
        problems.append(Problem("months", t("error.plan_too_long",
                                            maximum=plans.maximum_months)))
    if problems:
        raise Rejected(problems)
    financed = EXACT.subtract(arrears, down)
    if (first.year * 12 + first.month - 1 + months - 1) // 12 > LAST_DATE.year:
        raise Rejected([Problem("first_date", explain(Invalid(
            "error.date_range", last=LAST_DATE.isoformat()), t, "plan", "first_date"))])
    schedule = plan.instalments(financed, months, first)
    smallest = min(item.amount for item in schedule)
    if smallest < plans.minimum_instalment:
        longest = plan.longest_plan(financed, plans.minimum_instalment, plans.maximum_months)
        key = "error.plan_instalment_low" if longest else "error.plan_too_small"
        raise Rejected([Problem("months", t(key, amount=amount_text(smallest),
                                            minimum=amount_text(plans.minimum_instalment),
                                            longest=longest))])
    approver = plan.approver_of(arrears, plans.approver, plans.approval_limit, plans.escalation)
    approver_title = policy.role(approver, t.lang)
    explanation = []
    if down:
        explanation.append(t("plan.step.down_payment", arrears=amount_text(arrears),
                             down=amount_text(down), financed=amount_text(financed)))
    each, last = schedule[0].amount, schedule[-1].amount
    if months == 1 or each == last:
        explanation.append(t("plan.step.equal", financed=amount_text(financed), months=months,
                             each=amount_text(each)))
    else:
        explanation.append(t("plan.step.last_differs", financed=amount_text(financed),
                             months=months, each=amount_text(each), last=amount_text(last)))
    explanation += [
        t("plan.step.dates", first=date_text(first, t), last=date_text(schedule[-1].date, t),
          day=first.day),
        t("plan.step.policy", maximum=plans.maximum_months,
          minimum=amount_text(plans.minimum_instalment)),
        t("plan.step.approver_within" if arrears <= plans.approval_limit
          else "plan.step.approver_above", arrears=amount_text(arrears),
          limit=amount_text(plans.approval_limit), approver=approver_title),
    ]
    letter = policy.letter("debt_acknowledgement")
    warnings = []
    acknowledgement = None
    if letter is None:
        warnings.append(t("plan.warning.no_letter"))
    else:
        acknowledgement = _acknowledgement(letter.text(t.lang), arrears, down, schedule,
                                           approver_title, currency)
    return {
        "arrears": two_places(arrears),
        "down_payment": two_places(down),
        "financed": two_places(financed),
        "months": months,
        "instalment": two_places(each),
        "instalments": [{"number": index + 1, "date": item.date.isoformat(),
                         "amount": two_places(item.amount)}
                        for index, item in enumerate(schedule)],
        "last_date": schedule[-1].date.isoformat(),
        "maximum_months": plans.maximum_months,
        "minimum_instalment": two_places(plans.minimum_instalment),
        "approval_limit": two_places(plans.approval_limit),
        "approver": approver,
        "approver_title": approver_title,
        "acknowledgement": acknowledgement,
        "currency": currency,
        "explanation": explanation,
        "warnings": warnings,
    }


def _acknowledgement(letter: Any, arrears: Decimal, down: Decimal,
                     schedule: Sequence[plan.Instalment], signer: str, currency: str
                     ) -> dict[str, str]:
    """The acknowledgement of debt, ready to print: the plan's figures in the language the
    letter is written in, what only the parties know left blank to write by hand."""
    t = Catalogue(letter.lang)

    def line(when: str, amount: Decimal) -> str:
        return t("plan.schedule_line", date=when, amount=money_text(amount, currency, t))

    lines = [line(t("plan.on_signing"), down)] if down else []
    lines += [line(date_text(item.date, t), item.amount) for item in schedule]
    values = {
        "plan.total": t.grouped(two_places(arrears)),
        "plan.schedule": "\n".join(lines),
        "sender.title": signer,
    }

    def fill(text: str) -> str:
        for name, value in values.items():
            text = text.replace(f"[[{name}]]", value)
        return _PLACEHOLDER.sub(BLANK, text)

    return {"lang": letter.lang, "subject": fill(letter.subject), "body": fill(letter.body)}


_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")


# --- bonus (sales bonus simulator) ------------------------------------------------------------

def _bonus(payload: Mapping[str, Any], t: Catalogue, policy: PolicyValues) -> dict[str, Any]:
    values, problems = _read(SPECS["bonus"], payload, t)
    incentives = policy.incentives
    criteria = {criterion.id: criterion for criterion in incentives.criteria}
    raw_results = values["results"] or {}
    results: dict[str, Decimal] = {}
    for key, raw in raw_results.items():
        where = f"results.{key}"
        if key not in criteria:
            problems.append(Problem(where, t("error.criterion_unknown", id=key,
                                             ids=", ".join(criteria))))
            continue
        name = criteria[key].name.get(t.lang)
        if blank(raw):
            continue
        try:
            results[key] = parse_number(raw)
        except Invalid as bad:
            problems.append(Problem(where, t("error.criterion_result", name=name,
                                             problem=t(bad.key, noun="", Noun="", **bad.params))))
    if values["results"] is not None:
        for criterion in incentives.criteria:
            if criterion.id not in results and not _has_problem(problems,
                                                                f"results.{criterion.id}"):
                problems.append(Problem(f"results.{criterion.id}", t(
                    "error.criterion_missing", name=criterion.name.get(t.lang))))
    if problems:
        raise Rejected(problems)
    annual = values["target_bonus"]
    target = bonus.period_target(annual, incentives.periods_per_year)
    currency, lang = policy.currency, t.lang

    def amount_text(value: Any) -> str:
        return money_text(value, currency, t)

    period = t(f"period.{incentives.period}")
    explanation = [t("bonus.step.target", annual=amount_text(annual),
                     periods=incentives.periods_per_year, period=period,
                     target=amount_text(target))]
    lines = []
    total = Fraction(0)
    for criterion in incentives.criteria:
        result = results[criterion.id]
        line = bonus.criterion_bonus(result, criterion.scale, criterion.better, criterion.weight,
                                     target)
        total += line.amount
        threshold = None if line.tier is None else criterion.scale[line.tier].threshold
        name = criterion.name.get(lang)

        def measure(value: Decimal, unit: str = criterion.unit) -> str:
            if unit == "amount":
                return amount_text(value)
            return t(f"unit.{unit}", value=t.number(value))

        if line.tier is None:
            explanation.append(t(f"bonus.step.none_{criterion.better}", name=name,
                                 result=measure(result),
                                 last=measure(criterion.scale[-1].threshold)))
        else:
            assert threshold is not None
            explanation.append(t(f"bonus.step.tier_{criterion.better}", name=name,
                                 result=measure(result), threshold=measure(threshold),
                                 tier=line.tier + 1, payout=t.number(line.payout),
                                 target=amount_text(target), weight=t.number(criterion.weight),
                                 amount=amount_text(line.amount)))
        lines.append({
            "id": criterion.id, "name": name, "result": format(result, "f"),
            "unit": criterion.unit, "better": criterion.better,
            "tier": None if line.tier is None else line.tier + 1,
            "threshold": None if threshold is None else format(threshold, "f"),
            "payout": two_places(line.payout), "weight": two_places(criterion.weight),
            "amount": two_places(line.amount),
        })
    share = total / target * 100 if target else Fraction(0)
    explanation.append(t("bonus.step.total", total=amount_text(total), period=period,
                         share=t.number(round_half_up(share)), target=amount_text(target)))
    return {
        "period": incentives.period,
        "periods_per_year": incentives.periods_per_year,
        "target_bonus": two_places(annual),
        "period_target": two_places(target),
        "criteria": lines,
        "total": two_places(total),
        "share": two_places(share),
        "currency": currency,
        "explanation": explanation,
        "warnings": [],
    }


ADAPTERS: dict[str, Callable[..., dict[str, Any]]] = {
    "penalty": _penalty,
    "dso": _dso,
    "cei": _cei,
    "discount": _discount,
    "unpaid": _unpaid,
    "limit": _limit,
    "order": _order,
    "plan": _plan,
    "bonus": _bonus,
}
"""Each calculator's adapter: ``(payload, t)``, or ``(payload, t, policy values)`` for a
policy tool (a spec with ``uses_policy``)."""
