"""Build the site without ever leaving a broken one behind.

MkDocs cleans ``site/`` before it writes the pages, and a strict-mode failure is only detected
after the pages are written. So the site is built into a fresh staging folder next to it and
swapped in only when the build succeeded: a failed build leaves the previous ``site/`` exactly as
it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(root: Path, *, site_dir: Path | None = None, lang: str = "fr") -> int:
    """``mkdocs build --strict`` into a staging folder, swapped in on success; the exit code."""
    target = (site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=target.parent))
    env = {**os.environ, "ENCOURS_LANG": lang}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)]
    try:
        completed = subprocess.run(command, cwd=root, env=env, check=False)
        if completed.returncode != 0:
            print(f"Build failed: {target} was left as it was.", file=sys.stderr)
            return completed.returncode
        previous = target.with_name(target.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        print(f"Handbook written to {target}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
