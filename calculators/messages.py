"""Every human text of the calculators, French first, English second, side by side.

Field texts are keyed ``<scope>.<field>.label|noun|help`` (``noun`` is the label as it reads
inside a sentence, with its article); output labels ``<scope>.out.<name>``. A scope is a
calculator (``penalty``) or a list inside it (``penalty.invoices``); look-ups fall back from the
innermost scope to the calculator, then to ``common``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

LANGS = ("fr", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- errors: reading a value -----------------------------------------------------------
    "error.required": ("Indiquez {noun}.", "Enter {noun}."),
    "error.number": ("Saisissez un nombre, par exemple 12 ou 12,5.",
                     "Enter a number, for example 12 or 12.5."),
    "error.money": ("Saisissez un montant, par exemple 10000 ou 10 000,50.",
                    "Enter an amount, for example 10000 or 10,000.50."),
    "error.rate": ("Saisissez un taux en pour cent, par exemple 12,15 ou 12,15 %.",
                   "Enter a rate in percent, for example 12.15 or 12.15 %."),
    "error.too_long": (
        "Ce nombre est trop long : {integer} chiffres au plus avant la virgule et {decimals} "
        "après.",
        "This number is too long: at most {integer} digits before the decimal point and "
        "{decimals} after."),
    "error.negative_money": ("Un montant ne peut pas être négatif : saisissez-le sans signe moins.",
                             "An amount cannot be negative: enter it without a minus sign."),
    "error.negative_rate": ("Un taux ne peut pas être négatif ici.",
                            "A rate cannot be negative here."),
    "error.date": ("{Noun} doit être au format AAAA-MM-JJ, par exemple 2025-09-30.",
                   "{Noun} must be in the form YYYY-MM-DD, for example 2025-09-30."),
    "error.date_impossible": ("{Noun} n'existe pas dans le calendrier : {value}.",
                              "{Noun} is not a day of the calendar: {value}."),
    "error.month": ("{Noun} doit être au format AAAA-MM, par exemple 2025-11.",
                    "{Noun} must be in the form YYYY-MM, for example 2025-11."),
    "error.integer": ("Saisissez un nombre entier, par exemple 30.",
                      "Enter a whole number, for example 30."),
    "error.boolean": ("Répondez par oui ou non (true ou false).",
                      "Answer yes or no (true or false)."),
    "error.choice": ("Choisissez parmi : {choices}.", "Choose one of: {choices}."),
    "error.text": ("Saisissez un texte de {limit} caractères au plus.",
                   "Enter a text of at most {limit} characters."),
    "error.list": ("Donnez une liste (un tableau JSON, entre crochets).",
                   "Give a list (a JSON array, in square brackets)."),
    "error.item": ("Chaque élément de la liste doit être un objet JSON, entre accolades.",
                   "Each item of the list must be a JSON object, in curly braces."),
    "error.unknown_field": ("Champ inconnu. Champs possibles : {names}.",
                            "Unknown field. Possible fields: {names}."),
    "error.unknown_field_close": ("Champ inconnu. Vouliez-vous dire « {name} » ?",
                                  'Unknown field. Did you mean "{name}"?'),
    "error.above": ("Saisissez une valeur supérieure à {limit}.",
                    "Enter a value greater than {limit}."),
    "error.at_least": ("Saisissez une valeur supérieure ou égale à {limit}.",
                       "Enter a value of at least {limit}."),
    "error.below": ("Saisissez une valeur inférieure à {limit}.",
                    "Enter a value less than {limit}."),
    "error.at_most": ("Saisissez une valeur inférieure ou égale à {limit}.",
                      "Enter a value of at most {limit}."),
    "error.amount_positive": ("Saisissez un montant supérieur à zéro.",
                              "Enter an amount greater than zero."),
    "error.sales_positive": ("Les ventes doivent être supérieures à zéro pour calculer un DSO.",
                             "Sales must be greater than zero to compute a DSO."),
    "error.days_positive": ("Saisissez un nombre de jours supérieur à zéro.",
                            "Enter a number of days greater than zero."),
    "error.days_per_month": ("Saisissez un nombre de jours entre 1 et 31.",
                             "Enter a number of days from 1 to 31."),
    "error.months_positive": ("Saisissez un nombre de mois supérieur à zéro.",
                              "Enter a number of months greater than zero."),
    "error.discount_rate": (
        "Saisissez un escompte supérieur à 0 et inférieur à 100 % : à 100 %, le client ne "
        "paierait rien.",
        "Enter a discount above 0 and below 100 %: at 100 % the customer would pay nothing."),
    "error.discount_days": ("Saisissez un nombre de jours positif ou nul.",
                            "Enter a number of days of zero or more."),
    "error.margin": (
        "Saisissez une marge nette supérieure à 0 et d'au plus 100 % : avec une marge nulle, "
        "aucune vente ne compense la perte.",
        "Enter a net margin above 0 and at most 100 %: with no margin, no amount of sales "
        "makes good the loss."),
    "error.days_late": ("Le nombre de jours de retard ne peut pas être négatif.",
                        "The number of days late cannot be negative."),
    # --- errors: the request as a whole ----------------------------------------------------
    "error.calculator": ("Calculateur inconnu « {name} ». Choisissez parmi : {names}.",
                         'Unknown calculator "{name}". Choose one of: {names}.'),
    "error.lang": ("Langue inconnue : choisissez fr ou en.", "Unknown language: choose fr or en."),
    "error.payload": (
        "Envoyez un objet JSON, entre accolades, avec les champs du calculateur.",
        "Send a JSON object, in curly braces, with the calculator's fields."),
    "error.json": (
        "Le texte reçu n'est pas du JSON valide (ligne {line}, colonne {column}) : vérifiez "
        "les guillemets, les virgules et les accolades.",
        "The text received is not valid JSON (line {line}, column {column}): check the "
        "quotes, commas and braces."),
    "error.json_depth": (
        "Le JSON reçu est trop imbriqué (plus de {depth} niveaux) : envoyez un objet avec les "
        "champs du calculateur.",
        "The JSON received is nested too deeply (more than {depth} levels): send an object "
        "with the calculator's fields."),
    # --- errors: penalties -----------------------------------------------------------------
    "error.mode_fixed_only": (
        "En régime {regime}, le taux du début du retard vaut pour toute la durée de la dette : "
        "choisissez « fixed » ou laissez vide.",
        "Under the {regime} regime the rate when lateness begins holds for the life of the "
        'debt: choose "fixed" or leave empty.'),
    "error.mode_split_only": (
        "En régime {regime}, chaque semestre a son propre taux : choisissez « split » ou "
        "laissez vide.",
        'Under the {regime} regime each half-year has its own rate: choose "split" or leave '
        "empty."),
    "error.rate_regime": (
        "Le taux contractuel n'est pris en charge qu'en régime FR (plancher de 3 fois le taux "
        "d'intérêt légal) : laissez ce champ vide pour le régime {regime}.",
        "A contractual rate is supported under the FR regime only (floor of 3 times the legal "
        "interest rate): leave this field empty for the {regime} regime."),
    "error.b2b_regime": (
        "Le régime {regime} ne s'applique qu'entre professionnels ; seul le régime DE prévoit "
        "un taux pour les contrats avec un consommateur.",
        "The {regime} regime applies between businesses only; only the DE regime has a rate "
        "for contracts with a consumer."),
    "error.single_and_list": (
        "Donnez soit une seule facture (montant, dates), soit une liste de factures "
        "(invoices), pas les deux.",
        "Give either one invoice (amount, dates) or a list of invoices (invoices), not both."),
    "error.payment_date_and_payments": (
        "Donnez soit la date de paiement, soit la liste des paiements partiels, pas les deux.",
        "Give either the payment date or the list of part payments, not both."),
    "error.payment_date_missing": (
        "Indiquez la date de paiement, ou une date d'arrêté (as_of) si la facture n'est pas "
        "encore réglée.",
        "Enter the payment date, or a date to count to (as_of) if the invoice is not paid "
        "yet."),
    "error.payments_exceed": (
        "Les paiements ({paid}) dépassent le montant de la facture ({amount}).",
        "The payments ({paid}) exceed the amount of the invoice ({amount})."),
    "error.payments_short": (
        "Les paiements ({paid}) ne couvrent pas toute la facture ({amount}) : indiquez une date "
        "d'arrêté (as_of) pour compter les intérêts sur le reste.",
        "The payments ({paid}) do not cover the whole invoice ({amount}): enter a date to count "
        "to (as_of) to charge interest on the rest."),
    "error.rate_unknown": (
        "{Rate} du {halves} n'est pas connu : ajoutez-le aux taux de la politique "
        "(reference_rates, table {table}).",
        "{Rate} for the {halves} is not known: add it to the policy's rates "
        "(reference_rates, table {table})."),
    "error.rates_unknown": (
        "{Rate} n'est pas connu pour : {halves}. Ajoutez ces valeurs aux taux de la politique "
        "(reference_rates, table {table}).",
        "{Rate} is not known for: {halves}. Add these values to the policy's rates "
        "(reference_rates, table {table})."),
    "error.reference_rates": (
        "Donnez les taux par table puis par semestre, par exemple "
        '{{"ecb_main_refinancing_rate": {{"2026-H2": "2.15"}}}}.',
        "Give the rates by table, then by half-year, for example "
        '{{"ecb_main_refinancing_rate": {{"2026-H2": "2.15"}}}}.'),
    "error.half_year": ("Le semestre doit s'écrire AAAA-H1 ou AAAA-H2, par exemple 2026-H2.",
                        "A half-year is written YYYY-H1 or YYYY-H2, for example 2026-H2."),
    # --- errors: DSO, CEI, discount, unpaid -----------------------------------------------
    "error.months_with_simple": (
        "La méthode simple n'utilise pas les ventes mensuelles : choisissez la méthode "
        "« countback » ou retirez-les.",
        'The simple method does not use monthly sales: choose the "countback" method or '
        "remove them."),
    "error.simple_with_countback": (
        "La méthode par épuisement (countback) utilise les ventes mensuelles, pas ce champ : "
        "retirez-le ou choisissez la méthode « simple ».",
        "The countback method uses the monthly sales, not this field: remove it or choose the "
        '"simple" method.'),
    "error.month_missing": (
        "Indiquez le mois (AAAA-MM), ou un nombre de jours par mois (days_per_month).",
        "Enter the month (YYYY-MM), or a number of days per month (days_per_month)."),
    "error.month_order": (
        "Les mois doivent se suivre, du plus récent au plus ancien : {expected} attendu ici.",
        "Months must follow each other, latest first: {expected} expected here."),
    "error.history_short": (
        "Les {count} mois fournis ({days} jours) ne suffisent pas à absorber l'encours : il "
        "reste {remainder} non couverts, donc le DSO dépasse {days} jours. Ajoutez des mois "
        "plus anciens.",
        "The {count} months given ({days} days) do not absorb the receivables: {remainder} "
        "is left over, so the DSO exceeds {days} days. Add earlier months."),
    "error.current_exceeds": (
        "L'encours non échu ne peut pas dépasser l'encours total ({total}).",
        "Current receivables cannot exceed total receivables ({total})."),
    "error.cei_nothing_collectable": (
        "Rien n'était encaissable sur la période (encours de début + ventes du mois − encours "
        "non échu ≤ 0) : le CEI n'est pas calculable.",
        "Nothing was collectable in the period (opening receivables + monthly sales − current "
        "receivables ≤ 0): the CEI cannot be computed."),
    "error.net_days": (
        "Le délai normal doit être plus long que le délai avec escompte ({days} jours).",
        "The net term must be longer than the discount term ({days} days)."),
    "error.loss_or_amount": ("Indiquez la perte, ou le montant TTC de la créance.",
                             "Enter the loss, or the amount of the invoice including VAT."),
    "error.vat_rate_needed": ("Indiquez le taux de TVA pour déduire la TVA récupérable.",
                              "Enter the VAT rate to deduct the recoverable VAT."),
    "error.amount_for_financing": (
        "Indiquez le montant TTC de la créance pour calculer le coût de financement du retard.",
        "Enter the amount including VAT to compute the cost of financing the delay."),
    # --- warnings ------------------------------------------------------------------------
    "warning.floor": (
        "Le taux contractuel ({rate} %) est inférieur au plancher légal du {half} (3 fois le "
        "taux d'intérêt légal : {floor} %) : le plancher est appliqué (L441-10 II).",
        "The contractual rate ({rate} %) is below the legal floor for the {half} (3 times the "
        "legal interest rate: {floor} %): the floor applies (L441-10 II)."),
    "warning.open": (
        "Facture non réglée en totalité : intérêts comptés jusqu'à la date d'arrêté ({as_of}).",
        "Invoice not fully paid: interest counted to the date given ({as_of})."),
    "warning.open_count": (
        "Factures non réglées en totalité : {count} ; intérêts comptés jusqu'à la date "
        "d'arrêté ({as_of}).",
        "Invoices not fully paid: {count}; interest counted to the date given ({as_of})."),
    "warning.vat_recoverable": (
        "En France, la TVA d'une créance impayée n'est récupérable qu'une fois la créance "
        "définitivement irrécouvrable (par exemple après un jugement de liquidation).",
        "In France, the VAT on an unpaid invoice can be recovered only once the debt is "
        "definitively irrecoverable (for example after a liquidation judgment)."),
    "warning.cei_negative": (
        "Le CEI est négatif : l'encours de fin dépasse ce qui était encaissable ; vérifiez les "
        "montants.",
        "The CEI is negative: closing receivables exceed what was collectable; check the "
        "amounts."),
    # --- words ---------------------------------------------------------------------------
    "half.1": ("1er semestre {year}", "first half of {year}"),
    "half.2": ("2e semestre {year}", "second half of {year}"),
    "rate_table.ecb_main_refinancing_rate": (
        "le taux de refinancement principal de la BCE", "the ECB main refinancing rate"),
    "rate_table.france_legal_interest_rate": (
        "le taux de l'intérêt légal", "the French legal interest rate"),
    "rate_table.uk_bank_rate_reference": (
        "le Bank Rate de référence (Banque d'Angleterre)",
        "the reference Bank Rate (Bank of England)"),
    "rate_table.germany_basiszinssatz": (
        "le Basiszinssatz (taux de base allemand)", "the German Basiszinssatz (base rate)"),
    "legal_basis.FR": ("Code de commerce, art. L441-10 II et D441-5",
                       "French Commercial Code, art. L441-10 II and D441-5"),
    "legal_basis.FR_contract": (
        "Code de commerce, art. L441-10 II (taux contractuel, au moins 3 fois le taux "
        "d'intérêt légal) et D441-5",
        "French Commercial Code, art. L441-10 II (contractual rate, at least 3 times the legal "
        "interest rate) and D441-5"),
    "legal_basis.EU": ("Directive 2011/7/UE, art. 2, 3 et 6",
                       "Directive 2011/7/EU, art. 2, 3 and 6"),
    "legal_basis.UK": (
        "Late Payment of Commercial Debts (Interest) Act 1998, s. 4 et 5A ; SI 2002/1675",
        "Late Payment of Commercial Debts (Interest) Act 1998, s. 4 and 5A; SI 2002/1675"),
    "legal_basis.DE": ("BGB § 288 (2) et (5), § 247", "BGB § 288 (2) and (5), § 247"),
    "legal_basis.DE_consumer": ("BGB § 288 (1), § 247", "BGB § 288 (1), § 247"),
    "kind.money": ("montant", "amount"),
    "kind.rate": ("taux en %", "rate in %"),
    "kind.date": ("date AAAA-MM-JJ", "date YYYY-MM-DD"),
    "kind.month": ("mois AAAA-MM", "month YYYY-MM"),
    "kind.integer": ("nombre entier", "whole number"),
    "kind.choice": ("choix", "choice"),
    "kind.boolean": ("oui/non", "yes/no"),
    "kind.list": ("liste", "list"),
    "kind.text": ("texte", "text"),
    "list.required": ("obligatoire", "required"),
    "list.default": ("défaut : {value}", "default: {value}"),
    "list.fields": ("Champs :", "Fields:"),
    "list.outputs": ("Résultats :", "Results:"),
    "list.legal_basis": ("Base : {text}", "Basis: {text}"),
    "list.rates": ("Tables de taux livrées :", "Shipped rate tables:"),
    "list.rate_table": ("{name} : {first} à {last} ; source : {source} ; vérifié le {as_of}",
                        "{name}: {first} to {last}; source: {source}; checked on {as_of}"),
    "list.common": (
        "Dans chaque calculateur : « lang » (fr ou en) choisit la langue des messages ; "
        "« reference_rates » ajoute des taux de référence par table et par semestre, qui "
        'priment sur les tables livrées, par exemple {{"ecb_main_refinancing_rate": '
        '{{"2026-H2": "2.15"}}}}.',
        'In every calculator: "lang" (fr or en) chooses the language of messages; '
        '"reference_rates" adds reference rates by table and half-year, which take '
        'precedence over the shipped tables, for example {{"ecb_main_refinancing_rate": '
        '{{"2026-H2": "2.15"}}}}.'),
    "cli.usage": (
        "Usage : python -m calculators NOM < entrée.json\n"
        "        python -m calculators --list [--lang en]\n"
        "        python -m calculators batch penalty FICHIER.csv [--as-of AAAA-MM-JJ] "
        "[--regime FR|EU|UK|DE]\n"
        "               [--rate TAUX] [--mode split|fixed] [--basis 365|360] [--b2b oui|non]\n"
        "               [--reference-rates TAUX.json] [--lang en] [--out RÉSULTATS.csv | --json]\n"
        "        python -m calculators batch dso FICHIER.csv [--lang en] "
        "[--out RÉSULTATS.csv | --json]\n"
        "Calculateurs : {names}\n"
        "FICHIER « - » : l'entrée standard ; --as-of vaut aujourd'hui par défaut ; --out - : "
        "le CSV des résultats sur la sortie standard.",
        "Usage: python -m calculators NAME < input.json\n"
        "       python -m calculators --list [--lang en]\n"
        "       python -m calculators batch penalty FILE.csv [--as-of YYYY-MM-DD] "
        "[--regime FR|EU|UK|DE]\n"
        "              [--rate RATE] [--mode split|fixed] [--basis 365|360] [--b2b yes|no]\n"
        "              [--reference-rates RATES.json] [--lang en] [--out RESULTS.csv | --json]\n"
        "       python -m calculators batch dso FILE.csv [--lang en] "
        "[--out RESULTS.csv | --json]\n"
        "Calculators: {names}\n"
        "FILE \"-\": standard input; --as-of is today by default; --out -: the results CSV on "
        "standard output."),
    "cli.unknown_option": ("Option inconnue : {option}.", "Unknown option: {option}."),
    "cli.needs_value": ("L'option {option} attend une valeur.", "Option {option} needs a value."),
    "cli.twice": ("L'option {option} est donnée deux fois.", "Option {option} is given twice."),
    "cli.penalty_only": ("L'option {option} ne sert qu'aux pénalités (batch penalty).",
                         "Option {option} is for penalties only (batch penalty)."),
    "cli.out_and_json": (
        "--out - et --json écrivent tous deux sur la sortie standard : choisissez l'un des deux.",
        "--out - and --json both write to standard output: choose one of them."),
    "cli.unreadable": ("{file} : lecture impossible ({reason}).",
                       "{file}: cannot be read ({reason})."),
    "cli.unwritable": ("{file} : écriture impossible ({reason}).",
                       "{file}: cannot be written ({reason})."),
    "cli.not_text": (
        "le fichier n'est pas un texte en UTF-8 ni en Windows-1252 : enregistrez-le en CSV "
        "UTF-8.",
        "the file is not text in UTF-8 or Windows-1252: save it as CSV UTF-8."),
    "cli.rates_file": (
        "{file} : il faut un fichier JSON de taux par table puis par semestre, par exemple "
        '{{"ecb_main_refinancing_rate": {{"2026-H2": "2.15"}}}} (erreur ligne {line}, '
        "colonne {column}).",
        "{file}: a JSON file of rates by table, then by half-year, is needed, for example "
        '{{"ecb_main_refinancing_rate": {{"2026-H2": "2.15"}}}} (error at line {line}, '
        "column {column})."),
    "cli.penalty_head": (
        "{file} : {count} facture(s) calculée(s) ; régime {regime}, {mode}, base {basis} jours ; "
        "montants en {currency}.",
        "{file}: {count} invoice(s) computed; regime {regime}, {mode}, {basis}-day basis; "
        "amounts in {currency}."),
    "cli.dso_head": ("{file} : {count} mois.", "{file}: {count} month(s)."),
    "cli.total": ("Total", "Total"),
    "cli.no_customer": ("(sans client)", "(no customer)"),
    "cli.warnings": ("Avertissements :", "Warnings:"),
    "cli.dso.sales": ("Ventes", "Sales"),
    "cli.dso.receivables": ("Encours", "Receivables"),
    "cli.dso.days": ("Jours", "Days"),
    "cli.dso.simple": ("DSO simple", "Simple DSO"),
    "cli.dso.countback": ("DSO par épuisement", "Countback DSO"),
    "cli.dso.too_short": (
        "— : historique trop court pour le DSO par épuisement (les ventes des mois connus "
        "n'absorbent pas l'encours).",
        "— : history too short for the countback DSO (the sales of the months known do not "
        "absorb the receivables)."),
    # --- batch import: files of invoices or months ----------------------------------------
    "batch.line": ("Ligne {line} : {message}", "Line {line}: {message}"),
    "batch.line_column": ("Ligne {line}, colonne « {column} » : {message}",
                          "Line {line}, column “{column}”: {message}"),
    "batch.empty": ("Le fichier est vide : il faut une ligne d'en-tête puis une ligne par {what}.",
                    "The file is empty: it needs a header line, then one line per {what}."),
    "batch.what.penalty": ("facture", "invoice"),
    "batch.what.dso": ("mois", "month"),
    "batch.no_rows": ("Le fichier n'a pas de ligne de données après l'en-tête.",
                      "The file has no data line after its header."),
    "batch.columns": ("{count} colonnes attendues ({names}), {found} trouvées.",
                      "{count} columns expected ({names}), {found} found."),
    "batch.missing_column": ("Colonne « {column} » introuvable dans l'en-tête ({found}).",
                             "Column “{column}” not found in the header ({found})."),
    "batch.month_gap": ("Les mois doivent se suivre : {expected} attendu après {previous}.",
                        "Months must follow each other: {expected} expected after {previous}."),
    "batch.month_twice": ("Le mois {month} apparaît deux fois.", "Month {month} appears twice."),
    "batch.not_counted": ("{count} ligne(s) en erreur ne sont pas comptées dans les totaux.",
                          "{count} line(s) with errors are not counted in the totals."),
    "batch.line_only": ("Une ligne : mois puis ventes, par exemple « 2025-11 1200 ».",
                        "One line: month then sales, for example “2025-11 1200”."),
    # --- common fields and outputs -------------------------------------------------------
    "common.basis.label": ("Base de jours", "Day basis"),
    "common.basis.noun": ("la base de jours", "the day basis"),
    "common.basis.help": ("Nombre de jours de l'année dans le calcul : 365 (par défaut) ou 360.",
                          "Days in a year for the computation: 365 (the default) or 360."),
    "common.basis.choice.365": ("365 jours", "365 days"),
    "common.basis.choice.360": ("360 jours", "360 days"),
    "common.out.basis": ("Base de jours", "Day basis"),
    "common.out.warnings": ("Avertissements", "Warnings"),
    # --- penalty -------------------------------------------------------------------------
    "penalty.title": ("Pénalités de retard", "Late-payment penalties"),
    "penalty.summary": (
        "Intérêts de retard et indemnité forfaitaire d'une facture payée en retard, ou d'une "
        "liste de factures : France, Union européenne, Royaume-Uni, Allemagne, semestre par "
        "semestre.",
        "Late-payment interest and fixed compensation for an invoice paid late, or a list of "
        "invoices: France, European Union, United Kingdom, Germany, half-year by half-year."),
    "penalty.legal_basis": (
        "Code de commerce, art. L441-10 II et D441-5 ; directive 2011/7/UE ; Late Payment of "
        "Commercial Debts (Interest) Act 1998 ; BGB § 288",
        "French Commercial Code, art. L441-10 II and D441-5; Directive 2011/7/EU; Late "
        "Payment of Commercial Debts (Interest) Act 1998; BGB § 288"),
    "penalty.regime.label": ("Régime", "Regime"),
    "penalty.regime.noun": ("le régime", "the regime"),
    "penalty.regime.help": (
        "FR : Code de commerce L441-10 (taux BCE + 10 points, 40 EUR) ; EU : directive "
        "2011/7/UE (BCE + 8, 40 EUR) ; UK : Late Payment Act 1998 (Bank Rate + 8, taux fixe, "
        "40 à 100 GBP) ; DE : BGB § 288 (Basiszinssatz + 9, ou + 5 avec un consommateur).",
        "FR: French Commercial Code L441-10 (ECB rate + 10 points, EUR 40); EU: Directive "
        "2011/7/EU (ECB + 8, EUR 40); UK: Late Payment Act 1998 (Bank Rate + 8, fixed rate, "
        "GBP 40 to 100); DE: BGB § 288 (Basiszinssatz + 9, or + 5 with a consumer)."),
    "penalty.regime.choice.FR": ("France (L441-10)", "France (L441-10)"),
    "penalty.regime.choice.EU": ("Union européenne (directive 2011/7/UE)",
                                 "European Union (Directive 2011/7/EU)"),
    "penalty.regime.choice.UK": ("Royaume-Uni (Late Payment Act 1998)",
                                 "United Kingdom (Late Payment Act 1998)"),
    "penalty.regime.choice.DE": ("Allemagne (BGB § 288)", "Germany (BGB § 288)"),
    "penalty.amount.label": ("Montant TTC", "Amount incl. VAT"),
    "penalty.amount.noun": ("le montant TTC", "the amount including VAT"),
    "penalty.amount.help": (
        "Montant de la facture, TVA comprise : c'est la base des pénalités.",
        "Amount of the invoice including VAT: the base of the penalties."),
    "penalty.due_date.label": ("Date d'échéance", "Due date"),
    "penalty.due_date.noun": ("la date d'échéance", "the due date"),
    "penalty.due_date.help": (
        "Dernier jour pour payer sans retard ; les intérêts courent à partir du lendemain.",
        "Last day to pay on time; interest runs from the day after."),
    "penalty.payment_date.label": ("Date de paiement", "Payment date"),
    "penalty.payment_date.noun": ("la date de paiement", "the payment date"),
    "penalty.payment_date.help": (
        "Jour où le paiement a été reçu, compté dans le retard. Vide si la facture n'est pas "
        "réglée : les intérêts courent alors jusqu'à la date d'arrêté.",
        "Day the payment was received, counted as late. Empty if the invoice is not paid: "
        "interest then runs to the date given in as_of."),
    "penalty.payments.label": ("Paiements partiels", "Part payments"),
    "penalty.payments.noun": ("la liste des paiements partiels", "the list of part payments"),
    "penalty.payments.help": (
        "Facture réglée en plusieurs fois : chaque paiement avec sa date et son montant, à la "
        "place de la date de paiement. L'indemnité forfaitaire reste due une seule fois.",
        "Invoice paid in several instalments: each payment with its date and amount, instead "
        "of the payment date. The fixed compensation is still owed once."),
    "penalty.payments.date.label": ("Date du paiement", "Date of the payment"),
    "penalty.payments.date.noun": ("la date du paiement", "the date of the payment"),
    "penalty.payments.date.help": ("Jour où ce paiement a été reçu.",
                                   "Day this payment was received."),
    "penalty.payments.amount.label": ("Montant payé", "Amount paid"),
    "penalty.payments.amount.noun": ("le montant payé", "the amount paid"),
    "penalty.payments.amount.help": ("Montant reçu ce jour-là, TVA comprise.",
                                     "Amount received that day, including VAT."),
    "penalty.as_of.label": ("Date d'arrêté", "Count to"),
    "penalty.as_of.noun": ("la date d'arrêté", "the date to count to"),
    "penalty.as_of.help": (
        "Pour une facture pas encore réglée : les intérêts sont comptés jusqu'à cette date, "
        "incluse.",
        "For an invoice not paid yet: interest is counted up to this date, inclusive."),
    "penalty.rate.label": ("Taux contractuel (%)", "Contractual rate (%)"),
    "penalty.rate.noun": ("le taux contractuel", "the contractual rate"),
    "penalty.rate.help": (
        "Taux annuel prévu par vos conditions générales, à la place du taux légal (régime FR). "
        "S'il est inférieur à 3 fois le taux d'intérêt légal, ce plancher s'applique.",
        "Yearly rate set by your terms of sale, instead of the statutory rate (FR regime). "
        "Below 3 times the legal interest rate, that floor applies."),
    "penalty.mode.label": ("Mode de calcul", "Computation mode"),
    "penalty.mode.noun": ("le mode de calcul", "the computation mode"),
    "penalty.mode.help": (
        "split : chaque semestre à son propre taux (par défaut, sauf UK) ; fixed : le taux du "
        "semestre où le retard commence, pour toute la durée (option en France, toujours au "
        "Royaume-Uni).",
        "split: each half-year at its own rate (the default, except UK); fixed: the rate of "
        "the half-year in which lateness begins, throughout (an option in France, always in "
        "the UK)."),
    "penalty.mode.choice.split": ("Par semestre", "By half-year"),
    "penalty.mode.choice.fixed": ("Taux fixe", "Fixed rate"),
    "penalty.b2b.label": ("Entre professionnels", "Between businesses"),
    "penalty.b2b.noun": ("le type de contrat", "the kind of contract"),
    "penalty.b2b.help": (
        "Non si un consommateur est partie au contrat (régime DE seulement : Basiszinssatz + 5 "
        "points, pas de forfait de 40 EUR).",
        "No if a consumer is party to the contract (DE regime only: Basiszinssatz + 5 points, "
        "no EUR 40 lump sum)."),
    "penalty.invoices.label": ("Factures", "Invoices"),
    "penalty.invoices.noun": ("la liste des factures", "the list of invoices"),
    "penalty.invoices.help": (
        "Plusieurs factures d'un coup, chacune avec ses dates, à la place d'une facture "
        "seule ; l'indemnité est due une fois par facture en retard.",
        "Several invoices at once, each with its own dates, instead of a single invoice; the "
        "compensation is owed once per late invoice."),
    "penalty.invoices.id.label": ("N° de facture", "Invoice number"),
    "penalty.invoices.id.noun": ("le numéro de facture", "the invoice number"),
    "penalty.invoices.id.help": ("Repris tel quel dans le résultat.",
                                 "Copied as is into the result."),
    "penalty.invoices.customer.label": ("Client", "Customer"),
    "penalty.invoices.customer.noun": ("le client", "the customer"),
    "penalty.invoices.customer.help": ("Sert aux totaux par client.",
                                       "Used for the totals by customer."),
    "penalty.out.regime": ("Régime", "Regime"),
    "penalty.out.currency": ("Devise", "Currency"),
    "penalty.out.mode": ("Mode de calcul", "Computation mode"),
    "penalty.out.amount": ("Montant TTC", "Amount incl. VAT"),
    "penalty.out.due_date": ("Date d'échéance", "Due date"),
    "penalty.out.payment_date": ("Date de paiement", "Payment date"),
    "penalty.out.as_of": ("Date d'arrêté", "Counted to"),
    "penalty.out.days_late": ("Jours de retard", "Days late"),
    "penalty.out.rate": ("Taux annuel (%)", "Yearly rate (%)"),
    "penalty.out.interest": ("Intérêts de retard", "Late-payment interest"),
    "penalty.out.indemnity": ("Indemnité forfaitaire", "Fixed compensation"),
    "penalty.out.total": ("Total dû", "Total owed"),
    "penalty.out.periods": ("Périodes", "Periods"),
    "penalty.out.periods.start": ("Du", "From"),
    "penalty.out.periods.end": ("Au", "To"),
    "penalty.out.periods.days": ("Jours", "Days"),
    "penalty.out.periods.rate": ("Taux (%)", "Rate (%)"),
    "penalty.out.periods.amount": ("Base", "Base"),
    "penalty.out.periods.interest": ("Intérêts", "Interest"),
    "penalty.out.invoices": ("Factures", "Invoices"),
    "penalty.out.invoices.id": ("N° de facture", "Invoice number"),
    "penalty.out.invoices.customer": ("Client", "Customer"),
    "penalty.out.totals": ("Totaux", "Totals"),
    "penalty.out.totals.count": ("Factures", "Invoices"),
    "penalty.out.totals.late": ("Factures en retard", "Late invoices"),
    "penalty.out.by_customer": ("Par client", "By customer"),
    "penalty.out.by_customer.customer": ("Client", "Customer"),
    "penalty.out.by_customer.count": ("Factures", "Invoices"),
    "penalty.out.by_customer.late": ("Factures en retard", "Late invoices"),
    "penalty.out.legal_basis": ("Base légale", "Legal basis"),
    # --- dso -----------------------------------------------------------------------------
    "dso.title": ("DSO (délai moyen de paiement clients)", "DSO (days sales outstanding)"),
    "dso.summary": (
        "Délai moyen d'encaissement, par la méthode simple ou par épuisement (countback), avec "
        "le meilleur DSO possible et le retard moyen quand l'encours non échu est connu.",
        "Average collection period, by the simple or the countback method, with the best "
        "possible DSO and average days delinquent when current receivables are known."),
    "dso.legal_basis": (
        "Pratique de la gestion du crédit : DSO simple (encours / ventes × jours) et par "
        "épuisement",
        "Credit-management practice: simple DSO (receivables / sales × days) and countback"),
    "dso.method.label": ("Méthode", "Method"),
    "dso.method.noun": ("la méthode", "the method"),
    "dso.method.help": (
        "simple : encours / ventes × jours de la période ; countback : on retire les ventes "
        "de chaque mois, du plus récent au plus ancien, jusqu'à épuiser l'encours.",
        "simple: receivables / sales × days of the period; countback: subtract each month's "
        "sales, latest first, until the receivables are used up."),
    "dso.method.choice.simple": ("Simple", "Simple"),
    "dso.method.choice.countback": ("Par épuisement (countback)", "Countback"),
    "dso.receivables.label": ("Encours clients TTC", "Receivables incl. VAT"),
    "dso.receivables.noun": ("l'encours clients", "the receivables"),
    "dso.receivables.help": ("Créances clients en fin de période, TVA comprise.",
                             "Customer receivables at the end of the period, including VAT."),
    "dso.sales.label": ("Ventes TTC de la période", "Sales of the period incl. VAT"),
    "dso.sales.noun": ("les ventes de la période", "the sales of the period"),
    "dso.sales.help": ("Ventes à crédit de la période, TVA comprise (méthode simple).",
                       "Credit sales of the period, including VAT (simple method)."),
    "dso.days.label": ("Jours de la période", "Days in the period"),
    "dso.days.noun": ("le nombre de jours de la période", "the number of days in the period"),
    "dso.days.help": ("Par exemple 90 pour un trimestre (méthode simple).",
                      "For example 90 for a quarter (simple method)."),
    "dso.months.label": ("Ventes mensuelles", "Monthly sales"),
    "dso.months.noun": ("la liste des ventes mensuelles", "the list of monthly sales"),
    "dso.months.help": (
        "Méthode par épuisement : les ventes TTC de chaque mois, du plus récent au plus "
        "ancien.",
        "Countback method: each month's sales including VAT, latest month first."),
    "dso.months.month.label": ("Mois", "Month"),
    "dso.months.month.noun": ("le mois", "the month"),
    "dso.months.month.help": ("Au format AAAA-MM ; les mois se suivent en remontant.",
                              "As YYYY-MM; months follow each other going back."),
    "dso.months.sales.label": ("Ventes TTC du mois", "Sales of the month incl. VAT"),
    "dso.months.sales.noun": ("les ventes du mois", "the sales of the month"),
    "dso.months.sales.help": ("Ventes à crédit du mois, TVA comprise.",
                              "Credit sales of the month, including VAT."),
    "dso.days_per_month.label": ("Jours par mois", "Days per month"),
    "dso.days_per_month.noun": ("le nombre de jours par mois", "the number of days per month"),
    "dso.days_per_month.help": (
        "Pour compter chaque mois pour un nombre fixe de jours (par exemple 30) au lieu des "
        "jours du calendrier ; les mois peuvent alors être omis.",
        "To count every month as a fixed number of days (for example 30) instead of its "
        "calendar days; months may then be left out."),
    "dso.current_receivables.label": ("Encours non échu TTC", "Current receivables incl. VAT"),
    "dso.current_receivables.noun": ("l'encours non échu", "the current receivables"),
    "dso.current_receivables.help": (
        "Part de l'encours pas encore échue : donne le meilleur DSO possible (BPDSO) et le "
        "retard moyen (ADD).",
        "Part of the receivables not yet due: gives the best possible DSO (BPDSO) and the "
        "average days delinquent (ADD)."),
    "dso.out.method": ("Méthode", "Method"),
    "dso.out.dso": ("DSO (jours)", "DSO (days)"),
    "dso.out.bpdso": ("Meilleur DSO possible (jours)", "Best possible DSO (days)"),
    "dso.out.add": ("Retard moyen (jours)", "Average days delinquent"),
    "dso.out.days_covered": ("Jours des mois utilisés", "Days of the months used"),
    "dso.out.steps": ("Étapes", "Steps"),
    "dso.out.steps.month": ("Mois", "Month"),
    "dso.out.steps.sales": ("Ventes du mois", "Sales of the month"),
    "dso.out.steps.month_days": ("Jours du mois", "Days in the month"),
    "dso.out.steps.receivables_before": ("Encours restant", "Receivables left"),
    "dso.out.steps.days": ("Jours comptés", "Days counted"),
    "dso.out.steps.cumulative_days": ("Cumul (jours)", "Running total (days)"),
    # --- cei -----------------------------------------------------------------------------
    "cei.title": ("CEI (efficacité du recouvrement)", "CEI (collection effectiveness index)"),
    "cei.summary": (
        "Part de ce qui était encaissable sur la période qui a été encaissée, en pour cent.",
        "Share of what was collectable in the period that was collected, in percent."),
    "cei.legal_basis": (
        "Pratique de la gestion du crédit : (encours de début + ventes mensuelles − encours de "
        "fin) / (encours de début + ventes mensuelles − encours non échu de fin) × 100",
        "Credit-management practice: (opening receivables + monthly sales − closing "
        "receivables) / (opening receivables + monthly sales − closing current receivables) "
        "× 100"),
    "cei.begin_receivables.label": ("Encours en début de période", "Opening receivables"),
    "cei.begin_receivables.noun": ("l'encours de début de période", "the opening receivables"),
    "cei.begin_receivables.help": ("Créances clients au premier jour, TVA comprise.",
                                   "Customer receivables on the first day, including VAT."),
    "cei.credit_sales.label": ("Ventes à crédit de la période", "Credit sales of the period"),
    "cei.credit_sales.noun": ("les ventes à crédit", "the credit sales"),
    "cei.credit_sales.help": ("Ventes à crédit TTC de toute la période.",
                              "Credit sales of the whole period, including VAT."),
    "cei.end_receivables.label": ("Encours total en fin de période", "Closing receivables"),
    "cei.end_receivables.noun": ("l'encours de fin de période", "the closing receivables"),
    "cei.end_receivables.help": ("Toutes les créances clients au dernier jour.",
                                 "All customer receivables on the last day."),
    "cei.end_current_receivables.label": ("Encours non échu en fin de période",
                                          "Closing current receivables"),
    "cei.end_current_receivables.noun": ("l'encours non échu de fin de période",
                                         "the closing current receivables"),
    "cei.end_current_receivables.help": (
        "Part de l'encours de fin pas encore échue.",
        "Part of the closing receivables not yet due."),
    "cei.months.label": ("Nombre de mois", "Number of months"),
    "cei.months.noun": ("le nombre de mois", "the number of months"),
    "cei.months.help": (
        "Durée de la période en mois ; les ventes sont ramenées à un mois (ventes / mois).",
        "Length of the period in months; sales are brought to one month (sales / months)."),
    "cei.out.cei": ("CEI (%)", "CEI (%)"),
    "cei.out.monthly_sales": ("Ventes mensuelles", "Monthly sales"),
    # --- discount ------------------------------------------------------------------------
    "discount.title": ("Coût de l'escompte", "Cost of an early-payment discount"),
    "discount.summary": (
        "Ce que coûte au vendeur un escompte pour paiement anticipé, en taux annuel, comparé à "
        "son coût de financement.",
        "What an early-payment discount costs the seller as a yearly rate, compared with its "
        "cost of financing."),
    "discount.legal_basis": (
        "Finance d'entreprise : coût nominal d / (1 − d) × B / (N − D) ; coût effectif "
        "(1 + d / (1 − d))^(365 / (N − D)) − 1",
        "Corporate finance: nominal cost d / (1 − d) × B / (N − D); effective cost "
        "(1 + d / (1 − d))^(365 / (N − D)) − 1"),
    "discount.discount_rate.label": ("Escompte (%)", "Discount (%)"),
    "discount.discount_rate.noun": ("le taux d'escompte", "the discount rate"),
    "discount.discount_rate.help": (
        "Remise accordée pour paiement anticipé, en pour cent (par exemple 2).",
        "Reduction given for paying early, in percent (for example 2)."),
    "discount.discount_days.label": ("Délai avec escompte (jours)", "Discount term (days)"),
    "discount.discount_days.noun": ("le délai avec escompte", "the discount term"),
    "discount.discount_days.help": ("Le client qui paie dans ce délai a droit à l'escompte.",
                                    "A customer paying within this term gets the discount."),
    "discount.net_days.label": ("Délai normal (jours)", "Net term (days)"),
    "discount.net_days.noun": ("le délai normal", "the net term"),
    "discount.net_days.help": ("Délai de paiement sans escompte.",
                               "Payment term without the discount."),
    "discount.financing_rate.label": ("Taux de financement (%)", "Financing rate (%)"),
    "discount.financing_rate.noun": ("le taux de financement", "the financing rate"),
    "discount.financing_rate.help": (
        "Coût annuel du financement de l'entreprise (découvert, affacturage…) : pour savoir si "
        "l'escompte coûte plus cher.",
        "Yearly cost of the company's financing (overdraft, factoring…): to tell whether the "
        "discount costs more."),
    "discount.amount.label": ("Montant de la facture", "Invoice amount"),
    "discount.amount.noun": ("le montant de la facture", "the invoice amount"),
    "discount.amount.help": ("Pour chiffrer l'escompte en argent.",
                             "To put the discount in money."),
    "discount.out.nominal_rate": ("Coût annuel nominal (%)", "Nominal yearly cost (%)"),
    "discount.out.effective_rate": ("Coût annuel effectif (%)", "Effective yearly cost (%)"),
    "discount.out.breakeven_discount_rate": ("Escompte d'équilibre (%)",
                                             "Break-even discount (%)"),
    "discount.out.discount_costs_more": ("L'escompte coûte plus que le financement",
                                         "The discount costs more than financing"),
    "discount.out.discount_amount": ("Montant de l'escompte", "Discount amount"),
    "discount.out.net_amount": ("Montant encaissé", "Amount received"),
    "discount.out.financing_cost": ("Coût du financement équivalent", "Equivalent financing cost"),
    # --- unpaid --------------------------------------------------------------------------
    "unpaid.title": ("Coût d'un impayé", "Cost of an unpaid invoice"),
    "unpaid.summary": (
        "La perte d'une créance irrécouvrable et les ventes nécessaires pour la compenser ; "
        "pour un retard, le coût de financement et les ventes qui le paient.",
        "The loss on an irrecoverable invoice and the sales needed to make it good; for a "
        "late payment, the cost of financing it and the sales that pay for it."),
    "unpaid.legal_basis": (
        "Gestion du crédit : ventes nécessaires = perte / taux de marge nette ; coût du retard "
        "= montant × taux × jours / B",
        "Credit management: sales needed = loss / net margin rate; cost of a delay = amount "
        "× rate × days / B"),
    "unpaid.loss.label": ("Perte sur la créance", "Loss on the invoice"),
    "unpaid.loss.noun": ("la perte", "the loss"),
    "unpaid.loss.help": (
        "Montant perdu, si vous le connaissez ; sinon, donnez le montant TTC de la créance.",
        "Amount lost, if you know it; otherwise, give the invoice amount including VAT."),
    "unpaid.amount.label": ("Montant TTC de la créance", "Invoice amount incl. VAT"),
    "unpaid.amount.noun": ("le montant TTC de la créance", "the invoice amount including VAT"),
    "unpaid.amount.help": (
        "Montant dû, TVA comprise : base de la perte et du coût de financement du retard.",
        "Amount owed, including VAT: the base of the loss and of the cost of the delay."),
    "unpaid.vat_rate.label": ("Taux de TVA (%)", "VAT rate (%)"),
    "unpaid.vat_rate.noun": ("le taux de TVA", "the VAT rate"),
    "unpaid.vat_rate.help": ("Par exemple 20 ; sert si la TVA est récupérable.",
                             "For example 20; used when the VAT is recoverable."),
    "unpaid.vat_recoverable.label": ("TVA récupérable", "VAT recoverable"),
    "unpaid.vat_recoverable.noun": ("la récupération de la TVA", "whether the VAT is recoverable"),
    "unpaid.vat_recoverable.help": (
        "Oui si la TVA de la facture peut être récupérée (en France, seulement une fois la "
        "créance définitivement irrécouvrable) : la perte est alors le montant hors taxes.",
        "Yes if the VAT on the invoice can be recovered (in France, only once the debt is "
        "definitively irrecoverable): the loss is then the amount excluding VAT."),
    "unpaid.recovery_costs.label": ("Frais de recouvrement", "Recovery costs"),
    "unpaid.recovery_costs.noun": ("les frais de recouvrement", "the recovery costs"),
    "unpaid.recovery_costs.help": ("Frais engagés pour tenter de recouvrer la créance ; ajoutés "
                                   "à la perte.",
                                   "Costs spent trying to recover the debt; added to the loss."),
    "unpaid.net_margin_rate.label": ("Marge nette (%)", "Net margin (%)"),
    "unpaid.net_margin_rate.noun": ("la marge nette", "the net margin"),
    "unpaid.net_margin_rate.help": ("Bénéfice net sur 100 de ventes, par exemple 5.",
                                    "Net profit on 100 of sales, for example 5."),
    "unpaid.days_late.label": ("Jours de retard", "Days late"),
    "unpaid.days_late.noun": ("le nombre de jours de retard", "the number of days late"),
    "unpaid.days_late.help": ("Pour un retard (pas une perte) : durée à financer.",
                              "For a late (not lost) payment: how long it must be financed."),
    "unpaid.financing_rate.label": ("Taux de financement (%)", "Financing rate (%)"),
    "unpaid.financing_rate.noun": ("le taux de financement", "the financing rate"),
    "unpaid.financing_rate.help": ("Coût annuel du financement de l'entreprise.",
                                   "Yearly cost of the company's financing."),
    "unpaid.out.loss": ("Perte si la créance est perdue", "Loss if the invoice is lost"),
    "unpaid.out.sales_needed": ("Ventes nécessaires pour compenser la perte",
                                "Sales needed to make good the loss"),
    "unpaid.out.financing_cost": ("Coût de financement du retard", "Cost of financing the delay"),
    "unpaid.out.financing_sales_needed": ("Ventes nécessaires pour couvrir ce coût",
                                          "Sales needed to cover that cost"),
}


class Catalogue:
    """The texts of one language: ``t("error.required", noun="la date")``."""

    def __init__(self, lang: str = "fr") -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._index = LANGS.index(lang)

    def __call__(self, key: str, **params: Any) -> str:
        return CATALOGUE[key][self._index].format(**params)

    def field(self, scope: str, name: str, part: str) -> str:
        """``label``, ``noun`` or ``help`` of a field, from the innermost scope outwards."""
        return self(_find(scope, f"{name}.{part}"))

    def output(self, scope: str, name: str) -> str:
        """Label of a result field."""
        return self(_find(scope, f"out.{name}", nested=True))

    def grouped(self, value: str | int | Decimal) -> str:
        """A figure as a table shows it, digits grouped by three: ``12 345,67`` in French (a
        plain space, which every terminal and encoding shows), ``12,345.67`` in English; a text
        such as ``"12345.67"`` keeps its decimals as they are.

        >>> Catalogue("fr").grouped("-1234567.50"), Catalogue("en").grouped(9998)
        ('-1 234 567,50', '9,998')
        """
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, fraction = text.partition(".")
        if not whole.isdigit():
            return sign + text
        whole = f"{int(whole):,}"
        if self.lang == "fr":
            return sign + whole.replace(",", " ") + ("," + fraction if fraction else "")
        return sign + whole + ("." + fraction if fraction else "")

    def number(self, value: int | Decimal) -> str:
        """A number as written in prose: ``12,15`` in French, ``12.15`` in English."""
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return text.replace(".", ",") if self.lang == "fr" else text

    def half(self, half: int) -> str:
        """``2e semestre 2026`` / ``second half of 2026``."""
        return self(f"half.{half % 2 + 1}", year=half // 2)


def _find(scope: str, suffix: str, *, nested: bool = False) -> str:
    """The first key that exists: ``penalty.invoices.X``, ``penalty.X``, ``common.X``.

    For outputs (``nested``), the list name goes after ``out``: ``penalty.out.invoices.X``.
    """
    calculator, *lists = scope.split(".")
    candidates = []
    for start in range(len(lists) + 1):
        inner = ".".join(lists[start:])
        if nested and inner:
            head, _, tail = suffix.partition(".")
            candidates.append(f"{calculator}.{head}.{inner}.{tail}")
        elif inner:
            candidates.append(f"{calculator}.{inner}.{suffix}")
        else:
            candidates.append(f"{calculator}.{suffix}")
    candidates.append(f"common.{suffix}")
    for key in candidates:
        if key in CATALOGUE:
            return key
    raise KeyError(f"no text for {suffix!r} in {scope!r}")
