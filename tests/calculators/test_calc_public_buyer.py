"""French public buyers (regime ``FR-PUBLIC``, Code de la commande publique R2192-31 and
D2192-35), rates typed by the reader (``reference_rates``) and the rate tables' official
sources. Expected values are worked out here from the rule (exact fractions, rounded half-up
once), never copied from the calculator."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from calc_support import field_errors

from calculators import describe, run
from calculators.money import round_half_up
from calculators.rates import TABLES


def _penalty(**payload: object) -> dict:
    result = run("penalty", payload)
    assert "errors" not in result, result
    return result


def _interest(amount: str, rate: str, days: int, basis: int = 365) -> Decimal:
    return round_half_up(Fraction(amount) * Fraction(rate) * days / (100 * basis))


# --- FR-PUBLIC ---------------------------------------------------------------------------------

def test_public_buyer_example_of_the_issue() -> None:
    # Invoice of 10 000 EUR received on 2026-03-02, 30-day term from receipt: due 2026-04-01;
    # paid 20 days late, 2026-04-21. ECB rate on 1 January 2026: 2.15 %, + 8 points.
    received = date(2026, 3, 2)
    due = received + timedelta(days=30)
    assert due == date(2026, 4, 1)
    result = _penalty(regime="FR-PUBLIC", amount="10000", due_date=due.isoformat(),
                      payment_date="2026-04-21")
    assert result["days_late"] == 20
    assert result["rate"] == "10.15"
    assert _interest("10000", "10.15", 20) == Decimal("55.62")
    assert result["interest"] == "55.62"
    assert result["indemnity"] == "40.00"
    assert result["total"] == "95.62"
    assert result["mode"] == "fixed"
    assert "R2192-31" in result["legal_basis"] and "D2192-35" in result["legal_basis"]


def test_public_buyer_delay_over_two_half_years_keeps_one_rate() -> None:
    # Late from 2026-06-21 (first half-year: 2.15 + 8) to 2026-07-10: one rate for the whole
    # delay, and the second half-year's ECB rate (not shipped) is not needed.
    result = _penalty(regime="FR-PUBLIC", amount="10000", due_date="2026-06-20",
                      payment_date="2026-07-10")
    assert [(p["start"], p["end"], p["days"], p["rate"]) for p in result["periods"]] == [
        ("2026-06-21", "2026-07-10", 20, "10.15")]
    assert result["interest"] == str(_interest("10000", "10.15", 20))


def test_public_buyer_rate_differs_from_the_commercial_one() -> None:
    # 2024-H2: ECB 4.25; public buyer + 8 = 12.25 (not the + 10 of L441-10).
    public = _penalty(regime="FR-PUBLIC", amount="5000", due_date="2024-12-15",
                      payment_date="2025-01-14")
    assert public["rate"] == "12.25"
    assert public["interest"] == str(_interest("5000", "12.25", 30))
    commercial = _penalty(regime="FR", amount="5000", due_date="2024-12-15",
                          payment_date="2025-01-14")
    assert commercial["rate"] is None  # split: 14.25 then 13.15


def test_public_buyer_unknown_half_year_asks_for_the_rate() -> None:
    errors = field_errors("penalty", {"regime": "FR-PUBLIC", "amount": "10000",
                                          "due_date": "2026-07-01",
                                          "payment_date": "2026-07-21", "lang": "en"})
    assert list(errors) == ["due_date"]
    assert "2026-H2" in errors["due_date"]
    assert "ecb_main_refinancing_rate" in errors["due_date"]


@pytest.mark.parametrize(("mode", "rate"), [("split", None), (None, "12")])
def test_public_buyer_takes_no_split_nor_contract_rate(mode: str | None,
                                                         rate: str | None) -> None:
    payload = {"regime": "FR-PUBLIC", "amount": "10000", "due_date": "2026-04-01",
               "payment_date": "2026-04-21", "mode": mode, "rate": rate}
    errors = field_errors("penalty", {k: v for k, v in payload.items() if v is not None})
    assert list(errors) == ["mode" if mode else "rate"]


def test_public_buyer_is_listed_everywhere() -> None:
    for lang in ("fr", "en"):
        regime = next(field for field in describe(lang)["penalty"]["fields"]
                      if field["name"] == "regime")
        labels = dict(zip(regime["choices"], regime["choice_labels"], strict=True))
        assert "FR-PUBLIC" in labels and "R2192-31" in labels["FR-PUBLIC"]
        assert "FR-PUBLIC" in regime["help"]
        due = next(field for field in describe(lang)["penalty"]["fields"]
                   if field["name"] == "due_date")
        assert "R2192-12" in due["help"]


# --- a rate typed by the reader ----------------------------------------------------------------

def test_typed_rate_for_an_unknown_half_year_is_used() -> None:
    typed = {"ecb_main_refinancing_rate": {"2026-H2": "2.15"}}
    result = _penalty(amount="10000", due_date="2026-09-30", payment_date="2026-11-30",
                      reference_rates=typed)
    assert result["rate"] == "12.15"
    assert result["interest"] == str(_interest("10000", "12.15", 61)) == "203.05"
    public = _penalty(regime="FR-PUBLIC", amount="10000", due_date="2026-07-01",
                      payment_date="2026-07-21", reference_rates=typed)
    assert public["interest"] == str(_interest("10000", "10.15", 20))


def test_without_the_typed_rate_the_error_names_half_year_and_table() -> None:
    for lang in ("fr", "en"):
        errors = field_errors("penalty", {"amount": "10000", "due_date": "2026-09-30",
                                              "payment_date": "2026-11-30", "lang": lang})
        assert "2026-H2" in errors["due_date"]
        assert "ecb_main_refinancing_rate" in errors["due_date"]


# --- official sources, in the reader's language ------------------------------------------------

MIRRORS = ("payontime", "notaires2normandie", "stb-bruns", "bpifrance", "juriblio", "cna2c",
           "focus-economics", "barrys", "rossmartin", "bpuaccountants", "finanznachrichten",
           "finanzmarktnachrichten", "zentral-bank")


def test_rate_tables_cite_their_official_publisher() -> None:
    official = {"ecb_main_refinancing_rate": "banque-france.fr",
                "france_legal_interest_rate": "banque-france.fr",
                "uk_bank_rate_reference": "bankofengland.co.uk",
                "germany_basiszinssatz": "bundesbank.de"}
    for name, table in TABLES.items():
        assert not any(mirror in table.source.lower() for mirror in MIRRORS), name
        assert table.url.startswith("https://") and official[name] in table.url, name
        assert table.as_of == "2026-11-28"


def test_sources_are_in_the_readers_language() -> None:
    french = {t["name"]: t for t in describe("fr")["penalty"]["rate_tables"]}
    english = {t["name"]: t for t in describe("en")["penalty"]["rate_tables"]}
    assert "Banque centrale européenne" in french["ecb_main_refinancing_rate"]["source"]
    assert "European Central Bank" in english["ecb_main_refinancing_rate"]["source"]
    assert "Banque d'Angleterre" in french["uk_bank_rate_reference"]["source"]
    assert "Journal officiel" in french["france_legal_interest_rate"]["source"]
    for table in (*french.values(), *english.values()):
        assert not any(mirror in table["source"].lower() for mirror in MIRRORS)
        assert table["url"] == TABLES[table["name"]].url


def test_the_answer_lists_the_rates_to_ask_for() -> None:
    # What the page needs to ask the reader: table, half-year, their names, the official source.
    for lang, half_name, source in (("fr", "2e semestre 2026", "Banque centrale européenne"),
                                    ("en", "2026", "European Central Bank")):
        answer = run("penalty", {"regime": "FR-PUBLIC", "amount": "10000",
                                 "due_date": "2026-07-01", "payment_date": "2026-07-21",
                                 "lang": lang})
        assert answer["missing_rates"] == [{
            "table": "ecb_main_refinancing_rate", "half": "2026-H2",
            "half_name": answer["missing_rates"][0]["half_name"],
            "rate_name": answer["missing_rates"][0]["rate_name"],
            "source": answer["missing_rates"][0]["source"],
            "url": TABLES["ecb_main_refinancing_rate"].url}]
        assert half_name in answer["missing_rates"][0]["half_name"]
        assert source in answer["missing_rates"][0]["source"]


def test_a_known_rate_asks_for_nothing() -> None:
    assert "missing_rates" not in run("penalty", {"amount": "x", "due_date": "2026-07-01"})


# --- the batch import: same regime, same typed rates -------------------------------------------

CSV = ("invoice;customer;amount;due date;payment date\n"
       "P1;Mairie;10000;2026-04-01;2026-04-21\n"
       "P2;Hôpital;10000;2026-07-01;2026-07-21\n")


def test_batch_import_takes_the_public_regime_and_typed_rates() -> None:
    from calculators.batch import penalty_csv

    without = penalty_csv(CSV, {"regime": "FR-PUBLIC", "lang": "en"})
    assert without["count"] == 1  # P2 needs the 2026-H2 rate: its line says so
    assert "2026-H2" in without["line_errors"][0]["message"]
    typed = penalty_csv(CSV, {"regime": "FR-PUBLIC", "lang": "en", "reference_rates": {
        "ecb_main_refinancing_rate": {"2026-H2": "2.15"}}})
    assert typed["count"] == 2
    assert [row["interest"] for row in typed["invoices"]] == ["55.62", "55.62"]
    assert typed["totals"]["total"] == "191.24"


def test_batch_import_as_of_in_an_unknown_half_year_lists_the_rate_to_ask_for() -> None:
    from calculators.batch import penalty_csv

    answer = penalty_csv("invoice;customer;amount;due date;payment date\nP1;A;100;2026-06-01;\n",
                         {"as_of": "2026-08-01", "lang": "fr"})
    assert [(rate["table"], rate["half"]) for rate in answer.get("missing_rates", [])] == [
        ("ecb_main_refinancing_rate", "2026-H2")]
