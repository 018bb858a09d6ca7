"""Reference rate tables, by half-year, each with its source and date.

Copied from ``shared/reference/rates.yaml``; each table names its official publisher and the
page where a reader finds the rate (``source``, ``url``), and the date the figures were checked
(``as_of``). The text a reader sees for a source comes from the message catalogue
(``rate_source.<table>``), in the page's language.
A half-year missing from a table is *unknown*: calculators ask for it (the company's policy may
supply it under ``reference_rates``), they never reuse an older value.

Half-years are numbered ``year * 2 + (0 for January-June, 1 for July-December)`` so that
consecutive half-years are consecutive integers; their public spelling is ``"2025-H2"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

AS_OF = "2026-11-28"
"""Date on which the shipped figures were checked against their sources."""

BANQUE_DE_FRANCE_RATES = (
    "https://www.banque-france.fr/fr/statistiques/themes-statistiques-et-series-webstat-associees/"
    "taux-et-cours"
)
"""Banque de France, "Taux et cours": the Eurosystem's key rates and the taux de l'intérêt
légal."""

_HALF_KEY = re.compile(r"([0-9]{4})-H([12])")


def half_of(day: date) -> int:
    """Half-year number of ``day``: ``year * 2`` for January-June, ``+ 1`` for July-December.

    >>> half_key(half_of(date(2025, 6, 30))), half_key(half_of(date(2025, 7, 1)))
    ('2025-H1', '2025-H2')
    """
    return day.year * 2 + (day.month > 6)


def half_key(half: int) -> str:
    """Public spelling of a half-year number, e.g. ``"2025-H2"``."""
    return f"{half // 2}-H{half % 2 + 1}"


def parse_half(key: str) -> int | None:
    """Half-year number of ``"YYYY-H1"``/``"YYYY-H2"``, or ``None`` if ``key`` is not one."""
    match = _HALF_KEY.fullmatch(key)
    if match is None:
        return None
    return int(match[1]) * 2 + int(match[2]) - 1


def half_start(half: int) -> date:
    """First day of the half-year: 1 January or 1 July."""
    return date(half // 2, 7 if half % 2 else 1, 1)


def half_end(half: int) -> date:
    """Last day of the half-year: 30 June or 31 December."""
    return date(half // 2, 12, 31) if half % 2 else date(half // 2, 6, 30)


@dataclass(frozen=True)
class RateTable:
    """One published rate series, percent per year, by half-year, with where it comes from."""

    name: str
    meaning: str
    source: str
    as_of: str
    values: Mapping[str, str]
    url: str = ""
    """The official page where the rate is published: what a reader is sent to when a
    half-year's rate is unknown."""
    found_in: str = ""
    """Where the figures were gathered on ``as_of`` (``shared/reference/rates.yaml``'s
    ``source``): a record for maintainers, never shown to readers, who see the official
    publisher."""
    columns: tuple[str, ...] = ()
    """For tables with several columns, their names; ``values`` then holds the column used by
    the calculators and ``all_columns`` every column."""
    all_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    changes: tuple[tuple[str, str], ...] = ()
    """For the ECB rate: every change as ``(date it took effect, rate)``."""


