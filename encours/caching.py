"""How long a server may keep each file of the built site: what ``deploy/nginx.conf`` says in
its locations, and the cache rules of ``site/_headers`` (Netlify, Cloudflare Pages).

A file whose name changes when its content does (the calculators bundle
``calculators-<hash>.zip``, Material's ``*.<hash>.min.js`` and ``.min.css``) or that lives under
the Pyodide version's folder (``assets/pyodide/<version>/``: the runtime, the memory snapshot
``snapshot-<hash>.pack.br`` and ``.gz`` and its standard library) is kept a year, never
revalidated.
Everything else (pages, ``policy.json``, the search index, the site's own scripts, the service
worker) is revalidated on every use, so that a new version of the policy is seen at once:
nginx says ``no-cache``; the ``_headers`` hosts do the same for a file no rule names (their
default, ``max-age=0, must-revalidate``), and a second ``Cache-Control`` rule would be joined to
the first, not replace it.

Nothing here knows MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
RUNTIME = "assets/pyodide/"
"""The Pyodide runtime's folder, at the site's root (other languages use the same copy)."""
_NAMED_BY_CONTENT = re.compile(
    r"(?:^|/)assets/(?:calculators/calculators-[0-9a-f]+\.zip"
    r"|(?:javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(?:js|css))$"
)


def cache_control(path: str) -> str:
    """The ``Cache-Control`` of the file at ``path``, from the site's root (``assets/…``)."""
    return IMMUTABLE if path.startswith(RUNTIME) or _NAMED_BY_CONTENT.search(path) else REVALIDATE


def immutable_rules(site_dir: Path) -> list[str]:
    """The paths of ``_headers`` rules that give :data:`IMMUTABLE`: the runtime's folder as one
    rule (``/assets/pyodide/*``), then each other file of the built site named by its content
    (a splat cannot say "eight hex digits", so they are listed by name)."""
    named = sorted(
        "/" + path
        for path in (file.relative_to(site_dir).as_posix() for file in site_dir.rglob("*")
                     if file.is_file())
        if not path.startswith(RUNTIME) and cache_control(path) == IMMUTABLE
    )
    return [f"/{RUNTIME}*", *named]
