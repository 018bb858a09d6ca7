"""How ``make test`` shares the tests between two pytest-xdist workers (``-n 2 --dist loadgroup
--no-loadscope-reorder``, one worker per core).

Each module is one unit of work, so that its module-scoped fixtures (a clone, a fresh virtual
environment, a strict build) are made once; and the modules that use the session's built site,
its server or Chromium (``tests/browser/``, ``tests/site/``) are one unit together, ``site``,
so that the handbook is built once and one browser is started. The units go out in the order
of :data:`FIRST`, then of collection, each to the first worker free: the site unit and the two
long single tests start at once, side by side, and the short modules fill in around them.

(pytest-xdist's own ``xdist_group`` marks do nothing with pytest 9.2, whose node ids xdist 3.8
can no longer rename: :class:`Units` groups by node id instead, and :func:`check` makes sure no
test that uses a shared session fixture is left outside the site unit.)
"""

from __future__ import annotations

from typing import Any

import pytest

SITE = "site"
SITE_FOLDERS = ("tests/browser/", "tests/site/")
# The session fixtures worth one build or one browser per run, not one per worker.
SHARED = frozenset({"served_site", "hostile_title_built_site", "browser"})
# The longest units, started first (about 110 s, 35 s and 30 s on an idle machine).
FIRST = (SITE, "tests/test_pyodide_suite.py", "tests/test_precommit_hook.py")


def unit(nodeid: str) -> str:
    """The unit of work of the test ``nodeid``: ``site``, or its module's path."""
    module = nodeid.split("::", 1)[0]
    return SITE if module.startswith(SITE_FOLDERS) else module


def check(items: list[pytest.Item]) -> None:
    """Every test that uses a shared session fixture is in the site unit."""
    outside = [item.nodeid for item in items
               if SHARED.intersection(getattr(item, "fixturenames", ()))
               and unit(item.nodeid) != SITE]
    if outside:
        raise pytest.UsageError(
            f"these tests use {sorted(SHARED)} outside {SITE_FOLDERS}: move them there, or "
            f"a second worker would build the site again: {outside}")


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
