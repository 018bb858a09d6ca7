"""The chapters through a real strict MkDocs build, French and English, from a copy of the project
whose policy says hostile things: the build passes (no broken link or anchor, no warning), the
English build says once that policy texts fall back to French, and the pages show the hostile
text as text.

Validation refuses HTML tags in policy text (tests/policy/test_policy_markup.py), so the built
policy carries `<` and `>` that are no tag; the renderer's escaping of real tags is tested on
the rendered pages (tests/render/test_chapters.py).
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.support.harness import LANGUAGES, build, mini_project
from tests.support.hostile import HOSTILE, make_hostile

SITE_HOSTILE = HOSTILE.replace("<script>alert(1)</script>", "< script >alert(1)< /script >")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    project = mini_project(tmp_path_factory.mktemp("hostile") / "project", languages=LANGUAGES)
    folder = project / "policy"
    chapters = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
                for path in folder.glob("*.yaml")}
    make_hostile(chapters, SITE_HOSTILE)
    for stem, data in chapters.items():
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                            encoding="utf-8")
    site = project / "site"
    done = build(site, root=project)
    return site, done.returncode, done.output


def test_strict_build_passes_in_both_languages(hostile_site) -> None:
    site, code, output = hostile_site
    assert code == 0, output
    warnings = [line for line in output.splitlines() if re.match(r"\s*WARNING\s+-", line)]
    assert not warnings, warnings
    for prefix in ("", "en/"):
        for page in ("organisation", "account-opening", "credit-limits", "blocked-orders",
                     "recovery", "playbook", "quick-reference", "quiz", "glossary", "print"):
            assert (site / prefix / page / "index.html").exists(), prefix + page


def test_english_build_of_the_translated_example_falls_back_on_nothing(hostile_site) -> None:
    """The example is wholly in English: no text is shown in French, so no summary line
    (tests/render/test_chapters.py shows the line for a policy left partly in French)."""
    _, _, output = hostile_site
    assert [line for line in output.splitlines() if "have no 'en' translation" in line] == []


def test_hostile_text_is_shown_as_text_on_the_built_pages(hostile_site) -> None:
    site, _, _ = hostile_site
    for prefix in ("", "en/"):
        for page in ("organisation", "quiz", "print", "recovery"):
            html = (site / prefix / page / "index.html").read_text(encoding="utf-8")
            assert "< script >alert(1)< /script >" not in html, prefix + page
            assert "&lt; script &gt;alert(1)&lt; /script &gt;" in html, prefix + page
            assert "{{ 7*7 }}" in html, prefix + page
    opening = (site / "account-opening" / "index.html").read_text(encoding="utf-8")
    diagram = re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', opening, re.S).group(1)
    assert "#lt; script #gt;" in diagram and "%%{" not in diagram
    assert SITE_HOSTILE not in opening
