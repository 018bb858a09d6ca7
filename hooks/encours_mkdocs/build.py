"""Build the site without ever leaving a broken one behind (``encours build``).

MkDocs cleans ``site/`` before it writes the pages, and a strict-mode failure is only detected
after the pages are written. So the site is built into a fresh staging folder next to it and
swapped in only when every language built: a failed build leaves the previous ``site/`` exactly
as it was. The build runs in this process (the ``encours`` plugin builds each further language
under ``<lang>/``).
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from encours_mkdocs.plugin import EncoursPlugin


def build_site(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    languages: Sequence[str] | None = None,
    site_url: str | None = None,
    cache_dir: Path | None = None,
) -> int:
    """``mkdocs build --strict`` into a staging folder, swapped in on success.

    ``languages`` (e.g. ``["en"]`` for English alone), ``site_url`` (where the site will be
    served: instant navigation follows only links under it) and ``cache_dir`` override
    mkdocs.yml. Returns the exit code (0 when the site was replaced).
    """
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=target.parent))
    _show_mkdocs_log()
    try:
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(str(config_file), site_dir=str(staging), strict=True, **overrides)
        plugin = config.plugins["encours"]
        assert isinstance(plugin, EncoursPlugin)
        if languages:
            plugin.config.languages = list(languages)
        if cache_dir:
            plugin.config.cache_dir = str(cache_dir)
        try:
            build(config)
        except MkDocsException as failure:
            print(f"Build failed: {failure}\n{target} was left as it was.", file=sys.stderr)
            return 1
        previous = target.with_name(target.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        print(f"Handbook written to {target} ({', '.join(plugin.config.languages)})")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _show_mkdocs_log() -> None:
    """MkDocs' messages on standard error, as ``mkdocs build`` prints them."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
