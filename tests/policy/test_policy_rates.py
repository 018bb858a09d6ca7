"""The current reference rates: a missing half-year is a warning naming the rates' owner and the
file to edit, for the half-year of today (from the validation context) and of the effective
date; a rate the policy adds for that half-year silences it."""

from __future__ import annotations

import datetime as dt

from tests.policy.conftest import PolicyCopy

TODAY_H2 = dt.date(2026, 12, 6)
RATES = "rates.yaml"


def h2_rate(table: str) -> str:
    return (f"  {table}:\n"
            '    "2026-H2": {value: "1.00", source: Valeur de test, date: 2026-07-01}\n')


def test_missing_half_year_names_the_owner_and_the_file(policy_copy: PolicyCopy) -> None:
    where = policy_copy.at(RATES, "rates:\n  #")
    assert policy_copy.rate_warnings(TODAY_H2) == [
        f"{where}: rates : le taux BCE des opérations principales de refinancement du semestre "
        "2026-H2 n'est pas connu (semestre de la date d'effet, 2026-09-01 et semestre en cours, "
        "aujourd'hui 2026-12-06) : Credit manager (rates.owner) l'ajoute dans "
        "policy/rates.yaml, avec sa source officielle, dès sa publication (mise à jour chaque "
        "1er janvier et 1er juillet) ; sans lui, les pénalités de retard de ce semestre ne "
        "peuvent pas être calculées",
        f"{where}: rates : le taux de l'intérêt légal du semestre 2026-H2 n'est pas connu "
        "(semestre de la date d'effet, 2026-09-01 et semestre en cours, aujourd'hui "
        "2026-12-06) : Credit manager (rates.owner) l'ajoute dans policy/rates.yaml, avec sa "
        "source officielle, dès sa publication (mise à jour chaque 1er janvier et 1er juillet) "
        "; sans lui, les pénalités de retard de ce semestre ne peuvent pas être calculées",
    ]
    english = policy_copy.rate_warnings(TODAY_H2, "en")
    assert english[0] == (
        f"{where}: rates: the ECB main refinancing rate for half-year 2026-H2 is not known "
        "(half-year of the effective date, 2026-09-01 and current half-year, today "
        "2026-12-06): Credit manager (rates.owner) adds it to policy/rates.yaml, with its "
        "official source, as soon as it is published (updated every 1 January and 1 July); "
        "without it, late-payment penalties for that half-year cannot be computed")


def test_today_comes_from_the_caller(policy_copy: PolicyCopy) -> None:
    """An effective date in a known half-year and a later today: only today's half-year."""
    policy_copy.edit("document.yaml", "effective_date: 2026-09-01", "effective_date: 2026-03-01")
    assert policy_copy.rate_warnings(dt.date(2026, 5, 1)) == []
    warnings = policy_copy.rate_warnings(dt.date(2027, 2, 1))
    assert len(warnings) == 2
    assert all("semestre 2027-H1 n'est pas connu (semestre en cours, aujourd'hui 2027-02-01)"
               in w for w in warnings)


def test_the_policy_adding_the_half_year_silences_it(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(RATES, "  owner: credit_manager\n", "  owner: credit_manager\n"
                     + h2_rate("ecb_main_refinancing_rate"))
    warnings = policy_copy.rate_warnings(TODAY_H2)
    assert len(warnings) == 1 and "taux de l'intérêt légal du semestre 2026-H2" in warnings[0]
    policy_copy.edit(RATES, "  owner: credit_manager\n", "  owner: credit_manager\n"
                     + h2_rate("france_legal_interest_rate"))
    assert policy_copy.rate_warnings(TODAY_H2) == []


def test_without_an_owner_the_warning_asks_for_one(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(RATES, "  owner: credit_manager\n", "  ecb_main_refinancing_rate: {}\n")
    warnings = policy_copy.rate_warnings(TODAY_H2, "en")
    assert warnings and all("whoever updates the rates, to be named in rates.owner, adds it "
                            "to policy/rates.yaml" in w for w in warnings)


def test_the_owner_is_a_role(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(RATES, "  owner: credit_manager\n", "  owner: credit_manger\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at(RATES, '  owner:')}: rates.owner : \"credit_manger\" n'existe pas "
        "dans roles — vouliez-vous dire \"credit_manager\" ?",
    ]
