"""The few git questions the versions need, asked through the `git` command (no library).

Every call runs ``git -C <top-level> ...`` with the variables a git hook may set (``GIT_DIR``,
``GIT_INDEX_FILE``…) removed, so the answers are about the policy's own repository whoever
calls. A failing command raises :class:`GitError` with git's own message.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Set by git when it runs a hook: they would point every command at another repository.
_HOOK_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX",
                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES")


class GitError(Exception):
    """A git command failed; the message is git's, on one line."""


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _HOOK_VARIABLES}
    env["LC_ALL"] = "C"  # git's messages in English whatever the locale, for the log
    return env


def run_git(cwd: Path, *args: str, binary: bool = False) -> str | bytes:
    """``git args`` in ``cwd``: its standard output (text unless ``binary``)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=_environment(), capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except OSError as exc:
        raise GitError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {args[0]} failed ({done.returncode})")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class Commit:
    """A commit: full and short hash, and its committer date (ISO 8601)."""

    sha: str
    short: str
    date: str


@dataclass(frozen=True)
class Repository:
    """The git repository holding a policy folder, and that folder's path inside it."""

    top: Path
    policy: str
    """The policy folder relative to ``top``, in git's spelling (``policy``)."""

    @classmethod
    def find(cls, policy_dir: Path) -> Repository:
        """The repository ``policy_dir`` is in; raises GitError when there is none."""
        if not policy_dir.is_dir():
            raise GitError(f"{policy_dir} is not a folder")
        top = str(run_git(policy_dir, "rev-parse", "--show-toplevel")).strip()
        relative = policy_dir.resolve().relative_to(Path(top).resolve())
        return cls(Path(top), relative.as_posix() if relative.parts else ".")

    def git(self, *args: str) -> str:
        return str(run_git(self.top, *args))

    def succeeds(self, *args: str) -> bool:
        """Whether ``git args`` exits with 0 (for yes/no questions such as ``merge-base``)."""
        try:
            run_git(self.top, *args)
        except GitError:
            return False
        return True

    def is_shallow(self) -> bool:
        return self.git("rev-parse", "--is-shallow-repository").strip() == "true"

    def commit(self, rev: str) -> Commit | None:
        """The commit ``rev`` names (a tag, a branch, a hash), or None if it names none."""
        try:
            out = self.git("log", "-1", "--format=%H%x00%h%x00%cI", f"{rev}^{{commit}}", "--")
        except GitError:
            return None
        sha, short, date = out.strip().split("\0")
        return Commit(sha, short, date)

    def last_policy_commit(self, rev: str = "HEAD") -> Commit | None:
        """The last commit up to ``rev`` that touched the policy folder (None: never committed)."""
        try:
            out = self.git("log", "-1", "--format=%H%x00%h%x00%cI", rev, "--", self.policy)
        except GitError:
            return None
        if not out.strip():
            return None
        sha, short, date = out.strip().split("\0")
        return Commit(sha, short, date)

    def first_policy_commit(self, rev: str = "HEAD") -> Commit | None:
        """The commit that first added the policy folder, in the history of ``rev``."""
        try:
            out = self.git("rev-list", "--reverse", rev, "--", self.policy)
        except GitError:
            return None
        first = out.split("\n", 1)[0].strip()
        return self.commit(first) if first else None

    def policy_tree(self, rev: str) -> str | None:
        """The git object id of the policy folder at ``rev`` (same id: same files)."""
        try:
            return self.git("rev-parse", "--verify", "-q", f"{rev}:{self.policy}").strip() or None
        except GitError:
            return None

    def is_dirty(self) -> bool:
        """Whether the policy folder has changes not committed (untracked files included)."""
        status = self.git("status", "--porcelain", "--untracked-files=all", "--", self.policy)
        return bool(status.strip())

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.succeeds("merge-base", "--is-ancestor", older, newer)

    def tags(self, pattern: str) -> list[tuple[str, str, int]]:
        """Tags matching ``pattern``: (name, commit sha, commit time), annotated or not."""
        out = self.git("for-each-ref", "--format=%(refname:strip=2)%00%(objectname)"
                       "%00%(*objectname)%00%(committerdate:unix)%00%(*committerdate:unix)",
                       f"refs/tags/{pattern}")
        found = []
        for line in out.splitlines():
            name, sha, target, date, target_date = line.split("\0")
            found.append((name, target or sha, int(target_date or date or 0)))
        return found

    def extract_policy(self, rev: str, target: Path) -> list[str]:
        """Write the policy files of ``rev`` into ``target``; returns the file names.

        One ``git archive`` call; only the regular files directly inside the policy folder are
        written (the loader reads nothing else), each by its base name: no path from the
        archive is ever used as a path on disk.
        """
        data = run_git(self.top, "archive", "--format=tar", rev, "--", self.policy, binary=True)
        target.mkdir(parents=True, exist_ok=True)
        prefix = PurePosixPath(self.policy)
        names = []
        with tarfile.open(fileobj=io.BytesIO(bytes(data)), mode="r:") as archive:
            for member in archive.getmembers():
                path = PurePosixPath(member.name)
                if not member.isfile() or path.parent != prefix:
                    continue
                source = archive.extractfile(member)
                if source is None:
                    continue
                (target / path.name).write_bytes(source.read())
                names.append(path.name)
        return names
