"""The semantic diff between released versions, from Python and from `python -m encours diff`."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from encours import cli
from encours.versions.compare import compare
from encours.versions.diff import diff_policies
from tests.versions.conftest import EXAMPLE, PolicyRepo, commit_all, edit, git

V1_TO_V2_FR = [
    "Version : 2026.1 → 2026.2",
    "Date d'entrée en vigueur : 1er février 2026 → 1er septembre 2026",
    "Objet de la procédure : « … impayé efface la marge de nombreuses ventes. Les commerciaux et "
    "le … » → « … impayé efface la marge de dizaines de ventes. Les commerciaux et le … »",
    "Nouvelle version dans l'historique : 2026.2 du 26 août 2026 — Facturation électronique par "
    "plateforme agréée à compter du 1er septembre 2026, relance préventive à J-5, nouvelle "
    "grille d'approbation des limites.",
    "Rôle supprimé : Juriste",
    "Nouvelle ligne de la matrice RACI : Troisième relance (réalise : Credit manager ; en "
    "répond : Credit manager)",
    "Réalise (étape « Passage au contentieux ») : Credit manager, Juriste → Credit manager",
    "Délai de paiement standard (Clients export) : 30 jours date de facture → 45 jours date de "
    "facture",
    "Nouvelle étape de relance : J+25, Troisième relance (téléphone, responsable : Credit "
    "manager)",
    "Action (étape de relance « Mise en demeure ») : « Lettre recommandée avec accusé de "
    "réception, signée par le credit manager, donnant 8 jours pour payer ; pénalités et "
    "indemnités facturées, sans TVA (hors du champ de la TVA). » → « Lettre recommandée avec "
    "accusé de réception, signée par le credit manager, donnant 15 jours pour payer ; pénalités "
    "et indemnités facturées, sans TVA (hors du champ de la TVA). »",
    "Conduite des actions contentieuses : Juriste → Credit manager",
    "Suivi des procédures collectives : Juriste → Credit manager",
]
V2_TO_V3_FR = [
    "Version : 2026.2 → 2026.3",
    "Date d'entrée en vigueur : 1er septembre 2026 → 1er décembre 2026",
    "Nouvelle version dans l'historique : 2026.3 du 20 novembre 2026 — Les plus grandes limites "
    "sont approuvées par le directeur général.",
    "Responsabilités (rôle « Commercial ») : « Relayer les litiges sans attendre et aider à "
    "obtenir les paiements en retard. » → « Relayer les litiges le jour même et aider à obtenir "
    "les paiements en retard. »",
    "Responsabilités (rôle « Commercial ») : ajout de « Vérifier l'encours disponible avant de "
    "confirmer une commande. »",
    "Intitulé du rôle (rôle « Directeur général ») : texte anglais seul modifié, « Chief "
    "executive officer » → « Chief Executive Officer »",
    "Délai de contestation d'une facture : 15 jours → 10 jours",
    "Approbateurs (tranche « au-delà de 150\u202f000,00\u00a0€ ») : Directeur administratif et "
    "financier, Directeur général → Directeur général",
    "Nouveau taux BCE : 2026-H2, 2,15\u00a0% (Banque de France, 1er juillet 2026)",
]


def run_cli(cwd: Path, *args: str, process: bool = False) -> subprocess.CompletedProcess:
    """``python -m encours diff ARGS`` in the folder ``cwd``: its exit code and output. Run in
    this process (``encours.cli.main``, what ``python -m encours`` calls), or as a real process
    when ``process``."""
    command = [sys.executable, "-m", "encours", "diff", *args]
    if process:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(command[3:])
    return subprocess.CompletedProcess(command, code, out.getvalue(), err.getvalue())


def test_each_edit_is_one_sentence_naming_the_rule_and_both_values(policy_repo) -> None:
    comparison = compare(policy_repo.policy, "policy-v2026.1", "policy-v2026.2", "fr")
    assert comparison.valid
    assert [change.sentence for change in comparison.changes] == V1_TO_V2_FR


def test_reordering_and_rewrapping_are_not_changes(policy_repo) -> None:
    changes = compare(policy_repo.policy, "policy-v2026.1", "policy-v2026.2").changes
    paths = [change.path for change in changes]
    # v2 moved the card payment method first and re-wrapped the blocked-orders principle.
    assert not any(p.startswith(("terms.payment_methods", "blocked_orders")) for p in paths)


def test_lists_matched_by_key_name_items_in_paths(policy_repo) -> None:
    changes = compare(policy_repo.policy, "policy-v2026.1", "policy-v2026.2").changes
    by_path = {change.path: change for change in changes}
    assert by_path["terms.customer_type_terms.export.payment_term"].kind == "changed"
    assert by_path["recovery.dunning_steps.third_reminder"].kind == "added"
    assert by_path["roles.legal"].kind == "removed"
    assert by_path["roles.legal"].before == "Juriste" and by_path["roles.legal"].after is None
    routine = {change.path for change in changes if change.routine}
    assert routine == {"document.version", "document.effective_date", "document.revisions.2026.2"}


def test_sets_texts_translations_natural_keys_and_dict_entries(policy_repo) -> None:
    comparison = compare(policy_repo.policy, "policy-v2026.2", "policy-v2026.3", "fr")
    assert [change.sentence for change in comparison.changes] == V2_TO_V3_FR
    paths = [change.path for change in comparison.changes]
    assert "credit_limits.approval_bands.150000.approvers" in paths
    assert "rates.ecb_main_refinancing_rate.2026-H2" in paths


def test_sentences_in_english(policy_repo) -> None:
    sentences = [c.sentence for c in compare(policy_repo.policy, "policy-v2026.1",
                                             "policy-v2026.2", "en").changes]
    assert "Standard payment term (Export customers): 30 days from invoice date → 45 days from " \
        "invoice date" in sentences
    assert "New dunning step: D+25, Third reminder (phone, owner: Credit manager)" in sentences
    assert "Role removed: Legal counsel" in sentences
    assert "Effective date: 1 February 2026 → 1 September 2026" in sentences
    english = [c.sentence for c in compare(policy_repo.policy, "policy-v2026.2",
                                           "policy-v2026.3", "en").changes]
    # Each side names a role as that version does: the old title, then the new one.
    assert "Approvers (band “above €150,000.00”): Chief financial officer, Chief executive " \
        "officer → Chief Executive Officer" in english


def test_same_policy_has_no_change(policy_repo) -> None:
    policy = compare(policy_repo.policy, "policy-v2026.3", "policy-v2026.3").new.policy
    assert diff_policies(policy, policy) == []


def test_cli_text_output(policy_repo) -> None:
    done = run_cli(policy_repo.root, "--from", "policy-v2026.1", "--to", "policy-v2026.2")
    assert done.returncode == 0, done.stderr
    c1, c2 = policy_repo.commits["2026.1"], policy_repo.commits["2026.2"]
    expected = [
        f"Changements de la politique de crédit, de policy-v2026.1 (version 2026.1, commit {c1}) "
        f"à policy-v2026.2 (version 2026.2, commit {c2})",
        "", "Le document", *(f"  - {s}" for s in V1_TO_V2_FR[:4]),
        "", "Rôles et responsabilités", f"  - {V1_TO_V2_FR[4]}",
        "", "Matrice RACI", *(f"  - {s}" for s in V1_TO_V2_FR[5:7]),
        "", "Conditions de vente et de paiement", f"  - {V1_TO_V2_FR[7]}",
        "", "Recouvrement", *(f"  - {s}" for s in V1_TO_V2_FR[8:]),
        "", "12 changements.",
    ]
    assert done.stdout.splitlines() == expected


def test_cli_json_output(policy_repo) -> None:
    done = run_cli(policy_repo.root, "--from", "policy-v2026.1", "--to", "policy-v2026.2",
                   "--format", "json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"lang", "from", "to", "valid", "notes", "count", "chapters"}
    assert data["from"] == {"label": "policy-v2026.1", "commit": policy_repo.commits["2026.1"],
                            "version": "2026.1", "valid": True, "errors": []}
    assert data["to"]["version"] == "2026.2" and data["valid"] is True
    assert data["count"] == 12 == sum(len(group["changes"]) for group in data["chapters"])
    assert [group["chapter"] for group in data["chapters"]] == [
        "document", "roles", "raci", "terms", "recovery"]
    terms = data["chapters"][3]
    assert terms["title"] == "Terms of sale and payment"
    assert terms["changes"] == [{
        "chapter": "terms", "kind": "changed",
        "path": "terms.customer_type_terms.export.payment_term",
        "rule": "Standard payment term (Export customers)",
        "before": "30 days from invoice date", "after": "45 days from invoice date",
        "sentence": "Standard payment term (Export customers): 30 days from invoice date → 45 "
                    "days from invoice date",
        "routine": False, "language": None,
    }]


def test_cli_markdown_output_escapes_policy_text(working_copy: PolicyRepo) -> None:
    edit(working_copy.policy, "roles.yaml", "title: {fr: Commercial, en: Sales representative}",
         "title: {fr: Commercial *terrain* < b >, en: Field sales representative}")
    done = run_cli(working_copy.root, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("## Changements de la politique de crédit, de policy-v2026.3")
    assert "### Rôles et responsabilités" in lines
    assert "- Intitulé du rôle (rôle « Commercial \\*terrain\\* &lt; b &gt; ») : " \
        "« Commercial » → « Commercial \\*terrain\\* &lt; b &gt; »" in lines
    assert lines[-1] == "1 changement."


def test_a_change_in_one_language_only_is_reported_apart_from_rule_changes(
        working_copy: PolicyRepo) -> None:
    """Finance sees at once whether a change alters a rule: a text edited in one language only
    is listed under its own heading, as the English (or French) text of that rule."""
    edit(working_copy.policy, "roles.yaml", "title: {fr: Commercial, en: Sales representative}",
         "title: {fr: Commercial, en: Sales rep}")
    edit(working_copy.policy, "terms.yaml", "dispute_window_days: 10", "dispute_window_days: 20")
    english = run_cli(working_copy.root, "--lang", "en")
    assert english.returncode == 0, english.stderr
    lines = english.stdout.splitlines()
    wording = lines.index("Wording only, in one language (no rule changed):")
    assert lines[wording + 1] == (
        "  - Title of the role (role “Sales rep”): English text only changed, “Sales "
        "representative” → “Sales rep”")
    assert "  - Period to dispute an invoice: 10 days → 20 days" in lines[:wording]
    assert not any("Sales rep" in line for line in lines[:wording])
    french = run_cli(working_copy.root).stdout.splitlines()
    assert "  - Intitulé du rôle (rôle « Commercial ») : texte anglais seul modifié, « Sales " \
        "representative » → « Sales rep »" in french
    data = json.loads(run_cli(working_copy.root, "--format", "json").stdout)
    changes = {c["path"]: c for group in data["chapters"] for c in group["changes"]}
    assert changes["roles.sales_rep.title"]["language"] == "en"
    assert changes["terms.dispute_window_days"]["language"] is None
    markdown = run_cli(working_copy.root, "--format", "markdown").stdout.splitlines()
    assert "### Formulation seule, dans une langue (aucune règle ne change) :" in markdown


def test_a_translation_added_is_a_change_of_that_language(working_copy: PolicyRepo) -> None:
    """A policy that declares no languages may drop (or add) a translation."""
    text = (working_copy.policy / "document.yaml").read_text(encoding="utf-8")
    declared = next(line for line in text.splitlines(True) if line.startswith("  languages:"))
    edit(working_copy.policy, "document.yaml", declared, "")
    edit(working_copy.policy, "roles.yaml", "title: {fr: Commercial, en: Sales representative}",
         "title: {fr: Commercial}")
    done = run_cli(working_copy.root, "--lang", "en")
    lines = done.stdout.splitlines()
    assert "  - Title of the role (role “Commercial”): English text removed" in lines


def test_cli_defaults_to_last_release_and_working_tree(working_copy: PolicyRepo) -> None:
    unchanged = run_cli(working_copy.root)
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.splitlines()[-1] == "Aucun changement des règles."
    assert "de policy-v2026.3 (version 2026.3" in unchanged.stdout
    assert "à l'arbre de travail (version 2026.3)" in unchanged.stdout
    edit(working_copy.policy, "terms.yaml", "dispute_window_days: 10", "dispute_window_days: 20")
    changed = run_cli(working_copy.root)
    assert "  - Délai de contestation d'une facture : 10 jours → 20 jours" in changed.stdout


def test_invalid_version_is_reported_with_its_errors(policy_repo) -> None:
    comparison = compare(policy_repo.policy, "policy-v2026.3", "broken", "fr")
    assert not comparison.valid and comparison.changes == []
    line = _line_of(policy_repo, "broken", "policy/terms.yaml", "dispute_window_days: dix")
    where = [str(problem).split(": ", 1)[0] for problem in comparison.new.errors]
    assert where == [f"policy/terms.yaml:{line}"]
    done = run_cli(policy_repo.root, "--from", "policy-v2026.3", "--to", "broken")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    broken = policy_repo.commits["broken"]
    assert lines[2] == f"broken (version ?, commit {broken}) ne passe pas la validation " \
        "(1 erreur) :"
    assert lines[3].startswith(f"  policy/terms.yaml:{line}: ") and '"dix"' in lines[3]
    data = json.loads(run_cli(policy_repo.root, "--from", "broken", "--to", "policy-v2026.3",
                              "--format", "json").stdout)
    assert data["valid"] is False and data["from"]["valid"] is False
    assert data["from"]["errors"][0]["file"] == "policy/terms.yaml"
    assert data["from"]["errors"][0]["line"] == line
    assert data["to"]["valid"] is True and data["chapters"] == []


def test_unknown_revision_and_no_repository(policy_repo, tmp_path: Path) -> None:
    unknown = run_cli(policy_repo.root, "--from", "policy-v1999.1")
    assert unknown.returncode == 2
    assert "révision inconnue de git : policy-v1999.1" in unknown.stderr
    shutil.copytree(EXAMPLE, tmp_path / "policy")
    outside = run_cli(tmp_path, process=True)  # the real command: exit status, no traceback
    assert outside.returncode == 2
    assert "policy n'est pas dans un dépôt git" in outside.stderr
    assert "Traceback" not in outside.stderr + unknown.stderr


def test_without_release_compares_from_the_first_commit(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(EXAMPLE, root / "policy")
    git(root, "init", "-q", "-b", "main")
    first = commit_all(root, "Première version", "2026-03-01T09:00:00+01:00")
    edit(root / "policy", "terms.yaml", "dispute_window_days: 15", "dispute_window_days: 8")
    commit_all(root, "Délai de contestation", "2026-03-02T09:00:00+01:00")
    done = run_cli(root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        f"Changements de la politique de crédit, de {first} (version 2026.2) à l'arbre de "
        "travail (version 2026.2)",
        "Note : Aucune version publiée (étiquette policy-v…) : comparaison depuis le premier "
        f"commit de la politique ({first}).",
    ]
    assert "  - Délai de contestation d'une facture : 15 jours → 8 jours" in done.stdout


def _line_of(repo: PolicyRepo, rev: str, path: str, needle: str) -> int:
    text = git(repo.root, "show", f"{rev}:{path}")
    return text[: text.index(needle)].count("\n") + 1
