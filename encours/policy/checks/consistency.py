"""Fields that depend on each other: a term's days and method, a discount's rate, and the like."""

from __future__ import annotations

from decimal import Decimal

from ..messages import message
from ..model.common import PaymentTerm
from ..model.credit_limits import own_band
from ..paths import walk
from .references import valid_chapters
from .registry import Context, check
from .sequences import day_label


@check()
def payment_terms_complete(context: Context) -> None:
    """A term has its days (except prepayment); "N days end of month" names its computation."""
    for chapter, value in valid_chapters(context):
        for path, term, _ in walk(value, (chapter,)):
            if not isinstance(term, PaymentTerm):
                continue
            if term.basis != "prepayment" and term.days is None:
                context.error(path, "check.term_days_missing", basis=term.basis)
            if term.basis == "days_end_of_month" and term.end_of_month_method is None:
                context.error(path, "check.term_method_missing")
            if term.basis != "days_end_of_month" and term.end_of_month_method is not None:
                context.warning((*path, "end_of_month_method"), "check.term_method_ignored",
                                basis=term.basis)


@check("terms")
def terms_complete(context: Context) -> None:
    """Discount, penalties and retention of title have what their choice requires."""
    terms = context.policy.terms
    discount = terms.early_payment_discount
    if discount.offered and (discount.rate is None or discount.days is None):
        context.error(("terms", "early_payment_discount"), "check.discount_incomplete")
    if not discount.offered and discount.rate is not None:
        context.warning(("terms", "early_payment_discount", "rate"), "check.discount_ignored")
    penalties = terms.late_penalties
    if penalties.rate_kind == "contractual" and penalties.contractual_rate is None:
        context.error(("terms", "late_penalties", "rate_kind"), "check.penalty_rate_missing")
    if penalties.rate_kind == "legal" and penalties.contractual_rate is not None:
        context.warning(("terms", "late_penalties", "contractual_rate"),
                        "check.penalty_rate_ignored")
    if terms.retention_of_title.applies and terms.retention_of_title.clause is None:
        context.error(("terms", "retention_of_title", "applies"), "check.retention_clause")


@check("terms")
def one_row_per_customer_type(context: Context) -> None:
    seen: dict[str, int] = {}
    for i, row in enumerate(context.policy.terms.customer_type_terms):
        if row.customer_type in seen:
            _, line = context.where(("terms", "customer_type_terms", seen[row.customer_type]))
            context.error(("terms", "customer_type_terms", i, "customer_type"),
                          "check.duplicate_entry", value=row.customer_type, first=line)
        seen.setdefault(row.customer_type, i)


@check("account_opening", "credit_limits")
def one_decision_per_risk_class(context: Context) -> None:
    """Each risk class has one opening decision; a credit decision fits the class maximum."""
    classes = {c.id: c for c in context.policy.credit_limits.risk_classes}
    seen: dict[str, int] = {}
    path = ("account_opening", "decisions")
    for i, decision in enumerate(context.policy.account_opening.decisions):
        here = (*path, i)
        if decision.risk_class in seen:
            _, line = context.where((*path, seen[decision.risk_class]))
            context.error((*here, "risk_class"), "check.duplicate_entry",
                          value=decision.risk_class, first=line)
        seen.setdefault(decision.risk_class, i)
        if decision.outcome == "credit" and decision.first_order_limit is None:
            context.error((*here, "outcome"), "check.first_order_limit_missing")
        risk_class = classes.get(decision.risk_class)
        if risk_class and decision.first_order_limit is not None \
                and decision.first_order_limit > risk_class.maximum_limit:
            context.error((*here, "first_order_limit"), "check.first_order_over_max",
                          amount=decision.first_order_limit, maximum=risk_class.maximum_limit,
                          risk_class=risk_class.id)
    for risk_class in classes:
        if risk_class not in seen:
            context.error(path, "check.decision_missing", risk_class=risk_class)


