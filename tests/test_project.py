"""The project's shape: the public API, the pinned versions, the package metadata."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import encours

ROOT = Path(__file__).resolve().parents[1]

PUBLIC_API = {
    "DEFAULT_LANGUAGE", "LANGUAGES", "Catalogue", "Handbook", "LoadedPolicy", "Policy",
    "PolicyInvalid", "Problem", "Severity", "Validation", "build_handbook", "language_switch",
    "load_policy", "policy_json", "policy_schema", "validate_policy", "write_schema",
}


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    found = (re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip()) for line in lines)
    return {match[1].lower().replace("_", "-"): match[2] for match in found if match}


def test_the_public_api_is_what_is_documented() -> None:
    """Adding or removing a public name is a decision: change this list with it."""
    assert set(encours.__all__) == PUBLIC_API
    assert all(hasattr(encours, name) for name in encours.__all__)


def test_pyodide_test_wheels_are_the_versions_of_the_main_requirements() -> None:
    main, pyodide = pins("requirements.txt"), pins("requirements-pyodide.txt")
    assert pyodide, "requirements-pyodide.txt pins nothing"
    assert {name: main.get(name) for name in pyodide} == pyodide


def test_every_run_time_dependency_is_pinned_for_the_set_up() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~ ]", spec)[0].lower() for spec in project["dependencies"]}
    assert declared <= set(pins("requirements.txt")), declared - set(pins("requirements.txt"))


def test_the_mkdocs_plugin_is_registered_under_its_name() -> None:
    from importlib.metadata import entry_points

    (plugin,) = entry_points(group="mkdocs.plugins", name="encours")
    from encours_mkdocs.plugin import EncoursPlugin

    assert plugin.load() is EncoursPlugin
