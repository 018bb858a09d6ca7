"""How long a server keeps each file (encours/caching.py): a year for what is named by its
content or by the Pyodide version, revalidation for everything else; the ``_headers`` rules
that say so. deploy/nginx.conf is checked against the same function by
tests/browser/test_nginx.py, with Debian's nginx."""

from __future__ import annotations

from pathlib import Path

import pytest

from encours.caching import IMMUTABLE, REVALIDATE, cache_control, immutable_rules
from encours.security import headers_file

CASES = {
    "index.html": REVALIDATE,
    "en/terms/index.html": REVALIDATE,
    "encours-sw.js": REVALIDATE,
    "assets/policy.json": REVALIDATE,
    "search/search_index.json": REVALIDATE,
    "assets/javascripts/encours-core.js": REVALIDATE,
    "assets/javascripts/mermaid.min.js": REVALIDATE,  # .min.js, but not named by its content
    "assets/javascripts/bundle.a5f9d56c.min.js": IMMUTABLE,
    "en/assets/javascripts/workers/search.a7633da7.min.js": IMMUTABLE,
    "assets/stylesheets/main.57a0d79d.min.css": IMMUTABLE,
    "assets/stylesheets/encours.css": REVALIDATE,
    "assets/calculators/calculators-c8e156c64f3f.zip": IMMUTABLE,
    "en/assets/calculators/calculators-c8e156c64f3f.zip": IMMUTABLE,
    "assets/pyodide/314.0.7/pyodide.asm.wasm": IMMUTABLE,
    "assets/pyodide/314.0.7/snapshot-4a0b4847ae6d5878.pack.gz": IMMUTABLE,
    "assets/pyodide/314.0.7/snapshot-4a0b4847ae6d5878.pack.br": IMMUTABLE,
    "assets/brotli/brotli_dec_wasm_bg.wasm": REVALIDATE,  # not named by its content
}


@pytest.mark.parametrize(("path", "expected"), CASES.items())
def test_each_kind_of_file_is_kept_a_year_or_revalidated(path: str, expected: str) -> None:
    assert cache_control(path) == expected


def netlify_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a ``_headers`` file: (path pattern, headers)."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
        elif line:
            rules.append((line, {}))
    return rules


def matches(pattern: str, path: str) -> bool:
    """Netlify's and Cloudflare's matching, for the patterns the build writes: a path, or one
    that ends with a splat (``*``: anything, slashes included)."""
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def test_the_headers_file_keeps_a_year_exactly_what_is_named_by_its_content(
    tmp_path: Path
) -> None:
    for path in CASES:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    rules = netlify_rules(headers_file("default-src 'self'", immutable_rules(tmp_path)))
    assert rules[0][0] == "/*" and "Cache-Control" not in rules[0][1]  # the hosts' default
    for path, expected in CASES.items():
        url = "/" + path.removesuffix("index.html")
        given = [headers["Cache-Control"] for pattern, headers in rules
                 if matches(pattern, url) and "Cache-Control" in headers]
        # At most one rule a file: a host joins the values of several, it does not pick one.
        assert given == ([] if expected == REVALIDATE else [IMMUTABLE]), path
