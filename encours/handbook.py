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

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import calculators
from encours import assets, precompressed
from encours.i18n import DEFAULT_LANGUAGE, LANGUAGES, Catalogue
from encours.policy import load_policy
from encours.render import Runtime, render_pages
from encours.render.calculator_pages import policy_hash
from encours.render.policy_document import policy_json
from encours.snapshot import SnapshotUnavailable, pyodide_snapshot
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

    def write(self, folder: Path) -> list[Path]:
        """Write the pages (Markdown) and the assets into ``folder``, as a static-site tool's
        docs folder: what any tool other than MkDocs' plugin needs. Returns the files written."""
        written = []
        files = [(path, text.encode("utf-8")) for path, text in self.pages.items()]
        files += [(asset.path, asset.read()) for asset in self.assets]
        for path, content in files:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
        return written


def build_handbook(
    root: Path,
    *,
    lang: str = DEFAULT_LANGUAGE,
    runtime_root: str = "",
    policy_dir: Path | None = None,
    cache_dir: Path | None = None,
    snapshot: bool = True,
) -> Handbook:
    """Load and validate the policy, then render the pages and gather the assets.

    ``root`` is the project folder: its ``node_modules`` has the pinned Pyodide and Mermaid;
    the policy is ``policy_dir`` (default ``root/policy``); the Pyodide snapshot and compiled
    templates are kept in ``cache_dir`` (default ``root/.cache``). ``snapshot=False`` ships no
    Pyodide memory snapshot (pages start Python the normal way). ``runtime_root`` (e.g.
    ``"../"``) says the Pyodide runtime and snapshot are shipped by the handbook at that path
    from this one's root: this one points its pages there and does not ship its own copy.

    Raises ``PolicyInvalid`` (every problem, with file and line) before anything is produced.
    """
    if lang not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        raise ValueError(f"unknown handbook language {lang!r}: choose one of {choices}")
    policy_dir = policy_dir or root / "policy"
    cache_dir = cache_dir or root / ".cache"
    loaded = load_policy(policy_dir, lang=lang)
    policy = loaded.policy
    node_modules = root / "node_modules"
    bundle = assets.calculators_bundle(Path(calculators.__file__).parent)
    snapshots: list[assets.Asset] = []
    snapshot_warnings: list[str] = []
    if snapshot:
        try:
            snapshots = pyodide_snapshot(node_modules, bundle, cache_dir / "pyodide-snapshots")
        except SnapshotUnavailable as unavailable:
            snapshot_warnings = [str(unavailable)]
    pyodide_files = assets.pyodide_runtime(node_modules, cache_dir / "pyodide-gz")
    # With a snapshot, the three files its start downloads also as Brotli (precompressed.py).
    brotli_files, brotli_digests = precompressed.brotli_assets(
        [next(a for a in pyodide_files if a.path.endswith("/pyodide.asm.wasm")), *snapshots[:2]],
        cache_dir / "brotli") if snapshots else ([], {})
    snapshot_name, stdlib_name = ([asset.path.rsplit("/", 1)[-1] for asset in snapshots[:2]]
                                  if snapshots else (None, None))
    runtime = Runtime(
        pyodide_version=assets.pyodide_version(node_modules),
        bundle_name=bundle.path.rsplit("/", 1)[-1],
        # The snapshot's name without its ".gz": it is downloaded as its .br or its .gz.
        snapshot_name=snapshot_name.removesuffix(".gz") if snapshot_name else None,
        stdlib_name=stdlib_name,
        brotli=brotli_digests,
        site_root=runtime_root,
    )
    rendered = render_pages(policy, lang=lang, runtime=runtime, cache_dir=cache_dir)
    labels = Catalogue(lang)
    history = build_history(policy_dir, policy, lang)
    pages = versions.annotate(rendered.pages, history, labels)
    pages[versions.VERSIONS_PAGE] = versions.versions_page(history, labels,
                                                           policy.company.currency, cache_dir)
    runtime_files = [] if runtime_root else [
        *pyodide_files, *snapshots, *brotli_files,
        *(assets.brotli_decoder(node_modules, cache_dir / "pyodide-gz" / "brotli-dec-wasm")
          if brotli_files else [])]
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
        "page_loading": labels("page_loading"),  # names the progress bar (encours-a11y.js)
        # Offline reading (encours-offline.js): where the service worker is, from this
        # handbook's root (one worker for every language, at the first one's root), the
        # policy the page shows, and the banner saying a newer version was published.
        "site_root": runtime_root,
        "content_hash": policy_hash(policy),
        "update_available": labels("offline.update_available"),
        "update_reload": labels("offline.reload"),
        # What a calculator page's worker needs to start Python, in the page's head (see
        # docs/overrides/main.html): the same values as the calculator form's data attributes.
        "calculators": {
            "runtime": runtime.folder,
            "bundle": runtime.bundle_name,
            "snapshot": runtime.snapshot_name or "",
            "stdlib": runtime.stdlib_name or "",
            "brotli": json.dumps(runtime.brotli, sort_keys=True) if runtime.brotli else "",
        },
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
        # A missing current rate is shown on the pages and said by the build, without failing a
        # strict build: the rate's owner adds it (`make validate` counts it as a warning).
        notes=[*history.notes, *map(str, loaded.rate_warnings)],
    )
