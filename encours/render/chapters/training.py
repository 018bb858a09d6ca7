"""The training session page (a draw of worked cases, scored against the pass mark, with the
certificate) and the trainer's page (the whole bank, answers and how each is computed)."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render.calculator_pages import policy_hash
from encours.render.cases import CaseQuestion, case_question
from encours.render.chapters.common import Helpers, common


def page_href(url: str, depth: int = 1) -> str:
    """``credit-limits.md#limits-approval`` as a link from a page ``depth`` folders down (the
    site uses directory URLs): ``../credit-limits/#limits-approval``."""
    page, _, anchor = url.partition("#")
    path = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return "../" * depth + path + (f"#{anchor}" if anchor else "")


def case_questions(policy: Any, helpers: Helpers) -> list[CaseQuestion]:
    """Every worked case of the policy, computed in the helpers' language."""
    return [case_question(policy, case, helpers) for case in policy.training.cases]


def _session_values(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    session = policy.training.session
    questions = case_questions(policy, helpers)
    return values | {
        "questions": questions,
        "href": page_href,
        "session": session,
        "bank": len(questions),
        "pass_mark": helpers.percent(session.pass_mark) if session else "",
        "version": policy.document.version,
        "content_hash": policy_hash(policy),
        "document_title": helpers.text.plain(policy.document.title),
        "company": policy.company.legal_name,
    }


def training_session(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = _session_values(policy, lang, labels)
    return values | {"messages": labels.group("training.js")}


def trainer(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    return _session_values(policy, lang, labels)
