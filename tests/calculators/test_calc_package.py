"""The package as a whole: standard library only, no float, docstring examples that run, rate
tables that agree with their own change history."""

from __future__ import annotations

import ast
import doctest
import importlib
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from calc_support import EXAMPLES

import calculators
from calculators.rates import ECB_MAIN_REFINANCING_RATE, TABLES, half_start, parse_half
from calculators.specs import SPECS

PACKAGE = Path(calculators.__file__).parent
# What each calculator's docstring cites: the legal text of each regime, or the reference notes
# (shared/reference/README.md) followed by the ids of the worked examples it was checked against.
SOURCES = {
    "penalty": ("Code de commerce, art. L441-10 II", "Art. D441-5", "Directive 2011/7/EU",
                "Late Payment of Commercial Debts (Interest) Act 1998", "BGB § 288"),
    "dso": ("Sources: credit-management practice", "shared/reference/README.md"),
    "cei": ("Source: credit-management practice", "shared/reference/README.md"),
    "discount": ("Source: corporate-finance textbooks", "shared/reference/README.md"),
    "unpaid": ("Source: credit-management practice", "shared/reference/README.md"),
    # The policy tools apply the company's own rules: their source is the policy, their worked
    # example the policy's.
    "limit": ("Source: the policy", "The policy's example"),
    "order": ("Source: the policy", "Worked example"),
    "plan": ("Source: the policy", "Worked example", "Code civil, art. 1376 and 2240"),
    "bonus": ("Source: the policy", "The policy's example"),
}
MODULES = sorted(path for path in PACKAGE.glob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_standard_library_only(path: Path) -> None:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top == "__future__" or top in sys.stdlib_module_names, name


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_no_float_arithmetic(path: Path) -> None:
    """No float literal and no ``float(...)`` call: money never goes through binary floats
    (``isinstance(x, float)`` to read a float given by a caller is allowed)."""
    for node in ast.walk(_tree(path)):
        assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), (
            f"{path.name}:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "float", f"{path.name}:{node.lineno}"


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_docstring_examples(path: Path) -> None:
    module = importlib.import_module(f"calculators.{path.stem}")
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_every_calculator_module_documents_its_functions_and_source(name: str) -> None:
    module = importlib.import_module(f"calculators.{name}")
    doc = " ".join((module.__doc__ or "").split())
    for citation in SOURCES[name]:
        assert citation in doc, f"calculators.{name} does not cite {citation!r}"
    if name != "penalty" and not SPECS[name].uses_policy:
        # practice, not law: the worked examples it was checked against
        cited = re.findall(r"\b([A-Z]\d)\b", doc.split("Source", 1)[1])
        assert cited, f"calculators.{name} names no worked example of its source"
        assert set(cited) <= {example["id"] for example in EXAMPLES[name]}, cited
    functions = [node.name for node in _tree(PACKAGE / f"{name}.py").body
                 if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
    assert functions
    for function in functions:
        assert getattr(module, function).__doc__, function
    assert any(">>>" in (getattr(module, function).__doc__ or "") for function in functions)


def test_ecb_half_year_values_are_the_rates_in_force_on_1_january_and_1_july() -> None:
    changes = [(date.fromisoformat(day), Decimal(rate))
               for day, rate in ECB_MAIN_REFINANCING_RATE.changes]
    for key, value in ECB_MAIN_REFINANCING_RATE.values.items():
        reference_day = half_start(parse_half(key))
        in_force = [rate for day, rate in changes if day <= reference_day][-1]
        assert in_force == Decimal(value), key


def test_rate_tables_are_consecutive_two_decimal_values_with_source() -> None:
    for table in TABLES.values():
        assert table.source and table.as_of and table.meaning
        halves = sorted(parse_half(key) for key in table.values)
        assert halves == list(range(halves[0], halves[-1] + 1)), table.name
        for value in table.values.values():
            assert Decimal(value).as_tuple().exponent == -2
