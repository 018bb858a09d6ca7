"""Build a handbook project in this process, and make small projects to build.

One place for what the built-site tests (``tests/site``, ``tests/render``, ``tests/versions``)
and the browser tests share (serving and Chromium are in ``tools.serve`` and ``tools.chromium``,
which the developer commands use too):

- :func:`build` runs ``encours build`` (``encours_mkdocs.build.build_site``) for a project in
  this process and returns its exit code and everything it printed or logged, as the command
  line would show it;
- :func:`copy_project` copies what a build reads (mkdocs.yml, docs/, the policy; node_modules
  linked) into a folder a test may change;
- :func:`mini_project` is such a copy that builds French alone by default: the project for the
  tests that build a variant of the handbook (a broken or hostile policy, a release).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from encours_mkdocs.build import build_site

ROOT = Path(__file__).resolve().parents[2]
# What `make build` builds: French at the root, English under en/.
LANGUAGES = ("fr", "en")
CACHE = ROOT / ".cache"  # builds of copies of the project share this repository's snapshot
PROJECT = ("mkdocs.yml", "docs", "policy")  # what a build reads besides the installed packages

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # as the Makefile sets it


@dataclass(frozen=True)
class Build:
    """What a build gave: its exit code, and what it printed and logged (MkDocs' lines as
    ``WARNING -  …``, the way ``encours build`` prints them)."""

    returncode: int
    output: str


def build(
    site_dir: Path,
    *,
    root: Path = ROOT,
    languages: tuple[str, ...] | None = None,
    site_url: str | None = None,
) -> Build:
    """Build the project at ``root`` (its mkdocs.yml, policy and docs) into ``site_dir`` as
    ``encours build`` does, in this process; ``languages``: those of its mkdocs.yml unless told.

    ``site_url`` is where the site will be served: Material's instant navigation only follows
    links listed in the sitemap, whose addresses come from it.
    """
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    saved = logger.handlers[:], logger.level, logger.propagate
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    try:
        with contextlib.chdir(root), contextlib.redirect_stdout(output), \
                contextlib.redirect_stderr(output):
            code = build_site(root / "mkdocs.yml", site_dir=site_dir,
                              languages=list(languages) if languages else None,
                              site_url=site_url, cache_dir=CACHE)
    finally:
        logger.handlers, logger.level, logger.propagate = saved
    return Build(code, output.getvalue())


def copy_project(target: Path, *, policy: Path | None = ROOT / "policy") -> Path:
    """Copy what a build of this repository reads into ``target`` (created): mkdocs.yml, docs/
    and ``policy`` (none if ``None``: the caller writes its own); node_modules, the pinned Pyodide
    and Mermaid, is linked, not copied."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    if policy is not None:
        shutil.copytree(policy, target / "policy")
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def mini_project(target: Path, *, languages: tuple[str, ...] = ("fr",),
                 policy: Path | None = ROOT / "policy") -> Path:
    """:func:`copy_project` whose mkdocs.yml builds ``languages`` (French alone by default: one
    build instead of two)."""
    copy_project(target, policy=policy)
    config = target / "mkdocs.yml"
    text, found = re.subn(r"(?m)^(\s+languages:) \[[^\]]*\]", rf"\1 [{', '.join(languages)}]",
                          config.read_text(encoding="utf-8"))
    assert found == 1, "mkdocs.yml no longer sets the encours plugin's languages"
    config.write_text(text, encoding="utf-8")
    return target
