"""Policy text is data: HTML, script addresses, foreign links, attribute lists and control
characters in a free text are errors at the text's line, naming the field.

Each case is the example policy with one text changed; the complete list of errors is asserted.
The patterns run in linear time: a text may be as long as a file (2 MB).
"""

from __future__ import annotations

import time

import pytest

from encours.policy.checks.markup import FINDERS
from tests.policy.conftest import PolicyCopy

MISSION = ("    mission:\n      fr: Piloter l'équipe commerciale en intégrant le risque client aux "
           "objectifs de vente.\n      en: Lead the sales team, building customer risk into the "
           "sales targets.")
SALES_MANAGER = "roles.sales_manager.mission.fr"
HTML = ('{path} : balise HTML "{found}" : le texte de la politique ne contient pas de HTML ; '
        "écrivez-le en Markdown (**gras**, listes, [lien](https://…)) ou retirez la balise")
SCRIPT = ('{path} : adresse "{found}" interdite : une adresse javascript:, vbscript: ou data: '
          "peut exécuter du code dans la page ; retirez-la")
LINK = ('{path} : lien vers "{found}" non permis : un lien mène à une adresse https://, http://, '
        "mailto: ou à une page du manuel (chemin relatif) ; corrigez la cible")
ATTRIBUTES = ('{path} : liste d\'attributs Markdown "{found}" : elle ajouterait des attributs HTML '
              "à la page ; retirez les accolades (ou écrivez des parenthèses si c'est du texte)")
CONTROL = ("{path} : caractère de contrôle invisible {found} : il peut changer le sens apparent "
           "du texte ; supprimez-le")


def mission(policy_copy: PolicyCopy, yaml_value: str) -> str:
    """Give the sales manager the French mission `yaml_value` (as written in YAML); its
    `FILE:LINE`."""
    policy_copy.edit("roles.yaml", MISSION,
                     f"    mission:\n      fr: {yaml_value}\n      en: Lead the sales team.")
    return policy_copy.at("roles.yaml", f"      fr: {yaml_value}")


@pytest.mark.parametrize(("yaml_value", "message", "found"), [
    ('"Voir <img src=x onerror=alert(1)> ici"', HTML, "<img src=x onerror=alert(1)>"),
    ('"Piloter </p><script>alert(1)</script>"', HTML, "</p>"),
    ('"Commentaire <!-- caché -->"', HTML, "<!-- caché -->"),
    ('"[le guide](javascript:alert(1))"', SCRIPT, "javascript:"),
    ('"[le guide](JaVaScRiPt:alert(1))"', SCRIPT, "JaVaScRiPt:"),
    ('"[le guide](jav&#x61;script:alert(1))"', SCRIPT, "javascript:"),
    ('"[le guide](java\\tscript:alert(1))"', SCRIPT, "java\tscript:"),
    ('"<vbscript:msgbox(1)>"', SCRIPT, "vbscript:"),
    ('"![x](data:text/html,x)"', SCRIPT, "data:"),
    ('"[le guide](ftp://exemple.fr/guide)"', LINK, "ftp://exemple.fr/guide"),
    ('"[le guide](file:///etc/passwd)"', LINK, "file:///etc/passwd"),
    ('"[le guide](//exemple.com/guide)"', LINK, "//exemple.com/guide"),
    ('"Piloter { onclick=alert(1) }"', ATTRIBUTES, "{ onclick=alert(1) }"),
    ('"Piloter {: .rouge }"', ATTRIBUTES, "{: .rouge }"),
    ('"Piloter { #role-legal }"', ATTRIBUTES, "{ #role-legal }"),
    ('"Piloter l\'équipe \\u202Eetneve\\u202C commerciale"', CONTROL,
     "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ('"Piloter \\u2066l\'équipe\\u2069"', CONTROL, "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ('"Piloter \\e[31ml\'équipe"', CONTROL, "U+001B"),
    ('"Piloter \\x85l\'équipe"', CONTROL, "U+0085"),
])
def test_markup_in_a_text_is_an_error_at_its_line(
        policy_copy: PolicyCopy, yaml_value: str, message: str, found: str) -> None:
    at = mission(policy_copy, yaml_value)
    assert policy_copy.errors() == [f"{at}: " + message.format(path=SALES_MANAGER, found=found)]


def test_every_kind_in_one_text_is_reported(policy_copy: PolicyCopy) -> None:
    at = mission(policy_copy, '"![x](data:,x){: onerror=alert(1) } <b>gras</b>"')
    assert policy_copy.errors() == [f"{at}: " + message.format(path=SALES_MANAGER, found=found)
                                    for message, found in [
                                        (HTML, "<b>"), (SCRIPT, "data:"),
                                        (ATTRIBUTES, "{: onerror=alert(1) }")]]


def test_the_line_inside_a_long_text_and_the_language_are_named(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(
        "glossary.yaml",
        "      en: Total a customer owes at a given time, invoices not yet due, overdue invoices "
        "and open orders.",
        "      en: >-\n        Total a customer owes at a given time,\n"
        "        see [the guide](javascript:alert(1)).")
    at = policy_copy.at("glossary.yaml", "see [the guide](javascript:alert(1))")
    assert policy_copy.errors("en") == [
        f'{at}: glossary.exposure.definition.en: address "javascript:" is not allowed: a '
        "javascript:, vbscript: or data: address can run code in the page; remove it"]


def test_an_attribute_list_on_its_own_line(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", MISSION,
                     "    mission:\n      fr: |-\n        Piloter l'équipe.\n"
                     '        {: onclick=alert(1) style="position:fixed;inset:0" }\n'
                     "      en: Lead the sales team.")
    at = policy_copy.at("roles.yaml", "{: onclick")
    assert policy_copy.errors() == [f"{at}: " + ATTRIBUTES.format(
        path=SALES_MANAGER, found='{: onclick=alert(1) style="position:fixed;inset:0" }')]


@pytest.mark.parametrize("yaml_value", [
    '"Encours < 30 jours et retard > 10 jours"',
    '"Voir [le guide](https://exemple.fr/guide), [la page](recovery.md#relances) ou '
    '[écrire](mailto:credit@exemple.fr) ; <https://exemple.fr>"',
    '"Modèles {{ 7*7 }} {% if true %}oui{% endif %} ${HOME} %%{init: {}}%% (version 2.1)"',
    '"Tableau : données métier ; data: à revoir ; Java et script : non"',
    '"Espaces fines\\u202fet insécables\\u00a0: permises"',
    '"Tabulation\\tet retour\\nà la ligne"',
])
def test_ordinary_text_is_accepted(policy_copy: PolicyCopy, yaml_value: str) -> None:
    mission(policy_copy, yaml_value)
    assert policy_copy.errors() == []


@pytest.mark.parametrize("text", [
    "{" + "=" * 1_000_000, "{:" * 500_000, "<a" * 500_000, "](<" * 330_000,
    ("j" + "!" * 1000) * 1000, "<a:" * 330_000, "&#" * 500_000,
], ids=["brace", "brace-colon", "tags", "link", "javascript", "autolink", "entities"])
def test_finders_take_linear_time_on_a_megabyte(text: str) -> None:
    started = time.perf_counter()
    for find, _ in FINDERS:
        find(text)
    assert time.perf_counter() - started < 2
