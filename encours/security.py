"""The built site's Content-Security-Policy, and the sanitiser of the generated pages' HTML.

Nothing here knows MkDocs: the plugin hands over HTML strings.

- :func:`inline_script_hashes` gives the ``'sha256-…'`` source of every inline script a page
  runs (Material's ``__md_scope``, palette, tabs and hash-target scripts; the calculator pages'
  early start of Python), as the browser hashes it: the script element's text, UTF-8.
- :func:`content_security_policy` assembles the policy from those hashes;
  :func:`insert_policy` puts it in a page as the ``<meta http-equiv>`` tag, first in ``<head>``
  (a meta policy governs only what comes after it).
- :func:`sanitize` keeps, of a page's HTML, only the elements, attributes and URL schemes the
  handbook needs (ammonia's allowlist, through ``nh3``): what policy text could smuggle through
  Markdown (``onerror=``, ``javascript:`` links, ``<script>``) does not survive.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

import nh3

from encours.caching import IMMUTABLE, immutable_rules

# Script elements as the browser's tokenizer ends them: at the first ``</script``.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# What a script's ``type`` may say for the browser to run it (anything else is a data block,
# such as Material's ``<script id="__config" type="application/json">``).
_RUN_TYPES = {"", "module", "importmap", "text/javascript", "application/javascript",
              "text/ecmascript", "application/ecmascript", "speculationrules"}
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
HEADERS_FILE = "_headers"
"""Where the built site gives its headers (the policy), in the format Netlify reads."""
NGINX_HEADERS_FILE = "_headers.nginx"
"""The same headers as nginx ``add_header`` lines, for ``deploy/nginx.conf`` to include."""
REFERRER_POLICY = "same-origin"
"""An internal procedure: its addresses are not sent to the sites its sources link to."""
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): (value or "").strip("\"'") for name, value in _ATTRIBUTE.findall(text)}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that the browser would run."""
    bodies = []
    for attributes, body in _SCRIPT.findall(html):
        attrs = _attributes(attributes)
        if "src" in attrs or attrs.get("type", "").strip().lower() not in _RUN_TYPES:
            continue
        bodies.append(body)
    return bodies


