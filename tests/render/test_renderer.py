"""The renderer on its own: policy → {path: Markdown}, without MkDocs."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from encours.handbook import build_handbook
from encours.policy import validate_policy
from encours.policy.model import Policy
from encours.render import render_pages
from tests.support.rendering import RUNTIME

ROOT = Path(__file__).resolve().parents[2]



def test_pages_and_navigation(french, policy) -> None:
    assert {"index.md", "terms.md", "calculators/penalty.md"} <= set(french.pages)
    nav_paths = [path for entry in french.nav for path in _paths(entry)]
    assert sorted(nav_paths) == sorted(french.pages), "every generated page is in the navigation"
    assert french.site_name == policy.document.title.get("fr")
    assert policy.document.version in french.stamp


def _paths(entry):
    for value in entry.values():
        if isinstance(value, str):
            yield value
        else:
            for child in value:
                yield from _paths(child)


def test_home_shows_document_identity(french, policy) -> None:
    home = french.pages["index.md"]
    document = policy.document
    assert f"# {document.title.get('fr')}" in home
    assert f"**{document.version}**" in home
    owner = next(role for role in policy.roles if role.id == document.owner)
    assert owner.title.get("fr") in home


def test_terms_state_the_standard_term_and_the_law(french, policy) -> None:
    terms = french.pages["terms.md"]
    assert policy.terms.payment_term.label("fr") in terms
    assert "L441-10 I" in terms and "L441-10 II" in terms
    assert "](calculators/penalty.md)" in terms


def test_calculator_page_has_the_build_time_result(french) -> None:
    page = french.pages["calculators/penalty.md"]
    # Reference example FR-1: 10 000 EUR due 2025-09-30, paid 2025-11-30 → 203.05 + 40.00.
    assert 'data-output="interest" data-format="money" data-value="203.05"' in page
    assert 'data-output="indemnity" data-format="money" data-value="40.00"' in page
    assert 'data-output="total" data-format="money" data-value="243.05"' in page
    assert 'name="amount"' in page and 'name="due_date"' in page


def test_english_pages_use_english_labels(policy) -> None:
    english = render_pages(policy, lang="en", runtime=RUNTIME)
    assert "in force from" in english.stamp
    assert "Late-payment penalties" in english.pages["calculators/penalty.md"] or (
        "Late payment" in english.pages["calculators/penalty.md"]
    )
    procedure = next(entry for entry in english.nav if "The procedure" in entry)
    assert "Payment terms" in [next(iter(item)) for item in procedure["The procedure"]]


def test_hostile_policy_text_is_printed_as_text(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "policy", project / "policy")
    terms = project / "policy" / "terms.yaml"
    data = yaml.safe_load(terms.read_text(encoding="utf-8"))
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %}"
    data["terms"]["invoicing"]["timing"] = hostile
    terms.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # Validation refuses HTML in a text; the renderer escapes it all the same.
    policy = Policy.model_validate(validate_policy(project / "policy").data)
    page = render_pages(policy, lang="fr", runtime=RUNTIME).pages["terms.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("{{ 7*7 }}")[0][-5:]
    assert "{% if true %}x{% endif %}" in page


@pytest.fixture(scope="module")
def handbook():
    return build_handbook(ROOT)


def test_renderer_never_imports_mkdocs(handbook) -> None:
    """In a fresh interpreter, ``build_handbook`` gives the very handbook it gives here (every
    page, the navigation, the assets) without importing MkDocs or its theme."""
    code = (
        "import hashlib, json, sys; from pathlib import Path; "
        "from encours.handbook import build_handbook; "
        f"h = build_handbook(Path({str(ROOT)!r})); "
        "print(json.dumps({'imported': sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('mkdocs', 'material')), "
        "'pages': {p: hashlib.sha256(t.encode()).hexdigest() for p, t in h.pages.items()}, "
        "'nav': h.nav, 'assets': sorted(a.path for a in h.assets)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    alone = json.loads(done.stdout)
    assert alone["imported"] == [], "the renderer imported MkDocs"
    assert alone["pages"] == {path: hashlib.sha256(text.encode()).hexdigest()
                              for path, text in handbook.pages.items()}
    assert alone["nav"] == json.loads(json.dumps(handbook.nav))
    assert alone["assets"] == sorted(asset.path for asset in handbook.assets)


def test_handbook_ships_runtime_bundle_and_policy_json(handbook) -> None:
    paths = {asset.path for asset in handbook.assets}
    assert "assets/policy.json" in paths
    assert "assets/pyodide/314.0.7/pyodide.asm.wasm" in paths
    assert any(p.startswith("assets/calculators/calculators-") for p in paths)
    assert not any(p.endswith((".map", ".d.ts", ".html")) for p in paths)
