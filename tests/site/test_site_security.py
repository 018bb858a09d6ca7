"""The built site's Content-Security-Policy and its sanitised pages.

- Every page carries the one policy of the whole site (both languages: instant navigation keeps
  the policy of the first page opened) in a ``<meta http-equiv>`` before any script, the policy
  allows each inline script of every page by its hash, and ``_headers`` gives it to the server.
- The sanitiser changes nothing the handbook needs: the example built without it and with it
  gives the same elements, attributes and text on every page, but for one intended difference
  (``markdown="0"``, left over by md_in_html, is dropped).
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

import encours_mkdocs.plugin
from encours.security import HEADERS_FILE, inline_script_hashes
from encours_mkdocs.plugin import EncoursPlugin
from tests.support.harness import ROOT, build

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_the_sites_policy_before_any_script(built_site: Path) -> None:
    headers = (built_site / HEADERS_FILE).read_text(encoding="utf-8")
    policy = re.search(r"Content-Security-Policy: (.*)", headers).group(1)
    hashes: set[str] = set()
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        found = META.findall(html)
        assert found == [policy], page
        assert html.index(found[0]) < html.lower().index("<script"), page
        hashes |= inline_script_hashes(html)
    assert len(hashes) >= 5  # Material's own and the calculator pages' start of Python
    assert all(digest in policy for digest in hashes)


class Canonical(HTMLParser):
    """A page as its elements, sorted attributes and text (serialisation aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs if name != "markdown"}
        if "style" in values:  # "text-align: right;" and "text-align:right" are one style
            values["style"] = values["style"].replace(" ", "").rstrip(";")
        self.items.append(f"<{tag} {sorted(values.items())}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.items.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(data.strip())


def canonical(path: Path) -> list[str]:
    parser = Canonical()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.items


def test_the_sanitiser_leaves_the_example_as_it_was(
    built_site: Path, site_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encours_mkdocs.plugin, "sanitize", lambda html: html)
    raw = tmp_path / "site"
    done = build(raw, site_url=f"{site_url}/")
    assert done.returncode == 0, done.output
    assert (raw / "en").is_dir(), done.output[-3000:]
    assert [p.relative_to(raw) for p in pages(raw)] == \
        [p.relative_to(built_site) for p in pages(built_site)]
    changed = [page.relative_to(raw).as_posix() for page in pages(raw)
               if canonical(page) != canonical(built_site / page.relative_to(raw))]
    assert not changed
    # …and the sanitiser ran: what it drops on purpose is gone from the generated pages.
    assert 'markdown="0"' in (raw / "calculators" / "index.html").read_text(encoding="utf-8")
    assert 'markdown="0"' not in (built_site / "calculators" / "index.html").read_text(
        encoding="utf-8")


class Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_mkdocs_serve_takes_the_policy_out(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Live reload injects an inline script no hash can know: ``on_serve`` (after the first
    build) takes the policy out of the pages and ``_headers``, and no later build puts it in."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("assets"))
    monkeypatch.setattr(EncoursPlugin, "serving", False)
    plugin = EncoursPlugin()
    plugin.load_config({"policy_dir": str(ROOT / "policy")})
    plugin.on_serve(Server(), config=SimpleNamespace(site_dir=str(site)), builder=None)
    assert EncoursPlugin.serving
    assert not [page for page in pages(site) if META.search(page.read_text(encoding="utf-8"))]
    assert not (site / HEADERS_FILE).exists()
