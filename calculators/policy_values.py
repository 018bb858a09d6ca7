"""The policy's values that the policy tools (``limit``, ``order``, ``plan``, ``bonus``) apply,
read from the handbook's ``assets/policy.json`` — the one reader, in the command line
(``--policy FILE``), in the browser worker and at build time alike.

The document is what ``encours.render.policy_document.policy_json`` writes: ``version``,
``currency``, ``policy`` (the validated policy model dumped as JSON: amounts as decimal
strings, texts as ``{"fr": ..., "en": ...}``) and ``letters`` (each letter template, its
policy values already filled in, in each language). :func:`read_policy` checks that every
value a tool needs is there and has the right type, and returns them typed (``Decimal``
amounts, ``int`` days); a document that is not such a file raises :class:`PolicyUnreadable`,
naming the first missing or wrong value.

Standard library only (this module also runs inside Pyodide).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .terms import days_then_end_of_month, end_of_month, end_of_month_then_days

PERIODS_PER_YEAR = {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}
"""How many bonus periods a year has, by the policy's ``incentives.period``."""
BLOCKING_KINDS = ("exposure", "overdue", "dispute")
"""What a blocking rule tests (its ``kind``): the exposure against the limit, the oldest
overdue invoice, the oldest dispute without an action plan."""


class PolicyUnreadable(Exception):
    """The document is not a policy the tools can read: ``path`` names the missing or wrong
    value (``policy.credit_limits.risk_classes[0].score_min``: keys of the document)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


@dataclass(frozen=True)
class Words:
    """A text of the policy in French and, when translated, English."""

    fr: str
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, French when it has no translation."""
        return self.en if lang == "en" and self.en else self.fr


@dataclass(frozen=True)
class RiskClass:
    id: str
    name: Words
    score_min: int
    score_max: int
    maximum_limit: Decimal
    maximum_term: Mapping[str, Any]
    """The class's longest payment term as the policy writes it (``basis``, ``days``…)."""
    review_months: int


@dataclass(frozen=True)
class LimitMethod:
    equity_share: Decimal
    use_insurer_cover: bool
    margin_days: int
    rounding: Decimal
    example: Mapping[str, Any]
    """The policy's worked example: ``customer``, ``equity``, ``insurer_cover``,
    ``monthly_purchases``, ``term_days`` (as written)."""


@dataclass(frozen=True)
class ApprovalBand:
    above: Decimal
    up_to: Decimal | None
    approvers: tuple[str, ...]


@dataclass(frozen=True)
class TemporaryIncrease:
    maximum_share: Decimal
    maximum_days: int
    approver: str
    through_bands: bool
    """Beyond what ``approver`` approves alone, the approvers of the band of the increased
    limit (``beyond_approver_band: approval_bands``)."""


@dataclass(frozen=True)
class BlockingRule:
    id: str
    kind: str | None
    """One of :data:`BLOCKING_KINDS`; ``None``: a rule the tool cannot test."""
    name: Words
    threshold_days: int | None
    tolerance_rate: Decimal | None


@dataclass(frozen=True)
class Cause:
    id: str
    name: Words
    what_to_check: Words
    blocking_rules: tuple[str, ...]
    """The blocking rules that point to this cause (ids)."""
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class Alternative:
    id: str
    name: Words
    approver: str


@dataclass(frozen=True)
class Decision:
    owner: str
    escalation: str
    response_time_working_hours: int


@dataclass(frozen=True)
class PaymentPlans:
    maximum_months: int
    minimum_instalment: Decimal
    approver: str
    approval_limit: Decimal
    escalation: str


@dataclass(frozen=True)
class ScaleStep:
    threshold: Decimal
    payout: Decimal


@dataclass(frozen=True)
class Criterion:
    id: str
    name: Words
    better: str
    """``lower`` (a result at or below a threshold reaches it) or ``higher`` (at or above)."""
    unit: str
    """The unit of its indicator's results: ``days``, ``percent``, ``amount`` or ``count``."""
    weight: Decimal
    target: Decimal
    scale: tuple[ScaleStep, ...]


