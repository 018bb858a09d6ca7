"""What every chapter context shares: look-ups by id, words and numbers as sentences need
them, the helpers templates call (:func:`common`), and the quiz of a chapter."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators.policy_values import average_term_days
from encours import formatting
from encours.i18n import Catalogue
from encours.policy.checks.rates import missing_rates, owner_title
from encours.render.calculator_pages import CALCULATOR_PAGES
from encours.render.links import CHAPTER_PAGES, SECTIONS, rule_url
from encours.render.policy_text import PolicyText

QUIZ_CHAPTERS = (
    "document", "roles", "terms", "account_opening", "credit_limits", "blocked_orders",
    "recovery", "incentives", "kpis",
)

def by_id(items: list[Any], wanted: str) -> Any:
    """The item of ``items`` whose ``id`` is ``wanted`` (validation guarantees it exists)."""
    return next(item for item in items if item.id == wanted)


def calculator_url(name: str) -> str | None:
    """The link to a calculator page, or None when the handbook has no page for it yet."""
    return f"calculators/{name}.md" if name in CALCULATOR_PAGES else None


def joined(items: list[str], labels: Catalogue, word: str = "list.and") -> str:
    """``a``, ``a et b``, ``a, b et c`` (``and`` in English; ``list.or`` for ``ou``)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + labels(word) + items[-1]


