"""Contacts per role and where to look in the ERP: optional, but a wrong value is reported at its
file and line, in French and English."""

from __future__ import annotations

from tests.policy.conftest import PolicyCopy

CREDIT_CONTACT = ('    contact: {name: Camille Exemple, email: credit@example.com, '
                  'phone: "+33 1 00 00 00 01"}')


def test_an_email_that_is_not_an_email(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", "email: credit@example.com", "email: credit.example.com")
    where = policy_copy.at("roles.yaml", CREDIT_CONTACT.replace("credit@", "credit."))
    assert policy_copy.errors() == [
        f"{where}: roles.credit_manager.contact.email : \"credit.example.com\" n'est pas une "
        "adresse électronique (forme attendue : nom@domaine.fr)",
    ]
    assert policy_copy.errors("en") == [
        f"{where}: roles.credit_manager.contact.email: \"credit.example.com\" is not an email "
        "address (expected form: name@domain.com)",
    ]


def test_a_phone_that_is_not_a_phone_and_an_unknown_key(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", CREDIT_CONTACT,
                     "    contact: {name: Camille Exemple, phone: appelez-moi, mail: x@y.fr}")
    where = policy_copy.at("roles.yaml", "phone: appelez-moi")
    errors = policy_copy.errors()
    assert len(errors) == 2
    assert errors[0].startswith(f"{where}: ") and "\"appelez-moi\" n'est pas un numéro" in errors[0]
    assert errors[1].startswith(f"{where}: ") and "\"mail\"" in errors[1] \
        and "\"email\"" in errors[1]


def test_contacts_are_optional(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", CREDIT_CONTACT + "\n", "")
    policy_copy.edit("company.yaml", "    dunning_history:\n", "    dunning_history:\n")
    assert policy_copy.errors() == []


def test_an_unknown_erp_task(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("company.yaml", "    overdue_invoices:", "    overdue_invoice:")
    assert policy_copy.errors() == [
        f"{policy_copy.at('company.yaml', '    overdue_invoice:')}: clé inconnue "
        "\"overdue_invoice\" — vouliez-vous dire \"overdue_invoices\" ?",
    ]