@dataclass(frozen=True)
class Incentives:
    period: str
    periods_per_year: int
    criteria: tuple[Criterion, ...]
    example: Mapping[str, Any] | None


@dataclass(frozen=True)
class LetterText:
    """A letter in one language: ``lang`` is the language it is written in (French when the
    policy has no translation), which the figures filled in must follow."""

    lang: str
    subject: str
    body: str


@dataclass(frozen=True)
class Letter:
    """A letter template with the policy's values filled in, by language asked for; the case
    fields (``[[plan.total]]``…) are left for the tool to fill."""

    id: str
    kind: str
    texts: Mapping[str, LetterText]

    def text(self, lang: str) -> LetterText:
        """The letter for a reader of ``lang`` (French when it has no ``lang`` version)."""
        return self.texts.get(lang) or self.texts.get("fr") or next(iter(self.texts.values()))


@dataclass(frozen=True)
class PolicyValues:
    """Every value of the policy that the policy tools apply."""

    version: str
    effective_date: date
    currency: str
    roles: Mapping[str, Words]
    """Role id → its title."""
    score_minimum: int
    score_maximum: int
    risk_classes: tuple[RiskClass, ...]
    limit_method: LimitMethod
    approval_bands: tuple[ApprovalBand, ...]
    temporary_increase: TemporaryIncrease
    payment_term: Mapping[str, Any]
    """The standard payment term (``terms.payment_term``)."""
    blocking_rules: tuple[BlockingRule, ...]
    causes: tuple[Cause, ...]
    alternatives: tuple[Alternative, ...]
    decision: Decision
    payment_plans: PaymentPlans
    incentives: Incentives
    letters: tuple[Letter, ...]

    def rule(self, kind: str) -> BlockingRule | None:
        """The blocking rule of ``kind`` (:data:`BLOCKING_KINDS`), if the policy has one."""
        return next((rule for rule in self.blocking_rules if rule.kind == kind), None)

    def alternative(self, alternative_id: str) -> Alternative | None:
        """The alternative of that id (step 2 of a blocked order)."""
        return next((item for item in self.alternatives if item.id == alternative_id), None)

    def letter(self, kind: str) -> Letter | None:
        """The first letter template of ``kind`` (``debt_acknowledgement``…)."""
        return next((letter for letter in self.letters if letter.kind == kind), None)

    def role(self, role_id: str, lang: str) -> str:
        """A role's title in ``lang`` (its id when the policy does not list it)."""
        title = self.roles.get(role_id)
        return role_id if title is None else title.get(lang)


# --- reading ---------------------------------------------------------------------------------

