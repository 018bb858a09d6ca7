"""A policy that does not load stops the build with ``policy/FILE.yaml:LINE: …`` and a non-zero
exit, and leaves the previously built site exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import build, mini_project

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
    project = mini_project(tmp_path / "project")
    name, line = breaker(project / "policy")
    previous = tmp_path / "published"
    # The session's site as the one published before (linked, not copied: a build replaces
    # files, it never writes into them; every byte is still compared).
    shutil.copytree(built_site, previous / "site", copy_function=os.link)
    before = fingerprint(previous)

    done = build(previous / "site", root=project)
    output = done.output
    assert done.returncode != 0, output
    assert re.search(rf"(?m)(^|\s)policy/{re.escape(name)}:{line}:", output), output
    assert "Traceback" not in output, output
    assert fingerprint(previous) == before, "the failed build changed the previous site"
