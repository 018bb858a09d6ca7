"""The Content-Security-Policy's pieces (hashes of inline scripts, the policy, its place in a
page) and the sanitiser of the generated pages, fed HTML directly: what Markdown makes of hostile
policy text comes out inert, what the handbook needs comes out as it went in."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from encours.security import (
    content_security_policy,
    headers_file,
    inline_script_hashes,
    inline_scripts,
    insert_policy,
    nginx_headers,
    remove_policy,
    sanitize,
    script_hash,
)

PAGE = """<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <script>__md_scope=new URL(".",location)</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="assets/javascripts/bundle.js"></script>
    <script type="module">import "./x.js"</script>
  </head>
  <body><SCRIPT>var palette = 1</SCRIPT></body>
</html>
"""


def test_a_hash_is_the_one_the_browser_computes() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert script_hash("a\r\nb") == script_hash("a\nb")  # the parser's line ends


def test_only_the_scripts_the_browser_runs_inline_are_hashed() -> None:
    assert inline_scripts(PAGE) == ['__md_scope=new URL(".",location)', 'import "./x.js"',
                                    "var palette = 1"]
    assert len(inline_script_hashes(PAGE)) == 3


def test_the_policy_lists_the_hashes_once_sorted_and_allows_webassembly() -> None:
    policy = content_security_policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"])
    assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
                             "'sha256-a' 'sha256-b'; ")
    for directive in ("worker-src 'self'", "connect-src 'self'", "object-src 'none'",
                      "base-uri 'self'", "form-action 'self'"):
        assert directive in policy.split("; ")
    assert "unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert f"Content-Security-Policy: {policy}\n" in headers_file(policy)


def test_nginx_gets_the_same_headers_as_the_headers_file() -> None:
    """``_headers.nginx`` and ``_headers`` come from one list: same names, same values."""
    policy = content_security_policy(["'sha256-a+b/c='"])
    netlify = dict(re.findall(r"(?m)^  ([A-Za-z-]+): (.*)$", headers_file(policy)))
    nginx = dict(re.findall(r'(?m)^add_header ([A-Za-z-]+) "(.*)" always;$', nginx_headers(policy)))
    assert netlify == nginx
    assert set(nginx) == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}
    assert nginx["Content-Security-Policy"] == policy
    assert nginx["X-Content-Type-Options"] == "nosniff"
    for unsafe in ('a"b', "a$b", "a\\b", "a\nb"):
        with pytest.raises(ValueError, match="nginx string"):
            nginx_headers(unsafe)


def test_the_meta_policy_comes_before_every_script_and_is_replaced_not_repeated() -> None:
    page = insert_policy(PAGE, "default-src 'self'")
    meta = page.index('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">')
    assert page.index('<meta charset="utf-8">') < meta < page.lower().index("<script")
    again = insert_policy(page, "default-src 'none'")
    assert again.count("Content-Security-Policy") == 1 and "default-src 'none'" in again
    with pytest.raises(ValueError, match="no <head>"):
        insert_policy("<p>x</p>", "default-src 'self'")


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "abbr", "tables"])


@pytest.mark.parametrize("text", [
    "![x](data:,x){: onerror=alert(1) }",
    "[a](javascript:alert(1))",
    "x\n{: onclick=alert(1) style=\"position:fixed;inset:0\" }",
    "## Juriste { onclick=alert(1) }",
    "<img src=x onerror=alert(1)> <svg onload=alert(2)></svg>",
    "<script>alert(3)</script><style>*{display:none}</style>",
    '<a href="JaVaScRiPt:alert(4)">a</a> <a href="vbscript:x">b</a> <form action="javascript:x">',
    '<iframe src="https://example.org"></iframe><object data="x"></object><base href="//x">',
])
def test_hostile_markdown_comes_out_inert(text: str) -> None:
    clean = sanitize(render(text)).lower()
    for danger in ("onerror", "onclick", "onload", "javascript:", "vbscript:", "data:,",
                   "<script", "<style", "style=", "<iframe", "<object", "<base", "alert(3)"):
        assert danger not in clean, (danger, clean)


def test_a_forged_template_marker_stays_a_comment() -> None:
    clean = sanitize("<!--encours-template-0000000000000000-0--><p>x</p>")
    assert "<template>" not in clean


HANDBOOK = "".join([
    '<h2 id="role-legal">Juriste<a class="headerlink" href="#role-legal" ',
    'title="Permanent link">¶</a></h2>',
    '<div class="admonition warning"><p class="admonition-title">Attention</p>',
    '<p>Le <abbr title="Days Sales Outstanding">DSO</abbr>.</p></div>',
    '<details class="note"><summary>Détail</summary><p>x</p></details>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" ',
    'id="__tabbed_1_1" name="__tabbed_1" type="radio"><div class="tabbed-labels">',
    '<label for="__tabbed_1_1">A</label></div></div>',
    '<pre class="mermaid"><code>graph LR\n  a --&gt; b</code></pre>',
    '<table><thead><tr><th style="text-align: right;">Montant</th></tr></thead><tbody>',
    '<template><tr><td data-field="a" data-format="money" class="encours-number"></td></tr>',
    '</template><tr><td style="text-align: right;">1</td></tr></tbody></table>',
    '<form id="calculator-penalty" class="encours-calculator" data-calculator="penalty" ',
    """data-messages='{"a": "b"}' novalidate><label for="f">Montant</label>""",
    '<input id="f" name="amount" type="text" value="100" inputmode="decimal" ',
    'aria-describedby="f-help"><select name="regime"><option value="FR" selected>FR</option>',
    '</select><textarea name="t" rows="4" spellcheck="false"></textarea>',
    '<button type="button" class="md-button" data-reset>Reset</button></form>',
    '<p><a href="https://example.org/x">web</a> <a href="mailto:a@b.fr">mail</a> ',
    '<a href="tel:+33100000001">tél</a> <a href="../terms/#x">page</a></p>',
])


def test_what_the_handbook_needs_survives() -> None:
    clean = sanitize(HANDBOOK)
    for kept in ('id="role-legal"', 'class="headerlink" href="#role-legal"',
                 'class="admonition warning"', '<abbr title="Days Sales Outstanding">',
                 "<details", "<summary>", 'data-tabs="1:2"', 'type="radio"', 'for="__tabbed_1_1"',
                 '<pre class="mermaid"><code>graph LR\n  a --&gt; b</code></pre>',
                 'style="text-align:right"', '<template><tr><td data-field="a"',
                 'data-calculator="penalty"', 'data-messages="{&quot;a&quot;: &quot;b&quot;}"',
                 'inputmode="decimal"', 'aria-describedby="f-help"', "selected", "novalidate",
                 'spellcheck="false"', "data-reset", 'href="https://example.org/x"',
                 'href="mailto:a@b.fr"', 'href="tel:+33100000001"', 'href="../terms/#x"'):
        assert kept in clean, kept
    assert sanitize(clean) == clean


def test_the_policy_comes_out_again_for_mkdocs_serve(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    for page in (tmp_path / "index.html", tmp_path / "en" / "index.html"):
        page.write_text(insert_policy(PAGE, "default-src 'self'"), encoding="utf-8")
    (tmp_path / "_headers").write_text("x", encoding="utf-8")
    (tmp_path / "_headers.nginx").write_text("x", encoding="utf-8")
    remove_policy(tmp_path)
    assert (tmp_path / "en" / "index.html").read_text(encoding="utf-8") == PAGE
    assert not (tmp_path / "_headers").exists()
    assert not (tmp_path / "_headers.nginx").exists()