@check("training")
def answers_are_choices(context: Context) -> None:
    for i, question in enumerate(context.policy.training.questions):
        if question.answer not in question.choices:
            context.error(("training", "questions", i, "answer"), "check.answer_unknown",
                          answer=question.answer, choices=", ".join(question.choices))


@check("document")
def version_is_recorded(context: Context) -> None:
    """The version in force has its entry in the revision history, once per version."""
    document = context.policy.document
    seen: dict[str, int] = {}
    for i, revision in enumerate(document.revisions):
        if revision.version in seen:
            _, line = context.where(("document", "revisions", seen[revision.version]))
            context.error(("document", "revisions", i, "version"), "check.duplicate_entry",
                          value=revision.version, first=line)
        seen.setdefault(revision.version, i)
    if document.version not in seen:
        context.warning(("document", "version"), "check.version_not_in_revisions",
                        version=document.version)


@check("credit_limits", "terms")
def class_terms_follow_the_terms_chapter(context: Context) -> None:
    """A risk class's maximum term is the standard term or shorter; anything longer is the
    exceptional term, granted on its own conditions (written contract, approver), never by the
    class alone; and never longer than the exceptional term itself."""
    terms = context.policy.terms
    standard = terms.payment_term
    exception = terms.term_exception
    standard_at = located(context, ("terms", "payment_term"))
    exception_at = located(context, ("terms", "term_exception")) if exception else ""
    for i, risk_class in enumerate(context.policy.credit_limits.risk_classes):
        term = risk_class.maximum_term
        if term.longest_days() <= standard.longest_days():
            continue
        path = ("credit_limits", "risk_classes", i, "maximum_term")
        params = {"risk_class": risk_class.id, "term": term.label(context.lang),
                  "standard": standard.label(context.lang), "standard_at": standard_at,
                  "exception_at": exception_at}
        eligible = exception is not None and (not exception.risk_classes
                                              or risk_class.id in exception.risk_classes)
        if not eligible:
            context.error(path, "check.class_term_no_exception", **params)
        elif term.longest_days() > exception.maximum_term.longest_days():
            context.error(path, "check.class_term_over_exception",
                          maximum=exception.maximum_term.label(context.lang), **params)
        else:
            context.warning(path, "check.class_term_over_standard", **params)


def located(context: Context, path: tuple[str | int, ...]) -> str:
    """`policy/terms.yaml:6`: where a key is, to name the other side of a contradiction."""
    file, line = context.where(path)
    return f"{file}:{line}" if line is not None else file


def highest_class(context: Context) -> tuple[int, Decimal]:
    """The index and ceiling of the risk class with the highest maximum limit."""
    classes = context.policy.credit_limits.risk_classes
    index = max(range(len(classes)), key=lambda i: classes[i].maximum_limit)
    return index, classes[index].maximum_limit


@check("credit_limits")
def approval_bands_are_reachable(context: Context) -> None:
    """Every approval band can apply: some authorised exposure (a class ceiling, plus the
    temporary increase when it goes through the bands) falls in it."""
    limits = context.policy.credit_limits
    index, ceiling = highest_class(context)
    increase = limits.temporary_increase
    through_bands = increase.beyond_approver_band == "approval_bands"
    reach = ceiling * (1 + increase.maximum_share / 100) if through_bands else ceiling
    ceiling_at = located(context, ("credit_limits", "risk_classes", index, "maximum_limit"))
    extra = message("check.band_unreachable_increase", context.lang) if through_bands else ""
    for i, band in enumerate(limits.approval_bands):
        if band.above >= reach:
            context.warning(("credit_limits", "approval_bands", i), "check.band_unreachable",
                            above=band.above, reach=reach.normalize(),
                            risk_class=limits.risk_classes[index].id, ceiling_at=ceiling_at,
                            increase=extra)


