"""The versions in the handbook: Versions page, home-page box, chapter markers, stamp and draft
banner, for a release, a draft, a shallow clone and a tree without git; and strict MkDocs builds.

Most tests put the versions pieces together as ``build_handbook`` does (history, page, box and
markers on pages given here, stamp), so they do not depend on the chapter templates; one test
goes through ``build_handbook`` and two through a strict MkDocs build of the whole handbook
(French).
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import tarfile
from pathlib import Path

import pytest

from encours.handbook import build_handbook
from encours.i18n import Catalogue
from encours.policy import load_policy
from encours.versions import page as versions
from encours.versions.history import History, build_history
from tests.support.harness import build, copy_project
from tests.versions.conftest import ROOT, PolicyRepo, commit_all, edit, git

SUMMARY_V3 = "Les plus grandes limites sont approuvées par le directeur général."
BASE_STAMP = "Version 2026.3 — en vigueur le 1er décembre 2026"
PAGES = {  # pages as the renderer gives them, titles first (recovery.md is not written yet)
    "index.md": "# Procédure\n\nIntroduction.\n",
    "terms.md": "---\ntitle: Conditions\n---\n# Conditions\n\nDélais.\n",
    "credit-limits.md": "# Limites\n",
    "calculators/penalty.md": "# Pénalités\n",
}


class Versions:
    """What the versions add to the handbook of the project ``root``, in French."""

    def __init__(self, root: Path) -> None:
        policy = load_policy(root / "policy").policy
        self.labels = Catalogue("fr")
        self.history: History = build_history(root / "policy", policy, "fr")
        self.page = versions.versions_page(self.history, self.labels, policy.company.currency)
        self.pages = versions.annotate(PAGES, self.history, self.labels)
        self.stamp = versions.stamp(BASE_STAMP, self.history.provenance, self.labels)


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


def test_versions_page_of_a_release(policy_repo: PolicyRepo) -> None:
    page = Versions(policy_repo.root).page
    assert headings(page) == [
        "## Version 2026.3 { #policy-v2026-3 }",
        "## Version 2026.2 { #policy-v2026-2 }",
        "## Version 2026.1 { #policy-v2026-1 }",
        "## Versions enregistrées dans la politique { #recorded }",
    ]
    c = policy_repo.commits
    assert "Ce manuel est la version publiée 2026.3 (étiquette policy-v2026.3, commit " \
        f"{c['2026.3']})." in page
    assert f"| 20 novembre 2026 | policy-v2026.3 | {c['2026.3']} |" in page
    assert f"| 26 août 2026 | policy-v2026.2 | {c['2026.2']} |" in page
    assert f"| 15 janvier 2026 | policy-v2026.1 | {c['2026.1']} |" in page
    v3, v2, v1 = re.split(r"^## Version 2026\.\d .*$", page, flags=re.M)[1:4]
    assert f"Résumé\n:   {SUMMARY_V3}" in v3
    assert "Approbateurs\n:   Claire Vasseur (Directeur administratif et financier, le 24 août " \
        "2026) ; Julien Roche (Directeur commercial, le 25 août 2026) ; Marc Delorme " \
        "(Directeur général, le 26 août 2026)" in v3
    assert "Changements depuis la version 2026.2 :" in v3
    assert "**Conditions de vente et de paiement**\n\n- Délai de contestation d&#39;une " \
        "facture : 15 jours → 10 jours" in v3
    assert "Changements depuis la version 2026.1 :" in v2
    assert "- Rôle supprimé : Juriste" in v2
    assert "- Nouvelle étape de relance : J+25, Troisième relance (téléphone, responsable : " \
        "Credit manager)" in v2
    assert "Première version publiée : aucune version antérieure à comparer." in v1
    assert "Changements depuis" not in v1
    recorded = page.split("{ #recorded }", 1)[1]
    assert "| 2025.1 | 1er mars 2025 | Première version de la procédure. |" in recorded
    assert "| 2026." not in recorded


def test_home_box_and_chapter_markers_of_a_release(policy_repo: PolicyRepo) -> None:
    pages = Versions(policy_repo.root).pages
    home = pages["index.md"]
    assert home.startswith(
        "# Procédure\n\n"
        '!!! abstract "Ce qui change dans la version 2026.3"\n'
        f"    {SUMMARY_V3}\n\n"), "the box comes right after the page title"
    assert "    - **Conditions de vente et de paiement**\n        - Délai de contestation " \
        "d&#39;une facture : 15 jours → 10 jours\n" in home
    assert "    - **Limites de crédit**\n        - Approbateurs (tranche « au-delà de " \
        "150\u202f000,00\u00a0€ ») : Directeur administratif et financier, Directeur général " \
        "→ Directeur général\n" in home
    assert "Version : 2026.2 → 2026.3" not in home, "what every release changes is left out"
    assert home.endswith(
        "    [Tous les changements et les versions précédentes](versions.md#policy-v2026-3)"
        "\n\n\nIntroduction.\n")
    marker = "[Modifié dans la version 2026.3]({}#policy-v2026-3){{ .encours-modified }}"
    assert pages["terms.md"] == "---\ntitle: Conditions\n---\n# Conditions\n\n" \
        f"{marker.format('versions.md')}\n\n\nDélais.\n"
    assert pages["credit-limits.md"] == f"# Limites\n\n{marker.format('versions.md')}\n\n"
    assert marker.format("../versions.md") in pages["calculators/penalty.md"]  # the ECB rate
    assert "encours-modified" not in home
    assert "recovery.md" not in pages


def test_handbook_of_a_release_at_its_tag(working_copy: PolicyRepo) -> None:
    handbook = build_handbook(working_copy.root, cache_dir=ROOT / ".cache")
    stamp = handbook.stamp
    commit = working_copy.commits["2026.3"]
    assert stamp["draft"] is False and stamp["release"] == "policy-v2026.3"
    assert stamp["commit"] == commit and stamp["version"] == "2026.3"
    assert stamp["stamp"] == f"{BASE_STAMP} — commit {commit}"
    assert stamp["banner"] is None
    # No note on the history; only the current reference rates the policy lacks, if any.
    missing_rates = load_policy(working_copy.root / "policy").rate_warnings
    assert handbook.notes == [str(problem) for problem in missing_rates]
    assert headings(handbook.pages["versions.md"])[0] == "## Version 2026.3 { #policy-v2026-3 }"
    assert "](versions.md#policy-v2026-3){ .encours-modified }" in handbook.pages["terms.md"]
    titles = [next(iter(entry)) for entry in handbook.nav]
    assert titles[-3:] == ["Versions", "Publier la politique", "Calculateurs"]


def test_uncommitted_change_is_a_draft(working_copy: PolicyRepo) -> None:
    edit(working_copy.policy, "terms.yaml", "dispute_window_days: 10", "dispute_window_days: 20")
    found = Versions(working_copy.root)
    commit = working_copy.commits["2026.3"]
    assert found.stamp["draft"] is True and found.stamp["release"] is None
    assert found.stamp["stamp"] == f"BROUILLON — {BASE_STAMP} — commit {commit} — " \
        "modifications non enregistrées"
    assert found.stamp["banner"] == "BROUILLON — version non publiée"
    assert "pas enregistrées dans git" in found.stamp["banner_detail"]
    page = found.page
    assert headings(page)[0] == "## Version en préparation (brouillon) { #draft }"
    draft = page.split("{ #draft }", 1)[1].split("\n## ", 1)[0]
    assert "Version 2026.3, non publiée. Changements depuis 2026.3 :" in draft
    assert "- Délai de contestation d&#39;une facture : 10 jours → 20 jours" in draft
    assert "[Modifié depuis 2026.3 (brouillon)](versions.md#draft){ .encours-modified }" \
        in found.pages["terms.md"]
    assert "Ce qui change dans la version 2026.3 (brouillon, depuis 2026.3)" \
        in found.pages["index.md"]
    assert "encours-modified" not in found.pages["credit-limits.md"]


def test_commit_without_release_tag_is_a_draft(working_copy: PolicyRepo) -> None:
    edit(working_copy.policy, "terms.yaml", "dispute_window_days: 10", "dispute_window_days: 20")
    commit = commit_all(working_copy.root, "Délai de contestation", "2026-12-01T09:00:00+01:00")
    stamp = Versions(working_copy.root).stamp
    assert stamp["draft"] is True and stamp["commit"] == commit
    assert stamp["stamp"] == f"BROUILLON — {BASE_STAMP} — commit {commit}"
    assert f"depuis le commit {commit}, qui n'est pas une version publiée" \
        in stamp["banner_detail"]


def test_commit_outside_the_policy_keeps_the_release(working_copy: PolicyRepo) -> None:
    (working_copy.root / "NOTES.md").write_text("Publication le 1er décembre.\n")
    git(working_copy.root, "add", "NOTES.md")
    git(working_copy.root, "commit", "-q", "-m", "Notes", date="2026-11-22T09:00:00+01:00")
    stamp = Versions(working_copy.root).stamp
    assert stamp["draft"] is False and stamp["release"] == "policy-v2026.3"
    assert stamp["commit"] == working_copy.commits["2026.3"], "the last commit of the policy"


def test_release_that_fails_validation_is_listed_with_its_errors(working_copy) -> None:
    git(working_copy.root, "tag", "policy-v2026.4", "origin/broken")
    page = Versions(working_copy.root).page
    assert headings(page)[0] == "## Version 2026.4 { #policy-v2026-4 }"
    broken = page.split("{ #policy-v2026-4 }", 1)[1].split("\n## ", 1)[0]
    assert "La version 2026.4 ne passe pas la validation : ses changements ne peuvent pas être " \
        "listés." in broken
    assert re.search(r"^policy/terms\.yaml:\d+: .*&#34;dix&#34;", broken, flags=re.M)


def test_shallow_clone_shows_the_recorded_versions(policy_repo, tmp_path: Path) -> None:
    root = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{policy_repo.root}", str(root))
    found = Versions(root)
    assert found.history.notes == [
        "Clone git sans historique (shallow) : la page Versions ne montre que les versions "
        "enregistrées dans la politique (document.revisions). Pour l'historique complet, "
        "clonez avec tout l'historique (fetch-depth: 0)."]
    assert found.stamp["draft"] is False, "the release tag of HEAD comes with the clone"
    page = found.page
    assert headings(page) == ["## Version 2026.3 { #policy-v2026-3 }",
                              "## Versions enregistrées dans la politique { #recorded }"]
    assert "| 2026.2 | 26 août 2026 |" in page and "| 2025.1 | 1er mars 2025 |" in page
    assert "Changements depuis" not in page
    assert "encours-modified" not in "".join(found.pages.values())


def test_tree_without_git_is_an_unverified_draft(policy_repo, tmp_path: Path) -> None:
    root = tarball(policy_repo, tmp_path)
    found = Versions(root)
    assert found.history.notes[0].startswith("Pas d'historique git")
    assert found.stamp["draft"] is True and found.stamp["commit"] is None
    assert found.stamp["stamp"] == f"BROUILLON — {BASE_STAMP}"
    assert "sans historique git" in found.stamp["banner_detail"]
    page = found.page
    assert '!!! note "Historique git indisponible"' in page
    assert headings(page)[0] == "## Version 2026.3 { #policy-v2026-3 }"
    assert "| 2026.1 | 15 janvier 2026 |" in page
    # Without history the box still says what the version is about, from its revision entry.
    assert f"    {SUMMARY_V3}" in found.pages["index.md"]
    assert "encours-modified" not in "".join(found.pages.values())


def tarball(repo: PolicyRepo, tmp_path: Path) -> Path:
    """The project as a release archive unpacks: the policy of the last tag, no ``.git``."""
    data = git_bytes(repo.root, "archive", "--format=tar", "policy-v2026.3", "policy")
    root = tmp_path / "tarball"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(root, filter="data")
    return copy_project(root, policy=None)


def git_bytes(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def page_text(site: Path, page: str) -> str:
    content = (site / page).read_text(encoding="utf-8")
    article = content[content.index("<article"):content.index("</article>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


@pytest.fixture(scope="module")
def release_site(policy_repo, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("release-site") / "site"
    done = build(site, root=policy_repo.root, languages=("fr",))
    assert done.returncode == 0, done.output
    return site


def test_strict_build_of_a_release(release_site: Path) -> None:
    pages = sorted(release_site.rglob("index.html"))
    assert len(pages) >= 4
    for path in pages:
        content = path.read_text(encoding="utf-8")
        assert "data-encours-draft" not in content, path
        assert re.search(r'data-encours-stamp>Version 2026\.3 — en vigueur le 1er décembre 2026 '
                         r"— commit [0-9a-f]{7}<", content), path
    versions = page_text(release_site, "versions/index.html")
    assert "Délai de contestation d'une facture : 15 jours → 10 jours" in versions
    assert "Nouvelle étape de relance : J+25, Troisième relance" in versions
    terms = (release_site / "terms" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="encours-modified" href="\.\./versions/#policy-v2026-3">'
                     r"Modifié dans la version 2026\.3</a>", terms)
    assert 'id="policy-v2026-3"' in (release_site / "versions" / "index.html").read_text()
    assert (release_site / "publishing" / "index.html").exists()


def test_strict_build_without_git_says_so_and_marks_every_page(policy_repo, tmp_path) -> None:
    root = tarball(policy_repo, tmp_path)
    site = tmp_path / "site"
    done = build(site, root=root, languages=("fr",))
    assert done.returncode == 0, done.output
    assert "Pas d'historique git" in done.output
    for path in sorted(site.rglob("index.html")):
        content = path.read_text(encoding="utf-8")
        assert 'class="encours-draft"' in content and "BROUILLON — version non publiée" in content
    versions = page_text(site, "versions/index.html")
    assert "Versions enregistrées dans la politique" in versions
    assert "2025.1 1er mars 2025 Première version de la procédure." in versions
