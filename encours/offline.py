"""Offline reading: the service worker of a built site (``encours-sw.js`` at its root).

:func:`write_service_worker` lists, for each language's handbook, the files a reader needs
with no network (its pages, its stylesheets and scripts, its search index, Mermaid,
``policy.json``) and writes them, with a version, in front of ``service-worker.js`` (the
worker's logic). The Pyodide runtime and the calculators bundle are never listed: the worker
caches them only as a calculator page loads them, so a handbook page still downloads no byte
of Pyodide.

The version is the policy's content hash of each language and a hash of every listed file
and of the runtime: any change to the policy, a page or an asset changes the worker's bytes,
which is how a browser learns that a newer handbook was published.

Nothing here knows MkDocs: the plugin calls it once every language is built.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

SERVICE_WORKER = "encours-sw.js"
LOGIC = Path(__file__).with_name("service-worker.js")
RUNTIME_FOLDERS = ("assets/pyodide/", "assets/brotli/", "assets/calculators/")
"""Under each handbook's root: cached only when a calculator page fetches them."""
_SKIPPED_SUFFIXES = (".map", ".gz", ".br")
_LUNR = "assets/javascripts/lunr/"
# Search's stemmers: the language's own and the two every language loads; the word splitters
# (tinyseg, wordcut) serve only Japanese and Thai.
_LUNR_ALWAYS = ("min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js")


def _listed(path: str, lang: str) -> bool:
    """Whether ``path`` (inside one language's handbook) is cached for offline reading."""
    if path.startswith(RUNTIME_FOLDERS) or path.endswith(_SKIPPED_SUFFIXES):
        return False
    if path.startswith("_headers") or path == SERVICE_WORKER:
        return False
    if path.startswith(_LUNR):
        name = path.removeprefix(_LUNR)
        return name in _LUNR_ALWAYS or name == f"min/lunr.{lang}.min.js"
    return True


def _url_path(path: str) -> str:
    """The path a reader asks for: ``terms/`` for ``terms/index.html``."""
    return path.removesuffix("index.html") if path.endswith("index.html") else path


def offline_manifest(site_dir: Path, languages: Sequence[str],
                     content_hashes: dict[str, str]) -> dict:
    """What ``encours-sw.js`` is told: ``version``, ``languages`` (prefix → paths from the
    site's root) and ``runtime`` (``digest``, ``folders``). ``languages[0]`` is at the root,
    each other under ``<lang>/``; ``content_hashes`` is each language's policy hash."""
    prefixes = {lang: ("" if index == 0 else f"{lang}/") for index, lang in enumerate(languages)}
    others = {prefix for prefix in prefixes.values() if prefix}
    listed: dict[str, list[str]] = {prefix: [] for prefix in prefixes.values()}
    digest = hashlib.sha256()
    runtime = hashlib.sha256()
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        path = file.relative_to(site_dir).as_posix()
        prefix = next((other for other in others if path.startswith(other)), "")
        inside = path.removeprefix(prefix)
        lang = next(lang for lang, value in prefixes.items() if value == prefix)
        if inside.startswith(RUNTIME_FOLDERS):
            runtime.update(f"{path}\0".encode())
            runtime.update(hashlib.sha256(file.read_bytes()).digest())
            continue
        if not _listed(inside, lang):
            continue
        url = prefix + _url_path(inside)
        listed[prefix].append(url)
        digest.update(f"{url}\0".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    # Material's language switch reads every language's sitemap, from any page.
    sitemaps = [f"{prefix}sitemap.xml" for prefix in listed
                if f"{prefix}sitemap.xml" in listed[prefix]]
    for paths in listed.values():
        paths.extend(sitemap for sitemap in sitemaps if sitemap not in paths)
    for lang in languages:
        digest.update(f"{lang}:{content_hashes.get(lang, '')}\0".encode())
    runtime_digest = runtime.hexdigest()[:16]
    digest.update(runtime_digest.encode())
    digest.update(LOGIC.read_bytes())
    folders = [prefix + folder for prefix in prefixes.values() for folder in RUNTIME_FOLDERS]
    return {
        "version": digest.hexdigest()[:16],
        "policy": {prefixes[lang]: content_hashes.get(lang, "") for lang in languages},
        "languages": listed,
        "runtime": {"digest": runtime_digest, "folders": folders},
    }


def write_service_worker(site_dir: Path, languages: Sequence[str],
                         content_hashes: dict[str, str]) -> dict:
    """Write ``encours-sw.js`` at the root of the built site; returns its manifest."""
    manifest = offline_manifest(site_dir, languages, content_hashes)
    header = ("// Written by the Encours build (encours/offline.py): this build's files.\n"
              f"self.ENCOURS_OFFLINE = {json.dumps(manifest, sort_keys=True)};\n\n")
    (site_dir / SERVICE_WORKER).write_text(header + LOGIC.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    return manifest


STOPPED_SERVICE_WORKER = """\
// mkdocs serve: no offline copy. A worker a built site registered on this address takes itself
// out, its caches too, so that the next load shows the live pages (and live reload works).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("encours-")) await caches.delete(name);
    }
    await self.registration.unregister();
  })());
});
"""


def write_stopped_service_worker(site_dir: Path) -> None:
    """Under ``mkdocs serve``: an ``encours-sw.js`` that removes itself (see above)."""
    (site_dir / SERVICE_WORKER).write_text(STOPPED_SERVICE_WORKER, encoding="utf-8")
