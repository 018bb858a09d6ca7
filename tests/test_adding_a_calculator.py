"""The README's "Adding a calculator" recipe, followed step by step on a copy of the repository.

A toy calculator (a price from a cost and a markup) is added to copies of ``calculators/`` and
``encours/`` by editing exactly the files the README's steps name, in their order; then the
command line computes it, ``describe()`` lists it, and the handbook renders its page and lists
it on the calculators' index. If adding a calculator needs one more edit than the README says,
or the README names a file the recipe does not need, this test fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from calculators.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "emscripten", reason="runs processes")

TOY_MODULE = '''"""Toy calculator of the README's recipe: a selling price from a cost and a markup.

Source: the README ("Adding a calculator"); an example, not a credit-management quantity.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def price(cost: Decimal, markup: Decimal) -> Fraction:
    """Selling price: ``price = cost × (1 + markup / 100)``.

    Parameters
    ----------
    cost : Decimal
        What the item costs.
    markup : Decimal
        Percent added to the cost.

    Returns
    -------
    Fraction
        The price, exact.

    >>> price(Decimal("80"), Decimal("25"))
    Fraction(100, 1)
    """
    return Fraction(cost) * (1 + Fraction(markup) / 100)
'''

TOY_SPEC = '''TOY = Spec(
    "toy",
    fields=(
        Field("cost", "money", required=True),
        Field("markup", "rate", required=True),
    ),
    outputs=_outputs("price", "warnings"),
)

'''

TOY_ADAPTER = '''def _toy(payload: Mapping[str, Any], t: Catalogue) -> dict[str, Any]:
    values, problems = _read(SPECS["toy"], payload, t)
    if problems:
        raise Rejected(problems)
    return {"price": two_places(toy.price(values["cost"], values["markup"])), "warnings": []}


'''

TOY_MESSAGES = {
    "toy.title": ("Prix de vente", "Selling price"),
    "toy.summary": ("Le prix d'un coût majoré.", "The price of a cost plus a markup."),
    "toy.legal_basis": ("Exemple du README", "The README's example"),
    "toy.cost.label": ("Coût", "Cost"),
    "toy.cost.noun": ("le coût", "the cost"),
    "toy.cost.help": ("Ce que coûte l'article.", "What the item costs."),
    "toy.markup.label": ("Marge (%)", "Markup (%)"),
    "toy.markup.noun": ("la marge", "the markup"),
    "toy.markup.help": ("Pourcentage ajouté au coût.", "Percent added to the cost."),
    "toy.out.price": ("Prix de vente", "Selling price"),
}

TOY_LAYOUT = '''    "toy": Layout(
        summary=(("price", "money"),),
        example_inputs={"cost": "80", "markup": "25"},
    ),
