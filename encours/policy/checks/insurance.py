"""Credit insurance and the rest of the procedure: the insurer is an insurer, the discretionary
limit fits the limits we grant, and our dunning calendar meets the contract's deadlines."""

from __future__ import annotations

from .consistency import highest_class, located
from .registry import Context, check
from .sequences import day_label

CHAPTER = "credit_insurance"


def insured(context: Context) -> bool:
    return context.has(CHAPTER) and context.policy.credit_insurance is not None


@check(CHAPTER, "company")
def insurer_is_a_credit_insurer(context: Context) -> None:
    """The insurer named is a provider of kind `credit_insurer`."""
    if not insured(context):
        return
    insurance = context.policy.credit_insurance
    for i, provider in enumerate(context.policy.company.credit_information_providers):
        if provider.id == insurance.insurer and provider.kind != "credit_insurer":
            context.error((CHAPTER, "insurer"), "check.insurer_kind", insurer=provider.id,
                          kind=provider.kind,
                          provider_at=located(context, ("company", "credit_information_providers",
                                                        i, "kind")))


@check(CHAPTER, "credit_limits")
def discretionary_limit_fits_the_limits(context: Context) -> None:
    """The discretionary limit is below the highest limit we grant (otherwise the insurer's
    approval is never asked), and a risk class that requires the insurer's cover can reach it."""
    if not insured(context):
        return
    insurance = context.policy.credit_insurance
    limits = context.policy.credit_limits
    index, ceiling = highest_class(context)
    if insurance.discretionary_limit >= ceiling:
        context.warning((CHAPTER, "discretionary_limit"), "check.discretionary_over_ceiling",
                        amount=insurance.discretionary_limit, ceiling=ceiling,
                        risk_class=limits.risk_classes[index].id,
                        ceiling_at=located(context, ("credit_limits", "risk_classes", index,
                                                     "maximum_limit")))
    first = limits.approval_bands[0]
    if first.up_to is not None and insurance.discretionary_limit > first.up_to:
        context.warning((CHAPTER, "discretionary_limit"), "check.discretionary_over_band",
                        amount=insurance.discretionary_limit, up_to=first.up_to,
                        band_at=located(context, ("credit_limits", "approval_bands", 0)))


@check(CHAPTER, "recovery")
def dunning_meets_insurer_deadlines(context: Context) -> None:
    """Our dunning calendar declares the overdue, and sends the formal notice, before the
    contract's declaration deadline; the claim deadline comes after it; every step that hands
    over to litigation waits for the insurer's consent, which the consent rule covers."""
    if not insured(context):
        return
    insurance = context.policy.credit_insurance
    steps = context.policy.recovery.dunning_steps
    deadline = insurance.overdue_declaration_days
    deadline_at = located(context, (CHAPTER, "overdue_declaration_days"))
    by_id = {step.id: (i, step) for i, step in enumerate(steps)}
    if insurance.declaration_step not in by_id:
        context.error((CHAPTER, "declaration_step"), "check.insurer_step_not_dunning",
                      step=insurance.declaration_step,
                      known=", ".join(step.id for step in steps))
        declaration = None
    else:
        i, declaration = by_id[insurance.declaration_step]
        if declaration.day > deadline:
            context.error(("recovery", "dunning_steps", i, "day"), "check.insurer_declared_late",
                          id=declaration.id, day=day_label(declaration.day),
                          deadline=day_label(deadline), deadline_at=deadline_at)
    for i, step in enumerate(steps):
        if step.channel == "registered_letter":
            if step.day > deadline:
                context.error(("recovery", "dunning_steps", i, "day"),
                              "check.insurer_notice_late", id=step.id,
                              day=day_label(step.day), deadline=day_label(deadline),
                              deadline_at=deadline_at)
            break
    if insurance.claim_filing_days < deadline:
        context.error((CHAPTER, "claim_filing_days"), "check.insurer_claim_before_declaration",
                      claim=day_label(insurance.claim_filing_days),
                      deadline=day_label(deadline), deadline_at=deadline_at)
    extension = insurance.extension
    if extension is not None and deadline + extension.days > insurance.claim_filing_days:
        context.warning((CHAPTER, "extension", "days"), "check.insurer_extension_past_claim",
                        extended=day_label(deadline + extension.days),
                        claim=day_label(insurance.claim_filing_days),
                        claim_at=located(context, (CHAPTER, "claim_filing_days")))
    consent_at = located(context, (CHAPTER, "consent", "required_for"))
    covers_legal = "legal_action" in insurance.consent.required_for
    for i, step in enumerate(steps):
        if not step.litigation:
            continue
        if not covers_legal:
            context.error(("recovery", "dunning_steps", i, "litigation"),
                          "check.litigation_without_consent", id=step.id,
                          day=day_label(step.day), consent_at=consent_at)
        elif declaration is not None and step.day < declaration.day:
            context.error(("recovery", "dunning_steps", i, "day"),
                          "check.litigation_before_declaration", id=step.id,
                          day=day_label(step.day), declaration=declaration.id,
                          declaration_day=day_label(declaration.day))
    if "payment_plan" not in insurance.consent.required_for:
        context.error((CHAPTER, "consent", "required_for"), "check.payment_plan_without_consent",
                      plans_at=located(context, ("recovery", "payment_plans")))
