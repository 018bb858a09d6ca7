"""The calculators' index page of the built site, in each language: one link to each calculator
page, that reaches a page of the site, named as that page's title. (Read from the HTML: no
browser needed.)"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from encours.render.calculator_pages import PAGED
from tests.support.harness import LANGUAGES

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def text(fragment: str) -> str:
    """What a reader reads of an HTML fragment (no tags, no permalink sign)."""
    without_links = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", without_links)).split())


def article(page: Path) -> str:
    content = page.read_text(encoding="utf-8")
    return content[content.index("<article"):content.index("</article>")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_links_every_calculator_once_by_its_title(built_site: Path, lang: str) -> None:
    root = built_site if lang == LANGUAGES[0] else built_site / lang
    index = root / "calculators" / "index.html"
    links = [(href, text(label)) for href, label in LINK.findall(article(index))
             if not href.startswith("#")]
    for name in PAGED:
        found = [(href, label) for href, label in links
                 if urljoin("/calculators/", href).rstrip("/").endswith(f"/calculators/{name}")]
        assert len(found) == 1, (lang, name, links)
        href, label = found[0]
        target = root / "calculators" / href / "index.html"
        assert target.is_file(), (lang, href)
        [title] = TITLE.findall(article(target))
        assert label == text(title), (lang, name)
