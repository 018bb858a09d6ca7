"""The ``limit`` tool: the policy's credit-limit method, to the cent, its boundaries, its errors
and its command line (the example policy's ``assets/policy.json``: ``calc_support.POLICY``)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from calc_support import POLICY, tool, tool_errors, with_policy

from calculators import describe, run
from calculators.__main__ import main

HERE = Path(__file__).parent
EXAMPLE = {"score": 75, "equity": "420000", "insurer_cover": "50000",
           "monthly_purchases": "18000", "term_days": 45}


def test_the_policys_example_gives_36000_approved_by_the_credit_manager() -> None:
    result = tool("limit", EXAMPLE)
    assert {key: result[key] for key in (
        "risk_class", "by_equity", "by_insurer", "by_purchases", "smallest", "rounded",
        "class_maximum", "limit", "capped", "approvers", "review_months", "term_days",
        "currency")} == {
        "risk_class": "A", "by_equity": "42000.00", "by_insurer": "50000.00",
        "by_purchases": "36000.00", "smallest": "36000.00", "rounded": "36000.00",
        "class_maximum": "150000.00",
        "limit": "36000.00", "capped": False, "approvers": ["credit_manager"],
        "review_months": 12, "term_days": 45, "currency": "EUR"}
    assert result["maximum_term"] == {"basis": "days_end_of_month", "days": 30,
                                      "end_of_month_method": "end_of_month_then_days"}
    assert result["maximum_term_text"] == "30 jours fin de mois"
    assert result["explanation"] == [
        "Score 75 : classe A (Risque très faible), qui va de 71 à 100.",
        "10 % des capitaux propres de 420 000,00 € : 42 000,00 €.",
        "Garantie de l'assureur-crédit : 50 000,00 €.",
        "Achats mensuels de 18 000,00 € × (45 jours de délai + 15 jours de marge) / 30 : "
        "36 000,00 €.",
        "Le plus petit montant est 36 000,00 € ; arrondi au multiple de 1 000,00 € inférieur : "
        "36 000,00 €.",
        "La classe A admet au plus 150 000,00 € : la limite est de 36 000,00 €.",
        "Une limite de 36 000,00 € est approuvée par : Credit manager. Elle est revue tous les "
        "12 mois ; délai maximum de la classe : 30 jours fin de mois.",
    ]


def test_the_policys_own_example_values_give_the_same_result() -> None:
    example = POLICY["policy"]["credit_limits"]["limit_method"]["example"]
    payload = {key: example[key] for key in ("equity", "insurer_cover", "monthly_purchases",
                                             "term_days")}
    assert tool("limit", {**payload, "score": 75})["limit"] == "36000.00"


def test_in_english() -> None:
    result = tool("limit", {**EXAMPLE, "lang": "en"})
    assert result["risk_class_name"] == "Very low risk"  # the policy's English text
    assert result["explanation"][3] == (
        "Monthly purchases of €18,000.00 × (45 days of term + 15 days of margin) / 30: "
        "€36,000.00.")
    assert result["explanation"][-1].startswith(
        "A limit of €36,000.00 is approved by: Credit manager.")


def test_score_at_a_class_boundary_and_the_class_maximum_caps_the_limit() -> None:
    payload = {"equity": "2000000", "insurer_cover": "100000", "monthly_purchases": "60000",
               "term_days": 45}
    at_b = tool("limit", {**payload, "score": 70})
    assert (at_b["risk_class"], at_b["smallest"], at_b["rounded"], at_b["class_maximum"],
            at_b["limit"], at_b["capped"], at_b["approvers"], at_b["review_months"]) == (
        "B", "100000.00", "100000.00", "80000.00", "80000.00", True, ["cfo"], 12)
    assert at_b["explanation"][-2] == (
        "La classe B admet au plus 80 000,00 € : la limite est ramenée à 80 000,00 €.")
    at_a = tool("limit", {**payload, "score": 71})
    assert (at_a["risk_class"], at_a["limit"], at_a["capped"], at_a["approvers"]) == (
        "A", "100000.00", False, ["cfo"])


def test_rounded_down_to_the_policys_step_from_exact_amounts() -> None:
    # 10 % of 123 456,78 = 12 345,678: shown to the cent, rounded down to 12 000.
    result = tool("limit", {"score": 40, "equity": "123456.78", "insurer_cover": "90000",
                            "monthly_purchases": "20000", "term_days": 30})
    assert (result["risk_class"], result["by_equity"], result["by_purchases"],
            result["smallest"], result["limit"], result["review_months"]) == (
        "C", "12345.68", "30000.00", "12345.68", "12000.00", 6)
    # 999,99 a month over 45 + 15 days: 1 999,98, rounded down to 1 000.
    small = tool("limit", {"score": 40, "equity": "1000000", "monthly_purchases": "999.99",
                           "term_days": 45})
    assert (small["by_purchases"], small["limit"]) == ("1999.98", "1000.00")


def test_approval_bands_up_to_is_inclusive() -> None:
    # 25 000 a month over 45 + 15 days: exactly 50 000, the top of the credit manager's band.
    at = tool("limit", {"score": 80, "equity": "900000", "monthly_purchases": "25000",
                        "term_days": 45})
    assert (at["limit"], at["approvers"]) == ("50000.00", ["credit_manager"])
    above = tool("limit", {"score": 80, "equity": "900000", "monthly_purchases": "25500",
                           "term_days": 45})
    assert (above["limit"], above["approvers"], above["approver_titles"]) == (
        "51000.00", ["cfo"], ["Directeur administratif et financier"])


def test_a_class_without_credit_gets_a_limit_of_zero() -> None:
    result = tool("limit", {"score": 0, "equity": "500000", "insurer_cover": "20000",
                            "monthly_purchases": "5000", "term_days": 30})
    assert (result["risk_class"], result["limit"], result["capped"], result["approvers"],
            result["maximum_term_text"]) == ("E", "0.00", True, ["credit_manager"],
                                             "paiement à la commande")


def test_without_insurer_cover_two_amounts_count() -> None:
    result = tool("limit", {"score": 100, "equity": "300000", "monthly_purchases": "40000",
                            "term_days": 60})
    assert (result["by_insurer"], result["by_equity"], result["by_purchases"],
            result["limit"]) == (None, "30000.00", "100000.00", "30000.00")
    assert result["explanation"][2] == (
        "Aucune garantie de l'assureur-crédit saisie : ce montant ne compte pas.")


def test_a_policy_that_ignores_the_insurer() -> None:
    policy = with_policy(POLICY, credit_limits__limit_method__use_insurer_cover=False)
    result = tool("limit", {**EXAMPLE, "insurer_cover": "1000"}, policy)
    assert (result["by_insurer"], result["limit"]) == (None, "36000.00")


def test_the_standard_term_by_default() -> None:
    # 30 days end of month: 45 days on average from the invoice date.
    result = tool("limit", {key: value for key, value in EXAMPLE.items() if key != "term_days"})
    assert (result["term_days"], result["limit"]) == (45, "36000.00")
    assert "le délai standard « 30 jours fin de mois » en moyenne" in result["explanation"][3]


def test_the_policys_values_are_applied() -> None:
    policy = with_policy(POLICY, credit_limits__limit_method__rounding="500",
                         credit_limits__limit_method__margin_days=0,
                         credit_limits__limit_method__equity_share="5")
    result = tool("limit", {**EXAMPLE, "monthly_purchases": "17900"}, policy)
    # 5 % of 420 000 = 21 000; 17 900 × 45 / 30 = 26 850: the limit is 21 000.
    assert (result["by_equity"], result["by_purchases"], result["limit"]) == (
        "21000.00", "26850.00", "21000.00")
    unrounded = with_policy(POLICY, credit_limits__limit_method__rounding="0")
    assert tool("limit", {**EXAMPLE, "equity": "123456.78", "insurer_cover": ""},
                unrounded)["limit"] == "12345.67"


@pytest.mark.parametrize("score", [-1, 101, 1000])
def test_a_score_outside_the_policys_range(score: int) -> None:
    errors = tool_errors("limit", {**EXAMPLE, "score": score})
    assert errors == {"score": "Le score va de 0 à 100 dans la politique : saisissez un score "
                               "dans cette plage."}


def test_bad_inputs_are_named_on_their_fields() -> None:
    errors = tool_errors("limit", {"score": "élevé", "equity": "-5", "monthly_purchases": "abc",
                                   "insurer_cover": "1,2,3", "term_days": -1})
    assert set(errors) == {"score", "equity", "monthly_purchases", "insurer_cover", "term_days"}
    assert "négati" in errors["equity"]
    assert tool_errors("limit", {}) == {
        "score": "Indiquez le score.", "equity": "Indiquez les capitaux propres.",
        "monthly_purchases": "Indiquez les achats mensuels."}
    assert set(tool_errors("limit", {**EXAMPLE, "scor": 1})) == {"scor"}


def test_without_the_policy_the_error_says_how_to_get_it() -> None:
    answer = run("limit", EXAMPLE)
    assert [error["field"] for error in answer["errors"]] == ["policy"]
    assert "make build" in answer["errors"][0]["message"]
    assert "python -m encours policy-json" in answer["errors"][0]["message"]
    broken = json.loads(json.dumps(POLICY))
    del broken["policy"]["credit_limits"]["approval_bands"]
    answer = run("limit", {**EXAMPLE, "lang": "en"}, broken)
    assert answer == {"errors": [{"field": "policy", "message": (
        "The policy file cannot be read: policy.credit_limits.approval_bands is "
        "missing or of the wrong type. Give the assets/policy.json of a handbook built with this "
        "version of Encours.")}]}
    assert run("limit", EXAMPLE, {"policy": []})["errors"][0]["field"] == "policy"
    assert run("limit", EXAMPLE, "nonsense")["errors"][0]["field"] == "policy"  # type: ignore


def test_every_result_key_is_a_described_output() -> None:
    outputs = {output["name"] for output in describe()["limit"]["outputs"]}
    assert set(tool("limit", EXAMPLE)) == outputs


def _cli(*args: str, stdin: str = "") -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), io.StringIO(stdin), out, err)
    return status, json.loads(out.getvalue()) if out.getvalue() else {}, err.getvalue()


def test_command_line_with_the_policy_file() -> None:
    policy = str(HERE / "policy_document.json")
    status, answer, err = _cli("limit", "--policy", policy, stdin=json.dumps(EXAMPLE))
    assert (status, answer["limit"], answer["approvers"], err) == (
        0, "36000.00", ["credit_manager"], "")
    status, answer, _ = _cli("limit", "--policy", policy, stdin='{"score": 200}')
    assert status == 2 and {e["field"] for e in answer["errors"]} == {
        "score", "equity", "monthly_purchases"}
    status, answer, _ = _cli("limit", stdin=json.dumps(EXAMPLE))
    assert status == 2 and answer["errors"][0]["field"] == "policy"
    assert "--policy" in answer["errors"][0]["message"]
    status, answer, _ = _cli("limit", "--policy", str(HERE / "no such file.json"),
                             stdin=json.dumps(EXAMPLE))
    assert status == 2 and answer["errors"][0]["field"] == "policy"
    status, answer, _ = _cli("limit", "--policy", str(HERE / "calc_support.py"),
                             stdin=json.dumps(EXAMPLE))
    assert status == 2 and answer["errors"][0]["field"] == "policy"
    assert "JSON" in answer["errors"][0]["message"]
    # Another calculator ignores the policy.
    status, answer, _ = _cli("cei", "--policy", policy, stdin=json.dumps(
        {"begin_receivables": "100000", "credit_sales": "1000000", "end_receivables": "120000",
         "end_current_receivables": "100000"}))
    assert (status, answer["cei"]) == (0, "98.00")


@pytest.mark.skipif(sys.platform == "emscripten", reason="no processes inside Pyodide")
def test_command_line_as_a_real_process() -> None:
    import subprocess

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "calculators", "limit", "--policy",
         str(HERE / "policy_document.json")], cwd=root, input=json.dumps(EXAMPLE),
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["limit"] == "36000.00"
