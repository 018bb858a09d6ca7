"""A policy that says hostile things: HTML, Mermaid directives, Jinja syntax, in the texts that
reach the pages, the diagrams and the letters. Shared by the renderer's tests
(``tests/render/test_chapters.py``) and the strict build of such a policy
(``tests/render/test_chapters_site.py``).
"""

from __future__ import annotations

from typing import Any

HOSTILE = '<script>alert(1)</script> "x"]; click n1 %%{init: {}}%% {{ 7*7 }} {% if 1 %}y{% endif %}'


def make_hostile(chapters: dict[str, Any], text: str = HOSTILE) -> None:
    """Put ``text`` (:data:`HOSTILE`) into ``chapters`` (the policy files' data, by file
    stem)."""
    chapters["account_opening"]["account_opening"]["steps"][0]["name"] = text
    chapters["blocked_orders"]["blocked_orders"]["causes"][0]["name"] = text
    chapters["recovery"]["recovery"]["dunning_steps"][0]["name"] = text
    chapters["glossary"]["glossary"][0]["definition"] = text
    chapters["training"]["training"]["questions"][0]["question"] = text
    chapters["training"]["training"]["scenarios"][0]["say"][0] = text
    chapters["roles"]["roles"][0]["mission"] = text
    letter = chapters["recovery"]["recovery"]["letter_templates"][0]
    letter["body"] += "\n" + text + "\n"
