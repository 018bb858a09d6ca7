"""Policy free text as a page shows it: in the page's language, with its ``[[placeholders]]``
replaced by the policy values they name.

A text without a translation in the page's language is shown in French (``Text.get`` falls
back); values quoted inside it are then written the French way too, so a sentence never mixes
``1 234,50`` and ``1,234.50``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from encours.policy import Text, resolve_placeholders


def language_of(value: Text, lang: str) -> str:
    """The language ``value`` is shown in on a ``lang`` page: ``lang``, or French as fallback."""
    return lang if value.has(lang) else "fr"


class PolicyText:
    """``text(role.mission)``: a policy ``Text`` (or plain string) ready for a template.

    The result is plain text: the template escapes it, so ``<script>`` or ``{{ 7*7 }}`` written
    in the policy appear on the page as written.
    """

    def __init__(self, policy: Any, lang: str) -> None:
        self.policy = policy
        self.lang = lang

    def __call__(self, value: Text | str | None, values: Mapping[str, str] | None = None) -> str:
        if value is None:
            return ""
        if isinstance(value, Text):
            shown_in = language_of(value, self.lang)
            return resolve_placeholders(value.get(shown_in), self.policy, shown_in, values)
        return resolve_placeholders(str(value), self.policy, self.lang, values)

    def plain(self, value: Text | str | None) -> str:
        """The text on one line, without Markdown emphasis: for table cells and diagram labels."""
        text = " ".join(self(value).split())
        for mark in ("**", "__"):
            text = text.replace(mark, "")
        return text
