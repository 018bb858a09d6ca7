"""What each calculator takes and gives: its fields and its outputs, by name.

Labels, help and messages are not here but in :mod:`calculators.messages` (French and English),
looked up by ``<calculator>.<field>.label``; :func:`calculators.api.describe` joins the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inputs import Field

BASES = (365, 360)


@dataclass(frozen=True)
class Output:
    """A result field; ``items`` are the columns of a list (periods, steps, invoices)."""

    name: str
    items: tuple[Output, ...] = ()


@dataclass(frozen=True)
class Spec:
    """A calculator's inputs and outputs."""

    name: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    uses_policy: bool = False
    """A policy tool: it applies the policy's values (:mod:`.policy_values`), so it needs the
    handbook's ``assets/policy.json`` (the ``policy`` argument of :func:`calculators.api.run`)."""


def _outputs(*names: str) -> tuple[Output, ...]:
    return tuple(Output(name) for name in names)


_BASIS = Field("basis", "choice", default=365, choices=BASES)

_PAYMENTS = Field("payments", "list", items=(
    Field("date", "date", required=True),
    Field("amount", "money", required=True, above=0, limit_message="error.amount_positive"),
))

_INVOICE_FIELDS = (
    Field("amount", "money", required=True, above=0, limit_message="error.amount_positive"),
    Field("due_date", "date", required=True),
    Field("payment_date", "date"),
    _PAYMENTS,
)

_PERIODS = Output("periods", _outputs("start", "end", "days", "rate", "amount", "interest"))

PENALTY = Spec(
    "penalty",
    fields=(
        Field("regime", "choice", default="FR", choices=("FR", "FR-PUBLIC", "EU", "UK", "DE")),
        *_INVOICE_FIELDS,
        Field("as_of", "date"),
        Field("rate", "rate"),
        Field("mode", "choice", choices=("split", "fixed")),
        _BASIS,
        Field("b2b", "boolean", default=True),
        Field("invoices", "list", items=(
            Field("id", "text"),
            Field("customer", "text"),
            *_INVOICE_FIELDS,
        )),
    ),
    outputs=(
        *_outputs("regime", "currency", "mode", "basis", "amount", "due_date", "payment_date",
                  "as_of", "days_late", "rate", "interest", "indemnity", "total"),
        _PERIODS,
        Output("invoices", (
            *_outputs("id", "customer", "amount", "due_date", "payment_date", "days_late",
                      "rate", "interest", "indemnity", "total"),
            _PERIODS,
        )),
        Output("totals", _outputs("count", "late", "interest", "indemnity", "total")),
        Output("by_customer", _outputs("customer", "count", "late", "interest", "indemnity",
                                       "total")),
        *_outputs("legal_basis", "warnings"),
    ),
)

DSO = Spec(
    "dso",
    fields=(
        Field("method", "choice", default="simple", choices=("simple", "countback")),
        Field("receivables", "money", required=True),
        Field("sales", "money", above=0, limit_message="error.sales_positive"),
        Field("days", "integer", above=0, limit_message="error.days_positive"),
        Field("months", "list", items=(
            Field("month", "month"),
            Field("sales", "money", required=True),
        )),
        Field("days_per_month", "integer", above=0, at_most=31,
              limit_message="error.days_per_month"),
        Field("current_receivables", "money"),
    ),
    outputs=(
        *_outputs("method", "dso", "bpdso", "add", "days_covered"),
        Output("steps", _outputs("month", "sales", "month_days", "receivables_before", "days",
                                 "cumulative_days")),
        Output("warnings"),
    ),
)

CEI = Spec(
    "cei",
    fields=(
        Field("begin_receivables", "money", required=True),
        Field("credit_sales", "money", required=True),
        Field("end_receivables", "money", required=True),
        Field("end_current_receivables", "money", required=True),
        Field("months", "integer", default=1, above=0, limit_message="error.months_positive"),
    ),
    outputs=_outputs("cei", "monthly_sales", "warnings"),
)

DISCOUNT = Spec(
    "discount",
    fields=(
        Field("discount_rate", "rate", required=True, above=0, below=100,
              limit_message="error.discount_rate"),
        Field("discount_days", "integer", required=True, at_least=0,
              limit_message="error.discount_days"),
        Field("net_days", "integer", required=True, above=0, limit_message="error.days_positive"),
        _BASIS,
        Field("financing_rate", "rate"),
        Field("amount", "money"),
    ),
    outputs=_outputs("basis", "nominal_rate", "effective_rate", "breakeven_discount_rate",
                     "discount_costs_more", "discount_amount", "net_amount", "financing_cost",
                     "warnings"),
)

