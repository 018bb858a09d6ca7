"""French law on payment terms, penalties and insolvency, each check citing its article.

These run when the company is French (`company.country: FR`).
"""

from __future__ import annotations

from decimal import Decimal

from calculators.penalty import LEGAL_INTEREST, contract_floor
from calculators.rates import (
    FRANCE_LEGAL_INTEREST_RATE,
    SHIPPED,
    RateBook,
    half_key,
    half_of,
    parse_half,
)

from ..model.common import PaymentTerm
from ..paths import walk
from .references import valid_chapters
from .registry import Context, check

MAX_DAYS_FROM_INVOICE = 60  # L441-10 I, Code de commerce
MAX_DAYS_END_OF_MONTH = 45  # L441-10 I, Code de commerce
INDEMNITY = Decimal("40.00")  # D441-5, Code de commerce
CLAIM_FILING_DAYS = 60  # R622-24, Code de commerce: 2 months from the BODACC notice
RETENTION_CLAIM_DAYS = 90  # L624-9, Code de commerce: 3 months from the judgment's notice
SMALL_CLAIMS_MAXIMUM = Decimal(5000)  # R125-1, Code des procédures civiles d'exécution


def french(context: Context) -> bool:
    return context.has("company") and context.policy.company.country == "FR"


@check("company")
def payment_terms_within_the_law(context: Context) -> None:
    """No term beyond 60 days from invoice date or 45 days end of month (L441-10 I)."""
    if not french(context):
        return
    for chapter, value in valid_chapters(context):
        for path, term, _ in walk(value, (chapter,)):
            if not isinstance(term, PaymentTerm) or term.days is None:
                continue
            if term.basis == "invoice_date" and term.days > MAX_DAYS_FROM_INVOICE:
                context.error((*path, "days"), "check.legal_term_invoice_date", days=term.days,
                              maximum=MAX_DAYS_FROM_INVOICE)
            elif term.basis in ("end_of_month", "days_end_of_month") \
                    and term.days > MAX_DAYS_END_OF_MONTH:
                context.error((*path, "days"), "check.legal_term_end_of_month",
                              label=term.label(context.lang), maximum=MAX_DAYS_END_OF_MONTH)


@check("company", "terms")
def recovery_indemnity(context: Context) -> None:
    """The 40 EUR fixed indemnity is due on every late invoice (L441-10 II, D441-5)."""
    if not french(context):
        return
    amount = context.policy.terms.recovery_indemnity
    if amount is None:
        context.error(("terms",), "check.legal_indemnity_missing")
    elif amount < INDEMNITY:
        context.error(("terms", "recovery_indemnity"), "check.legal_indemnity_low", amount=amount)
    elif amount > INDEMNITY:
        context.warning(("terms", "recovery_indemnity"), "check.legal_indemnity_high",
                        amount=amount)


@check("company", "terms")
def discount_mention(context: Context) -> None:
    """Invoices state the early-payment discount terms, or that there is none (L441-9 I)."""
    if french(context) and context.policy.terms.early_payment_discount.invoice_mention is None:
        context.warning(("terms", "early_payment_discount"), "check.legal_discount_mention")


@check("company", "terms", "document", "rates")
def contractual_rate_floor(context: Context) -> None:
    """A contractual penalty rate is at least 3 x the legal interest rate (L441-10 II)."""
    penalties = context.policy.terms.late_penalties
    if not french(context) or penalties.rate_kind != "contractual" \
            or penalties.contractual_rate is None:
        return
    half = half_of(context.policy.document.effective_date)
    rates = RateBook.spelled(context.policy.rates.reference_rates())
    floor = contract_floor(half, rates=rates)
    path = ("terms", "late_penalties", "contractual_rate")
    if floor is None:
        context.warning(path, "check.legal_rate_unknown", half=half_key(half))
        return
    if penalties.contractual_rate < floor:
        context.error(path, "check.legal_penalty_floor", rate=penalties.contractual_rate,
                      floor=floor, legal=rates.get(LEGAL_INTEREST, half), half=half_key(half))


@check("company", "rates")
def added_rates_agree(context: Context) -> None:
    """A legal interest rate added by the company agrees with the shipped table, if it has it."""
    table = context.policy.rates.france_legal_interest_rate
    for half, rate in table.items():
        shipped = SHIPPED.get(LEGAL_INTEREST, parse_half(half))
        if shipped is not None and shipped != rate.value:
            context.warning(("rates", "france_legal_interest_rate", half, "value"),
                            "check.rate_differs", half=half, value=rate.value, shipped=shipped,
                            source=FRANCE_LEGAL_INTEREST_RATE.source)


@check("company", "recovery")
def insolvency_deadlines(context: Context) -> None:
    """Internal deadlines fit the legal ones for claims and retention-of-title claims."""
    if not french(context):
        return
    insolvency = context.policy.recovery.insolvency
    path = ("recovery", "insolvency")
    if insolvency.claim_filing_days > CLAIM_FILING_DAYS:
        context.warning((*path, "claim_filing_days"), "check.legal_claim_deadline",
                        days=insolvency.claim_filing_days)
    if insolvency.retention_of_title_claim_days > RETENTION_CLAIM_DAYS:
        context.warning((*path, "retention_of_title_claim_days"),
                        "check.legal_retention_deadline",
                        days=insolvency.retention_of_title_claim_days)
    for i, route in enumerate(context.policy.recovery.legal_action.routes):
        if route.kind == "simplified_procedure" and (
                route.maximum_amount is None or route.maximum_amount > SMALL_CLAIMS_MAXIMUM):
            context.warning(("recovery", "legal_action", "routes", i, "kind"),
                            "check.legal_small_claims", maximum=SMALL_CLAIMS_MAXIMUM)


PUBLIC_BUYER_DAYS = 30  # R2192-10, Code de la commande publique (50 for public hospitals)


@check("company", "terms")
def public_buyer_terms(context: Context) -> None:
    """A public buyer pays within 30 days of receiving the invoice (R2192-10, Code de la
    commande publique); 50 days for public hospitals, which the policy cannot tell apart."""
    if not french(context):
        return
    for i, row in enumerate(context.policy.terms.customer_type_terms):
        term = row.payment_term
        if row.public_buyer and term.days is not None and term.longest_days() > PUBLIC_BUYER_DAYS:
            context.warning(("terms", "customer_type_terms", i, "payment_term"),
                            "check.legal_public_term", days=term.longest_days(),
                            maximum=PUBLIC_BUYER_DAYS)
