"""The ``plan`` tool (payment plan for arrears): instalments to the cent, month-end dates, the
policy's maximum, minimum and approval limit, the acknowledgement of debt, errors, command
line."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from calc_support import POLICY, tool, tool_errors, with_policy

from calculators import describe
from calculators.__main__ import main

HERE = Path(__file__).parent


def _schedule(result: dict) -> list[tuple[str, str]]:
    return [(item["date"], item["amount"]) for item in result["instalments"]]


def test_equal_instalments_approved_by_the_credit_manager() -> None:
    result = tool("plan", {"arrears": "12450", "months": 6, "first_date": "2026-03-05"})
    assert _schedule(result) == [(f"2026-{month:02d}-05", "2075.00") for month in range(3, 9)]
    assert (result["financed"], result["instalment"], result["last_date"], result["approver"],
            result["approver_title"]) == (
        "12450.00", "2075.00", "2026-08-05", "credit_manager", "Credit manager")
    assert result["explanation"] == [
        "12 450,00 € en 6 mensualités égales de 2 075,00 €.",
        "Du 05/03/2026 au 05/08/2026, le 5 de chaque mois (ou le dernier jour d'un mois plus "
        "court).",
        "La politique admet 6 mois au plus et des échéances d'au moins 500,00 € : le plan les "
        "respecte.",
        "Un plan de 12 450,00 €, jusqu'à 20 000,00 € : approuvé par Credit manager.",
    ]


@pytest.mark.parametrize(("arrears", "months", "each", "last"), [
    ("10000", 3, "3333.33", "3333.34"),
    ("3001", 6, "500.17", "500.15"),
    ("1000.02", 2, "500.01", "500.01"),
    ("7777.77", 4, "1944.44", "1944.45"),
])
def test_the_last_instalment_takes_the_difference(arrears: str, months: int, each: str,
                                                  last: str) -> None:
    result = tool("plan", {"arrears": arrears, "months": months, "first_date": "2026-06-10"})
    amounts = [item["amount"] for item in result["instalments"]]
    assert amounts == [each] * (months - 1) + [last]
    assert sum(map(Decimal, amounts)) == Decimal(arrears)


def test_a_month_end_first_date_falls_on_each_months_last_day() -> None:
    result = tool("plan", {"arrears": "10000", "months": 4, "first_date": "2026-01-31"})
    assert [item["date"] for item in result["instalments"]] == [
        "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    leap = tool("plan", {"arrears": "3000", "months": 2, "first_date": "2028-01-30"})
    assert [item["date"] for item in leap["instalments"]] == ["2028-01-30", "2028-02-29"]
    year_end = tool("plan", {"arrears": "6000", "months": 6, "first_date": "2026-08-31"})
    assert [item["date"] for item in year_end["instalments"]] == [
        "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31"]


def test_a_down_payment_is_taken_off_and_printed_first() -> None:
    result = tool("plan", {"arrears": "12450", "months": 4, "first_date": "2026-03-05",
                           "down_payment": "2450"})
    assert (result["down_payment"], result["financed"], result["instalment"]) == (
        "2450.00", "10000.00", "2500.00")
    body = result["acknowledgement"]["body"]
    assert "la somme de\n12 450,00 € (principal" in body
    assert ("- à la signature : 2 450,00 €\n- 05/03/2026 : 2 500,00 €\n- 05/04/2026 : "
            "2 500,00 €\n- 05/05/2026 : 2 500,00 €\n- 05/06/2026 : 2 500,00 €\n") in body
    assert result["explanation"][0] == (
        "Arriéré de 12 450,00 € moins l'acompte de 2 450,00 € : 10 000,00 € à étaler.")


def test_the_approval_limit_is_inclusive() -> None:
    at = tool("plan", {"arrears": "20000", "months": 6, "first_date": "2026-03-05"})
    above = tool("plan", {"arrears": "20000.01", "months": 6, "first_date": "2026-03-05"})
    assert (at["approver"], above["approver"], above["approver_title"]) == (
        "credit_manager", "cfo", "Directeur administratif et financier")
    assert above["explanation"][-1] == (
        "Un plan de 20 000,01 €, au-delà de 20 000,00 € : approuvé par Directeur administratif "
        "et financier.")
    assert "Pour le créancier : ………………, Directeur administratif et financier" in \
        above["acknowledgement"]["body"]


def test_the_acknowledgement_is_filled_in_ready_to_print() -> None:
    result = tool("plan", {"arrears": "1500", "months": 3, "first_date": "2026-03-05",
                           "lang": "en"})
    letter = result["acknowledgement"]
    # The policy's English template, its figures written the English way.
    assert (letter["lang"], letter["subject"]) == ("en", "Acknowledgement of debt — ………………")
    assert "[[" not in letter["body"] and "Brévant Fournitures Industrielles SAS" in letter["body"]
    assert "- 05/03/2026: €500.00\n- 05/04/2026: €500.00\n- 05/05/2026: €500.00" in \
        letter["body"]
    assert "de la somme de ……………… euros\n(€1,500.00)" in letter["body"]
    assert result["explanation"][0] == "€1,500.00 in 3 equal monthly instalments of €500.00."


def test_a_policy_without_the_letter() -> None:
    policy = json.loads(json.dumps(POLICY))
    policy["letters"] = []
    result = tool("plan", {"arrears": "1500", "months": 3, "first_date": "2026-03-05"}, policy)
    assert result["acknowledgement"] is None
    assert result["warnings"] == [
        "La politique n'a pas de modèle de reconnaissance de dette "
        "(recovery.letter_templates)."]


def test_the_policys_figures_are_applied() -> None:
    payload = {"arrears": "7000", "months": 7, "first_date": "2026-03-05"}
    assert tool_errors("plan", payload) == {
        "months": "La politique admet 6 mensualités au plus : raccourcissez le plan."}
    policy = with_policy(POLICY, recovery__payment_plans__maximum_months=12,
                         recovery__payment_plans__minimum_instalment="1000")
    assert tool("plan", payload, policy)["instalment"] == "1000.00"
    assert tool_errors("plan", {**payload, "arrears": "6999.99"}, policy) == {"months": (
        "Une échéance serait de 999,99 €, sous l'échéance minimum de la politique "
        "(1 000,00 €) : 6 mensualités au plus pour ce montant.")}


def test_an_instalment_below_the_minimum_names_the_policys_figure() -> None:
    assert tool_errors("plan", {"arrears": "2999.99", "months": 6,
                                "first_date": "2026-03-05", "lang": "en"}) == {"months": (
        "An instalment would be €499.99, below the policy's smallest instalment (€500.00): 5 "
        "instalments at most for this amount.")}
    assert tool_errors("plan", {"arrears": "499.99", "months": 1,
                                "first_date": "2026-03-05"}) == {"months": (
        "Le montant à étaler (499,99 €) est sous l'échéance minimum de la politique "
        "(500,00 €) : pas d'échéancier, demandez le paiement.")}
    # Exactly the minimum is allowed.
    assert tool("plan", {"arrears": "500", "months": 1, "first_date": "2026-03-05"})[
        "instalment"] == "500.00"


def test_bad_inputs() -> None:
    errors = tool_errors("plan", {"arrears": "-10", "months": 0, "first_date": "31/02/2026",
                                  "down_payment": "abc"})
    assert set(errors) == {"arrears", "months", "first_date", "down_payment"}
    assert errors["months"] == "Saisissez un nombre de mois supérieur à zéro."
    assert "n'existe pas" in errors["first_date"]
    assert set(tool_errors("plan", {"arrears": "1000", "months": "deux",
                                    "first_date": "demain"})) == {"months", "first_date"}
    assert set(tool_errors("plan", {})) == {"arrears", "months", "first_date"}
    assert tool_errors("plan", {"arrears": "1000", "months": 1, "first_date": "2026-03-05",
                                "down_payment": "1000"}) == {
        "down_payment": "L'acompte doit être inférieur à l'arriéré (1 000,00 €)."}


def test_every_result_key_is_a_described_output() -> None:
    described = {output["name"]: output for output in describe()["plan"]["outputs"]}
    result = tool("plan", {"arrears": "1500", "months": 3, "first_date": "2026-03-05"})
    assert set(result) == set(described)
    assert set(result["instalments"][0]) == {
        item["name"] for item in described["instalments"]["items"]}
    assert set(result["acknowledgement"]) == {
        item["name"] for item in described["acknowledgement"]["items"]}


def test_command_line() -> None:
    out = io.StringIO()
    status = main(["plan", "--policy", str(HERE / "policy_document.json")], io.StringIO(
        json.dumps({"arrears": "1000", "months": 3, "first_date": "2026-01-31"})), out,
        io.StringIO())
    assert status == 2 and json.loads(out.getvalue())["errors"][0]["field"] == "months"
    out = io.StringIO()
    status = main(["plan", "--policy", str(HERE / "policy_document.json")], io.StringIO(
        json.dumps({"arrears": "1500", "months": 3, "first_date": "2026-01-31"})), out,
        io.StringIO())
    assert status == 0 and json.loads(out.getvalue())["last_date"] == "2026-03-31"


def test_a_plan_that_would_end_after_the_last_date() -> None:
    policy = with_policy(POLICY, recovery__payment_plans__maximum_months=24)
    errors = tool_errors("plan", {"arrears": "24000", "months": 24,
                                  "first_date": "9998-06-30"}, policy)
    assert set(errors) == {"first_date"} and "9998-12-31" in errors["first_date"]
    assert tool("plan", {"arrears": "6000", "months": 6, "first_date": "9998-07-31"},
                policy)["last_date"] == "9998-12-31"
