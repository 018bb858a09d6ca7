"""The public surface: run, run_json, describe, CALCULATORS and the command line (called
in-process, so that it runs inside Pyodide too, plus one real process)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators import CALCULATORS, describe, run, run_json
from calculators.__main__ import main
from calculators.forms import ADAPTERS
from calculators.inputs import KINDS

FR1 = {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
TWO_DECIMALS = re.compile(r"-?[0-9]+\.[0-9]{2}")


def test_public_names() -> None:
    assert CALCULATORS == ("penalty", "dso", "cei", "discount", "unpaid", "limit", "order",
                           "plan", "bonus")
    assert set(calculators.__all__) == {"run", "run_json", "describe", "CALCULATORS"}


def test_every_calculator_has_an_adapter() -> None:
    assert set(ADAPTERS) == set(CALCULATORS)


def test_money_and_rates_are_strings_with_two_decimals() -> None:
    result = run("penalty", FR1)
    for key in ("amount", "rate", "interest", "indemnity", "total"):
        assert TWO_DECIMALS.fullmatch(result[key]), key
    for period in result["periods"]:
        assert TWO_DECIMALS.fullmatch(period["rate"]) and TWO_DECIMALS.fullmatch(
            period["interest"])
    assert result["warnings"] == []


def test_unknown_calculator() -> None:
    assert run("dsp", {}) == {"errors": [{"field": "calculator", "message": (
        "Calculateur inconnu « dsp ». Choisissez parmi : penalty, dso, cei, discount, unpaid, "
        "limit, order, plan, bonus.")}]}


def test_payload_must_be_an_object() -> None:
    assert run("dso", ["receivables"])["errors"][0]["field"] == "payload"  # type: ignore[arg-type]


def test_language_of_messages() -> None:
    french = run("penalty", {**FR1, "payment_date": "31/02/2025"})
    english = run("penalty", {**FR1, "payment_date": "31/02/2025", "lang": "en"})
    assert french["errors"][0]["message"].startswith("La date de paiement n'existe pas")
    assert english["errors"][0]["message"].startswith("The payment date is not a day")
    assert run("penalty", {**FR1, "lang": "de"})["errors"] == [
        {"field": "lang", "message": "Langue inconnue : choisissez fr ou en."}]


def test_every_bad_field_at_once_one_entry_each() -> None:
    result = run("penalty", {"amount": "dix mille", "due_date": "30/09", "payment_date": "",
                             "regime": "ES", "basis": 366, "b2b": "maybe", "mode": "both",
                             "amout": "1"})
    fields = [error["field"] for error in result["errors"]]
    assert set(fields) == {"amount", "due_date", "regime", "basis", "b2b", "mode", "amout"}
    assert len(fields) == len(set(fields))
    messages = {error["field"]: error["message"] for error in result["errors"]}
    assert messages["amount"] == "Saisissez un montant, par exemple 10000 ou 10 000,50."
    assert messages["due_date"] == ("La date d'échéance doit être au format AAAA-MM-JJ, par "
                                    "exemple 2025-09-30.")
    assert "amount" in messages["amout"]


def test_missing_required_fields_are_named() -> None:
    result = run("cei", {})
    assert [error["field"] for error in result["errors"]] == [
        "begin_receivables", "credit_sales", "end_receivables", "end_current_receivables"]
    assert result["errors"][0]["message"] == "Indiquez l'encours de début de période."


def test_run_json_reads_numbers_exactly_and_answers_json() -> None:
    text = run_json("penalty", '{"amount": 10000.10, "due_date": "2025-09-30", '
                               '"payment_date": "2025-11-30"}')
    assert json.loads(text)["amount"] == "10000.10"
    assert "\\u" not in run_json("penalty", "{}")  # French text stays readable


@pytest.mark.parametrize("text", ["", "{", "[1,", '{"amount": NaN}', "null", "[]", '"x"',
                                  "[" * 100000])
def test_run_json_never_raises(text: str) -> None:
    answer = json.loads(run_json("penalty", text))
    assert "errors" in answer and answer["errors"][0]["field"] in ("payload", "amount")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_describe_documents_every_field_and_output(lang: str) -> None:
    described = describe(lang)
    assert tuple(described) == CALCULATORS

    def check_fields(fields: list[dict]) -> None:
        for field in fields:
            assert field["kind"] in KINDS
            assert field["label"] and field["help"], field["name"]
            assert len(field["label"]) <= 45, field["label"]
            assert len(field["choice_labels"]) == len(field["choices"])
            assert (field["kind"] == "list") == ("items" in field)
            check_fields(field.get("items", []))

    def check_outputs(outputs: list[dict]) -> None:
        for output in outputs:
            assert output["label"], output["name"]
            check_outputs(output.get("items", []))

    for entry in described.values():
        assert entry["title"] and entry["summary"] and entry["legal_basis"]
        assert entry["uses_policy"] == (entry["name"] in ("limit", "order", "plan", "bonus"))
        check_fields(entry["fields"])
        check_outputs(entry["outputs"])
    json.dumps(described)  # JSON-ready
    labels = {field["name"]: field["label"] for field in describe("fr")["penalty"]["fields"]}
    assert (labels["amount"], labels["due_date"], labels["payment_date"]) == (
        "Montant TTC", "Date d'échéance", "Date de paiement")


def test_every_result_key_is_a_described_output() -> None:
    outputs = {entry["name"]: {output["name"] for output in entry["outputs"]}
               for entry in describe().values()}
    samples = {
        "penalty": [FR1, {"invoices": [FR1]}],
        "dso": [{"receivables": "1", "sales": "2", "days": 30}],
        "cei": [{"begin_receivables": "1", "credit_sales": "2", "end_receivables": "1",
                 "end_current_receivables": "1"}],
        "discount": [{"discount_rate": "2", "discount_days": 10, "net_days": 30}],
        "unpaid": [{"loss": "1"}],
    }
    for name, payloads in samples.items():
        for payload in payloads:
            assert set(run(name, payload)) <= outputs[name], name


def test_shipped_rate_tables_are_described_with_their_source() -> None:
    tables = describe()["penalty"]["rate_tables"]
    assert {table["name"] for table in tables} == {
        "ecb_main_refinancing_rate", "france_legal_interest_rate", "uk_bank_rate_reference",
        "germany_basiszinssatz"}
    assert all(table["source"] and table["as_of"] == "2026-11-28" for table in tables)


def _cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), io.StringIO(stdin), out, err)
    return status, out.getvalue(), err.getvalue()


def test_cli_result_and_exit_status() -> None:
    status, out, _ = _cli("penalty", stdin=json.dumps(FR1))
    assert status == 0 and json.loads(out)["total"] == "243.05"
    status, out, _ = _cli("penalty", stdin='{"amount": "-1"}')
    assert status == 2 and {e["field"] for e in json.loads(out)["errors"]} == {
        "amount", "due_date"}
    status, out, _ = _cli("penalty", stdin="{not json")
    assert status == 2 and json.loads(out)["errors"][0]["field"] == "payload"
    status, out, _ = _cli("nope", stdin="{}")
    assert status == 2 and json.loads(out)["errors"][0]["field"] == "calculator"


def test_cli_usage_mistakes() -> None:
    for args in ((), ("--help",), ("penalty", "dso"), ("--list", "--lang", "de")):
        status, out, err = _cli(*args)
        assert status == 2 and out == "" and "--list" in err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cli_list_names_every_field(lang: str) -> None:
    status, out, _ = _cli("--list", "--lang", lang) if lang == "en" else _cli("--list")
    assert status == 0
    for entry in describe(lang).values():
        assert f"{entry['name']} — {entry['title']}" in out
        for field in entry["fields"]:
            assert f"{field['name']} — {field['label']}" in out
    assert "reference_rates" in out and "lang" in out


@pytest.mark.skipif(sys.platform == "emscripten", reason="no processes inside Pyodide")
def test_cli_as_a_real_process() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "calculators", "penalty"], cwd=root,
                          input=json.dumps(FR1), capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["interest"] == "203.05"
    bad = subprocess.run([sys.executable, "-m", "calculators", "penalty"], cwd=root,
                         input='{"due_date": "2025-02-30"}', capture_output=True, text=True,
                         encoding="utf-8", check=False, timeout=60)
    assert bad.returncode == 2 and bad.stderr == ""
    assert "n'existe pas" in json.loads(bad.stdout)["errors"][1]["message"]
