"""Markdown that validation would refuse, smuggled into the policy (built unchecked), comes out
of the sanitiser inert: the review's payloads (a ``javascript:`` link, an image with an
``onerror`` attribute list, a ``data:`` image), rendered into every chapter by the renderer
and turned into HTML by Markdown with the site's extensions, as MkDocs does, reach the HTML
before the sanitiser and never after it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown

from encours.render import render_pages
from encours.security import sanitize
from tests.render.test_chapters import CHAPTER_PATHS, policy_with
from tests.support.hostile import make_hostile
from tests.support.rendering import RUNTIME

SMUGGLED = "[lien](javascript:alert(1)) ![x](data:,x){: onerror=alert(2) }"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class Dangers(HTMLParser):
    """What would run: event handler attributes, ``javascript:`` and ``data:`` URLs (as text,
    in a ``title`` say, the payload is harmless)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.add(name)
            elif name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:")):
                self.found.add(url.split(":")[0] + ":")

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
              "tables", "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


def test_smuggled_markdown_is_inert_after_the_sanitiser(tmp_path: Path) -> None:
    policy = policy_with(tmp_path, lambda chapters: make_hostile(chapters, SMUGGLED),
                         checked=False)
    pages = render_pages(policy, lang="fr", runtime=RUNTIME).pages
    reached: set[str] = set()
    for path in CHAPTER_PATHS:
        html = markdown.markdown(pages[path], extensions=EXTENSIONS)
        reached |= Dangers(html).found
        assert not Dangers(sanitize(html)).found, path
    assert reached == {"javascript:", "data:", "onerror"}  # the payloads did reach the HTML
