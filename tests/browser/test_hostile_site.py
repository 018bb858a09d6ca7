"""A site built from a policy whose title and version carry script (what validation lets
through into the theme), opened in Chromium: no page runs any of it, nor even tries (the
Content-Security-Policy reports nothing to block). Every page is loaded, the header's logo and
title hovered (the payload is an ``onmouseover``), and no dialog opens; the page shows the
title as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.support.hostile import TITLE
from tools.serve import serve

pytestmark = pytest.mark.browser

# Script the page's Content-Security-Policy blocks is reported, not run: count those reports
# too, so that an escaping mistake fails here even while the policy holds it back.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
                          (event) => window.__violations.push(event.violatedDirective));
"""


def test_no_page_of_a_hostile_policy_runs_its_script(
    browser: Browser, hostile_title_built_site: Path
) -> None:
    site = hostile_title_built_site
    pages = sorted("/" + path.relative_to(site).as_posix().removesuffix("index.html")
                   for path in site.rglob("*.html")
                   if not path.relative_to(site).as_posix().startswith("assets/"))
    assert len(pages) > 10
    dialogs: list[tuple[str, str]] = []
    with serve(site) as url:
        context = browser.new_context(base_url=url)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        blocked: list[tuple[str, list[str]]] = []
        page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)),
                                          dialog.dismiss()))
        for path in pages:
            page.goto(path, wait_until="load")
            for where in (".md-header__button.md-logo", ".md-header__title"):
                page.locator(where).first.hover()
            assert page.title().endswith(TITLE), (path, page.title())
            page.wait_for_timeout(100)
            if violations := page.evaluate("window.__violations"):
                blocked.append((path, violations))
        context.close()
    assert dialogs == []
    assert blocked == []
