"""Training: a session draws no more questions than the bank holds, and every worked case
computes with this policy (its figures fit the policy's rules)."""

from __future__ import annotations

from ..model import Policy
from ..problems import Severity
from .registry import Context, check

# Chapters a worked case may read: the case's own and what its figures and words come from.
OPTIONAL = {"credit_insurance", "rates"}


@check("training")
def session_fits_the_bank(context: Context) -> None:
    """A session cannot draw more questions than there are worked cases."""
    training = context.policy.training
    if training.session is None:
        return
    bank = len(training.cases)
    if training.session.questions > bank:
        context.error(("training", "session", "questions"), "check.training_session_size",
                      questions=training.session.questions, bank=bank)


@check()
def training_cases_compute(context: Context) -> None:
    """Each worked case gives a question with this policy: its right answer, at least one wrong
    answer distinct from it, and every figure it needs (a known risk class, a known rate...)."""
    needed = set(Policy.model_fields) - OPTIONAL
    if not context.has(*needed) or context.stopped or any(
            p.severity == Severity.ERROR for p in context.problems):
        return  # the policy's own errors are reported; the cases would only repeat them
    from encours.i18n import Catalogue
    from encours.render.cases import CaseError, case_question
    from encours.render.chapters.common import common

    helpers = common(context.policy, context.lang, Catalogue(context.lang))["helpers"]
    seen: set[str] = set()
    for i, case in enumerate(context.policy.training.cases):
        if case.id in seen:
            context.error(("training", "cases", i, "id"), "check.training_case_duplicate",
                          case=case.id)
        seen.add(case.id)
        try:
            case_question(context.policy, case, helpers)
        except (CaseError, ArithmeticError) as reason:
            context.error(("training", "cases", i, "inputs"), "check.training_case",
                          case=case.id, reason=reason)
