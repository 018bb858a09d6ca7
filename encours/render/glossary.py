"""Links from the chapters to the glossary: the first time a page uses a glossary term in its
running text, the term links to its definition (which also shows on hover).

Only prose is touched: headings, tables, fenced blocks (diagrams), raw HTML, admonition titles
and content tabs' titles are left as they are, and so is anything already inside a link, a code
span, an HTML tag or an entity. Matching ignores case and accepts a plural ``s``/``x``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from encours.render.links import CHAPTER_PAGES, item_anchor

# Inline spans never touched: links (with their attribute list), any [bracketed] text, code
# spans, HTML tags, entities, attribute lists.
_PROTECTED = re.compile(
    r"\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?|\[[^\]]*\]|`[^`]*`|<[^>]*>|&#?\w+;|\{[^}]*\}"
)
_SKIPPED_LINE_STARTS = ("#", "|", "<", "!!!", "???", "===", "{", "---")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class GlossaryTerm:
    """A term as it may appear in the text (``names``, longest first) and where it is defined."""

    id: str
    names: tuple[str, ...]
    url: str
    definition: str

    def pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(
            r"\s+".join(re.escape(str(escape(word))) for word in name.split())
            for name in self.names
        )
        return re.compile(rf"(?<![\w&#])(?:{alternatives})(?:s|x)?(?![\w])", re.IGNORECASE)


def term_names(term: str) -> tuple[str, ...]:
    """``DSO (délai moyen de recouvrement)`` → the whole term, then ``DSO``."""
    names = [term.strip()]
    short = term.split(" (", 1)[0].strip()
    if short and short != names[0]:
        names.append(short)
    return tuple(sorted(names, key=len, reverse=True))


def glossary_terms(entries: list[tuple[str, str, str]]) -> list[GlossaryTerm]:
    """``[(id, term, definition)]`` in the page's language → terms to link, longest first."""
    terms = [
        GlossaryTerm(
            id=entry_id,
            names=term_names(term),
            url=f"{CHAPTER_PAGES['glossary']}#{item_anchor('glossary', entry_id)}",
            definition=" ".join(definition.split()),
        )
        for entry_id, term, definition in entries
    ]
    return sorted(terms, key=lambda term: -len(term.names[0]))


def _prose(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(_SKIPPED_LINE_STARTS)


def _link_in_line(line: str, term: GlossaryTerm, pattern: re.Pattern[str]) -> str | None:
    """``line`` with the first free occurrence of ``term`` linked, or None if there is none."""
    start = 0
    for protected in [*_PROTECTED.finditer(line), None]:
        end = protected.start() if protected else len(line)
        match = pattern.search(line, start, end)
        if match:
            title = str(escape(term.definition))
            link = f'[{match.group(0)}]({term.url} "{title}"){{ .encours-term }}'
            return line[: match.start()] + link + line[match.end():]
        if protected is None:
            return None
        start = protected.end()
    return None


def link_terms(markdown: str, terms: list[GlossaryTerm]) -> str:
    """``markdown`` with the first use of each glossary term in its prose linked."""
    lines = markdown.split("\n")
    pending = [(term, term.pattern()) for term in terms]
    in_fence = False
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if in_front_matter:
            if number > 0 and line.strip() == "---":
                in_front_matter = False
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not _prose(line):
            continue
        for term, pattern in list(pending):
            linked = _link_in_line(lines[number], term, pattern)
            if linked is not None:
                lines[number] = linked
                pending.remove((term, pattern))
        if not pending:
            break
    return "\n".join(lines)
