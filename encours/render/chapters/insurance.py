"""Credit insurance as the chapters show it: the insurer, the discretionary limit, the covered
share on a worked figure, and the contract's deadlines beside our dunning steps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from encours.render import examples
from encours.render.chapters.common import Helpers, day_label


@dataclass(frozen=True)
class Deadline:
    """One of the contract's deadlines beside the step of ours that meets it."""

    what: str
    contract: str
    ours: str


@dataclass(frozen=True)
class InsuranceView:
    insurance: Any
    insurer: str
    owner: str
    discretionary_limit: str
    covered_share: str
    example_loss: str
    example_paid: str
    example_kept: str
    deadlines: list[Deadline]
    consent_cases: str
    declaration_day: int
    claim_day: int
    extended_day: int | None


def insurance_view(policy: Any, helpers: Helpers) -> InsuranceView | None:
    """What the handbook says about credit insurance, or None when the policy has none."""
    insurance = policy.credit_insurance
    if insurance is None:
        return None
    labels = helpers.labels
    insurer = next((p.name for p in policy.company.credit_information_providers
                    if p.id == insurance.insurer), insurance.insurer)
    loss = examples.SAMPLE_AMOUNT
    paid = (loss * insurance.covered_share / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    step = next((s for s in policy.recovery.dunning_steps
                 if s.id == insurance.declaration_step), None)
    ours = labels("insurance.our_step", day=day_label(step.day, labels),
                  step=helpers.text.plain(step.name)) if step else labels("insurance.no_step")
    declaration = insurance.overdue_declaration_days
    deadlines = [Deadline(labels("insurance.deadline_declaration"),
                          day_label(declaration, labels), ours)]
    extended = None
    if insurance.extension is not None:
        extended = declaration + insurance.extension.days
        deadlines.append(Deadline(labels("insurance.deadline_extension"),
                                  day_label(extended, labels),
                                  helpers.text.plain(insurance.extension.conditions)))
    litigation = [s for s in policy.recovery.dunning_steps if s.litigation]
    deadlines.append(Deadline(
        labels("insurance.deadline_claim"), day_label(insurance.claim_filing_days, labels),
        labels("insurance.claim_ours", role=helpers.role(insurance.owner))))
    for s in litigation:
        deadlines.append(Deadline(
            labels("insurance.deadline_consent"), labels("insurance.before_step"),
            labels("insurance.our_step", day=day_label(s.day, labels),
                   step=helpers.text.plain(s.name))))
    return InsuranceView(
        insurance=insurance,
        insurer=insurer,
        owner=helpers.role(insurance.owner),
        discretionary_limit=helpers.money(insurance.discretionary_limit),
        covered_share=helpers.percent(insurance.covered_share),
        example_loss=helpers.money(loss),
        example_paid=helpers.money(paid),
        example_kept=helpers.money(loss - paid),
        deadlines=deadlines,
        consent_cases=", ".join(labels(f"insurance.consent_{case}")
                                for case in insurance.consent.required_for),
        declaration_day=declaration,
        claim_day=insurance.claim_filing_days,
        extended_day=extended,
    )