class _Node:
    """A value of the document and where it is, for messages."""

    def __init__(self, value: Any, path: str) -> None:
        self.value = value
        self.path = path

    def _at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def __getitem__(self, key: str) -> _Node:
        if not isinstance(self.value, Mapping) or key not in self.value:
            raise PolicyUnreadable(self._at(key))
        return _Node(self.value[key], self._at(key))

    def get(self, key: str) -> _Node | None:
        """The value at ``key``, ``None`` when absent or null."""
        if not isinstance(self.value, Mapping):
            raise PolicyUnreadable(self.path)
        if self.value.get(key) is None:
            return None
        return _Node(self.value[key], self._at(key))

    def items(self) -> list[_Node]:
        if not isinstance(self.value, Sequence) or isinstance(self.value, str):
            raise PolicyUnreadable(self.path)
        return [_Node(value, f"{self.path}[{i}]") for i, value in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise PolicyUnreadable(self.path)
        return self.value

    def decimal(self) -> Decimal:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise PolicyUnreadable(self.path)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise PolicyUnreadable(self.path) from None
        if not number.is_finite():
            raise PolicyUnreadable(self.path)
        return number

    def integer(self) -> int:
        number = self.decimal()
        if number != number.to_integral_value():
            raise PolicyUnreadable(self.path)
        return int(number)

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise PolicyUnreadable(self.path)
        return self.value

    def words(self) -> Words:
        value = self.value
        if isinstance(value, str):
            return Words(value)
        french = self["fr"].text()
        english = self.get("en")
        return Words(french, None if english is None else english.text())

    def mapping(self) -> Mapping[str, Any]:
        if not isinstance(self.value, Mapping):
            raise PolicyUnreadable(self.path)
        return self.value


def read_policy(document: Any) -> PolicyValues:
    """The tools' values from ``document`` (the parsed ``assets/policy.json``); raises
    :class:`PolicyUnreadable` naming the first value that is missing or of the wrong type."""
    root = _Node(document, "")
    policy = root["policy"]
    limits = policy["credit_limits"]
    blocked = policy["blocked_orders"]
    plans = policy["recovery"]["payment_plans"]
    incentives = policy["incentives"]
    kpis = {kpi["id"].text(): kpi for kpi in policy["kpis"].items()}
    method = limits["limit_method"]
    increase = limits["temporary_increase"]
    decision = blocked["decision"]
    period = incentives["period"].text()
    if period not in PERIODS_PER_YEAR:
        raise PolicyUnreadable(incentives["period"].path)
    effective = root["effective_date"].text()
    try:
        effective_date = date.fromisoformat(effective)
    except ValueError:
        raise PolicyUnreadable(root["effective_date"].path) from None
    example = incentives.get("example")
    return PolicyValues(
        version=str(root["version"].value),
        effective_date=effective_date,
        currency=root["currency"].text(),
        roles={role["id"].text(): role["title"].words() for role in policy["roles"].items()},
        score_minimum=limits["score"]["minimum"].integer(),
        score_maximum=limits["score"]["maximum"].integer(),
        risk_classes=tuple(
            RiskClass(
                id=item["id"].text(), name=item["name"].words(),
                score_min=item["score_min"].integer(), score_max=item["score_max"].integer(),
                maximum_limit=item["maximum_limit"].decimal(),
                maximum_term=item["maximum_term"].mapping(),
                review_months=item["review_months"].integer(),
            )
            for item in limits["risk_classes"].items()
        ),
        limit_method=LimitMethod(
            equity_share=method["equity_share"].decimal(),
            use_insurer_cover=method["use_insurer_cover"].boolean(),
            margin_days=method["margin_days"].integer(),
            rounding=method["rounding"].decimal(),
            example=method["example"].mapping(),
        ),
        approval_bands=tuple(
            ApprovalBand(
                above=band["above"].decimal(),
                up_to=None if band.get("up_to") is None else band["up_to"].decimal(),
                approvers=tuple(role.text() for role in band["approvers"].items()),
            )
            for band in limits["approval_bands"].items()
        ),
        temporary_increase=TemporaryIncrease(
            maximum_share=increase["maximum_share"].decimal(),
            maximum_days=increase["maximum_days"].integer(),
            approver=increase["approver"].text(),
            through_bands=increase.get("beyond_approver_band") is not None,
        ),
        payment_term=policy["terms"]["payment_term"].mapping(),
        blocking_rules=tuple(
            BlockingRule(
                id=rule["id"].text(),
                kind=_kind(rule),
                name=rule["name"].words(),
                threshold_days=None if rule.get("threshold_days") is None
                else rule["threshold_days"].integer(),
                tolerance_rate=None if rule.get("tolerance_rate") is None
                else rule["tolerance_rate"].decimal(),
            )
            for rule in blocked["blocking_rules"].items()
        ),
        causes=tuple(
            Cause(id=cause["id"].text(), name=cause["name"].words(),
                  what_to_check=cause["what_to_check"].words(),
                  blocking_rules=_ids(cause.get("blocking_rules")),
                  alternatives=_ids(cause["alternatives"]))
            for cause in blocked["causes"].items()
        ),
        alternatives=tuple(
            Alternative(id=item["id"].text(), name=item["name"].words(),
                        approver=item["approver"].text())
            for item in blocked["alternatives"].items()
        ),
        decision=Decision(
            owner=decision["owner"].text(), escalation=decision["escalation"].text(),
            response_time_working_hours=decision["response_time_working_hours"].integer(),
        ),
        payment_plans=PaymentPlans(
            maximum_months=plans["maximum_months"].integer(),
            minimum_instalment=plans["minimum_instalment"].decimal(),
            approver=plans["approver"].text(),
            approval_limit=plans["approval_limit"].decimal(),
            escalation=plans["escalation"].text(),
        ),
        incentives=Incentives(
            period=period,
            periods_per_year=PERIODS_PER_YEAR[period],
            criteria=tuple(
                Criterion(
                    id=item["id"].text(), name=item["name"].words(),
                    better=_better(item, kpis), unit=_unit(item, kpis),
                    weight=item["weight"].decimal(), target=item["target"].decimal(),
                    scale=tuple(ScaleStep(step["threshold"].decimal(), step["payout"].decimal())
                                for step in item["scale"].items()),
                )
                for item in incentives["criteria"].items()
            ),
            example=None if example is None else example.mapping(),
        ),
        letters=tuple(_letters(root.get("letters"))),
    )


def _ids(node: _Node | None) -> tuple[str, ...]:
    return () if node is None else tuple(item.text() for item in node.items())


def _kind(rule: _Node) -> str | None:
    kind = rule.get("kind")
    if kind is None:
        return None
    if kind.text() not in BLOCKING_KINDS:
        raise PolicyUnreadable(kind.path)
    return kind.text()


def _better(criterion: _Node, kpis: Mapping[str, _Node]) -> str:
    kpi = kpis.get(criterion["kpi"].text())
    if kpi is None:
        raise PolicyUnreadable(criterion["kpi"].path)
    direction = kpi["better"].text()
    if direction not in ("lower", "higher"):
        raise PolicyUnreadable(kpi["better"].path)
    return direction


def _unit(criterion: _Node, kpis: Mapping[str, _Node]) -> str:
    kpi = kpis[criterion["kpi"].text()]
    unit = kpi["unit"].text()
    if unit not in ("days", "percent", "amount", "count"):
        raise PolicyUnreadable(kpi["unit"].path)
    return unit


def _letters(letters: _Node | None) -> list[Letter]:
    if letters is None:
        return []
    found = []
    for letter in letters.items():
        texts = {}
        for lang in letter["texts"].mapping():
            node = letter["texts"][str(lang)]
            texts[str(lang)] = LetterText(node["lang"].text(), node["subject"].text(),
                                          node["body"].text())
        if not texts:
            raise PolicyUnreadable(letter["texts"].path)
        found.append(Letter(letter["id"].text(), letter["kind"].text(), texts))
    return found


# --- the standard payment term in days -------------------------------------------------------

def due_date(invoice_date: date, term: Mapping[str, Any]) -> date:
    """The due date of an invoice under a payment term as the policy writes it (``basis``,
    ``days``, ``end_of_month_method``; Code de commerce, art. L441-10 I)."""
    days = int(term.get("days") or 0)
    basis = term.get("basis")
    if basis == "invoice_date":
        return invoice_date + timedelta(days=days)
    if basis == "end_of_month":
        return end_of_month(invoice_date) + timedelta(days=days)
    if basis == "days_end_of_month":
        if term.get("end_of_month_method") == "days_then_end_of_month":
            return days_then_end_of_month(invoice_date, days)
        return end_of_month_then_days(invoice_date, days)
    return invoice_date  # prepayment


def average_term_days(term: Mapping[str, Any], year: int) -> int:
    """Days from invoice to due date under ``term``, averaged over every invoice date of
    ``year``, to the nearest day (halves up): what a term "30 days end of month" means in
    days, on average (about 45).

    >>> average_term_days({"basis": "days_end_of_month", "days": 30}, 2026)
    45
    """
    day = date(year, 1, 1)
    total = count = 0
    while day.year == year:
        total += (due_date(day, term) - day).days
        count += 1
        day += timedelta(days=1)
    return int((Fraction(total, count) + Fraction(1, 2)) // 1)
