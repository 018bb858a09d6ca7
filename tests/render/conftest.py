"""The example policy and its handbook rendered once per test run, in both languages, without
MkDocs: what the renderer's tests read (they must not change them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from encours.policy import load_policy
from encours.render import render_pages
from tests.support.rendering import RUNTIME

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def policy():
    return load_policy(ROOT / "policy").policy


@pytest.fixture(scope="session")
def french(policy):
    return render_pages(policy, lang="fr", runtime=RUNTIME)


@pytest.fixture(scope="session")
def english(policy):
    return render_pages(policy, lang="en", runtime=RUNTIME)
