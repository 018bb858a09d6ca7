"""How ``make test`` shares the tests between pytest-xdist workers (``-n 2 --dist loadgroup
--no-loadscope-reorder``).

Each module is one unit of work, so that its module-scoped fixtures (a clone, a fresh virtual
environment, a strict build, a booted page) are made once, with two exceptions:

- the site walk goes to the workers one language at a time (:data:`SPLIT`), its longest part;
- the modules that read the handbook built from the hostile policy are one unit
  (:data:`TOGETHER`), so that it is built once.

The built site, its server and Chromium are session fixtures: each worker that runs a browser or
site test builds the site once (about 5 s) and starts one browser. Most of a browser test's time
is waiting (for a page to load, for Python, for the network to be idle), so two workers running
browser tests side by side keep both cores busy where one left half of one idle.

The units go out longest first (:data:`FIRST`, measured on an idle machine), then in the order
of collection, each to the first worker free, so that the short modules fill in at the end.

(pytest-xdist's own ``xdist_group`` marks do nothing with pytest 9.2, whose node ids xdist 3.8
can no longer rename: :class:`Units` groups by node id instead; :func:`check` makes sure no test
outside ``tests/browser`` and ``tests/site`` builds the site or starts a browser.)
"""

from __future__ import annotations

from typing import Any

import pytest

SITE_FOLDERS = ("tests/browser/", "tests/site/")
# The session fixtures worth one build or one browser per worker, kept to the folders above.
SHARED = frozenset({"served_site", "hostile_title_built_site", "browser"})
# Modules shared out by the parameter of their tests (one unit per value).
SPLIT = frozenset({"tests/browser/test_site_walk.py"})
# Modules that share a costly module of their own: one unit, named here.
TOGETHER = {
    "tests/site/test_site_escaping.py": "hostile policy",
    "tests/browser/test_hostile_site.py": "hostile policy",
}
# The longest units, started first (seconds on an idle machine, one worker: 70, 70, 55, 35,
# 35, 30, 30, 30, 25).
FIRST = (
    "tests/browser/test_site_walk.py[fr]",
    "tests/browser/test_site_walk.py[en]",
    "tests/browser/test_calculator_pages.py",
    "tests/browser/test_snapshot_start.py",
    "tests/browser/test_policy_tools.py",
    "tests/test_pyodide_suite.py",
    "tests/browser/test_calculator_links.py",
    "tests/browser/test_calculator_storage.py",
    "tests/test_precommit_hook.py",
    "hostile policy",
)


def unit(nodeid: str) -> str:
    """The unit of work of the test ``nodeid``: its module's path, with its parameter for the
    modules of :data:`SPLIT`, or its group's name for those of :data:`TOGETHER`."""
    module, _, test = nodeid.partition("::")
    if module in SPLIT and test.endswith("]"):
        return f"{module}[{test[test.index('[') + 1:]}"
    return TOGETHER.get(module, module)


def check(items: list[pytest.Item]) -> None:
    """Every test that uses a shared session fixture is in ``tests/browser`` or ``tests/site``."""
    outside = [item.nodeid for item in items
               if SHARED.intersection(getattr(item, "fixturenames", ()))
               and not item.nodeid.startswith(SITE_FOLDERS)]
    if outside:
        raise pytest.UsageError(
            f"these tests use {sorted(SHARED)} outside {SITE_FOLDERS}: move them there, so that "
            f"the other tests run without a built site or a browser: {outside}")


def first_units_first(items: list[pytest.Item]) -> None:
    """Put the items of the :data:`FIRST` units first, in place (collection order otherwise)."""

    def rank(item: pytest.Item) -> int:
        name = unit(item.nodeid)
        return FIRST.index(name) if name in FIRST else len(FIRST)

    items.sort(key=rank)


def scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist's scheduling by scope, whose scopes are :func:`unit`."""
    from xdist.scheduler import LoadScopeScheduling

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

    return Units(config, log)