ECB_MAIN_REFINANCING_RATE = RateTable(
    name="ecb_main_refinancing_rate",
    meaning=(
        "ECB main refinancing operations fixed rate in force on 1 January (first half-year) "
        "or 1 July (second half-year), percent."
    ),
    source=(
        "European Central Bank, key ECB interest rates (main refinancing operations), as "
        "published by the Banque de France (taux directeurs de l'Eurosystème)"
    ),
    url=BANQUE_DE_FRANCE_RATES,
    found_in=(
        "ECB key interest rates table (mirror sdw.zentral-bank.eu key_ecb_interest_rates); "
        "banque-france.fr/en/policy-rates"
    ),
    as_of=AS_OF,
    values={
        "2019-H1": "0.00", "2019-H2": "0.00",
        "2020-H1": "0.00", "2020-H2": "0.00",
        "2021-H1": "0.00", "2021-H2": "0.00",
        "2022-H1": "0.00", "2022-H2": "0.00",
        "2023-H1": "2.50", "2023-H2": "4.00",
        "2024-H1": "4.50", "2024-H2": "4.25",
        "2025-H1": "3.15", "2025-H2": "2.15",
        "2026-H1": "2.15",
    },
    changes=(
        ("2016-03-16", "0.00"), ("2022-07-27", "0.50"), ("2022-09-14", "1.25"),
        ("2022-11-02", "2.00"), ("2022-12-21", "2.50"), ("2023-02-08", "3.00"),
        ("2023-03-22", "3.50"), ("2023-05-10", "3.75"), ("2023-06-21", "4.00"),
        ("2023-08-02", "4.25"), ("2023-09-20", "4.50"), ("2024-06-12", "4.25"),
        ("2024-09-18", "3.65"), ("2024-10-23", "3.40"), ("2024-12-18", "3.15"),
        ("2025-02-05", "2.90"), ("2025-03-12", "2.65"), ("2025-04-23", "2.40"),
        ("2025-06-11", "2.15"),
    ),
)

_LEGAL_BOTH_COLUMNS = {
    "2020-H1": ("3.15", "0.87"), "2020-H2": ("3.11", "0.84"),
    "2021-H1": ("3.14", "0.79"), "2021-H2": ("3.12", "0.76"),
    "2022-H1": ("3.13", "0.76"), "2022-H2": ("3.15", "0.77"),
    "2023-H1": ("4.47", "2.06"), "2023-H2": ("6.82", "4.22"),
    "2024-H1": ("8.01", "5.07"), "2024-H2": ("8.16", "4.92"),
    "2025-H1": ("7.21", "3.71"), "2025-H2": ("6.65", "2.76"),
    "2026-H1": ("6.67", "2.62"),
}

FRANCE_LEGAL_INTEREST_RATE = RateTable(
    name="france_legal_interest_rate",
    meaning=(
        "Taux de l'intérêt légal, percent per year, per half-year (arrêté published each June "
        "and December); the calculators use the 'all other cases' column."
    ),
    source=(
        "Arrêtés relatifs à la fixation du taux de l'intérêt légal, Journal officiel "
        "(Légifrance; latest: arrêté of 15 December 2025), as listed by the Banque de France"
    ),
    url=BANQUE_DE_FRANCE_RATES,
    found_in=(
        "arrêtés quoted by bpifrance-creation.fr, notaires2normandie.com, cna2c.fr, "
        "juriblio.fr (arrêté 15-12-2025)"
    ),
    as_of=AS_OF,
    values={half: pair[1] for half, pair in _LEGAL_BOTH_COLUMNS.items()},
    columns=("individuals_not_professional", "all_other_cases"),
    all_columns=_LEGAL_BOTH_COLUMNS,
)

UK_BANK_RATE_REFERENCE = RateTable(
    name="uk_bank_rate_reference",
    meaning=(
        "Bank of England Bank Rate in force on 31 December (debts on which statutory interest "
        "starts to run from 1 January to 30 June) or on 30 June (from 1 July to 31 December), "
        "percent; the statutory rate is this plus 8 points, fixed for the life of the debt "
        "(SI 2002/1675)."
    ),
    source=(
        "Bank of England, Official Bank Rate history (Bank Rate in force on 31 December and "
        "30 June)"
    ),
    url="https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp",
    found_in=(
        "payontime.co.uk (2020-2024 H1); Bank Rate decisions reported by focus-economics, "
        "barrys.biz, rossmartin.co.uk, bpuaccountants.co.uk"
    ),
    as_of=AS_OF,
    values={
        "2020-H1": "0.75", "2020-H2": "0.10",
        "2021-H1": "0.10", "2021-H2": "0.10",
        "2022-H1": "0.25", "2022-H2": "1.25",
        "2023-H1": "3.50", "2023-H2": "5.00",
        "2024-H1": "5.25", "2024-H2": "5.25",
        "2025-H1": "4.75", "2025-H2": "4.25",
        "2026-H1": "3.75",
    },
)

