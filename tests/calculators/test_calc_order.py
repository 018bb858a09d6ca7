"""The ``order`` tool (blocked order): the policy's blocking rules at their boundaries, the
deposit, the temporary increase, the two-step procedure, the errors and the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

from calc_support import POLICY, tool, tool_errors, with_policy

from calculators import describe
from calculators.__main__ import main

HERE = Path(__file__).parent
AT_LIMIT = {"limit": "36000", "outstanding": "36000"}
EXPOSURE_CAUSES = ["exceptional_volume", "lowered_limit"]


def test_exactly_at_the_tolerance_passes() -> None:
    result = tool("order", {**AT_LIMIT, "order_amount": "1800"})
    assert (result["exposure"], result["tolerated"], result["blocked"], result["rules"],
            result["excess"], result["deposit_needed"]) == (
        "37800.00", "37800.00", False, [], "1800.00", "1800.00")
    assert [check["blocks"] for check in result["checks"]] == [False, False, False]
    assert result["temporary_increase"]["needed"] is False
    assert (result["cause"], result["causes"], result["alternatives"]) == (None, [], [])
    assert result["explanation"][1] == (
        "Règle « Dépassement de la limite de crédit » : la limite de 36 000,00 € plus 5 % de "
        "tolérance admet jusqu'à 37 800,00 € ; l'encours ne va pas au-delà : cette règle ne "
        "bloque pas.")
    assert "Aucune règle ne bloque : la commande passe." in result["explanation"]


def test_a_cent_more_than_the_tolerance_blocks() -> None:
    result = tool("order", {**AT_LIMIT, "order_amount": "1800.01"})
    assert (result["exposure"], result["blocked"], result["rules"], result["excess"],
            result["deposit_needed"]) == ("37800.01", True, ["over_limit"], "1800.01", "1800.01")
    increase = result["temporary_increase"]
    assert (increase["needed"], increase["possible"], increase["reasons"], increase["up_to"],
            increase["maximum_days"], increase["approvers"]) == (
        True, True, [], "43200.00", 30, ["credit_manager"])
    # Both causes of the exposure rule are likely: the reader picks one.
    assert result["cause"] is None
    assert [cause["id"] for cause in result["causes"]] == EXPOSURE_CAUSES
    assert [(item["id"], item["approver"], item["causes"]) for item in result["alternatives"]] == [
        ("deposit", "credit_manager", EXPOSURE_CAUSES),
        ("early_payment", "credit_manager", ["lowered_limit"]),
        ("shorter_term", "credit_manager", EXPOSURE_CAUSES),
        ("split_delivery", "credit_manager", ["exceptional_volume"]),
        ("temporary_increase", "credit_manager", ["exceptional_volume"]),
    ]
    assert result["decision"] == {
        "owner": "credit_manager", "owner_title": "Credit manager", "escalation": "cfo",
        "escalation_title": "Directeur administratif et financier",
        "deadline_working_hours": 4}
    assert "Aucune règle ne bloque : la commande passe." not in result["explanation"]
    assert "Étape 1, la cause : les règles ne départagent pas « Commande exceptionnelle » et "\
           "« Limite réduite » ; choisissez celle qui s'applique (champ « cause »)." \
           in result["explanation"]
    assert result["explanation"][-1] == (
        "Décision : Credit manager, sous 4 heures ouvrées ; en cas de désaccord ou au-delà de sa "
        "délégation : Directeur administratif et financier.")
    assert ("Dépassement temporaire possible : jusqu'à 43 200,00 € (20 % de la limite), pour "
            "30 jours au plus, accordé par : Credit manager.") in result["explanation"]


def test_the_reader_picks_the_cause() -> None:
    result = tool("order", {**AT_LIMIT, "order_amount": "5000", "cause": "exceptional_volume"})
    assert result["cause"] == "exceptional_volume"
    assert [item["id"] for item in result["alternatives"]] == [
        "deposit", "shorter_term", "split_delivery", "temporary_increase"]
    assert ("Étape 1, la cause retenue : Commande exceptionnelle. À vérifier : Commande très "
            "supérieure aux achats habituels (chantier, arrêt technique).") in result["explanation"]


def test_overdue_from_the_threshold_day() -> None:
    at = tool("order", {"limit": "50000", "outstanding": "10000", "order_amount": "1000",
                        "oldest_overdue_days": 15})
    assert (at["blocked"], at["rules"], at["excess"], at["cause"]) == (
        True, ["overdue"], "0.00", "late_payment")
    assert at["temporary_increase"]["needed"] is False
    assert [item["id"] for item in at["alternatives"]] == [
        "deposit", "early_payment", "payment_plan"]
    assert at["explanation"][2] == (
        "Règle « Retard de paiement » : la plus ancienne facture échue a 15 jours de retard ; "
        "15 jours ou plus bloquent : la commande est bloquée.")
    before = tool("order", {"limit": "50000", "outstanding": "10000", "order_amount": "1000",
                            "oldest_overdue_days": 14})
    assert (before["blocked"], before["rules"]) == (False, [])


def test_a_dispute_blocks_only_beyond_its_days_and_without_a_plan() -> None:
    base = {"limit": "50000", "outstanding": "10000", "order_amount": "1000"}
    assert tool("order", {**base, "oldest_dispute_days": 30})["blocked"] is False
    beyond = tool("order", {**base, "oldest_dispute_days": 31})
    assert (beyond["rules"], beyond["cause"]) == (["old_dispute"], "unresolved_dispute")
    planned = tool("order", {**base, "oldest_dispute_days": 31, "dispute_action_plan": True})
    assert planned["blocked"] is False
    assert planned["explanation"][3] == (
        "Règle « Litige ancien » : le litige ouvert depuis 31 jours a un plan d'action : cette "
        "règle ne bloque pas.")
    assert tool("order", {**base, "oldest_dispute_days": 0})["explanation"][3] == (
        "Règle « Litige ancien » : aucun litige ouvert.")


def test_every_rule_at_once_in_the_policys_order() -> None:
    result = tool("order", {"limit": "36000", "outstanding": "40000", "order_amount": "2000",
                            "oldest_overdue_days": 20, "oldest_dispute_days": 45,
                            "lang": "en"})
    assert result["rules"] == ["over_limit", "overdue", "old_dispute"]
    assert [cause["id"] for cause in result["causes"]] == [
        "late_payment", "unresolved_dispute", *EXPOSURE_CAUSES]
    increase = result["temporary_increase"]
    assert (increase["possible"], increase["reasons"]) == (False, [
        "an invoice is 15 days overdue or more", "a dispute is open"])
    assert result["excess"] == "6000.00"
    assert "Temporary increase not possible: an invoice is 15 days overdue or more; a dispute is "\
           "open." in result["explanation"]


def test_the_increase_beyond_its_share_and_through_the_bands() -> None:
    beyond = tool("order", {"limit": "36000", "outstanding": "40000", "order_amount": "5000"})
    increase = beyond["temporary_increase"]
    assert (increase["possible"], increase["share_needed"], increase["reasons"]) == (
        False, "25.00", ["il faudrait 25,00 % au-delà de la limite, la politique en admet 20 %"])
    # 52 000 on a limit of 48 000 (8,33 %): beyond the credit manager's own band (50 000),
    # granted by the approvers of the band of 52 000.
    through = tool("order", {"limit": "48000", "outstanding": "50000", "order_amount": "2000"})
    increase = through["temporary_increase"]
    assert (increase["possible"], increase["share_needed"], increase["approvers"],
            increase["approver_titles"]) == (
        True, "8.33", ["cfo"], ["Directeur administratif et financier"])


def test_more_over_the_limit_than_the_order() -> None:
    result = tool("order", {"limit": "36000", "outstanding": "50000", "order_amount": "100"})
    assert (result["excess"], result["deposit_needed"]) == ("14100.00", "14100.00")
    assert result["warnings"] == [
        "Le dépassement (14 100,00 €) est supérieur à la commande (100,00 €) : même payée "
        "d'avance, elle laisse l'encours au-dessus de la limite ; des factures doivent être "
        "payées."]


def test_a_customer_without_a_limit() -> None:
    result = tool("order", {"limit": "0", "outstanding": "0", "order_amount": "0.01"})
    assert (result["blocked"], result["excess"], result["temporary_increase"]["reasons"]) == (
        True, "0.01", ["le client n'a pas de limite à dépasser"])


def test_a_rule_the_tool_cannot_test_is_said() -> None:
    policy = with_policy(POLICY, blocked_orders__blocking_rules__2__kind=None)
    result = tool("order", {**AT_LIMIT, "order_amount": "1", "oldest_dispute_days": 99}, policy)
    assert result["blocked"] is False
    assert result["checks"][2] == {"rule": "old_dispute", "name": "Litige ancien", "kind": None,
                                   "blocks": None}
    assert result["warnings"] == [
        "La règle « Litige ancien » n'est pas testée par cet outil : vérifiez-la vous-même."]


def test_the_policys_tolerance_is_applied() -> None:
    policy = with_policy(POLICY, blocked_orders__blocking_rules__0__tolerance_rate="0")
    assert tool("order", {**AT_LIMIT, "order_amount": "0.01"}, policy)["blocked"] is True
    assert tool("order", {"limit": "36000", "outstanding": "35999.99", "order_amount": "0.01"},
                policy)["blocked"] is False


def test_bad_inputs() -> None:
    errors = tool_errors("order", {"limit": "-1", "outstanding": "beaucoup", "order_amount": "0",
                                   "oldest_overdue_days": -3, "oldest_dispute_days": "x",
                                   "dispute_action_plan": "peut-être", "cause": "weather"})
    assert set(errors) == {"limit", "outstanding", "order_amount", "oldest_overdue_days",
                           "oldest_dispute_days", "dispute_action_plan", "cause"}
    assert errors["order_amount"] == "Saisissez un montant supérieur à zéro."
    assert errors["cause"] == ("Choisissez parmi : late_payment, unresolved_dispute, "
                               "exceptional_volume, lowered_limit.")
    assert set(tool_errors("order", {})) == {"limit", "outstanding", "order_amount"}
    assert tool_errors("order", {**AT_LIMIT, "order_amount": "1", "cause": "late_payment"}) == {
        "cause": "La commande n'est pas bloquée : il n'y a pas de cause à choisir."}


def test_every_result_key_is_a_described_output() -> None:
    described = {output["name"]: output for output in describe("en")["order"]["outputs"]}
    result = tool("order", {**AT_LIMIT, "order_amount": "5000", "oldest_overdue_days": 20})
    assert set(result) == set(described)
    for name in ("checks", "causes", "alternatives"):
        assert set(result[name][0]) == {item["name"] for item in described[name]["items"]}
    for name in ("temporary_increase", "decision"):
        assert set(result[name]) == {item["name"] for item in described[name]["items"]}


def test_command_line() -> None:
    out = io.StringIO()
    status = main(["order", "--policy", str(HERE / "policy_document.json")],
                  io.StringIO(json.dumps({**AT_LIMIT, "order_amount": "1800.01"})), out,
                  io.StringIO())
    assert (status, json.loads(out.getvalue())["rules"]) == (0, ["over_limit"])
    out = io.StringIO()
    status = main(["order"], io.StringIO(json.dumps(AT_LIMIT)), out, io.StringIO())
    assert status == 2 and json.loads(out.getvalue())["errors"][0]["field"] == "policy"
