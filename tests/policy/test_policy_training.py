"""Training: worked cases computed from the policy (a changed threshold changes a case's figures
and right answer), and the session's validation (pass mark, session size, cases that cannot be
computed), each at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from encours.i18n import Catalogue
from encours.policy import load_policy
from encours.render.cases import case_question
from encours.render.chapters.common import common
from tests.policy.conftest import PolicyCopy


def question(folder: Path, case_id: str, lang: str = "fr"):
    """The computed question of one case of the policy in ``folder``."""
    policy = load_policy(folder).policy
    helpers = common(policy, lang, Catalogue(lang))["helpers"]
    case = next(c for c in policy.training.cases if c.id == case_id)
    return case_question(policy, case, helpers)


def right(q) -> str:
    return dict(q.choices)[q.answer]


def test_the_example_bank_has_twenty_cases_across_the_chapters(policy_copy: PolicyCopy) -> None:
    policy = load_policy(policy_copy.folder).policy
    for lang in ("fr", "en"):
        helpers = common(policy, lang, Catalogue(lang))["helpers"]
        questions = [case_question(policy, c, helpers) for c in policy.training.cases]
        assert len(questions) >= 20
        assert {q.chapter for q in questions} >= {
            "terms", "account_opening", "credit_limits", "blocked_orders", "recovery",
            "incentives"}
        for q in questions:
            texts = [text for _, text in q.choices]
            assert len(texts) == len(set(texts)) >= 3, q.id
            assert q.answer in dict(q.choices) and q.explanation and q.rule_url


def blocked_by(folder: Path, *rule_ids: str) -> str:
    """The English answer "Blocked: <rule> and <rule>", with the rules' names in the policy."""
    policy = load_policy(folder).policy
    names = {rule.id: rule.name.get("en") for rule in policy.blocked_orders.blocking_rules}
    return "Blocked: " + " and ".join(names[rule] for rule in rule_ids)


def test_the_tolerance_changes_the_blocked_order_answer(policy_copy: PolicyCopy) -> None:
    before = question(policy_copy.folder, "order_over_limit_and_late", "en")
    assert right(before) == blocked_by(policy_copy.folder, "over_limit", "overdue")
    assert "€42,000" in before.explanation
    policy_copy.edit("blocked_orders.yaml", "tolerance_rate: 5", "tolerance_rate: 10")
    after = question(policy_copy.folder, "order_over_limit_and_late", "en")
    assert right(after) == blocked_by(policy_copy.folder, "overdue")
    assert "€44,000" in after.explanation and "10%" in after.explanation


def test_the_overdue_threshold_changes_the_answer(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("blocked_orders.yaml", "      threshold_days: 15\n",
                     "      threshold_days: 25\n")
    after = question(policy_copy.folder, "order_over_limit_and_late", "en")
    assert right(after) == blocked_by(policy_copy.folder, "over_limit")
    assert "blocked at 25 days or more" in after.explanation


def test_an_approval_band_changes_the_approver(policy_copy: PolicyCopy) -> None:
    assert right(question(policy_copy.folder, "limit_approval_80k", "en")) == \
        "Chief financial officer"
    policy_copy.edit("credit_limits.yaml",
                     "    - {above: 0, up_to: 50000, approvers: [credit_manager]}\n"
                     "    - {above: 50000, up_to: 150000, approvers: [cfo]}",
                     "    - {above: 0, up_to: 100000, approvers: [credit_manager]}\n"
                     "    - {above: 100000, up_to: 150000, approvers: [cfo]}")
    after = question(policy_copy.folder, "limit_approval_80k", "en")
    assert right(after) == "Credit manager"
    assert "up to €100,000" in after.explanation


def test_the_limit_method_changes_the_limit(policy_copy: PolicyCopy) -> None:
    assert right(question(policy_copy.folder, "limit_method_example", "en")) == "€36,000"
    policy_copy.edit("credit_limits.yaml", "    margin_days: 15", "    margin_days: 5")
    # purchases 18 000 × (45 + 5) / 30 = 30 000
    assert right(question(policy_copy.folder, "limit_method_example", "en")) == "€30,000"


def test_the_payment_plan_maximum_changes_the_answer(policy_copy: PolicyCopy) -> None:
    assert right(question(policy_copy.folder, "payment_plan_too_long", "en")) == \
        "No: 6 months at most"
    policy_copy.edit("recovery.yaml", "    maximum_months: 6", "    maximum_months: 12")
    assert right(question(policy_copy.folder, "payment_plan_too_long", "en")) == \
        "Possible, decided by the Credit manager"


def test_a_pass_mark_above_100_is_refused(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "    pass_mark: 80", "    pass_mark: 120")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('training.yaml', 'pass_mark: 120')}: training.session.pass_mark "
        "must be at most 100, got 120",
    ]


def test_a_session_larger_than_the_bank_is_refused(policy_copy: PolicyCopy) -> None:
    bank = len(load_policy(policy_copy.folder).policy.training.cases)
    policy_copy.edit("training.yaml", "    questions: 12", f"    questions: {bank + 1}")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('training.yaml', f'questions: {bank + 1}')}: "
        f"training.session.questions: a session draws {bank + 1} questions but the bank has "
        f"only {bank} worked cases (training.cases): lower it to {bank} at most, or add cases",
    ]


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("inputs: {score: 29}", "inputs: {score: 150}",
     "score 150 falls in no risk class: choose a score that credit_limits.risk_classes covers"),
    ("inputs: {days_overdue: 25}", "inputs: {days_overdue: 2}",
     "at 2 days overdue no dunning step has happened yet (the first is at D+3): choose at "
     "least 3 days"),
    ("inputs: {criterion: payment_delay, result: 12}",
     "inputs: {criterion: speed, result: 12}",
     'unknown bonus criterion "speed": choose among overdue, payment_delay, disputes'),
])
def test_a_case_that_cannot_compute_is_an_error_at_its_line(policy_copy: PolicyCopy, old: str,
                                                            new: str, reason: str) -> None:
    policy_copy.edit("training.yaml", old, new)
    errors = policy_copy.errors("en")
    assert len(errors) == 1
    assert errors[0].startswith(policy_copy.at("training.yaml", new) + ": training.cases.")
    assert errors[0].endswith(reason)


def test_a_case_with_an_unknown_question_is_a_type_error(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "      ask: provision\n", "      ask: guess\n")
    [error] = policy_copy.errors("en")
    assert error.startswith(policy_copy.at("training.yaml", "ask: guess")
                            + ": training.cases.provision_200_days.ask")
    assert "penalty_due, due_date" in error and "Input tag" not in error
    policy_copy.edit("training.yaml", "      ask: guess\n", "")
    [error] = policy_copy.errors("en")
    assert "ask" in error and "Input tag" not in error
