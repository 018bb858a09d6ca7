"""MkDocs adapter for Encours: wires MkDocs events to the ``encours`` package, nothing more.

- ``on_config``: load and validate ``policy/`` (any error stops the build before a file is
  written), render the handbook pages, set the navigation, the language and the page stamp.
- ``on_files``: add the generated pages and the shipped assets (Pyodide runtime, calculators
  bundle, Mermaid, ``policy.json``) as MkDocs files.

Everything else lives in ``hooks/encours``, which never imports MkDocs, so the same pages can be
produced for another static-site tool.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "hooks"):  # `calculators` and `encours` import from any working directory
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from encours.build import language_switch  # noqa: E402
from encours.handbook import Handbook, build_handbook  # noqa: E402
from encours.policy import PolicyInvalid  # noqa: E402

log = logging.getLogger("mkdocs.encours")
_handbook: Handbook | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _handbook
    lang = os.environ.get("ENCOURS_LANG") or config.theme["language"]
    languages = [code for code in os.environ.get("ENCOURS_LANGUAGES", "").split(",") if code]
    # A second language (site/en/) uses the first one's Pyodide runtime instead of a copy.
    runtime_root = "../" if languages and lang != languages[0] else ""
    try:
        _handbook = build_handbook(ROOT, lang=lang, runtime_root=runtime_root)
    except PolicyInvalid as invalid:
        problems = "\n".join(map(str, invalid.problems))
        raise PluginError(f"the policy is invalid:\n{problems}") from None
    for warning in _handbook.warnings:
        log.warning(warning)
    for note in _handbook.notes:  # what the build could not know (no git history): not a warning
        log.info(note)
    config.theme["language"] = _handbook.lang
    config.site_name = _handbook.site_name
    config.nav = _handbook.nav
    config.extra["encours"] = _handbook.stamp
    if len(languages) > 1:
        config.extra["alternate"] = language_switch(_handbook.lang, languages)
    # Instant navigation follows only links under site_url: where the site is served.
    site_url = os.environ.get("ENCOURS_SITE_URL") or config.site_url
    if site_url and languages and _handbook.lang != languages[0]:
        site_url = site_url.rstrip("/") + f"/{_handbook.lang}/"
    config.site_url = site_url
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _handbook is not None
    for path, markdown in _handbook.pages.items():
        files.append(File.generated(config, path, content=markdown))
    for asset in _handbook.assets:
        if asset.source is not None:
            files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.path, content=asset.content))
    return files
