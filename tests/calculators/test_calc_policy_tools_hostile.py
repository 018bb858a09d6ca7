"""The policy tools under hostile input: any payload, any policy document, any policy text,
through every entry point (``run``, ``run_text``, the worker's ``run_form_json``, the command
line), gets an answer or an ``errors`` entry with a plain message, never an exception."""

from __future__ import annotations

import json
import random
from typing import Any

from calc_support import POLICY, PROPERTY
from hypothesis import given
from hypothesis import strategies as st
from test_calc_hostile import DATES, JSON_VALUES, NUMBERS, answered, cli, text_answer, timed

from calculators import batch, run
from calculators.api import MAX_DEPTH, read_policy_text, run_text
from calculators.forms import Rejected
from calculators.specs import SPECS

TOOLS = [name for name, spec in SPECS.items() if spec.uses_policy]
POLICY_TEXT = json.dumps(POLICY)
FIELDS = st.sampled_from(sorted({field.name for name in TOOLS for field in SPECS[name].fields}
                                | {"lang", "results", "x"}))
VALUES = DATES | NUMBERS | st.text(max_size=20) | JSON_VALUES | st.dictionaries(
    st.sampled_from(["overdue", "payment_delay", "disputes", "?"]), NUMBERS | JSON_VALUES,
    max_size=4)
PAYLOADS = st.dictionaries(FIELDS, VALUES, max_size=8)


def test_the_policy_tools_are_the_four() -> None:
    assert TOOLS == ["limit", "order", "plan", "bonus"]


@PROPERTY
@given(PAYLOADS, st.sampled_from(TOOLS))
def test_any_payload_with_the_policy_gets_an_answer(payload: dict[str, Any], name: str) -> None:
    text = json.dumps(payload, default=str)
    answered(timed(lambda: run(name, payload, POLICY)))
    answered(timed(lambda: run_text(name, text, POLICY_TEXT)))
    text_answer(timed(lambda: batch.run_form_json(name, text, "fr", POLICY_TEXT)))


def _mutated(seed: int, value: Any) -> dict[str, Any]:
    """The policy document with one value, chosen by ``seed``, replaced by ``value``."""
    document = json.loads(POLICY_TEXT)
    chooser = random.Random(seed)
    node: Any = document
    for _ in range(chooser.randint(1, 6)):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = chooser.choice(keys)
        if not isinstance(node[key], dict | list) or chooser.random() < 0.2:
            node[key] = value
            return document
        node = node[key]
    return document


@PROPERTY
@given(st.integers(0, 10**6), JSON_VALUES, st.sampled_from(TOOLS))
def test_any_policy_document_gets_an_answer(seed: int, value: Any, name: str) -> None:
    document = _mutated(seed, value)
    payloads = {
        "limit": {"score": 75, "equity": "420000", "monthly_purchases": "18000"},
        "order": {"limit": "36000", "outstanding": "36000", "order_amount": "5000",
                  "oldest_overdue_days": 20, "oldest_dispute_days": 40},
        "plan": {"arrears": "12450", "months": 6, "first_date": "2026-01-31"},
        "bonus": {"target_bonus": "4000",
                  "results": {"overdue": "6.2", "payment_delay": "9", "disputes": "8"}},
    }
    result = answered(timed(lambda: run(name, payloads[name], document)))
    if "errors" in result:
        assert {error["field"] for error in result["errors"]} <= {
            "policy", *(field.name for field in SPECS[name].fields), "results.overdue",
            "results.payment_delay", "results.disputes", ""}


@PROPERTY
@given(st.text(max_size=200))
def test_any_policy_text_gets_an_answer(text: str) -> None:
    result = answered(run_text("limit", '{"score": 75}', text))
    assert [error["field"] for error in result["errors"]] in (["policy"], [
        "equity", "monthly_purchases"])


def test_a_policy_text_too_deep_or_not_json_is_refused_on_policy() -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    for text, words in ((deep, "imbriqué"), ("{not json", "JSON"), ("[]", "policy")):
        try:
            read_policy_text(text)
        except Rejected as rejected:
            assert [problem.field for problem in rejected.problems] == ["policy"]
            assert words.lower() in rejected.problems[0].message.lower(), rejected.problems
        else:  # pragma: no cover
            raise AssertionError(text)
    assert read_policy_text(POLICY_TEXT) is read_policy_text(POLICY_TEXT)  # remembered


def test_the_command_line_with_a_hostile_policy_file(tmp_path: Any) -> None:
    bad = tmp_path / "policy.json"
    bad.write_text("[" * 100, "utf-8")
    status, answer, err = cli(["plan", "--policy", str(bad)], '{"arrears": 1}')
    assert status == 2 and answer is not None and err == ""
    assert [error["field"] for error in answer["errors"]] == ["policy"]
    bad.write_bytes(b"\xff\xfe\x00")
    status, answer, _ = cli(["plan", "--policy", str(bad)], '{"arrears": 1}')
    assert status == 2 and answer is not None and answer["errors"][0]["field"] == "policy"
