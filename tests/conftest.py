"""Fixtures shared by the built-site tests (``tests/site``) and the browser tests
(``tests/browser``): the handbook built once per session, and served on localhost. And the
calculators' tests this run collected, for the Pyodide suite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import collection, workers
from tests.support.harness import build
from tests.support.hostile import hostile_title_site
from tools.serve import serve


@pytest.hookimpl(tryfirst=True)  # before -m and -k deselect
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    collection.record(session, items)
    if config.getoption("loadgroup", False):  # a pytest-xdist worker, under --dist loadgroup
        workers.check(items)
        workers.first_units_first(items)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: `make test` shares out the tests
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    return workers.scheduler(config, log) if config.getvalue("dist") == "loadgroup" else None


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The handbook built from this repository, in both languages, once per session (in this
    process, as ``encours build`` does), and the URL it is served at (known before the build,
    which writes it into the sitemap)."""
    site = tmp_path_factory.mktemp("built") / "site"
    with serve(site) as url:
        done = build(site, site_url=f"{url}/")
        if done.returncode != 0:
            pytest.fail(
                f"the handbook does not build (exit {done.returncode}):\n{done.output}",
                pytrace=False,
            )
        yield site, url


@pytest.fixture(scope="session")
def built_site(served_site: tuple[Path, str]) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site: tuple[Path, str]) -> str:
    """The built site on a free localhost port, with the MIME types Pyodide needs."""
    return served_site[1]


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """The URL path of every page of the built site (``/``, ``/terms/``, …, ``/404.html``)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site)
        if relative.parts[0] == "assets":
            continue
        path = "/" + relative.as_posix()
        pages.append(path.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="session")
def policy_json(built_site: Path) -> dict[str, Any]:
    """``assets/policy.json`` as the browser reads it."""
    return json.loads((built_site / "assets" / "policy.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def octet_stream_site_url(built_site: Path) -> Iterator[str]:
    """The built site served as a misconfigured server would: ``.wasm`` as octet-stream."""
    with serve(built_site, wasm_type="application/octet-stream") as url:
        yield url


@pytest.fixture(scope="session")
def hostile_title_built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example policy with a title and a version that carry script, built once (French):
    read as HTML by ``tests/site/test_site_escaping.py``, opened in Chromium by
    ``tests/browser/test_hostile_site.py``."""
    return hostile_title_site(tmp_path_factory.mktemp("hostile-title"))