@check("credit_limits")
def temporary_increase_within_delegation(context: Context) -> None:
    """A temporary increase never lets its approver alone reach an exposure that a permanent
    limit of that size would need someone else to approve."""
    limits = context.policy.credit_limits
    increase = limits.temporary_increase
    if increase.beyond_approver_band is not None:
        return
    if increase.maximum_share == 0:
        return
    _, ceiling = highest_class(context)
    band, own = own_band(limits.approval_bands, increase.approver)
    base = min(own, ceiling) if own > 0 else ceiling
    reach = base * (1 + increase.maximum_share / 100)
    if reach <= own:
        return
    band_path = ("credit_limits", "approval_bands") if band is None \
        else ("credit_limits", "approval_bands", band)
    context.error(("credit_limits", "temporary_increase", "approver"),
                  "check.increase_over_band", share=increase.maximum_share.normalize(),
                  role=increase.approver, base=base, reach=reach.normalize(), own=own,
                  band_at=located(context, band_path))


@check("credit_limits", "blocked_orders")
def overdue_thresholds_agree(context: Context) -> None:
    """A limit review triggered by overdue days and the order-blocking rule on overdue days use
    the same threshold, or the policy says why they differ."""
    rules = {rule.id: (i, rule)
             for i, rule in enumerate(context.policy.blocked_orders.blocking_rules)}
    for t, trigger in enumerate(context.policy.credit_limits.review_triggers):
        if trigger.overdue_days is None or trigger.blocking_rule not in rules:
            continue
        r, rule = rules[trigger.blocking_rule]
        rule_path = ("blocked_orders", "blocking_rules", r)
        here = ("credit_limits", "review_triggers", t, "overdue_days")
        if rule.threshold_days is None:
            context.error(here, "check.overdue_rule_without_days", rule=rule.id)
        elif rule.threshold_days != trigger.overdue_days and trigger.why_distinct is None:
            context.warning(here, "check.overdue_thresholds_differ", id=trigger.id,
                            days=trigger.overdue_days, rule=rule.id,
                            threshold=rule.threshold_days,
                            rule_at=located(context, (*rule_path, "threshold_days")))


@check("recovery", "blocked_orders")
def dunning_blocks_on_the_rule_day(context: Context) -> None:
    """A dunning step that blocks orders does it on the day its blocking rule says."""
    rules = {rule.id: (i, rule)
             for i, rule in enumerate(context.policy.blocked_orders.blocking_rules)}
    for s, step in enumerate(context.policy.recovery.dunning_steps):
        if step.blocking_rule not in rules:
            continue
        r, rule = rules[step.blocking_rule]
        here = ("recovery", "dunning_steps", s, "day")
        if rule.threshold_days is None:
            context.error(("recovery", "dunning_steps", s, "blocking_rule"),
                          "check.overdue_rule_without_days", rule=rule.id)
        elif rule.threshold_days != step.day:
            context.warning(here, "check.dunning_block_day", id=step.id,
                            day=day_label(step.day), rule=rule.id,
                            threshold=rule.threshold_days,
                            rule_at=located(context, ("blocked_orders", "blocking_rules", r,
                                                      "threshold_days")))


@check("blocked_orders")
def blocking_rules_can_be_tested(context: Context) -> None:
    """A blocking rule with a `kind` has the value its test needs (a tolerance for `exposure`,
    days for `overdue` and `dispute`), and each kind is tested by one rule only."""
    seen: dict[str, str] = {}
    for r, rule in enumerate(context.policy.blocked_orders.blocking_rules):
        if rule.kind is None:
            continue
        here = ("blocked_orders", "blocking_rules", r)
        if rule.kind == "exposure" and rule.tolerance_rate is None:
            context.error((*here, "kind"), "check.blocking_rule_needs", rule=rule.id,
                          kind=rule.kind, value="tolerance_rate")
        if rule.kind in ("overdue", "dispute") and rule.threshold_days is None:
            context.error((*here, "kind"), "check.blocking_rule_needs", rule=rule.id,
                          kind=rule.kind, value="threshold_days")
        if rule.kind in seen:
            context.error((*here, "kind"), "check.blocking_rule_kind_twice", rule=rule.id,
                          kind=rule.kind, other=seen[rule.kind])
        seen.setdefault(rule.kind, rule.id)
