"""The built site's service worker (``encours-sw.js``) and what the pages tell it:

- it lists, for each language, every page and the assets a reader needs offline, each of which
  exists; never the Pyodide runtime nor the calculators bundle (a handbook page fetches no byte
  of them), nor source maps, ``.gz`` variants or the build's header lists;
- every page (the 404 pages too, whose links are absolute) names the one worker at the site's
  root, and its language;
- its version changes with the policy's content hash and with any listed file; a change to the
  runtime changes the runtime's digest (the name of its cache), not the pages listed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest

from encours.offline import SERVICE_WORKER, STOPPED_SERVICE_WORKER, offline_manifest
from encours_mkdocs.plugin import EncoursPlugin
from tests.site.test_site_security import Server
from tests.support.harness import ROOT, build, mini_project

META = re.compile(r'<meta name="encours-offline" content="([^"]*)" data-prefix="([^"]*)"')


def manifest(site: Path) -> dict:
    text = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"self\.ENCOURS_OFFLINE = (.*);\n", text).group(1))


def test_each_language_lists_its_pages_and_assets_and_no_runtime(built_site: Path) -> None:
    listed = manifest(built_site)["languages"]
    assert set(listed) == {"", "en/"}
    for prefix, paths in listed.items():
        for path in paths:
            file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
            assert file.is_file(), path
            assert not re.search(r"(^|/)assets/(pyodide|brotli|calculators)/", path), path
            assert not path.endswith((".map", ".gz", ".br")) and "_headers" not in path, path
        pages = {path for path in paths if path.endswith("/") or path == prefix}
        assert {prefix, f"{prefix}terms/", f"{prefix}calculators/penalty/"} <= pages
        others = {"", "en/"} - {prefix}
        assert all(path.startswith(prefix) or path in {f"{o}sitemap.xml" for o in others}
                   for path in paths), prefix
        for needed in ("assets/policy.json", "search/search_index.json",
                       "assets/javascripts/mermaid.min.js", "sitemap.xml"):
            assert prefix + needed in paths, (prefix, needed)
    assert manifest(built_site)["runtime"]["folders"] == [
        "assets/pyodide/", "assets/brotli/", "assets/calculators/",
        "en/assets/pyodide/", "en/assets/brotli/", "en/assets/calculators/"]


def test_every_page_names_the_worker_at_the_root_and_its_language(
    built_site: Path, site_url: str, site_pages: list[str],
) -> None:
    for path in site_pages:
        file = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        found = META.search(file.read_text(encoding="utf-8"))
        assert found, path
        assert urljoin(site_url + path, found.group(1)) == f"{site_url}/{SERVICE_WORKER}", path
        assert found.group(2) == ("en/" if path.startswith("/en/") else ""), path


def test_the_version_follows_the_policy_and_the_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "terms").mkdir(parents=True)
    (site / "assets" / "pyodide" / "1").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "terms" / "index.html").write_text("terms", encoding="utf-8")
    (site / "assets" / "pyodide" / "1" / "python.wasm").write_bytes(b"\0asm")
    first = offline_manifest(site, ["fr"], {"fr": "a"})
    assert first["languages"] == {"": ["", "terms/"]}
    assert offline_manifest(site, ["fr"], {"fr": "a"}) == first
    assert offline_manifest(site, ["fr"], {"fr": "b"})["version"] != first["version"]
    (site / "terms" / "index.html").write_text("terms, changed", encoding="utf-8")
    changed = offline_manifest(site, ["fr"], {"fr": "a"})
    assert changed["version"] != first["version"]
    assert changed["runtime"] == first["runtime"]
    (site / "assets" / "pyodide" / "1" / "python.wasm").write_bytes(b"\0asm2")
    runtime = offline_manifest(site, ["fr"], {"fr": "a"})
    assert runtime["runtime"]["digest"] != changed["runtime"]["digest"]
    shutil.rmtree(site / "assets")
    assert offline_manifest(site, ["fr"], {"fr": "a"})["languages"] == first["languages"]


def test_mkdocs_serve_gets_a_worker_that_removes_itself_and_pages_that_register_none(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under ``mkdocs serve``, a cached copy would hide the live pages: after the first build,
    ``on_serve`` replaces the worker by one that unregisters itself and empties its caches, and
    later builds write pages that register no worker."""
    site = tmp_path / "served"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("assets", "en"))
    monkeypatch.setattr(EncoursPlugin, "serving", False)
    plugin = EncoursPlugin()
    plugin.load_config({"policy_dir": str(ROOT / "policy")})
    plugin.on_serve(Server(), config=SimpleNamespace(site_dir=str(site)), builder=None)
    stopped = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    assert stopped == STOPPED_SERVICE_WORKER
    assert "registration.unregister()" in stopped and "caches.delete" in stopped
    assert "ENCOURS_OFFLINE" not in stopped

    rebuilt = tmp_path / "rebuilt"
    done = build(rebuilt, root=mini_project(tmp_path / "project"))  # EncoursPlugin.serving: True
    assert done.returncode == 0, done.output
    assert (rebuilt / SERVICE_WORKER).read_text(encoding="utf-8") == STOPPED_SERVICE_WORKER
    registering = [page for page in rebuilt.rglob("*.html")
                   if 'name="encours-offline"' in page.read_text(encoding="utf-8")]
    assert not registering
