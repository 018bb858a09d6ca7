"""The Content-Security-Policy is enforced, not only written: the home page of the built site,
served with its policy stripped of the hashes, has its inline scripts blocked and reported
(the site walk checks that the policy as built breaks nothing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Route

from tests.browser.test_site_walk import CSP_VIOLATIONS
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_an_inline_script_without_its_hash_is_blocked(
    new_context: Callable[..., BrowserContext], site_url: str, built_site: Path,
) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    policy = META.search(html).group(1)
    no_hashes = re.sub(r" 'sha256-[^']+'", "", policy)
    assert "'sha256-" in policy and "'sha256-" not in no_hashes
    tampered = html.replace(policy, no_hashes)

    def serve_tampered(route: Route) -> None:
        route.fulfill(body=tampered, content_type="text/html; charset=utf-8")

    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.route(f"{site_url}/", serve_tampered)
    page.goto("/", wait_until="load")
    violations = page.evaluate("() => window.__cspViolations")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert page.evaluate("() => typeof __md_scope") == "undefined"  # Material's first script


def test_the_policy_as_built_lets_the_same_page_run(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.goto("/", wait_until="load")
    assert page.evaluate("() => window.__cspViolations") == []
    assert page.evaluate("() => typeof __md_scope") == "object"


def test_instant_navigation_runs_under_the_first_pages_policy(
    new_context: Callable[..., BrowserContext], site_url: str,
) -> None:
    """Instant navigation swaps pages under the policy of the first page opened: that one
    policy lets a calculator page reached from the home page start Python (its inline start
    included), and a diagram page reached from there draw."""
    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.goto("/", wait_until="networkidle")
    # Links as a reader clicks them (Material makes their addresses absolute).
    for path in ("/calculators/", "/calculators/penalty/", "/", "/account-opening/"):
        before = page.title()
        page.locator(f'a[href="{site_url}{path}"]').filter(visible=True).first.click()
        page.wait_for_url(f"{site_url}{path}")
        page.wait_for_function("(title) => document.title !== title", arg=before)  # swapped
        if path == "/calculators/penalty/":
            page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        wait_until_drawn(page)
    page.wait_for_function("() => document.querySelectorAll('div.mermaid').length > 0")  # drawn
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("() => window.__cspViolations") == []
