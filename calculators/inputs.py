"""Reading what a person typed: French or English numbers, ISO dates, choices, lists.

Each parser returns a value or raises :class:`Invalid` naming a message of the catalogue
(:mod:`calculators.messages`); :func:`read` applies a form's fields to a payload and gathers
every problem at once, one per field, with the field's path (``invoices[3].due_date``).

Numbers may be JSON numbers or strings such as ``"10000"``, ``"10 000,50"``, ``"10,000.50"``,
``"12,15 %"``: spaces (also non-breaking) separate thousands; a single ``,`` or ``.`` is the
decimal separator; when both appear, the last one is. They are read exactly, as ``Decimal``:
no float is ever involved (a float given by a Python caller is read from its shortest repr).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from .rates import TABLES, parse_half

LAST_DATE = date(9998, 12, 31)
"""Latest date accepted: a year short of :data:`datetime.date.max`, so that the day after a due
date, a payment term or a period's end can always be counted."""
KINDS = ("money", "rate", "date", "month", "integer", "choice", "boolean", "list", "text",
         "object")
"""``object``: a JSON object whose keys the policy sets (a bonus's results, criterion id →
result): :func:`read` checks that it is an object; the calculator reads its entries."""

MAX_INTEGER_DIGITS = 100
MAX_DECIMAL_DIGITS = 20
MAX_TEXT_LENGTH = 200

_GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DIGITS = re.compile(r"[0-9]+")
_GROUP = re.compile(r"[0-9]{3}")
_FIRST_GROUP = re.compile(r"[0-9]{1,3}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_CURRENCY_SUFFIX = re.compile(r"(?:€|£|eur|gbp)$", re.IGNORECASE)
_TRUE = {"true", "oui", "yes", "vrai", "1"}
_FALSE = {"false", "non", "no", "faux", "0"}


class Invalid(Exception):
    """A value that cannot be read: ``key`` names the catalogue message, ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Field:
    """One input of a calculator: its kind, whether it is required, its default, and limits.

    Bounds: ``above`` / ``below`` are strict, ``at_least`` / ``at_most`` inclusive;
    ``limit_message`` names a catalogue message used instead of the generic one when a bound is
    broken. A ``list`` holds objects whose fields are ``items``.
    """

    name: str
    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[Any, ...] = ()
    above: int | Decimal | None = None
    at_least: int | Decimal | None = None
    below: int | Decimal | None = None
    at_most: int | Decimal | None = None
    limit_message: str | None = None
    items: tuple[Field, ...] = ()
    signed: bool = False
    """Money or rate that may be negative."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad field and what to do about it, in words."""

    field: str
    message: str


class Text(Protocol):
    """What :func:`read` needs from the message catalogue."""

    def __call__(self, key: str, **params: Any) -> str: ...

    def field(self, scope: str, name: str, part: str) -> str: ...

    def number(self, value: int | Decimal) -> str: ...


def parse_number(raw: Any, *, percent: bool = False, money: bool = False) -> Decimal:
    """An exact ``Decimal`` from a JSON number or a typed string.

    >>> [parse_number(x) for x in ("10 000,50", "10,000.50", "10.000,50", "12.15", 7)]
    [Decimal('10000.50'), Decimal('10000.50'), Decimal('10000.50'), Decimal('12.15'), Decimal('7')]
    >>> parse_number("12,15 %", percent=True), parse_number("1 250 €", money=True)
    (Decimal('12.15'), Decimal('1250'))
    """
    kind = "error.rate" if percent else "error.money" if money else "error.number"
    if isinstance(raw, bool):
        raise Invalid(kind)
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    elif isinstance(raw, str):
        value = _number_from_text(raw, percent=percent, money=money, kind=kind)
    else:
        raise Invalid(kind)
    if not value.is_finite():
        raise Invalid(kind)
    digits, exponent = len(value.as_tuple().digits), int(value.as_tuple().exponent)
    if digits + exponent > MAX_INTEGER_DIGITS or -exponent > MAX_DECIMAL_DIGITS:
        raise Invalid("error.too_long", integer=MAX_INTEGER_DIGITS, decimals=MAX_DECIMAL_DIGITS)
    return value + 0 if value.is_zero() else value  # no negative zero


def _number_from_text(raw: str, *, percent: bool, money: bool, kind: str) -> Decimal:
    if _PLAIN_NUMBER.fullmatch(raw):  # the common case, e.g. "10000.50" from a program
        return Decimal(raw)
    text = raw.strip().replace("\u2212", "-")
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    if money:
        text = _CURRENCY_SUFFIX.sub("", text).rstrip()
    sign = ""
    if text[:1] in ("+", "-"):
        sign, text = text[0], text[1:].lstrip()
    dots, commas = text.count("."), text.count(",")
    decimal_mark = thousands = ""
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
    elif dots == 1 or commas == 1:
        decimal_mark = "." if dots else ","
    elif dots or commas:
        thousands = "." if dots else ","
    whole, _, fraction = text.partition(decimal_mark) if decimal_mark else (text, "", "")
    if decimal_mark and text.count(decimal_mark) > 1:
        raise Invalid(kind)
    for space in _GROUP_SPACES:
        whole = whole.replace(space, " ")
    if thousands:
        whole = whole.replace(thousands, " ")
    groups = whole.split(" ")
    if len(groups) > 1:
        if not (_FIRST_GROUP.fullmatch(groups[0])
                and all(_GROUP.fullmatch(group) for group in groups[1:])):
            raise Invalid(kind)
    elif whole and not _DIGITS.fullmatch(whole):
        raise Invalid(kind)
    if fraction and not _DIGITS.fullmatch(fraction):
        raise Invalid(kind)
    if not whole and not fraction:
        raise Invalid(kind)
    number = "".join(groups) or "0"
    return Decimal(f"{sign}{number}.{fraction}" if fraction else f"{sign}{number}")


def parse_date(raw: Any) -> date:
    """A date from ``YYYY-MM-DD`` (or ``DD/MM/YYYY``).

    >>> parse_date("2025-09-30"), parse_date("30/09/2025")
    (datetime.date(2025, 9, 30), datetime.date(2025, 9, 30))
    """
    if isinstance(raw, date) and not hasattr(raw, "hour"):
        return raw
    if not isinstance(raw, str):
        raise Invalid("error.date")
    text = raw.strip()
    iso = _ISO_DATE.fullmatch(text)
    french = None if iso else _FRENCH_DATE.fullmatch(text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif french:
        year, month, day = int(french[3]), int(french[2]), int(french[1])
    else:
        raise Invalid("error.date")
    try:
        day_read = date(year, month, day)
    except ValueError as error:
        raise Invalid("error.date_impossible", value=text) from error
    if day_read > LAST_DATE:
        raise Invalid("error.date_range", last=LAST_DATE.isoformat())
    return day_read


def parse_month(raw: Any) -> tuple[int, int]:
    """A calendar month ``(year, month)`` from ``YYYY-MM``.

    >>> parse_month("2025-11")
    (2025, 11)
    """
    match = _MONTH.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise Invalid("error.month")
    return int(match[1]), int(match[2])


def parse_integer(raw: Any) -> int:
    """A whole number: a JSON integer, an integral number, or digits in a string."""
    if isinstance(raw, bool):
        raise Invalid("error.integer")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    if isinstance(raw, Decimal):
        if raw.is_finite() and raw == raw.to_integral_value() and abs(raw) < 10**18:
            return int(raw)
        raise Invalid("error.integer")
    if isinstance(raw, str):
        text = raw.strip().replace("\u2212", "-")
        for space in _GROUP_SPACES:
            text = text.replace(space, "")
        if _INTEGER.fullmatch(text):
            return int(text)
    raise Invalid("error.integer")


def parse_boolean(raw: Any) -> bool:
    """``true``/``false``, also ``oui``/``non``, ``yes``/``no``, 1/0."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise Invalid("error.boolean")


def parse_choice(raw: Any, choices: Sequence[Any]) -> Any:
    """One of ``choices``; strings match whatever their case, numbers match their digits."""
    if isinstance(raw, bool):
        raise Invalid("error.choice", choices=", ".join(str(c) for c in choices))
    wanted = str(raw).strip().lower() if isinstance(raw, str | int) else None
    for choice in choices:
        if wanted == str(choice).lower():
            return choice
    raise Invalid("error.choice", choices=", ".join(str(c) for c in choices))


def parse_text(raw: Any) -> str:
    """A short label (an invoice number, a customer name): a string or a number."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise Invalid("error.text", limit=MAX_TEXT_LENGTH)
    text = str(raw).strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise Invalid("error.text", limit=MAX_TEXT_LENGTH)
    return text


def parse(field: Field, raw: Any) -> Any:
    """The value of one non-list field, within its bounds."""
    kind = field.kind
    if kind == "money" or kind == "rate":
        value: Any = parse_number(raw, percent=kind == "rate", money=kind == "money")
        if value < 0 and not field.signed:
            raise Invalid(f"error.negative_{kind}")
    elif kind == "date":
        return parse_date(raw)
    elif kind == "month":
        return parse_month(raw)
    elif kind == "integer":
        value = parse_integer(raw)
    elif kind == "choice":
        return parse_choice(raw, field.choices)
    elif kind == "boolean":
        return parse_boolean(raw)
    elif kind == "text":
        return parse_text(raw)
    else:  # pragma: no cover - lists are read by read()
        raise ValueError(kind)
    _check_bounds(field, value)
    return value


def _check_bounds(field: Field, value: int | Decimal) -> None:
    broken = None
    if field.above is not None and value <= field.above:
        broken = "error.above", field.above
    elif field.at_least is not None and value < field.at_least:
        broken = "error.at_least", field.at_least
    elif field.below is not None and value >= field.below:
        broken = "error.below", field.below
    elif field.at_most is not None and value > field.at_most:
        broken = "error.at_most", field.at_most
    if broken is not None:
        raise Invalid(field.limit_message or broken[0], limit=broken[1])


def blank(raw: Any) -> bool:
    """Nothing given: absent, ``null`` or an empty string (an empty form field)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def read(payload: Mapping[str, Any], fields: Sequence[Field], t: Text, scope: str, *,
         path: str = "", allowed: Collection[str] = ()) -> tuple[dict[str, Any], list[Problem]]:
    """Every field of ``fields`` read from ``payload``, and every problem. A blank or bad field
    takes its default, so that later checks can go on; they should skip fields with problems.

    ``scope`` names the calculator (``"penalty"``, or ``"penalty.invoices"`` for list items)
    for field labels; ``path`` prefixes reported field names; ``allowed`` are extra keys that
    are not fields but are not unknown either.
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    names = [field.name for field in fields]
    for key in payload:
        if key not in names and key not in allowed:
            problems.append(Problem(f"{path}{key}", _unknown(str(key), names, t)))
    for field in fields:
        raw = payload.get(field.name)
        where = f"{path}{field.name}"
        if blank(raw):
            if field.required:
                problems.append(Problem(where, explain(Invalid("error.required"), t, scope,
                                                       field.name)))
            values[field.name] = field.default
            continue
        try:
            if field.kind == "list":
                values[field.name] = _read_list(raw, field, t, f"{scope}.{field.name}", where,
                                                problems)
            elif field.kind == "object":
                if not isinstance(raw, Mapping):
                    raise Invalid("error.object")
                values[field.name] = dict(raw)
            else:
                values[field.name] = parse(field, raw)
        except Invalid as bad:
            problems.append(Problem(where, explain(bad, t, scope, field.name)))
            values[field.name] = field.default
    return values, problems


def explain(bad: Invalid, t: Text, scope: str, name: str) -> str:
    """The catalogue message for ``bad``, about field ``name``."""
    noun = t.field(scope, name, "noun")
    params = {key: t.number(value) if isinstance(value, int | Decimal) else value
              for key, value in bad.params.items()}
    return t(bad.key, noun=noun, Noun=noun[:1].upper() + noun[1:], **params)


def _read_list(raw: Any, field: Field, t: Text, scope: str, where: str,
               problems: list[Problem]) -> list[dict[str, Any]]:
    if not isinstance(raw, list | tuple):
        raise Invalid("error.list")
    items = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            problems.append(Problem(f"{where}[{index}]", t("error.item")))
            continue
        values, item_problems = read(item, field.items, t, scope, path=f"{where}[{index}].")
        items.append(values)
        problems.extend(item_problems)
    return items


def _unknown(key: str, names: Sequence[str], t: Text) -> str:
    close = difflib.get_close_matches(key, names, n=1)
    if close:
        return t("error.unknown_field_close", name=close[0])
    return t("error.unknown_field", names=", ".join(names))


def read_reference_rates(raw: Any, t: Text
                         ) -> tuple[dict[str, dict[int, Decimal]], list[Problem]]:
    """Rates a policy adds: ``{table: {"2026-H2": rate}}``; the legal interest rate may be
    given as its two columns ``[individuals, all other cases]``."""
    if blank(raw):
        return {}, []
    if not isinstance(raw, Mapping):
        return {}, [Problem("reference_rates", t("error.reference_rates"))]
    overrides: dict[str, dict[int, Decimal]] = {}
    problems = []
    for table, values in raw.items():
        where = f"reference_rates.{table}"
        if table not in TABLES:
            problems.append(Problem(where, _unknown(str(table), list(TABLES), t)))
            continue
        if not isinstance(values, Mapping):
            problems.append(Problem(where, t("error.reference_rates")))
            continue
        for key, value in values.items():
            half = parse_half(key) if isinstance(key, str) else None
            if half is None:
                problems.append(Problem(f"{where}.{key}", t("error.half_year")))
                continue
            if table == "france_legal_interest_rate" and isinstance(value, list | tuple) \
                    and len(value) == 2:
                value = value[1]
            try:
                overrides.setdefault(table, {})[half] = parse_number(value, percent=True)
            except Invalid as bad:
                problems.append(Problem(f"{where}.{key}", t(bad.key, noun="", Noun="",
                                                            **bad.params)))
    return overrides, problems