'''

TOY_EXPLAIN = "<pre><code>price = cost × (1 + markup / 100)</code></pre>\n"


def _insert(path: Path, pattern: str, text: str, *, before: bool = False) -> None:
    """Put ``text`` after (or before) the one place ``pattern`` matches in ``path``."""
    source = path.read_text("utf-8")
    found = list(re.finditer(pattern, source, re.MULTILINE))
    assert len(found) == 1, f"{path.name}: {pattern!r} found {len(found)} times"
    at = found[0].start() if before else found[0].end()
    path.write_text(source[:at] + text + source[at:], "utf-8")


def _module(copy: Path) -> None:
    (copy / "calculators" / "toy.py").write_text(TOY_MODULE, "utf-8")


def _spec(copy: Path) -> None:
    specs = copy / "calculators" / "specs.py"
    _insert(specs, r"^SPECS: ", TOY_SPEC, before=True)
    _insert(specs, r"^SPECS: .*for spec in \([^)]*", ", TOY")


def _adapter(copy: Path) -> None:
    forms = copy / "calculators" / "forms.py"
    _insert(forms, r"^from \. import [a-z, ]+", ", toy")
    _insert(forms, r"^ADAPTERS: ", TOY_ADAPTER, before=True)
    _insert(forms, r"^ADAPTERS: .* = \{\n", '    "toy": _toy,\n')


def _messages(copy: Path) -> None:
    """Each language's entries appended to its .po file, then compiled as `make locale` does."""
    for index, lang in enumerate(LANGUAGES):
        po = copy / "calculators" / "locale" / lang / "LC_MESSAGES" / "calculators.po"
        entries = "".join(f'\nmsgid "{key}"\nmsgstr "{texts[index]}"\n'
                          for key, texts in TOY_MESSAGES.items())
        po.write_text(po.read_text("utf-8") + entries, "utf-8")
        with po.open("rb") as source:
            catalogue = read_po(source, locale=lang, domain="calculators")
        with po.with_suffix(".mo").open("wb") as compiled:
            write_mo(compiled, catalogue)


def _layout(copy: Path) -> None:
    _insert(copy / "encours" / "render" / "calculator_pages.py",
            r"^LAYOUTS: dict\[str, Layout\] = \{\n", TOY_LAYOUT)


def _explain(copy: Path) -> None:
    (copy / "encours" / "templates" / "calculators" / "explain-toy.md.j2").write_text(
        TOY_EXPLAIN, "utf-8")


STEPS: dict[str, Callable[[Path], None] | None] = {
    "calculators/toy.py": _module,
    "calculators/specs.py": _spec,
    "calculators/forms.py": _adapter,
    "calculators/locale/<lang>/LC_MESSAGES/calculators.po": _messages,
    "encours/render/calculator_pages.py": _layout,
    "encours/templates/calculators/explain-toy.md.j2": _explain,
    "tests/calculators/test_calc_toy.py": None,  # the toy's own tests: not needed to run it
}
"""What each step of the README does, by the file it names, in the README's order."""


def _readme_steps() -> list[str]:
    """The file each numbered step of the README's "Adding a calculator" names first."""
    readme = (ROOT / "README.md").read_text("utf-8")
    recipe = readme[readme.index("**Adding a calculator**"):]
    recipe = recipe[:recipe.index("\n\n", recipe.index("\n1. "))]
    return re.findall(r"^[0-9]+\. `([^`]+)`", recipe, re.MULTILINE)


RENDER = """
import json, sys
from pathlib import Path
import calculators
from encours.policy import load_policy
from encours.render import Runtime, render_pages

described = calculators.describe("fr")
policy = load_policy(Path(sys.argv[1])).policy
rendered = render_pages(policy, lang="fr", runtime=Runtime("0", "calculators.zip"))
print(json.dumps({"calculators": list(calculators.CALCULATORS), "title": described["toy"]["title"],
                  "fields": [field["name"] for field in described["toy"]["fields"]],
                  "page": rendered.pages.get("calculators/toy.md", ""),
                  "index": rendered.pages["calculators/index.md"], "nav": rendered.nav[-1]}))
"""


def test_the_readme_names_the_steps_this_test_follows() -> None:
    assert _readme_steps() == list(STEPS)


def test_a_calculator_added_as_the_readme_says_is_computed_listed_and_rendered(
        tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for package in ("calculators", "encours"):
        shutil.copytree(ROOT / package, copy / package)  # with __pycache__: a quicker start
    for step in _readme_steps():
        edit = STEPS[step]
        if edit is not None:
            edit(copy)
    run = {"cwd": copy, "capture_output": True, "text": True, "encoding": "utf-8",
           "check": False, "timeout": 120, "env": {**os.environ, "PYTHONPATH": str(copy)}}

    cli = subprocess.run([sys.executable, "-m", "calculators", "toy"],
                         input='{"cost": "80", "markup": "25"}', **run)
    assert (cli.returncode, cli.stderr) == (0, ""), cli.stderr
    assert json.loads(cli.stdout) == {"price": "100.00", "warnings": []}

    done = subprocess.run([sys.executable, "-c", RENDER, str(ROOT / "policy")], **run)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["calculators"][-1] == "toy"
    assert (found["title"], found["fields"]) == ("Prix de vente", ["cost", "markup"])
    assert "# Prix de vente" in found["page"] and "price = cost × (1 + markup / 100)" in \
        found["page"]
    assert 'data-output="price" data-format="money" data-value="100.00"' in found["page"]
    assert 'href="toy/"' in found["index"]
    assert {"Prix de vente": "calculators/toy.md"} in found["nav"]["Calculateurs"]