GERMANY_BASISZINSSATZ = RateTable(
    name="germany_basiszinssatz",
    meaning=(
        "Basiszinssatz (BGB § 247), percent, changing on 1 January and 1 July; default "
        "interest is this plus 9 points between businesses, plus 5 where a consumer is party "
        "(BGB § 288)."
    ),
    source=(
        "Deutsche Bundesbank, Basiszinssatz nach § 247 BGB (announced in the Bundesanzeiger)"
    ),
    url="https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/"
        "basiszinssatz-607820",
    found_in=(
        "Deutsche Bundesbank announcements quoted by stb-bruns.com, finanznachrichten.de, "
        "finanzmarktnachrichten.de"
    ),
    as_of=AS_OF,
    values={
        "2022-H2": "-0.88",
        "2023-H1": "1.62", "2023-H2": "3.12",
        "2024-H1": "3.62", "2024-H2": "3.37",
        "2025-H1": "2.27", "2025-H2": "1.27",
        "2026-H1": "1.27",
    },
)

TABLES: dict[str, RateTable] = {
    table.name: table
    for table in (
        ECB_MAIN_REFINANCING_RATE,
        FRANCE_LEGAL_INTEREST_RATE,
        UK_BANK_RATE_REFERENCE,
        GERMANY_BASISZINSSATZ,
    )
}


class RateBook:
    """The shipped tables, overlaid with the values a policy adds (which take precedence).

    ``overrides`` maps a table name to ``{half-year number: rate}``; it is assumed valid (the
    input layer checks names, half-years and numbers).

    >>> book = RateBook({"ecb_main_refinancing_rate": {parse_half("2026-H2"): Decimal("2.15")}})
    >>> book.get("ecb_main_refinancing_rate", parse_half("2026-H2"))
    Decimal('2.15')
    >>> SHIPPED.get("ecb_main_refinancing_rate", parse_half("2026-H2")) is None
    True
    """

    def __init__(self, overrides: Mapping[str, Mapping[int, Decimal]] | None = None) -> None:
        self._values: dict[str, dict[int, Decimal]] = {
            name: {parse_half(key): Decimal(value) for key, value in table.values.items()}
            for name, table in TABLES.items()
        }
        for name, values in (overrides or {}).items():
            self._values[name].update(values)

    @classmethod
    def spelled(cls, rates: Mapping[str, Mapping[str, str]]) -> RateBook:
        """The shipped tables overlaid with rates spelt as a policy spells them.

        Parameters
        ----------
        rates : Mapping[str, Mapping[str, str]]
            ``{table: {"2026-H2": "2.40"}}`` (percent per year), assumed valid: the
            ``reference_rates()`` of a validated policy.

        Returns
        -------
        RateBook
            The shipped tables, those rates taking precedence.

        Examples
        --------
        >>> RateBook.spelled({"germany_basiszinssatz": {"2026-H2": "1.27"}}).halves(
        ...     "germany_basiszinssatz")[-2:] == [parse_half("2026-H1"), parse_half("2026-H2")]
        True
        """
        return cls({name: {parse_half(key): Decimal(value) for key, value in values.items()}
                    for name, values in rates.items()})

    def get(self, table: str, half: int) -> Decimal | None:
        """Rate of ``table`` for the half-year, or ``None`` when it is unknown."""
        return self._values[table].get(half)

    def halves(self, table: str) -> list[int]:
        """The half-years whose rate is known, shipped or added.

        Parameters
        ----------
        table : str
            A table of :data:`TABLES`, e.g. ``"ecb_main_refinancing_rate"``.

        Returns
        -------
        list[int]
            Half-year numbers (:func:`half_of`), oldest first.
        """
        return sorted(self._values[table])


SHIPPED = RateBook()
"""The shipped tables alone."""
