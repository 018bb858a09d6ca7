"""Values each chapter template needs beyond the policy itself, computed in Python so that
templates only lay them out: look-ups by id, sentences chosen by a rule, worked examples,
diagrams, the quiz of the chapter. One function per page, ``(policy, lang, labels) → dict``;
each lives in its chapter's module under ``encours.render.chapters``.

Every context also holds the helpers templates share (``chapters.common.common``): ``text`` (a
policy text in the page's language, placeholders resolved), ``plain`` (the same on one line),
``role`` (a role's title), ``amount`` and ``pct`` (policy figures), ``count`` (a number with its
unit, singular or plural), ``rule`` (the link to the section defining a policy path), and
``printing`` (true when the chapter is rendered into the print page: no quiz, no tabs).
"""

from __future__ import annotations

from encours.render.chapters.account_opening import account_opening
from encours.render.chapters.blocked_orders import blocked_orders
from encours.render.chapters.common import by_id
from encours.render.chapters.credit_limits import credit_limits
from encours.render.chapters.glossary import glossary, glossary_entries
from encours.render.chapters.home import home
from encours.render.chapters.organisation import organisation
from encours.render.chapters.playbook import playbook, quick_reference, self_check
from encours.render.chapters.recovery import recovery
from encours.render.chapters.steering import incentives, kpis
from encours.render.chapters.terms import penalty_rate_sentence, terms
from encours.render.chapters.training import trainer, training_session

__all__ = [
    "account_opening", "blocked_orders", "by_id", "credit_limits", "glossary",
    "glossary_entries", "home", "incentives", "kpis", "organisation", "penalty_rate_sentence",
    "playbook", "quick_reference", "recovery", "self_check", "terms", "trainer",
    "training_session",
]