def script_hash(body: str) -> str:
    """The CSP hash source of one inline script: ``'sha256-<base64>'``. The browser hashes the
    text after its input stream normalised line ends to LF."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> set[str]:
    return {script_hash(body) for body in inline_scripts(html)}


def content_security_policy(hashes: Iterable[str]) -> str:
    """The site's policy: its own files only, WebAssembly for Pyodide, and the inline scripts
    whose ``hashes`` are given (sorted: the same site gives the same policy).

    ``style-src 'unsafe-inline'``: Material and Mermaid set ``style`` attributes and Mermaid's
    SVG carries ``<style>`` elements. ``img-src data:``: Material's icons are ``data:`` SVG in
    its stylesheet.
    """
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes))]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:"]),
        ("worker-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def insert_policy(html: str, policy: str) -> str:
    """``html`` with ``policy`` as a ``<meta http-equiv>`` tag right after ``<meta charset>``
    (else right after ``<head>``), before any script; a policy already there is replaced."""
    html = _META_POLICY.sub("", html, count=1)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head>: nowhere to put its Content-Security-Policy")
    return html[: anchor.end()] + "\n" + tag + html[anchor.end():].lstrip("\n")


def security_headers(policy: str) -> list[tuple[str, str]]:
    """The headers every response of the site should carry: the one source of ``_headers`` and
    ``_headers.nginx``, so that the two cannot say different things."""
    return [
        ("Content-Security-Policy", policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", REFERRER_POLICY),
    ]


def headers_file(policy: str, immutable: Iterable[str] = ()) -> str:
    """The headers every page should be served with, in the ``_headers`` format (Netlify,
    Cloudflare Pages); each line's value is what any other server should send. Then the paths
    ``immutable`` (encours/caching.py) with their ``Cache-Control``."""
    rules = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in security_headers(policy))
    return rules + "".join(f"{path}\n  Cache-Control: {IMMUTABLE}\n" for path in immutable)


def nginx_headers(policy: str) -> str:
    """The same headers as nginx ``add_header`` directives (``always``: on error pages too), for
    an ``include`` in every ``location`` that sets headers of its own (nginx drops the headers
    of the enclosing block from a location that has any ``add_header``)."""
    lines = ["# Written by the Encours build from the same list as _headers: do not edit.\n"]
    for name, value in security_headers(policy):
        if any(character in value for character in '"\\$\n'):
            raise ValueError(f"{name} cannot be written as an nginx string: {value!r}")
        lines.append(f'add_header {name} "{value}" always;\n')
    return "".join(lines)


# --- The sanitiser -------------------------------------------------------------------------

_TAGS = {
    # text and structure
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "nav", "aside", "article",
    # the calculator forms, quizzes and batch import
    "form", "fieldset", "legend", "label", "input", "select", "option", "optgroup", "textarea",
    "button", "output", "progress", "meter", "template",
    # inline SVG of the theme's icons
    "svg", "path",
}
# On every element: the structure the theme and the page scripts read (ids, classes, data-*
# below, ARIA), never an event handler or a style.
_EVERYWHERE = {
    "id", "class", "title", "lang", "dir", "hidden", "role", "tabindex",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-live", "aria-hidden",
    "aria-required", "aria-invalid", "aria-expanded", "aria-controls", "aria-current",
    "aria-atomic", "aria-busy", "aria-disabled", "aria-pressed", "aria-checked",
    "aria-selected", "aria-valuemin", "aria-valuemax", "aria-valuenow", "aria-valuetext",
}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE,
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    # Markdown tables align columns with style="text-align: …", the one property kept.
    "td": {"colspan", "rowspan", "align", "headers", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "headers", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open", "name"},
    "time": {"datetime"},
    "form": {"novalidate", "name", "autocomplete"},
    "fieldset": {"disabled", "name"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "readonly", "required", "min",
              "max", "step", "pattern", "placeholder", "inputmode", "autocomplete", "accept",
              "multiple", "size", "maxlength", "minlength", "list", "spellcheck"},
    "select": {"name", "disabled", "required", "multiple", "size", "autocomplete"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "textarea": {"name", "rows", "cols", "disabled", "readonly", "required", "placeholder",
                 "spellcheck", "autocomplete", "maxlength", "wrap", "inputmode"},
    "button": {"type", "name", "value", "disabled"},
    "output": {"for", "name"},
    "progress": {"value", "max"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "svg": {"viewbox", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    """``html`` with only the allowed elements, attributes (``data-*`` included) and link
    schemes (http, https, mailto, tel, relative); scripts, styles and event handlers removed; a
    ``style`` only on table cells, only its ``text-align``.

    A ``<template>``'s content (the row a calculator's table repeats) is a separate fragment to
    the HTML parser, which ammonia would drop: each is set aside behind a comment that policy
    text cannot guess, its content sanitised on its own in the table context it is written for,
    and put back (without attributes: the handbook's templates have none).
    """
    marker = f"encours-template-{secrets.token_hex(8)}"
    templates: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        templates.append(_clean(f"<table><tbody>{match.group(1)}</tbody></table>")
                         .removeprefix("<table><tbody>").removesuffix("</tbody></table>"))
        return f"<!--{marker}-{len(templates) - 1}-->"

    cleaned = _clean(_TEMPLATE.sub(set_aside, html))
    return re.sub(f"<!--{marker}-([0-9]+)-->",
                  lambda found: f"<template>{templates[int(found.group(1))]}</template>", cleaned)


_TEMPLATE = re.compile(r"<template\b[^>]*>(.*?)</template\s*>", re.IGNORECASE | re.DOTALL)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        url_schemes=_URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=False,
    )


def secure_site(site_dir: Path) -> str:
    """Put one policy, covering the inline scripts of every page of the built site (all its
    languages: instant navigation swaps pages under the policy of the first one opened), in
    every page, and write it to ``_headers`` (with the cache rules of encours/caching.py) and
    ``_headers.nginx`` for the server. Returns the policy."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes: set[str] = set()
    for text in texts.values():
        hashes |= inline_script_hashes(text)
    policy = content_security_policy(hashes)
    for page, text in texts.items():
        page.write_text(insert_policy(text, policy), encoding="utf-8")
    (site_dir / HEADERS_FILE).write_text(headers_file(policy, immutable_rules(site_dir)),
                                         encoding="utf-8")
    (site_dir / NGINX_HEADERS_FILE).write_text(nginx_headers(policy), encoding="utf-8")
    return policy


def remove_policy(site_dir: Path) -> None:
    """Take the policy out of every page of the built site (``mkdocs serve``, whose live
    reload adds an inline script no hash can know)."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if _META_POLICY.search(text):
            page.write_text(_META_POLICY.sub("", text, count=1), encoding="utf-8")
    (site_dir / HEADERS_FILE).unlink(missing_ok=True)
    (site_dir / NGINX_HEADERS_FILE).unlink(missing_ok=True)