def lower_first(text: str) -> str:
    """``Clients export`` → ``clients export`` inside a sentence; ``ADV`` stays as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def figure(value: Decimal | int) -> Decimal:
    """``30.00`` → ``30``, ``12.15`` → ``12.15``: the decimals a policy figure really has."""
    number = Decimal(value)
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (``Échu`` sorts with ``E``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def day_label(day: int, labels: Catalogue) -> str:
    """A dunning day relative to the due date: ``J-5``, ``J``, ``J+15`` (``D-5`` in English)."""
    sign = "+" if day > 0 else "-" if day < 0 else ""
    return labels("recovery.day", sign=sign, days=abs(day) if day else "")


@dataclass(frozen=True)
class Helpers:
    """What every template may call, bound to one policy and one language."""

    policy: Any
    lang: str
    labels: Catalogue
    text: PolicyText

    def role(self, role_id: str) -> str:
        return self.text.plain(by_id(self.policy.roles, role_id).title)

    def roles(self, role_ids: list[str]) -> str:
        return joined([self.role(role_id) for role_id in role_ids], self.labels)

    def count(self, key: str, number: int) -> str:
        """``count("quantity.days", 2)`` → ``2 jours`` (labels ``KEY.one`` and ``KEY.other``)."""
        return self.labels(f"{key}.{'one' if number == 1 else 'other'}", n=number)

    def money(self, value: Decimal | int) -> str:
        """An amount set by the policy: ``150 000 €`` when whole, ``1 234,50 €`` otherwise."""
        number = figure(value)
        text = formatting.format_money(number, self.policy.company.currency, self.lang)
        if number == number.to_integral():
            point = "," if self.lang == "fr" else "."
            text = text.replace(f"{point}00", "", 1)
        return text

    def percent(self, value: Decimal | int) -> str:
        """A rate set by the policy: ``30 %``, ``12,15 %`` (no trailing zeros)."""
        number = figure(value)
        decimals = max(0, -number.as_tuple().exponent)
        return formatting.format_percent(number, self.lang, min(decimals, 2))

    def rule(self, path: str) -> str:
        return rule_url(path)

    def rule_title(self, path: str) -> str:
        """What a link to ``path`` is called: the item's name, or the section's heading."""
        parts = path.split(".")
        chapter = self.labels(f"chapter.{parts[0]}")
        if len(parts) >= 3:
            items = self._items(".".join(parts[:-1]))
            if items is not None:
                found = [item for item in items if getattr(item, "id", None) == parts[-1]]
                if found:
                    return f"{chapter} — {self.text.plain(_name(found[0]))}"
        for size in range(len(parts), 1, -1):
            head = ".".join(parts[:size])
            if head in SECTIONS:
                return f"{chapter} — {self.labels(SECTION_TITLES[SECTIONS[head]])}"
        return chapter

    def _items(self, path: str) -> list[Any] | None:
        node: Any = self.policy
        for part in path.split("."):
            node = getattr(node, part, None)
        return node if isinstance(node, list) else None


def _name(item: Any) -> Any:
    for attribute in ("name", "title", "term", "event"):
        if getattr(item, attribute, None) is not None:
            return getattr(item, attribute)
    return item.id


# The heading (label key) of each section anchor: one label for the heading and for the links.
SECTION_TITLES = {
    "home-scope": "home.scope",
    "home-approvals": "home.approvals",
    "home-revisions": "home.revisions",
    "roles": "organisation.roles",
    "raci": "organisation.raci",
    "terms-standard": "terms.standard_term",
    "terms-exception": "terms.exception",
    "terms-payment-methods": "terms.payment_methods",
    "terms-discount": "terms.discount",
    "terms-penalties": "terms.penalties",
    "terms-indemnity": "terms.indemnity",
    "terms-retention-of-title": "terms.retention_of_title",
    "terms-deposits": "terms.deposits",
    "terms-invoicing": "terms.invoicing",
    "terms-disputes": "terms.disputes",
    "opening-steps": "opening.steps",
    "opening-documents": "opening.documents",
    "opening-checks": "opening.checks",
    "opening-decision": "opening.decision",
    "limits-score": "limits.score",
    "limits-risk-classes": "limits.risk_classes",
    "limits-method": "limits.method",
    "limits-approval": "limits.approval",
    "limits-temporary-increase": "limits.temporary_increase",
    "limits-review": "limits.review",
    "limits-guarantees": "limits.guarantees",
    "blocked-rules": "blocked.rules",
    "blocked-steps": "blocked.steps",
    "blocked-causes": "blocked.causes",
    "blocked-alternatives": "blocked.alternatives",
    "blocked-decision": "blocked.decision",
    "blocked-customer-message": "blocked.customer_message",
    "recovery-dunning": "recovery.dunning",
    "recovery-letters": "recovery.letters",
    "recovery-disputes": "recovery.disputes",
    "recovery-payment-plans": "recovery.payment_plans",
    "recovery-legal-action": "recovery.legal_action",
    "recovery-insolvency": "recovery.insolvency",
    "recovery-provisions": "recovery.provisions",
    "incentives-criteria": "incentives.criteria",
    "incentives-rules": "incentives.rules",
    "incentives-example": "incentives.example",
    "scenarios": "playbook.scenarios",
}


def rate_notices(policy: Any, labels: Catalogue, today: dt.date | None = None) -> list[str]:
    """One sentence per reference rate missing for the half-year of today or of the effective
    date (the validation's warning, for the reader): who adds it, and where."""
    owner = owner_title(policy, labels.lang)
    return [labels("rates.notice", table=labels(f"check.rates_table_{missing.table}"),
                   half=missing.half,
                   owner=owner if owner else labels("rates.notice_no_owner"))
            for missing in missing_rates(policy, today or dt.date.today())]


@dataclass(frozen=True)
class ContactLine:
    role: str
    name: str
    links: str
    """` · [email](mailto:…) · [phone](tel:…)`: both validated to safe characters."""


@dataclass(frozen=True)
class Place:
    task: str
    where: str


@dataclass(frozen=True)
class WhereToLook:
    """Who to call and where to look in the ERP, for one situation of the handbook."""

    contacts: list[ContactLine]
    erp: str
    places: list[Place]


def where_to_look(policy: Any, helpers: Helpers, roles: list[str],
                  tasks: list[str]) -> WhereToLook | None:
    """The contacts of ``roles`` (once each, in order) that the policy names and the ERP places
    of ``tasks`` it describes (``company.erp``), or None when it gives neither."""
    contacts = []
    known = {role.id: role for role in policy.roles}
    for role_id in dict.fromkeys(roles):
        role = known.get(role_id)
        contact = role.contact if role is not None else None
        if contact is None or not (contact.name or contact.email or contact.phone):
            continue
        links = ""
        if contact.email:
            links += f" · [{contact.email}](mailto:{contact.email})"
        if contact.phone:
            dial = "".join(c for c in contact.phone if c.isdigit() or c == "+")
            links += f" · [{contact.phone}](tel:{dial})"
        contacts.append(ContactLine(helpers.role(role_id), contact.name or "", links))
    erp = policy.company.erp
    places = []
    if erp is not None:
        for task in tasks:
            where = getattr(erp, task)
            if where is not None:
                places.append(Place(helpers.labels(f"erp.{task}"), helpers.text.plain(where)))
    if not contacts and not places:
        return None
    return WhereToLook(contacts, erp.name if erp is not None else "", places)


def common(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    """The helpers every chapter template uses (see the module docstring)."""
    text = PolicyText(policy, lang)
    helpers = Helpers(policy, lang, labels, text)
    return {
        "text": text,
        "plain": text.plain,
        "role": helpers.role,
        "roles": helpers.roles,
        "count": helpers.count,
        "amount": helpers.money,
        "pct": helpers.percent,
        "rule": helpers.rule,
        "rule_title": helpers.rule_title,
        "section_title": lambda anchor: labels(SECTION_TITLES[anchor]),
        "printing": False,
        "quiz": [],
        "helpers": helpers,
    }


# --- quiz ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuizQuestion:
    id: str
    question: str
    choices: list[tuple[str, str]]
    answer: str
    explanation: str


@dataclass(frozen=True)
class Quiz:
    chapter: str
    title: str
    url: str
    questions: list[QuizQuestion]
    messages: dict[str, str]


def quiz(policy: Any, chapter: str, text: PolicyText, labels: Catalogue) -> Quiz | None:
    """The self-check questions of ``chapter``, or None if it has none."""
    questions = [
        QuizQuestion(
            id=question.id,
            question=text(question.question),
            choices=[(letter, text(choice)) for letter, choice in sorted(question.choices.items())],
            answer=question.answer,
            explanation=text(question.explanation),
        )
        for question in policy.training.questions
        if question.chapter == chapter
    ]
    if not questions:
        return None
    return Quiz(chapter, labels(f"chapter.{chapter}"), CHAPTER_PAGES[chapter], questions,
                labels.group("quiz.js"))


def with_quiz(values: dict[str, Any], policy: Any, chapter: str,
              labels: Catalogue) -> dict[str, Any]:
    values["quiz"] = [q for q in [quiz(policy, chapter, values["text"], labels)] if q]
    return values


# --- shared by several chapters ------------------------------------------------------------
def risk_class_range(risk: Any, labels: Catalogue) -> str:
    return labels("limits.score_range", low=risk.score_min, high=risk.score_max)


def opening_outcome(decision: Any, helpers: Helpers) -> str:
    labels = helpers.labels
    if decision.outcome == "credit" and decision.first_order_limit is not None:
        amount = helpers.money(decision.first_order_limit)
        return labels("opening.outcome.credit_limit", amount=amount)
    return labels(f"opening.outcome.{decision.outcome}")


def average_days(term: Any, year: int) -> int:
    """Days from invoice to due date under `term`, averaged over every invoice date of `year`
    (due dates as the calculators compute them), to the nearest day: the `limit` tool's default
    term (:func:`calculators.policy_values.average_term_days`)."""
    return average_term_days(term.model_dump(mode="json"), year)
