"""Policy text is data: nothing in a free text may become markup that acts in the page.

Free text is Markdown, and the renderer escapes HTML; but Markdown has its own ways to act:
an attribute list (`{: onclick=…}`) adds HTML attributes, a link or an image can point to a
`javascript:` or `data:` address, and invisible control characters (bidirectional overrides)
make a text read differently from what it says. Each is reported at the text's line, naming
the field, so the policy never depends on the renderer to neutralise it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from ..model.common import LANGUAGES
from .references import valid_chapters
from .registry import Context, check
from .texts import text_line, texts

_HTML_TAG = re.compile(r"<(?:!--|[!?/]?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))[^<>\n]{0,60}>?")
"""An HTML tag, comment, declaration or processing instruction: `<b>`, `</p`, `<!--`, `<?x`.
Not `< 30 jours`, `<https://…>` (an autolink) or `<nom@example.fr>`."""

_SCRIPT_URL = re.compile(
    r"(?<![A-Za-z0-9])(?:j\W*a\W*v\W*a\W*s\W*c\W*r\W*i\W*p\W*t|v\W*b\W*s\W*c\W*r\W*i\W*p\W*t)\W*:"
    r"|(?<![A-Za-z0-9])data\s*:(?=\S)", re.IGNORECASE)
"""`javascript:`, `vbscript:` (even written `Java Script :`) and `data:x`, in any case; matched
once HTML entities are decoded, as a browser decodes them in an address."""

_LINK_TARGETS = (
    re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s)]*)"),  # [text](target) and ![alt](target)
    re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*(\S+)", re.MULTILINE),  # [label]: target
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>"),  # <scheme:…>
)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
_IGNORED_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f]")
"""What a browser drops from an address before reading its scheme: spaces, tabs, controls."""

_BRACES = re.compile(r"\{([^{}\n]*)\}")
_ATTRIBUTE = re.compile(r"^:|=|(?:^|\s)[#.]\S")
"""Braces holding `:…` or an attribute (`key=value`, `#id`, `.class`): Python-Markdown's
attr_list reads them after a heading, a table cell, a link or on a line of their own. Template
look-alikes without an attribute (`{{ 7*7 }}`, `{% if %}`, `${HOME}`) stay text. Two simple
patterns rather than one: each brace is scanned once, whatever the text."""

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
"""C0 and C1 controls except tab and newline, bidirectional marks, embeddings, overrides and
isolates (U+202A–202E, U+2066–2069), zero-width characters and line separators."""


Found = tuple[str, str] | None
"""What a finder found: the text to look for in the file (for its line), and how to show it."""


def _first(pattern: re.Pattern[str], text: str) -> Found:
    match = pattern.search(text)
    return (match.group(), match.group()) if match else None


def html_tag(text: str) -> Found:
    return _first(_HTML_TAG, text)


def script_url(text: str) -> Found:
    return _first(_SCRIPT_URL, html.unescape(text))


def bad_link_target(text: str) -> Found:
    """The first link target that is neither http(s), mailto nor relative (script addresses
    are `script_url`'s)."""
    for pattern in _LINK_TARGETS:
        for match in pattern.finditer(text):
            target = match.group(1)
            address = _IGNORED_IN_ADDRESS.sub("", html.unescape(target.strip("<>"))).lower()
            scheme = _SCHEME.match(address)
            if scheme and scheme.group(1) in _SCRIPT_SCHEMES:
                continue
            other_site = address.replace("\\", "/").startswith("//")  # //host, \\host
            if (scheme and scheme.group(1) not in _ALLOWED_SCHEMES) or (not scheme and other_site):
                return target, target
    return None


def attribute_list(text: str) -> Found:
    for match in _BRACES.finditer(text):
        if _ATTRIBUTE.search(match.group(1)):
            return match.group(), match.group()
    return None


def control_character(text: str) -> Found:
    """The character itself, shown as `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    name = unicodedata.name(match.group(), "")
    return match.group(), f"U+{ord(match.group()):04X}" + (f" ({name})" if name else "")


FINDERS: tuple[tuple[Callable[[str], Found], str], ...] = (
    (html_tag, "check.text_html"),
    (script_url, "check.text_script_url"),
    (bad_link_target, "check.text_link_target"),
    (attribute_list, "check.text_attr_list"),
    (control_character, "check.text_control"),
)


@check()
def texts_are_not_markup(context: Context) -> None:
    """No HTML, script address, foreign link, attribute list or control character in a text."""
    for chapter, value in valid_chapters(context):
        for path, text in texts(value, (chapter,)):
            for lang in LANGUAGES:
                if not text.has(lang):
                    continue
                for find, key in FINDERS:
                    found = find(text.get(lang))
                    if found is not None:
                        needle, shown = found
                        at, line = text_line(context, path, lang, needle, 0)
                        context.error(at, key, found=shown, line=line)
