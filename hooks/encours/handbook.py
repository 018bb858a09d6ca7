"""From a policy folder to everything a static site needs: pages, navigation, assets, stamp.

``build_handbook(root)`` is what the MkDocs hook calls; another static-site tool can call it the
same way and write ``pages`` and ``assets`` itself.

The policy's versions in git (``encours.versions``) add the Versions page, the "what changes"
box on the home page, a "modified in version N" marker on each changed chapter, and the stamp's
commit and draft marking. ``notes`` says what the build could not know (no git history): they
are information, not warnings, so a build from a tarball or a shallow clone still passes in
strict mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from encours import assets
from encours.i18n import DEFAULT_LANGUAGE, LANGUAGES, Catalogue
from encours.policy import Policy, load_policy
from encours.render import Runtime, render_pages
from encours.render.calculator_pages import policy_hash
from encours.snapshot import SnapshotUnavailable, cache_folder, pyodide_snapshot
from encours.versions import page as versions
from encours.versions.history import build_history


@dataclass
class Handbook:
    lang: str
    site_name: str
    pages: dict[str, str]
    nav: list[Any]
    assets: list[assets.Asset]
    stamp: dict[str, Any]
    """``version``, ``effective_date``, ``commit`` (short, of the last commit that changed the
    policy), ``draft`` (bool), ``release`` (its tag), ``stamp`` (the line every page shows),
    ``banner`` and ``banner_detail`` (the draft banner, None when released)."""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def policy_json(policy: Policy) -> dict[str, Any]:
    """What the calculators read in the browser: the policy's values, version and content hash."""
    return {
        "version": policy.document.version,
        "effective_date": policy.document.effective_date.isoformat(),
        "content_hash": policy_hash(policy),
        "currency": policy.company.currency,
        "reference_rates": policy.rates.reference_rates() if policy.rates else {},
        "policy": policy.model_dump(mode="json"),
    }


def build_handbook(
    root: Path, *, lang: str = DEFAULT_LANGUAGE, runtime_root: str = ""
) -> Handbook:
    """Load and validate ``root/policy``, then render the pages and gather the assets.

    ``runtime_root`` (e.g. ``"../"``) says the Pyodide runtime and snapshot are shipped by the
    handbook at that path from this one's root: this one points its pages there and does not
    ship its own copy.

    Raises ``PolicyInvalid`` (every problem, with file and line) before anything is produced.
    """
    if lang not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        raise ValueError(f"unknown handbook language {lang!r}: choose one of {choices}")
    loaded = load_policy(root / "policy", lang=lang)
    policy = loaded.policy
    node_modules = root / "node_modules"
    bundle = assets.calculators_bundle(root / "calculators")
    snapshot_warnings: list[str] = []
    try:
        snapshot = [pyodide_snapshot(node_modules, bundle, cache_folder(root))]
    except SnapshotUnavailable as unavailable:
        snapshot, snapshot_warnings = [], [str(unavailable)]
    runtime = Runtime(
        pyodide_version=assets.pyodide_version(node_modules),
        bundle_name=bundle.path.rsplit("/", 1)[-1],
        snapshot_name=snapshot[0].path.rsplit("/", 1)[-1] if snapshot else None,
        site_root=runtime_root,
    )
    rendered = render_pages(policy, lang=lang, runtime=runtime)
    labels = Catalogue(lang)
    history = build_history(root / "policy", policy, lang)
    pages = versions.annotate(rendered.pages, history, labels)
    pages[versions.VERSIONS_PAGE] = versions.versions_page(history, labels,
                                                           policy.company.currency)
    runtime_files = [] if runtime_root else [*assets.pyodide_runtime(node_modules), *snapshot]
    shipped = [
        *runtime_files,
        bundle,
        assets.mermaid(node_modules),
        assets.json_asset("assets/policy.json", policy_json(policy)),
    ]
    stamp = {
        "version": policy.document.version,
        "effective_date": policy.document.effective_date.isoformat(),
        **versions.stamp(rendered.stamp, history.provenance, labels),
    }
    warnings = [str(problem) for problem in loaded.warnings] + rendered.warnings + snapshot_warnings
    return Handbook(
        lang=lang,
        site_name=rendered.site_name,
        pages=pages,
        nav=versions.with_versions_nav(rendered.nav, labels),
        assets=shipped,
        stamp=stamp,
        warnings=warnings,
        notes=history.notes,
    )
