"""A policy that does not load stops the build with ``policy/FILE.yaml:LINE: …`` and a non-zero
exit, and leaves the previously built site exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ROOT, build

# What a build reads; node_modules (the pinned Pyodide and Mermaid) is linked, not copied.
PROJECT = ("mkdocs.yml", "policy", "docs")


def copy_project(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, with a hash of each file's bytes."""
    return {
        path.relative_to(folder).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
    }


def yaml_syntax_error(policy: Path) -> tuple[str, int]:
    """Append a line PyYAML cannot parse to the first policy file; returns (file, line)."""
    broken = sorted(policy.glob("*.yaml"))[0]
    lines = broken.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "broken: key: value", ""]), encoding="utf-8")
    return broken.name, len(lines) + 1


def wrong_type(policy: Path) -> tuple[str, int]:
    """Give the policy's effective date a value that is not a date; returns (file, line)."""
    broken = policy / "document.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith("  effective_date:"))
    lines[number] = '  effective_date: "le mois prochain"'
    broken.write_text("\n".join([*lines, ""]), encoding="utf-8")
    return broken.name, number + 1


@pytest.mark.parametrize("breaker", [yaml_syntax_error, wrong_type], ids=lambda f: f.__name__)
def test_invalid_policy_stops_the_build_and_keeps_the_previous_site(
    breaker: Callable[[Path], tuple[str, int]], built_site: Path, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    name, line = breaker(project / "policy")
    previous = tmp_path / "published"
    shutil.copytree(built_site, previous / "site")
    before = fingerprint(previous)

    completed = build(previous / "site", root=project)
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    assert re.search(rf"(?m)(^|\s)policy/{re.escape(name)}:{line}:", output), output
    assert "Traceback" not in output, output
    assert fingerprint(previous) == before, "the failed build changed the previous site"
