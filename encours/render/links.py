"""Where each rule of the policy is defined in the handbook: page and anchor, by policy path.

A policy path is the one placeholders and training links use (``terms.late_penalties``,
``account_opening.steps.credit_check``). ``rule_url`` returns the link to the section that
defines it, so any page can point at the rule instead of repeating it. Anchors are written in the
templates as ``{ #anchor }`` and are unique across the whole handbook, so the print page, which
holds every chapter, keeps every link working.
"""

from __future__ import annotations

# Chapter pages, by the chapter (top-level policy key) whose rules they define.
CHAPTER_PAGES = {
    "document": "index.md",
    "company": "index.md",
    "roles": "organisation.md",
    "raci": "organisation.md",
    "terms": "terms.md",
    "account_opening": "account-opening.md",
    "credit_limits": "credit-limits.md",
    "blocked_orders": "blocked-orders.md",
    "recovery": "recovery.md",
    "incentives": "incentives.md",
    "kpis": "kpis.md",
    "training": "playbook.md",
    "glossary": "glossary.md",
}

# The section defining a part of a chapter: policy path → anchor on the chapter's page.
SECTIONS = {
    "document.scope": "home-scope",
    "document.approvers": "home-approvals",
    "document.revisions": "home-revisions",
    "roles": "roles",
    "raci": "raci",
    "terms.payment_term": "terms-standard",
    "terms.customer_type_terms": "terms-standard",
    "terms.term_exception": "terms-exception",
    "terms.payment_methods": "terms-payment-methods",
    "terms.early_payment_discount": "terms-discount",
    "terms.late_penalties": "terms-penalties",
    "terms.recovery_indemnity": "terms-indemnity",
    "terms.retention_of_title": "terms-retention-of-title",
    "terms.deposit_rules": "terms-deposits",
    "terms.invoicing": "terms-invoicing",
    "terms.dispute_window_days": "terms-disputes",
    "account_opening.steps": "opening-steps",
    "account_opening.documents": "opening-documents",
    "account_opening.checks": "opening-checks",
    "account_opening.decisions": "opening-decision",
    "credit_limits.score": "limits-score",
    "credit_limits.risk_classes": "limits-risk-classes",
    "credit_limits.limit_method": "limits-method",
    "credit_limits.approval_bands": "limits-approval",
    "credit_limits.temporary_increase": "limits-temporary-increase",
    "credit_limits.review_triggers": "limits-review",
    "credit_limits.usage_alert_rate": "limits-review",
    "credit_limits.guarantees": "limits-guarantees",
    "blocked_orders.blocking_rules": "blocked-rules",
    "blocked_orders.steps": "blocked-steps",
    "blocked_orders.causes": "blocked-causes",
    "blocked_orders.alternatives": "blocked-alternatives",
    "blocked_orders.decision": "blocked-decision",
    "blocked_orders.customer_message": "blocked-customer-message",
    "recovery.dunning_steps": "recovery-dunning",
    "recovery.letter_templates": "recovery-letters",
    "recovery.disputes": "recovery-disputes",
    "recovery.payment_plans": "recovery-payment-plans",
    "recovery.legal_action": "recovery-legal-action",
    "recovery.insolvency": "recovery-insolvency",
    "recovery.provisions": "recovery-provisions",
    "incentives.criteria": "incentives-criteria",
    "incentives.rules": "incentives-rules",
    "incentives.example": "incentives-example",
    "training.scenarios": "scenarios",
}

# Lists whose items each have their own anchor: policy path of the list → anchor prefix.
ITEMS = {
    "roles": "role-",
    "account_opening.steps": "opening-step-",
    "blocked_orders.alternatives": "blocked-alternative-",
    "kpis": "kpi-",
    "glossary": "glossary-",
    "training.scenarios": "scenario-",
}


def item_anchor(list_path: str, item_id: str) -> str:
    """The anchor of one item of a list that has one per item: ``role-credit_manager``."""
    return ITEMS[list_path] + item_id


def chapter_anchor(page: str) -> str:
    """The anchor of a chapter's title, used by the print page: ``chapter-credit-limits``."""
    return "chapter-" + ("home" if page == "index.md" else page.removesuffix(".md"))


def rule_url(path: str) -> str:
    """``terms.late_penalties.mode`` → ``terms.md#terms-penalties``: the most precise section
    that defines the rule (an item's own anchor, else its section, else the chapter page)."""
    parts = path.split(".")
    page = CHAPTER_PAGES[parts[0]]
    for size in range(len(parts), 0, -1):
        head = ".".join(parts[:size])
        if size < len(parts) and head in ITEMS:
            return f"{page}#{item_anchor(head, parts[size])}"
        if head in SECTIONS:
            return f"{page}#{SECTIONS[head]}"
    return page
