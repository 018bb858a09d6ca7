"""The handbook does not need MkDocs' Encours plugin: the renderer's output, written to a folder,
builds with plain MkDocs (the theme and Markdown extensions of mkdocs.yml, no Encours code at
build time). This is what moving to another static-site tool starts from (README: "Another
static-site tool")."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from encours import build_handbook

ROOT = Path(__file__).resolve().parents[2]


def plain_mkdocs_project(folder: Path) -> tuple[Path, dict[str, str]]:
    """mkdocs.yml without the encours plugin, the nav, name and stamp written in it, and docs/
    holding the hand-written pages with the generated pages and assets."""
    handbook = build_handbook(ROOT)
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    handbook.write(docs)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - encours:.*?\n(?=  - search)", "\n", config, flags=re.DOTALL)
    site_name = f"site_name: {json.dumps(handbook.site_name)}"
    config = re.sub(r"^site_name: .*$", lambda _: site_name, config, flags=re.MULTILINE)
    extra = json.dumps({"encours": handbook.stamp})
    config += f"\nnav: {json.dumps(handbook.nav)}\nextra: {extra}\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml", handbook.pages


def test_generated_pages_build_with_plain_mkdocs(tmp_path: Path) -> None:
    config, pages = plain_mkdocs_project(tmp_path)
    assert "encours" not in re.findall(r"^  - (\w+)", config.read_text(), flags=re.MULTILINE)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "--site-dir", str(tmp_path / "site")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "encours" not in done.stderr.lower().replace("encours-", "")
    site = tmp_path / "site"
    for page in pages:
        html = site / (page.removesuffix(".md").removesuffix("index") + "/index.html")
        html = site / "index.html" if page == "index.md" else html
        assert html.is_file(), f"{page} was not built"
    penalty = (site / "calculators" / "penalty" / "index.html").read_text(encoding="utf-8")
    assert "243,05" in penalty and 'data-calculator="penalty"' in penalty
    stamp = (site / "index.html").read_text(encoding="utf-8")
    assert "data-encours-stamp" in stamp and "2026.2" in stamp
