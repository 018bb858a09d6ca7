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
