"""Hostile policy files: each one is refused with a plain `FILE:LINE` message, quickly and in
little memory, and nothing is followed, opened or expanded that should not be.

Each case adds `policy/zz.yaml` to a copy of the example policy and asserts the complete list of
errors, as the broken-policy corpus does, within `SECONDS` and `MEGABYTES` (Python's own
allocations, traced).
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Callable

import pytest

import encours.policy.source as source
from encours.policy.source import parse_yaml
from tests.policy.conftest import EXAMPLE, PolicyCopy

SECONDS = 5
MEGABYTES = 300

ANCHOR = 'ancre "&" ou alias "*" non autorisé : répétez la valeur au lieu d\'y renvoyer'
TOO_DEEP = ("plus de 50 niveaux de listes et de sections imbriquées : la politique n'en utilise "
            "que quelques-uns ; vérifiez les crochets et l'indentation")
NOT_REGULAR = ("ce n'est pas un fichier ordinaire mais un {kind} : il n'est pas lu ; "
               "remplacez-le par un fichier YAML ou retirez-le du dossier")
OUTSIDE = ('lien vers "{target}", hors du dossier de la politique : il n\'est pas suivi ; '
           "remplacez le lien par une copie du fichier")


def bounded(errors: Callable[[], list[str]]) -> list[str]:
    """`errors()`, checked to take less than SECONDS of CPU time and MEGABYTES."""
    tracemalloc.start()
    started = time.process_time()  # CPU time: other processes on the machine do not count
    try:
        found = errors()
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
    assert peak < MEGABYTES * 1_000_000, f"{peak / 1e6:.0f} MB"
    return found


def billion_laughs() -> str:
    """Under 600 bytes that expand to 10⁹ strings when aliases are followed."""
    lines = ['lol0: &a0 "lol"']
    lines += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_every_line_with_an_anchor(policy_copy: PolicyCopy) -> None:
    text = billion_laughs()
    assert len(text.encode()) < 600
    policy_copy.write("zz.yaml", text)
    assert bounded(policy_copy.errors) == [f"policy/zz.yaml:{line}: {ANCHOR}"
                                           for line in range(1, 11)]


def test_self_referencing_alias(policy_copy: PolicyCopy) -> None:
    policy_copy.write("zz.yaml", "zz:\n  x: &a [*a]\n")
    assert bounded(policy_copy.errors) == [f"policy/zz.yaml:2: {ANCHOR}"]


def test_an_anchor_in_english(policy_copy: PolicyCopy) -> None:
    policy_copy.write("zz.yaml", "zz:\n  a: &x 1\n  b: 2\n  c: *x\n")
    assert bounded(lambda: policy_copy.errors("en")) == [
        f'policy/zz.yaml:{line}: anchors "&" and aliases "*" are not allowed: repeat the value '
        "instead" for line in (2, 4)]


def test_a_50_mb_file_is_refused_before_it_is_read(policy_copy: PolicyCopy) -> None:
    with (policy_copy.root / "policy" / "zz.yaml").open("wb") as sparse:
        sparse.truncate(50_000_000)  # a sparse file: nothing is written to the disk
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:1: fichier trop volumineux (50,0 Mo, au plus 2 Mo) : il n'est pas lu ; "
        "un fichier de la politique fait quelques dizaines de Ko, retirez ce qui n'en fait pas "
        "partie"]


@pytest.mark.parametrize(("text", "line"), [
    ("zz:\n  " + "- " * 10_000 + "1\n", 2),                  # block
    ("zz:\n" + " [\n" * 10_000 + " ]\n" * 10_000, 51),         # flow, one bracket a line
    ("zz: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", 1),  # flow mappings
])
def test_nesting_10000_deep_stops_at_the_limit_with_its_line(
        policy_copy: PolicyCopy, text: str, line: int) -> None:
    policy_copy.write("zz.yaml", text)
    assert bounded(policy_copy.errors) == [f"policy/zz.yaml:{line}: {TOO_DEEP}"]


def test_a_million_values_stop_at_the_limit(policy_copy: PolicyCopy) -> None:
    policy_copy.write("zz.yaml", "zz:\n" + "-\n" * 999_000)  # 2 MB, just under the size cap
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:49999: plus de 50\u202f000 valeurs dans ce fichier : il n'est pas lu "
        "au-delà ; un fichier de la politique en compte quelques centaines, retirez ce qui n'en "
        "fait pas partie"]


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "a: " + "[" * 49 + "1" + "]" * 49 + "\n"  # the top-level mapping is the 50th level
    parsed = parse_yaml(text, "f.yaml")
    assert parsed.problems == []
    assert parsed.index.get(("a",) + (0,) * 48).line == 1


def test_raw_nul_byte_gives_its_line_and_column(policy_copy: PolicyCopy) -> None:
    (policy_copy.root / "policy" / "zz.yaml").write_bytes(b"zz:\n  a: 1\n  b: x\x00y\n")
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:3:7: caractère U+0000 interdit en YAML : supprimez-le"]


def test_escape_character_in_english() -> None:
    (problem,) = parse_yaml("a: 1\nb: \x1b[31m\n", "f.yaml", "en").problems
    assert str(problem) == "f.yaml:2:4: character U+001B is not allowed in YAML: remove it"


def test_windows_1252_byte_gives_its_real_line(policy_copy: PolicyCopy) -> None:
    (policy_copy.root / "policy" / "zz.yaml").write_bytes(
        b"zz:\n  a: 1\n  b: 2\n  note: Caf\xe9 \x93noir\x94\n")
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:4:12: le fichier n'est pas en UTF-8 (octet invalide en position 29) : "
        "enregistrez-le en UTF-8"]


def test_link_to_dev_zero_is_never_opened(policy_copy: PolicyCopy) -> None:
    (policy_copy.root / "policy" / "zz.yaml").symlink_to("/dev/zero")
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:1: " + OUTSIDE.format(target="/dev/zero")]


def test_link_outside_the_repository_is_not_followed(policy_copy: PolicyCopy) -> None:
    secret = policy_copy.root / "secret.yaml"
    secret.write_text("document:\n  title: secret\n", encoding="utf-8")
    (policy_copy.root / "policy" / "zz.yaml").symlink_to(secret)
    assert bounded(lambda: policy_copy.errors("en")) == [
        f'policy/zz.yaml:1: link to "{secret.resolve().as_posix()}", outside the policy folder: '
        "it is not followed; replace the link with a copy of the file"]


def test_fifo_is_never_opened(policy_copy: PolicyCopy) -> None:
    os.mkfifo(policy_copy.root / "policy" / "zz.yaml")  # opening it to read would wait forever
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:1: " + NOT_REGULAR.format(kind="tube nommé (FIFO)")]


def test_directory_and_link_to_a_directory(policy_copy: PolicyCopy) -> None:
    (policy_copy.root / "policy" / "zz.yaml").mkdir()
    (policy_copy.root / "policy" / "sub").mkdir()
    (policy_copy.root / "policy" / "zzz.yaml").symlink_to(policy_copy.root / "policy" / "sub")
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:1: " + NOT_REGULAR.format(kind="dossier"),
        "policy/zzz.yaml:1: " + NOT_REGULAR.format(
            kind=f"dossier {(policy_copy.root / 'policy' / 'sub').resolve().as_posix()}")]


def test_broken_link_and_link_inside_the_folder(policy_copy: PolicyCopy) -> None:
    folder = policy_copy.root / "policy"
    (folder / "zz.yaml").symlink_to(folder / "missing.yaml")
    (folder / "sub").mkdir()
    (folder / "terms.yaml").rename(folder / "sub" / "terms.yaml")
    (folder / "terms.yaml").symlink_to(folder / "sub" / "terms.yaml")  # inside: followed
    assert bounded(policy_copy.errors) == [
        "policy/zz.yaml:1: impossible de lire le fichier (No such file or directory) : vérifiez "
        "qu'il existe et qu'il est lisible"]


@pytest.mark.parametrize("name", sorted(path.name for path in EXAMPLE.glob("*.yaml")))
def test_libyaml_and_pure_python_read_the_example_alike(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if source._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml: only the pure-Python parser runs")
    text = (EXAMPLE / name).read_text(encoding="utf-8")
    fast = parse_yaml(text, name)
    monkeypatch.setattr(source, "_FAST_LOADER", None)
    pure = parse_yaml(text, name)
    assert (fast.data, fast.index, fast.problems) == (pure.data, pure.index, pure.problems)
    assert fast.problems == []


@pytest.mark.parametrize("text", [
    "a:\n  b: 1\n c: 2\n",
    'a: "texte\nb: 1\n',
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\nb: 3\n",
    "a: b: c\n",
    "a: 1\n\tb: 2\n",
    'a: "\\q"\n',
    "a: !!python/name:os.sep ''\n",
    "a: 1\na: 2\n",
    "- 1\n",
    "a: *nowhere\n",
])
def test_libyaml_and_pure_python_report_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_yaml(text, "f.yaml")
    monkeypatch.setattr(source, "_FAST_LOADER", None)
    pure = parse_yaml(text, "f.yaml")
    assert fast.problems == pure.problems != []
