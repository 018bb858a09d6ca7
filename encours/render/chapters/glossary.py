"""The glossary page, and the entries the chapters link to."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render.chapters.common import (
    common,
    sort_key,
)
from encours.render.links import item_anchor
from encours.render.policy_text import PolicyText


def glossary_entries(policy: Any, lang: str) -> list[tuple[str, str, str]]:
    """``(id, term, definition)`` of every entry, in ``lang`` (French when untranslated)."""
    text = PolicyText(policy, lang)
    return [(entry.id, text.plain(entry.term), text.plain(entry.definition))
            for entry in policy.glossary]


def glossary(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    text = values["text"]
    other = "en" if lang == "fr" else "fr"
    names = {entry.id: text.plain(entry.term) for entry in policy.glossary}
    entries = [
        {
            "entry": entry,
            "term": names[entry.id],
            # The term in the other language, unless the heading already starts with it (a
            # French legal term kept in English: "Mise en demeure (formal notice)").
            "other": entry.term.get(other) if entry.term.has(other)
            and not names[entry.id].startswith(entry.term.get(other)) else "",
            "anchor": item_anchor("glossary", entry.id),
            "see_also": [(names[ref], "#" + item_anchor("glossary", ref))
                         for ref in entry.see_also],
        }
        for entry in policy.glossary
    ]
    entries.sort(key=lambda item: sort_key(item["term"]))
    return values | {"entries": entries, "other_language": labels(f"glossary.in_{other}")}
