"""What the policy puts into the theme outside Markdown is text: the title (MkDocs' site_name,
printed raw by Material in <title>, the header and aria-label="…") and the version (the stamp
on every page). A strict build of a policy whose title breaks out of an attribute and whose
version is an SVG tag, both of which validation lets through, has no event handler anywhere,
and shows both as written.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.hostile import TITLE, VERSION


class Page(HTMLParser):
    """Every attribute name used, the <title> text and the stamp's text."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: set[str] = set()
        self.title = ""
        self.stamp = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.update(name for name, _ in attrs)
        if tag == "title":
            self._in = "title"
        elif ("data-encours-stamp", None) in attrs:
            self._in = "stamp"

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "stamp":
            self.stamp += data


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_no_page_has_an_event_handler_or_an_svg(hostile_title_built_site: Path) -> None:
    site = hostile_title_built_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = read(path)
        handlers = {name for name in page.attributes if name.startswith("on")}
        assert not handlers, (path, handlers)
        assert "<svg onload" not in path.read_text(encoding="utf-8"), path


def test_the_title_and_the_version_read_as_written(hostile_title_built_site: Path) -> None:
    site = hostile_title_built_site
    home = read(site / "index.html")
    assert home.title == TITLE
    assert f"Version {VERSION}" in home.stamp
    glossary = read(site / "glossary" / "index.html")
    assert glossary.title.endswith(f" - {TITLE}")
