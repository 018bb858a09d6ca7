"""The ``bonus`` tool (sales bonus simulator): tiers at their thresholds, amounts to the cent,
the policy's example (700,00 €), errors per criterion and the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from calc_support import POLICY, tool, tool_errors, with_policy

from calculators import describe
from calculators.__main__ import main

HERE = Path(__file__).parent
EXAMPLE = {"target_bonus": "4000",
           "results": {"overdue": "6.2", "payment_delay": "9", "disputes": "8"}}


def _lines(result: dict) -> list[tuple]:
    return [(line["id"], line["tier"], line["payout"], line["amount"])
            for line in result["criteria"]]


def test_the_policys_example_gives_700() -> None:
    result = tool("bonus", EXAMPLE)
    assert (result["period"], result["periods_per_year"], result["period_target"],
            result["total"], result["share"]) == ("quarterly", 4, "1000.00", "700.00", "70.00")
    assert _lines(result) == [("overdue", 2, "60.00", "240.00"),
                              ("payment_delay", 2, "60.00", "210.00"),
                              ("disputes", 1, "100.00", "250.00")]
    assert result["explanation"] == [
        "Prime cible de 4 000,00 € par an, 4 périodes (trimestre) : 1 000,00 € pour la période.",
        "« Part de l'échu à plus de 30 jours » : 6,2 %, au plus 8 % : palier 2, 60 % versés ; "
        "1 000,00 € × 40 % × 60 % = 240,00 €.",
        "« Retard moyen de paiement du portefeuille » : 9 jours, au plus 12 jours : palier 2, "
        "60 % versés ; 1 000,00 € × 35 % × 60 % = 210,00 €.",
        "« Délai de résolution des litiges de prix et de livraison » : 8 jours, au plus "
        "10 jours : palier 1, 100 % versés ; 1 000,00 € × 25 % × 100 % = 250,00 €.",
        "Prime de la période (trimestre) : 700,00 €, soit 70,00 % de la prime cible de "
        "1 000,00 €.",
    ]


def test_the_policys_own_example_values() -> None:
    example = POLICY["policy"]["incentives"]["example"]
    result = tool("bonus", {"target_bonus": example["target_bonus"],
                            "results": example["results"]})
    assert result["total"] == "700.00"


@pytest.mark.parametrize(("overdue", "tier", "payout", "amount"), [
    ("5", 1, "100.00", "400.00"),      # exactly at the first threshold: that tier
    ("5.01", 2, "60.00", "240.00"),
    ("8", 2, "60.00", "240.00"),
    ("10", 3, "30.00", "120.00"),      # exactly at the last threshold: still paid
    ("10.01", None, "0.00", "0.00"),   # above the last: nothing
    ("0", 1, "100.00", "400.00"),
])
def test_at_or_below_a_threshold_earns_that_tier(overdue: str, tier: int | None, payout: str,
                                                 amount: str) -> None:
    result = tool("bonus", {**EXAMPLE, "results": {**EXAMPLE["results"], "overdue": overdue}})
    assert _lines(result)[0] == ("overdue", tier, payout, amount)
    assert result["criteria"][0]["threshold"] == (
        None if tier is None else ["5", "8", "10"][tier - 1])


def test_above_every_last_threshold_earns_nothing() -> None:
    result = tool("bonus", {"target_bonus": "4000", "results": {
        "overdue": "12", "payment_delay": "30", "disputes": "21"}})
    assert (result["total"], result["share"]) == ("0.00", "0.00")
    assert result["explanation"][1] == (
        "« Part de l'échu à plus de 30 jours » : 12 %, au-delà du dernier seuil (10 %) : rien "
        "n'est versé.")


def test_amounts_to_the_cent_and_the_total_rounded_once() -> None:
    # 3 333 a year: 833,25 a quarter. 833,25 × 40 % × 60 % = 199,98; × 35 % × 60 % =
    # 174,9825; × 25 % × 50 % = 104,15625; total 479,11875 → 479,12.
    result = tool("bonus", {"target_bonus": "3333", "results": {
        "overdue": "7", "payment_delay": "10", "disputes": "14"}})
    assert result["period_target"] == "833.25"
    assert _lines(result) == [("overdue", 2, "60.00", "199.98"),
                              ("payment_delay", 2, "60.00", "174.98"),
                              ("disputes", 2, "50.00", "104.16")]
    assert (result["total"], result["share"]) == ("479.12", "57.50")


def test_every_criterion_at_best_pays_the_whole_target() -> None:
    result = tool("bonus", {"target_bonus": "4000", "results": {
        "overdue": 1, "payment_delay": 2, "disputes": 3}, "lang": "en"})
    assert (result["total"], result["share"]) == ("1000.00", "100.00")
    assert result["explanation"][-1] == (
        "Bonus of the period (quarter): €1,000.00, 100.00% of the target of €1,000.00.")


def test_the_policys_period_and_direction() -> None:
    yearly = with_policy(POLICY, incentives__period="yearly")
    assert tool("bonus", EXAMPLE, yearly)["total"] == "2800.00"
    # An indicator to raise: a result at or ABOVE a threshold reaches it.
    higher = with_policy(POLICY, kpis__1__better="higher")
    assert higher["policy"]["kpis"][1]["id"] == "overdue_rate"
    result = tool("bonus", {**EXAMPLE, "results": {**EXAMPLE["results"], "overdue": "9"}},
                  higher)
    assert (_lines(result)[0], result["criteria"][0]["better"]) == (
        ("overdue", 1, "100.00", "400.00"), "higher")
    low = tool("bonus", {**EXAMPLE, "results": {**EXAMPLE["results"], "overdue": "4.99"}},
               higher)
    assert _lines(low)[0] == ("overdue", None, "0.00", "0.00")
    assert low["explanation"][1] == (
        "« Part de l'échu à plus de 30 jours » : 4,99 %, en deçà du dernier seuil (10 %) : "
        "rien n'est versé.")


def test_errors_on_the_criterion() -> None:
    errors = tool_errors("bonus", {"target_bonus": "-1", "results": {
        "overdue": "beaucoup", "payment_delay": "9", "weather": "3"}})
    assert errors == {
        "target_bonus": errors["target_bonus"],
        "results.overdue": "« Part de l'échu à plus de 30 jours » : Saisissez un nombre, par "
                           "exemple 12 ou 12,5.",
        "results.weather": "La politique n'a pas de critère « weather » : ses critères sont "
                           "overdue, payment_delay, disputes.",
        "results.disputes": "Indiquez le résultat du critère « Délai de résolution des litiges "
                            "de prix et de livraison ».",
    }
    assert "négati" in errors["target_bonus"]
    assert tool_errors("bonus", {"target_bonus": "4000", "results": [6.2, 9, 8]}) == {
        "results": "Donnez un objet JSON : un résultat par critère, par exemple "
                   "{\"overdue\": 6.2}."}
    assert set(tool_errors("bonus", {})) == {"target_bonus", "results"}
    assert set(tool_errors("bonus", {"target_bonus": "x", "results": {}})) == {
        "target_bonus", "results.overdue", "results.payment_delay", "results.disputes"}


def test_every_result_key_is_a_described_output() -> None:
    described = {output["name"]: output for output in describe()["bonus"]["outputs"]}
    result = tool("bonus", EXAMPLE)
    assert set(result) == set(described)
    assert set(result["criteria"][0]) == {item["name"] for item in described["criteria"]["items"]}


def test_command_line() -> None:
    out = io.StringIO()
    status = main(["bonus", "--policy", str(HERE / "policy_document.json")],
                  io.StringIO(json.dumps(EXAMPLE)), out, io.StringIO())
    assert (status, json.loads(out.getvalue())["total"]) == (0, "700.00")
    out = io.StringIO()
    status = main(["bonus", "--policy", str(HERE / "policy_document.json")],
                  io.StringIO('{"target_bonus": 4000, "results": {"nope": 1}}'), out,
                  io.StringIO())
    assert status == 2
    assert "results.nope" in [error["field"] for error in json.loads(out.getvalue())["errors"]]
