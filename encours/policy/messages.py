"""Every sentence the policy package says, in French (default) and English, in one place.

`message(key, lang, **params)` fills a sentence; numbers given as `Decimal` are written the way
the language writes them (`12,5` in French, `12.5` in English).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

CATALOGUE: dict[str, dict[str, str]] = {
    # --- reading YAML -------------------------------------------------------------------------
    "yaml.syntax": {
        "fr": "syntaxe YAML invalide : {explanation}",
        "en": "invalid YAML syntax: {explanation}",
    },
    "yaml.hint.colon": {
        "fr": 'deux-points inattendu : un texte qui contient ":" suivi d\'une espace se met '
              'entre guillemets (ou sur les lignes suivantes, après ">-") ; sinon, vérifiez '
              "l'indentation de la ligne",
        "en": 'unexpected colon: a text containing ":" followed by a space goes in quotes (or '
              'on the next lines, after ">-"); otherwise check the indentation of the line',
    },
    "yaml.hint.missing_colon": {
        "fr": 'il manque ":" après une clé (ou une ligne est mal indentée)',
        "en": 'a ":" is missing after a key (or a line is badly indented)',
    },
    "yaml.hint.tab": {
        "fr": "tabulation interdite en YAML : indentez avec des espaces",
        "en": "tabs are not allowed in YAML: indent with spaces",
    },
    "yaml.hint.indent": {
        "fr": "indentation incohérente : alignez cette ligne sur les clés de même niveau "
              "(avec des espaces)",
        "en": "inconsistent indentation: align this line with the keys of the same level "
              "(with spaces)",
    },
    "yaml.hint.dash": {
        "fr": 'élément de liste mal aligné : alignez les "-" de la liste',
        "en": 'list item out of line: align the "-" of the list',
    },
    "yaml.hint.quote": {
        "fr": "guillemet non fermé : fermez le texte ouvert plus haut",
        "en": "unclosed quote: close the text opened above",
    },
    "yaml.hint.escape": {
        "fr": 'séquence "\\" inconnue entre guillemets doubles : utilisez des guillemets simples',
        "en": 'unknown "\\" sequence inside double quotes: use single quotes',
    },
    "yaml.hint.alias": {
        "fr": 'alias "*" inconnu : définissez d\'abord l\'ancre "&" correspondante',
        "en": 'unknown "*" alias: define the matching "&" anchor first',
    },
    "yaml.hint.documents": {
        "fr": 'un seul document par fichier : retirez la ligne "---" en trop',
        "en": 'one document per file: remove the extra "---" line',
    },
    "yaml.hint.content": {
        "fr": 'valeur attendue : une liste ou une section est mal formée près de cette ligne',
        "en": "a value is expected: a list or a section is malformed near this line",
    },
    "yaml.hint.flow": {
        "fr": "liste [ ] ou section {{ }} mal fermée : vérifiez les virgules et les crochets",
        "en": "a [ ] list or {{ }} section is not closed properly: check commas and brackets",
    },
    "yaml.opened": {
        "fr": " (élément commencé ligne {line})",
        "en": " (item started on line {line})",
    },
    "yaml.duplicate_key": {
        "fr": 'clé "{key}" en double : déjà définie ligne {first} — supprimez ou renommez '
              "l'une des deux",
        "en": 'duplicate key "{key}": already defined on line {first} — remove or rename '
              "one of them",
    },
    "yaml.complex_key": {
        "fr": 'clé invalide : une clé est un nom simple suivi de ":"',
        "en": 'invalid key: a key is a plain name followed by ":"',
    },
    "yaml.tag": {
        "fr": 'étiquette YAML "{tag}" non autorisée : écrivez la valeur sans "!"',
        "en": 'YAML tag "{tag}" is not allowed: write the value without "!"',
    },
    "yaml.not_mapping": {
        "fr": 'le fichier doit contenir des chapitres au premier niveau (par ex. "terms:")',
        "en": 'the file must hold chapters at its top level (e.g. "terms:")',
    },
    "yaml.encoding": {
        "fr": "le fichier n'est pas en UTF-8 (octet invalide en position {position}) : "
              "enregistrez-le en UTF-8",
        "en": "the file is not UTF-8 (invalid byte at position {position}): save it as UTF-8",
    },
    # --- gathering files ----------------------------------------------------------------------
    "load.no_dir": {
        "fr": "dossier de la politique introuvable",
        "en": "policy folder not found",
    },
    "load.no_files": {
        "fr": "aucun fichier .yaml dans ce dossier",
        "en": "no .yaml file in this folder",
    },
    "load.yml_ignored": {
        "fr": "fichier ignoré : renommez-le en .yaml pour qu'il soit lu",
        "en": "file ignored: rename it to .yaml to have it read",
    },
    "load.chapter_missing": {
        "fr": 'chapitre "{chapter}" manquant : ajoutez-le dans {file} (première clé : '
              '"{chapter}:")',
        "en": 'chapter "{chapter}" is missing: add it in {file} (first key: "{chapter}:")',
    },
    "load.chapter_twice": {
        "fr": 'chapitre "{chapter}" déjà défini en {first} : un chapitre ne s\'écrit qu\'une fois',
        "en": 'chapter "{chapter}" is already defined at {first}: write a chapter only once',
    },
    # --- types --------------------------------------------------------------------------------
    "type.missing": {
        "fr": 'clé obligatoire "{key}" manquante dans {path}',
        "en": 'required key "{key}" is missing in {path}',
    },
    "type.unknown_key_suggest": {
        "fr": 'clé inconnue "{key}" — vouliez-vous dire "{suggestion}" ?',
        "en": 'unknown key "{key}" — did you mean "{suggestion}"?',
    },
    "type.unknown_key": {
        "fr": 'clé inconnue "{key}" (clés possibles : {allowed})',
        "en": 'unknown key "{key}" (possible keys: {allowed})',
    },
    "type.int": {
        "fr": "{path} doit être un nombre entier{unit}, reçu {got}",
        "en": "{path} must be a whole number{unit}, got {got}",
    },
    "type.decimal": {
        "fr": "{path} doit être un nombre{unit} (ex. 12.5), reçu {got}{hint}",
        "en": "{path} must be a number{unit} (e.g. 12.5), got {got}{hint}",
    },
    "type.decimal_comma": {
        "fr": " : écrivez les décimales avec un point (12.5), pas une virgule",
        "en": ": write decimals with a point (12.5), not a comma",
    },
    "type.ge": {
        "fr": "{path} doit être supérieur ou égal à {limit}, reçu {got}",
        "en": "{path} must be at least {limit}, got {got}",
    },
    "type.gt": {
        "fr": "{path} doit être supérieur à {limit}, reçu {got}",
        "en": "{path} must be greater than {limit}, got {got}",
    },
    "type.le": {
        "fr": "{path} doit être inférieur ou égal à {limit}, reçu {got}",
        "en": "{path} must be at most {limit}, got {got}",
    },
    "type.lt": {
        "fr": "{path} doit être inférieur à {limit}, reçu {got}",
        "en": "{path} must be less than {limit}, got {got}",
    },
    "type.string": {
        "fr": "{path} doit être un texte, reçu {got}",
        "en": "{path} must be text, got {got}",
    },
    "type.string_number_hint": {
        "fr": ' : mettez-le entre guillemets ("{raw}"), sinon YAML le lit comme un nombre',
        "en": ': put it in quotes ("{raw}"), otherwise YAML reads it as a number',
    },
    "type.string_bool_hint": {
        "fr": ' : mettez-le entre guillemets ("{raw}"), sinon YAML le lit comme oui/non',
        "en": ': put it in quotes ("{raw}"), otherwise YAML reads it as yes/no',
    },
    "type.string_date_hint": {
        "fr": ' : mettez-le entre guillemets ("{raw}"), sinon YAML le lit comme une date',
        "en": ': put it in quotes ("{raw}"), otherwise YAML reads it as a date',
    },
    "type.pattern_id": {
        "fr": '{path} : identifiant {got} invalide — lettres sans accent, chiffres, "_" ou "-", '
              "sans espace (ex. credit_manager)",
        "en": '{path}: identifier {got} is invalid — unaccented letters, digits, "_" or "-", '
              "no spaces (e.g. credit_manager)",
    },
    "type.pattern_half_year": {
        "fr": '{path} : semestre {got} invalide — écrivez "AAAA-H1" ou "AAAA-H2" '
              '(ex. "2026-H2")',
        "en": '{path}: half-year {got} is invalid — write "YYYY-H1" or "YYYY-H2" (e.g. "2026-H2")',
    },
    "type.pattern_country": {
        "fr": "{path} : code pays {got} invalide — deux lettres majuscules ISO 3166 (ex. FR)",
        "en": "{path}: country code {got} is invalid — two capital ISO 3166 letters (e.g. FR)",
    },
    "type.pattern_currency": {
        "fr": "{path} : code devise {got} invalide — trois lettres majuscules ISO 4217 (ex. EUR)",
        "en": "{path}: currency code {got} is invalid — three capital ISO 4217 letters "
              "(e.g. EUR)",
    },
    "type.pattern_letter": {
        "fr": "{path} : choix {got} invalide — une lettre minuscule (a, b, c…)",
        "en": "{path}: choice {got} is invalid — one lower-case letter (a, b, c…)",
    },
    "type.pattern_path": {
        "fr": "{path} : chemin {got} invalide — des clés séparées par des points "
              "(ex. terms.payment_term)",
        "en": "{path}: path {got} is invalid — keys joined by dots (e.g. terms.payment_term)",
    },
    "type.pattern_other": {
        "fr": "{path} : valeur {got} invalide (forme attendue : {pattern})",
        "en": "{path}: value {got} is invalid (expected form: {pattern})",
    },
    "type.empty": {
        "fr": "{path} ne doit pas être vide",
        "en": "{path} must not be empty",
    },
    "type.too_long": {
        "fr": "{path} est trop long (au plus {max} caractères)",
        "en": "{path} is too long (at most {max} characters)",
    },
    "type.too_few": {
        "fr": "{path} doit contenir au moins {min} élément(s)",
        "en": "{path} must hold at least {min} item(s)",
    },
    "type.date": {
        "fr": "{path} doit être une date AAAA-MM-JJ (ex. 2026-09-01), reçu {got}",
        "en": "{path} must be a date YYYY-MM-DD (e.g. 2026-09-01), got {got}",
    },
    "type.bool": {
        "fr": "{path} doit valoir true ou false, reçu {got}",
        "en": "{path} must be true or false, got {got}",
    },
    "type.choice_suggest": {
        "fr": '{path} : valeur {got} inconnue — vouliez-vous dire "{suggestion}" ? '
              "(valeurs possibles : {allowed})",
        "en": '{path}: unknown value {got} — did you mean "{suggestion}"? '
              "(possible values: {allowed})",
    },
    "type.choice": {
        "fr": "{path} : valeur {got} inconnue (valeurs possibles : {allowed})",
        "en": "{path}: unknown value {got} (possible values: {allowed})",
    },
    "type.list": {
        "fr": '{path} doit être une liste (une ligne "- " par élément), reçu {got}',
        "en": '{path} must be a list (one "- " line per item), got {got}',
    },
    "type.section": {
        "fr": '{path} doit être une section (des lignes "clé: valeur" indentées), reçu {got}',
        "en": '{path} must be a section (indented "key: value" lines), got {got}',
    },
    "type.text_colon": {
        "fr": '{path} : YAML a lu ce texte comme "clé: valeur" à cause du ":" suivi d\'une espace '
              '("{key}: …") — mettez le texte entre guillemets, ou sur les lignes suivantes '
              'après ">-"',
        "en": '{path}: YAML read this text as "key: value" because of the ":" followed by a '
              'space ("{key}: …") — put the text in quotes, or on the next lines after ">-"',
    },
    "type.other": {
        "fr": "{path} : {detail}",
        "en": "{path}: {detail}",
    },
    "got.empty": {"fr": "une valeur vide", "en": "an empty value"},
    "got.list": {"fr": "une liste", "en": "a list"},
    "got.section": {"fr": "une section", "en": "a section"},
    "unit.days": {"fr": " de jours", "en": " of days"},
    "unit.months": {"fr": " de mois", "en": " of months"},
    "unit.hours": {"fr": " d'heures", "en": " of hours"},
    "unit.percent": {"fr": " en pourcentage", "en": " in percent"},
    # --- references, order, consistency -------------------------------------------------------
    "check.duplicate_id": {
        "fr": 'identifiant "{id}" en double dans {collection} (déjà utilisé ligne {first}) : '
              "chaque élément a son propre identifiant",
        "en": 'duplicate identifier "{id}" in {collection} (already used on line {first}): '
              "each item needs its own",
    },
    "check.duplicate_step": {
        "fr": 'identifiant d\'étape "{id}" déjà utilisé dans une autre procédure ({other}) : '
              "la matrice RACI désigne les étapes par leur seul identifiant",
        "en": 'step identifier "{id}" is already used in another procedure ({other}): the RACI '
              "matrix names steps by their identifier alone",
    },
    "check.duplicate_entry": {
        "fr": '{path} : "{value}" a déjà sa ligne (ligne {first}) : regroupez-les en une seule',
        "en": '{path}: "{value}" already has an entry (line {first}): merge them into one',
    },
    "check.unknown_ref_suggest": {
        "fr": '{path} : "{value}" n\'existe pas dans {collection} — vouliez-vous dire '
              '"{suggestion}" ?',
        "en": '{path}: "{value}" does not exist in {collection} — did you mean "{suggestion}"?',
    },
    "check.unknown_ref": {
        "fr": '{path} : "{value}" n\'existe pas dans {collection} (identifiants définis : '
              "{known})",
        "en": '{path}: "{value}" does not exist in {collection} (defined identifiers: {known})',
    },
    "check.raci_missing": {
        "fr": 'l\'étape "{step}" n\'a pas de ligne dans la matrice RACI (raci) : indiquez qui '
              "réalise, approuve, est consulté et informé",
        "en": 'step "{step}" has no row in the RACI matrix (raci): say who is responsible, '
              "accountable, consulted and informed",
    },
    "check.raci_owner": {
        "fr": '{path} : l\'étape "{step}" est confiée à "{owner}" ({owner_path}), qui doit '
              "figurer ici ou dans accountable",
        "en": '{path}: step "{step}" is owned by "{owner}" ({owner_path}), who must be listed '
              "here or as accountable",
    },
    "check.dunning_order": {
        "fr": '{path} : la relance "{id}" ({day}) vient après "{previous}" ({previous_day}) : '
              "classez les étapes de relance par jour",
        "en": '{path}: dunning step "{id}" ({day}) comes after "{previous}" ({previous_day}): '
              "list the dunning steps by day",
    },
    "check.deadline_order": {
        "fr": '{path} : l\'étape "{id}" a un délai plus court que l\'étape précédente '
              '"{previous}" : les délais se comptent depuis le blocage',
        "en": '{path}: step "{id}" has a shorter deadline than the step before, "{previous}": '
              "deadlines count from the blocking",
    },
    "check.band_start": {
        "fr": "{path} : la première tranche doit commencer à {start}, pas à {above}",
        "en": "{path}: the first band must start at {start}, not at {above}",
    },
    "check.band_open_not_last": {
        "fr": "{path} : seule la dernière tranche peut être sans borne haute (up_to)",
        "en": "{path}: only the last band may have no upper bound (up_to)",
    },
    "check.band_gap": {
        "fr": "{path} : trou dans la grille — aucune tranche ne couvre les montants entre {low} "
              "et {high} ; cette tranche doit commencer à {low}",
        "en": "{path}: gap in the bands — no band covers amounts between {low} and {high}; "
              "this band must start at {low}",
    },
    "check.band_overlap": {
        "fr": "{path} : les tranches se chevauchent — celle-ci commence à {above} alors que la "
              "précédente va jusqu'à {previous} ; commencez-la à {previous}",
        "en": "{path}: the bands overlap — this one starts at {above} while the one before "
              "goes up to {previous}; start it at {previous}",
    },
    "check.band_empty": {
        "fr": "{path} : la borne haute {up_to} doit être supérieure à la borne basse {above}",
        "en": "{path}: the upper bound {up_to} must be greater than the lower bound {above}",
    },
    "check.band_no_top": {
        "fr": "{path} : la dernière tranche s'arrête à {up_to} et rien n'est prévu au-delà ; "
              "retirez up_to pour couvrir tous les montants supérieurs",
        "en": "{path}: the last band stops at {up_to} and nothing covers larger amounts; "
              "remove up_to so that it covers them",
    },
    "check.bucket_rate_order": {
        "fr": '{path} : la tranche "{id}" provisionne moins que la précédente "{previous}" '
              "pour une créance plus ancienne",
        "en": '{path}: bucket "{id}" provisions less than "{previous}" for an older debt',
    },
    "check.score_inverted": {
        "fr": "{path} : le score minimum {low} dépasse le score maximum {high}",
        "en": "{path}: the minimum score {low} is above the maximum score {high}",
    },
    "check.score_outside": {
        "fr": "{path} : la classe sort de l'échelle de score {minimum}–{maximum} "
              "(credit_limits.score)",
        "en": "{path}: the class goes outside the score scale {minimum}–{maximum} "
              "(credit_limits.score)",
    },
    "check.score_gap": {
        "fr": "{path} : aucune classe de risque ne couvre les scores {low} à {high}",
        "en": "{path}: no risk class covers scores {low} to {high}",
    },
    "check.score_overlap": {
        "fr": '{path} : les scores {low} à {high} sont déjà dans la classe "{other}" : les '
              "classes se chevauchent",
        "en": '{path}: scores {low} to {high} are already in class "{other}": the classes '
              "overlap",
    },
    "check.weights": {
        "fr": "{path} : la somme des poids fait {total} %, elle doit faire 100 %",
        "en": "{path}: the weights add up to {total} %, they must add up to 100 %",
    },
    "check.scale_order_lower": {
        "fr": "{path} : pour un indicateur à faire baisser, les paliers vont du résultat le plus "
              "bas au plus haut : {threshold} doit être supérieur à {previous}",
        "en": "{path}: for an indicator to lower, steps go from the lowest result to the "
              "highest: {threshold} must be above {previous}",
    },
    "check.scale_order_higher": {
        "fr": "{path} : pour un indicateur à faire monter, les paliers vont du résultat le plus "
              "haut au plus bas : {threshold} doit être inférieur à {previous}",
        "en": "{path}: for an indicator to raise, steps go from the highest result to the "
              "lowest: {threshold} must be below {previous}",
    },
    "check.scale_payout": {
        "fr": "{path} : ce palier verse {payout} %, plus que le précédent ({previous} %) pour un "
              "moins bon résultat",
        "en": "{path}: this step pays {payout} %, more than the one before ({previous} %) for a "
              "worse result",
    },
    "check.term_days_missing": {
        "fr": '{path} : "days" manquant — un délai "{basis}" se compte en jours (seul '
              '"prepayment" n\'en a pas)',
        "en": '{path}: "days" is missing — a "{basis}" term counts days (only "prepayment" '
              "has none)",
    },
    "check.term_method_missing": {
        "fr": '{path} : "end_of_month_method" manquant — pour "N jours fin de mois", précisez '
              "end_of_month_then_days (fin de mois puis N jours) ou days_then_end_of_month "
              "(N jours puis fin de mois) (Code de commerce, art. L441-10 I)",
        "en": '{path}: "end_of_month_method" is missing — for "N days end of month", say '
              "end_of_month_then_days (end of month, then N days) or days_then_end_of_month "
              "(N days, then end of month) (French Commercial Code, art. L441-10 I)",
    },
    "check.term_method_ignored": {
        "fr": '{path} : ne sert qu\'avec basis: days_end_of_month ; ignoré pour "{basis}"',
        "en": '{path}: only used with basis: days_end_of_month; ignored for "{basis}"',
    },
    "check.discount_incomplete": {
        "fr": "{path} : un escompte offert (offered: true) a un taux (rate) et un délai (days)",
        "en": "{path}: a discount on offer (offered: true) has a rate and days",
    },
    "check.discount_ignored": {
        "fr": "{path} : ignoré, car aucun escompte n'est offert (offered: false)",
        "en": "{path}: ignored, as no discount is offered (offered: false)",
    },
    "check.penalty_rate_missing": {
        "fr": "{path} : vaut contractual mais contractual_rate manque — indiquez le taux annuel "
              "en %",
        "en": "{path}: is contractual but contractual_rate is missing — give the annual rate "
              "in %",
    },
    "check.penalty_rate_ignored": {
        "fr": "{path} : ignoré avec rate_kind: legal",
        "en": "{path}: ignored with rate_kind: legal",
    },
    "check.retention_clause": {
        "fr": "{path} : la réserve de propriété s'applique mais le texte de la clause (clause) "
              "manque",
        "en": "{path}: retention of title applies but the clause text (clause) is missing",
    },
    "check.first_order_limit_missing": {
        "fr": '{path} : une décision "credit" fixe un encours de première commande '
              "(first_order_limit)",
        "en": '{path}: a "credit" decision sets a first-order limit (first_order_limit)',
    },
    "check.first_order_over_max": {
        "fr": "{path} : l'encours de première commande {amount} dépasse le plafond de la classe "
              "{risk_class} ({maximum})",
        "en": "{path}: the first-order limit {amount} is above the maximum limit of class "
              "{risk_class} ({maximum})",
    },
    "check.decision_missing": {
        "fr": '{path} : aucune décision d\'ouverture pour la classe de risque "{risk_class}"',
        "en": '{path}: no opening decision for risk class "{risk_class}"',
    },
    "check.answer_unknown": {
        "fr": '{path} : la réponse "{answer}" n\'est pas parmi les choix ({choices})',
        "en": '{path}: answer "{answer}" is not one of the choices ({choices})',
    },
    "check.version_not_in_revisions": {
        "fr": '{path} : la version "{version}" n\'a pas d\'entrée dans document.revisions : '
              "ajoutez-la avec sa date et son résumé",
        "en": '{path}: version "{version}" has no entry in document.revisions: add it with its '
              "date and summary",
    },
    # --- rules that must agree with each other ------------------------------------------------
    "check.class_term_no_exception": {
        "fr": "{path} : le délai maximum de la classe {risk_class} ({term}) dépasse le délai "
              "standard ({standard}, {standard_at}) et aucun délai dérogatoire ne s'applique à "
              "cette classe : ramenez-le au délai standard, ou ouvrez-lui terms.term_exception",
        "en": "{path}: the maximum term of class {risk_class} ({term}) is longer than the "
              "standard term ({standard}, {standard_at}) and no exceptional term applies to this "
              "class: bring it back to the standard term, or open terms.term_exception to it",
    },
    "check.class_term_over_standard": {
        "fr": "{path} : le délai maximum de la classe {risk_class} ({term}) dépasse le délai "
              "standard ({standard}, {standard_at}) sans les conditions du délai dérogatoire "
              "({exception_at}) : ramenez-le au délai standard ; le délai dérogatoire reste "
              "possible à ses conditions",
        "en": "{path}: the maximum term of class {risk_class} ({term}) is longer than the "
              "standard term ({standard}, {standard_at}) without the conditions of the "
              "exceptional term ({exception_at}): bring it back to the standard term; the "
              "exceptional term remains possible on its conditions",
    },
    "check.class_term_over_exception": {
        "fr": "{path} : le délai maximum de la classe {risk_class} ({term}) dépasse le délai "
              "dérogatoire maximum ({maximum}, {exception_at})",
        "en": "{path}: the maximum term of class {risk_class} ({term}) is longer than the "
              "maximum exceptional term ({maximum}, {exception_at})",
    },
    "check.band_unreachable": {
        "fr": "{path} : la tranche au-delà de {above} ne s'applique jamais : aucun encours "
              "autorisé ne dépasse {reach} (plafond de la classe {risk_class}, {ceiling_at}"
              "{increase}) : supprimez-la ou fusionnez-la avec la précédente",
        "en": "{path}: the band above {above} never applies: no authorised exposure exceeds "
              "{reach} (ceiling of class {risk_class}, {ceiling_at}{increase}): remove it or "
              "merge it with the previous one",
    },
    "check.band_unreachable_increase": {
        "fr": ", dépassement temporaire compris",
        "en": ", temporary increase included",
    },
    "check.increase_over_band": {
        "fr": "{path} : le dépassement temporaire de {share} % accordé par {role} porte "
              "l'encours d'un client dont la limite est de {base} jusqu'à {reach}, alors que "
              "{role} n'approuve seul une limite que jusqu'à {own} ({band_at}) : ajoutez "
              "beyond_approver_band: approval_bands (au-delà, la grille d'approbation "
              "s'applique à la limite augmentée) ou réduisez le dépassement",
        "en": "{path}: the {share} % temporary increase granted by {role} takes the exposure "
              "of a customer whose limit is {base} up to {reach}, while {role} alone approves "
              "limits only up to {own} ({band_at}): add beyond_approver_band: approval_bands "
              "(above it, the approval matrix applies to the increased limit) or reduce the "
              "increase",
    },
    "check.overdue_thresholds_differ": {
        "fr": "{path} : le déclencheur \"{id}\" revoit la limite à {days} jours de retard, et la "
              "règle de blocage \"{rule}\" bloque les commandes à {threshold} jours ({rule_at}) : "
              "alignez les deux seuils, ou dites pourquoi ils diffèrent (why_distinct)",
        "en": "{path}: trigger \"{id}\" reviews the limit at {days} days overdue, and blocking "
              "rule \"{rule}\" blocks orders at {threshold} days ({rule_at}): align the two "
              "thresholds, or say why they differ (why_distinct)",
    },
    "check.dunning_block_day": {
        "fr": "{path} : l'étape de relance \"{id}\" bloque les commandes à {day}, mais la règle "
              "de blocage \"{rule}\" les bloque à {threshold} jours de retard ({rule_at}) : "
              "alignez le jour de l'étape sur le seuil de la règle",
        "en": "{path}: dunning step \"{id}\" blocks orders on {day}, but blocking rule "
              "\"{rule}\" blocks them at {threshold} days overdue ({rule_at}): align the step's "
              "day with the rule's threshold",
    },
    "check.overdue_rule_without_days": {
        "fr": "{path} : la règle de blocage \"{rule}\" n'a pas de seuil en jours "
              "(threshold_days) à comparer avec overdue_days",
        "en": "{path}: blocking rule \"{rule}\" has no threshold in days (threshold_days) to "
              "compare with overdue_days",
    },
    "check.legal_public_term": {
        "fr": "{path} : {days} jours dépasse le délai de paiement maximum d'un acheteur public "
              "({maximum} jours, 50 pour les établissements publics de santé : Code de la "
              "commande publique, art. R2192-10)",
        "en": "{path}: {days} days exceeds the maximum payment term of a public buyer "
              "({maximum} days, 50 for public hospitals: French Public Procurement Code, art. "
              "R2192-10)",
    },
    # --- French law ---------------------------------------------------------------------------
    "check.legal_term_invoice_date": {
        "fr": "{path} : {days} jours date de facture dépasse le maximum légal de {maximum} jours "
              "à compter de la date d'émission de la facture (Code de commerce, art. L441-10 I)",
        "en": "{path}: {days} days from invoice date exceeds the legal maximum of {maximum} days "
              "from the invoice date (French Commercial Code, art. L441-10 I)",
    },
    "check.legal_term_end_of_month": {
        "fr": '{path} : "{label}" dépasse le maximum légal de {maximum} jours fin de mois '
              "(Code de commerce, art. L441-10 I)",
        "en": '{path}: "{label}" exceeds the legal maximum of {maximum} days end of month '
              "(French Commercial Code, art. L441-10 I)",
    },
    "check.legal_indemnity_missing": {
        "fr": "{path} : indemnité forfaitaire pour frais de recouvrement absente — ajoutez "
              "recovery_indemnity: 40.00 ; elle est due pour chaque facture payée en retard "
              "(Code de commerce, art. L441-10 II et D441-5)",
        "en": "{path}: the fixed recovery indemnity is missing — add recovery_indemnity: 40.00; "
              "it is due on every invoice paid late (French Commercial Code, art. L441-10 II "
              "and D441-5)",
    },
    "check.legal_indemnity_low": {
        "fr": "{path} : {amount} est inférieur au montant légal de l'indemnité forfaitaire, "
              "40 € (Code de commerce, art. D441-5)",
        "en": "{path}: {amount} is below the legal fixed indemnity of 40 EUR (French "
              "Commercial Code, art. D441-5)",
    },
    "check.legal_indemnity_high": {
        "fr": "{path} : {amount} au lieu de 40 € (Code de commerce, art. D441-5) ; au-delà de "
              "40 €, une indemnisation complémentaire doit être justifiée (art. L441-10 II)",
        "en": "{path}: {amount} instead of 40 EUR (French Commercial Code, art. D441-5); above "
              "40 EUR, extra compensation must be justified (art. L441-10 II)",
    },
    "check.legal_discount_mention": {
        "fr": "{path} : mention d'escompte absente (invoice_mention) — les factures indiquent "
              'les conditions d\'escompte, ou "Pas d\'escompte pour paiement anticipé" '
              "(Code de commerce, art. L441-9 I)",
        "en": "{path}: no discount mention (invoice_mention) — invoices state the early-payment "
              'discount terms, or "No discount for early payment" (French Commercial Code, '
              "art. L441-9 I)",
    },
    "check.legal_rate_unknown": {
        "fr": "{path} : taux de l'intérêt légal du semestre {half} inconnu — ajoutez-le dans "
              "rates.france_legal_interest_rate pour vérifier le minimum de 3 fois ce taux "
              "(Code de commerce, art. L441-10 II)",
        "en": "{path}: the legal interest rate of {half} is unknown — add it under "
              "rates.france_legal_interest_rate to check the minimum of 3 times that rate "
              "(French Commercial Code, art. L441-10 II)",
    },
    "check.legal_penalty_floor": {
        "fr": "{path} : le taux contractuel de {rate} % est inférieur au minimum légal de "
              "{floor} % (3 × {legal} %, taux de l'intérêt légal du semestre {half}) "
              "(Code de commerce, art. L441-10 II)",
        "en": "{path}: the contractual rate of {rate} % is below the legal minimum of {floor} % "
              "(3 × {legal} %, legal interest rate of {half}) (French Commercial Code, "
              "art. L441-10 II)",
    },
    "check.rate_differs": {
        "fr": "{path} : {value} % pour {half}, alors que la table livrée indique {shipped} % "
              "({source}) : vérifiez la source",
        "en": "{path}: {value} % for {half}, while the shipped table says {shipped} % "
              "({source}): check the source",
    },
    "check.legal_claim_deadline": {
        "fr": "{path} : {days} jours dépasse le délai légal de déclaration de créance, 2 mois à "
              "compter de la publication du jugement d'ouverture au BODACC (Code de commerce, "
              "art. R622-24)",
        "en": "{path}: {days} days exceeds the legal deadline to file a claim, 2 months from "
              "the notice of the opening judgment in the BODACC (French Commercial Code, "
              "art. R622-24)",
    },
    "check.legal_retention_deadline": {
        "fr": "{path} : {days} jours dépasse le délai légal de revendication, 3 mois à compter "
              "de la publication du jugement d'ouverture (Code de commerce, art. L624-9)",
        "en": "{path}: {days} days exceeds the legal deadline to claim goods under retention "
              "of title, 3 months from the notice of the opening judgment (French Commercial "
              "Code, art. L624-9)",
    },
    "check.legal_small_claims": {
        "fr": "{path} : la procédure simplifiée de recouvrement des petites créances est "
              "limitée à {maximum} € (Code des procédures civiles d'exécution, art. L125-1 et "
              "R125-1) : fixez maximum_amount à {maximum} au plus",
        "en": "{path}: the simplified small-claims recovery procedure is limited to {maximum} "
              "EUR (French Code of Civil Enforcement Procedures, art. L125-1 and R125-1): set "
              "maximum_amount to {maximum} at most",
    },
    # --- texts --------------------------------------------------------------------------------
    "check.placeholder": {
        "fr": "{path} : la variable [[{name}]] ne désigne aucune valeur de la politique : "
              "{reason}",
        "en": "{path}: placeholder [[{name}]] does not designate a policy value: {reason}",
    },
    "check.placeholder_letter": {
        "fr": "{path} : la variable [[{name}]] ne désigne ni une valeur de la politique ni une "
              "variable de courrier (customer.name, invoice.number…) : {reason}",
        "en": "{path}: placeholder [[{name}]] is neither a policy value nor a letter field "
              "(customer.name, invoice.number…): {reason}",
    },
    "check.rule_unknown": {
        "fr": '{path} : la règle "{rule}" n\'existe pas dans la politique : {reason}',
        "en": '{path}: rule "{rule}" does not exist in the policy: {reason}',
    },
    "check.translation_missing": {
        "fr": '{path} : pas de traduction "{lang}" — le texte français sera affiché',
        "en": '{path}: no "{lang}" translation — the French text will be shown',
    },
    "placeholder.syntax": {
        "fr": '"{name}" n\'est pas un chemin : écrivez par ex. [[terms.payment_term.days]] '
              "(aucune expression n'est permise)",
        "en": '"{name}" is not a path: write e.g. [[terms.payment_term.days]] (no expressions '
              "are allowed)",
    },
    "placeholder.no_key": {
        "fr": '{at} n\'a pas de clé "{segment}"',
        "en": '{at} has no key "{segment}"',
    },
    "placeholder.no_item": {
        "fr": '{at} n\'a pas d\'élément "{segment}"',
        "en": '{at} has no item "{segment}"',
    },
    "placeholder.suggest": {
        "fr": ' — vouliez-vous dire "{suggestion}" ?',
        "en": ' — did you mean "{suggestion}"?',
    },
    "placeholder.choices": {
        "fr": " (possibles : {choices})",
        "en": " (possible: {choices})",
    },
    "placeholder.empty": {
        "fr": "{at} n'a pas de valeur dans la politique",
        "en": "{at} has no value in the policy",
    },
    "placeholder.not_value": {
        "fr": "{at} est une section ou une liste, pas une valeur : précisez la clé voulue",
        "en": "{at} is a section or a list, not a value: name the key you want",
    },
    "placeholder.too_deep": {
        "fr": '{at} est une valeur simple, sans "{segment}"',
        "en": '{at} is a plain value, with no "{segment}"',
    },
    "placeholder.root": {"fr": "la politique", "en": "the policy"},
    # --- values in sentences ------------------------------------------------------------------
    "term.invoice_date": {"fr": "{days} jours date de facture",
                          "en": "{days} days from invoice date"},
    "term.end_of_month": {"fr": "fin de mois + {days} jours", "en": "end of month + {days} days"},
    "term.end_of_month_only": {"fr": "fin de mois", "en": "end of month"},
    "term.days_end_of_month": {"fr": "{days} jours fin de mois",
                               "en": "{days} days end of month"},
    "term.prepayment": {"fr": "paiement à la commande", "en": "payment with order"},
    "value.yes": {"fr": "oui", "en": "yes"},
    "value.no": {"fr": "non", "en": "no"},
    **{
        f"month.{number}": {"fr": fr, "en": en}
        for number, (fr, en) in enumerate(zip(
            ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"),
            ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"), strict=True), start=1)
    },
    # --- command line -------------------------------------------------------------------------
    "cli.ok": {
        "fr": "Politique valide : {files} fichiers lus, {warnings} avertissement(s).",
        "en": "Policy is valid: {files} files read, {warnings} warning(s).",
    },
    "cli.failed": {
        "fr": "Politique invalide : {errors} erreur(s), {warnings} avertissement(s).",
        "en": "Policy is invalid: {errors} error(s), {warnings} warning(s).",
    },
    "cli.warning": {"fr": "avertissement : ", "en": "warning: "},
    "cli.schema_written": {"fr": "Schéma écrit dans {path}", "en": "Schema written to {path}"},
}


def message(key: str, lang: str = "fr", /, **params: Any) -> str:
    """The sentence `key` in `lang` (French if `lang` is unknown), with `params` filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry["fr"]
    shown = {name: format_number(value, lang) if isinstance(value, Decimal) else value
             for name, value in params.items()}
    return text.format(**shown)


def format_number(value: Decimal | int, lang: str = "fr") -> str:
    """`7500` → `7 500` (fr, narrow no-break space) or `7,500` (en); decimals as written.

    Amounts (`Decimal`) are grouped from 1 000 up; whole numbers (`int`, e.g. days) from 10 000.
    """
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    if len(whole) > (3 if isinstance(value, Decimal) else 4):
        whole = f"{int(whole):,}".replace(",", "\u202f" if lang == "fr" else ",")
    point = "," if lang == "fr" else "."
    return sign + whole + (point + fraction if fraction else "")