UNPAID = Spec(
    "unpaid",
    fields=(
        Field("loss", "money"),
        Field("amount", "money"),
        Field("vat_rate", "rate"),
        Field("vat_recoverable", "boolean", default=False),
        Field("recovery_costs", "money"),
        Field("net_margin_rate", "rate", above=0, at_most=100, limit_message="error.margin"),
        Field("days_late", "integer", at_least=0, limit_message="error.days_late"),
        Field("financing_rate", "rate"),
        _BASIS,
    ),
    outputs=_outputs("loss", "sales_needed", "financing_cost", "financing_sales_needed",
                     "warnings"),
)

# --- the policy tools: the policy's values come from assets/policy.json ----------------------

LIMIT = Spec(
    "limit",
    fields=(
        Field("score", "integer", required=True),
        Field("equity", "money", required=True),
        Field("insurer_cover", "money"),
        Field("monthly_purchases", "money", required=True),
        Field("term_days", "integer", at_least=0),
    ),
    outputs=(
        *_outputs("risk_class", "risk_class_name", "term_days", "by_equity", "by_insurer",
                  "by_purchases", "smallest", "rounded", "class_maximum", "limit", "capped",
                  "approvers",
                  "approver_titles", "review_months", "maximum_term", "maximum_term_text",
                  "currency", "explanation", "warnings"),
    ),
    uses_policy=True,
)

_ROLE_OUTPUTS = ("approvers", "approver_titles")

ORDER = Spec(
    "order",
    fields=(
        Field("limit", "money", required=True),
        Field("outstanding", "money", required=True),
        Field("order_amount", "money", required=True, above=0,
              limit_message="error.amount_positive"),
        Field("oldest_overdue_days", "integer", at_least=0),
        Field("oldest_dispute_days", "integer", at_least=0),
        Field("dispute_action_plan", "boolean", default=False),
        Field("cause", "text"),
    ),
    outputs=(
        *_outputs("exposure", "tolerated", "blocked", "rules"),
        Output("checks", _outputs("rule", "name", "kind", "blocks")),
        *_outputs("excess", "deposit_needed"),
        Output("temporary_increase", _outputs("needed", "possible", "reasons", "up_to",
                                              "share_needed", "maximum_days", *_ROLE_OUTPUTS)),
        Output("cause"),
        Output("causes", _outputs("id", "name", "what_to_check", "rules", "alternatives")),
        Output("alternatives", _outputs("id", "name", "approver", "approver_title", "causes")),
        Output("decision", _outputs("owner", "owner_title", "escalation", "escalation_title",
                                    "deadline_working_hours")),
        *_outputs("currency", "explanation", "warnings"),
    ),
    uses_policy=True,
)

PLAN = Spec(
    "plan",
    fields=(
        Field("arrears", "money", required=True, above=0, limit_message="error.amount_positive"),
        Field("months", "integer", required=True, above=0, limit_message="error.months_positive"),
        Field("first_date", "date", required=True),
        Field("down_payment", "money"),
    ),
    outputs=(
        *_outputs("arrears", "down_payment", "financed", "months", "instalment"),
        Output("instalments", _outputs("number", "date", "amount")),
        *_outputs("last_date", "maximum_months", "minimum_instalment", "approval_limit",
                  "approver", "approver_title"),
        Output("acknowledgement", _outputs("lang", "subject", "body")),
        *_outputs("currency", "explanation", "warnings"),
    ),
    uses_policy=True,
)

BONUS = Spec(
    "bonus",
    fields=(
        Field("target_bonus", "money", required=True),
        Field("results", "object", required=True),
    ),
    outputs=(
        *_outputs("period", "periods_per_year", "target_bonus", "period_target"),
        Output("criteria", _outputs("id", "name", "result", "unit", "better", "tier", "threshold",
                                    "payout", "weight", "amount")),
        *_outputs("total", "share", "currency", "explanation", "warnings"),
    ),
    uses_policy=True,
)

SPECS: dict[str, Spec] = {spec.name: spec for spec in (PENALTY, DSO, CEI, DISCOUNT, UNPAID,
                                                       LIMIT, ORDER, PLAN, BONUS)}
CALCULATORS: tuple[str, ...] = tuple(SPECS)
