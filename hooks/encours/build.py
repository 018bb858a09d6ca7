"""Build the site without ever leaving a broken one behind.

MkDocs cleans ``site/`` before it writes the pages, and a strict-mode failure is only detected
after the pages are written. So the site is built into a fresh staging folder next to it and
swapped in only when every language built: a failed build leaves the previous ``site/`` exactly
as it was.

With several languages, the first is the site's root and each other one a sub-folder
(``site/en/``); every build gets a language switch linking them (``ENCOURS_LANGUAGES``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def language_switch(lang: str, languages: Sequence[str]) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for the build of ``lang``: links relative to its root."""
    root = "./" if lang == languages[0] else "../"

    def link(other: str) -> str:
        if other == lang:
            return "./"
        return root if other == languages[0] else f"{root}{other}/"

    return [
        {"name": LANGUAGE_NAMES[other], "lang": other, "link": link(other)} for other in languages
    ]


def build_site(
    root: Path, *, site_dir: Path | None = None, languages: Sequence[str] = ("fr",)
) -> int:
    """``mkdocs build --strict`` of each language into a staging folder, swapped in on success.

    Returns the exit code (0 when the site was replaced).
    """
    target = (site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=target.parent))
    try:
        for lang in languages:
            out = staging if lang == languages[0] else staging / lang
            env = {**os.environ, "ENCOURS_LANG": lang, "ENCOURS_LANGUAGES": ",".join(languages)}
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
            completed = subprocess.run(command, cwd=root, env=env, check=False)
            if completed.returncode != 0:
                print(f"Build failed ({lang}): {target} was left as it was.", file=sys.stderr)
                return completed.returncode
        previous = target.with_name(target.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        print(f"Handbook written to {target} ({', '.join(languages)})")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
