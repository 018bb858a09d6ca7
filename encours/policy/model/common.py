"""Building blocks shared by every chapter: free text, identifiers, amounts, payment terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from calculators.languages import DEFAULT_LANGUAGE, LANGUAGES

from ..messages import message

Language = Literal[LANGUAGES]  # type: ignore[valid-type]  # Literal["fr", "en"]


NonEmptyText = Annotated[str, Field(min_length=1)]


class Model(BaseModel):
    """Base of every policy model: unknown keys are errors, field docstrings document the schema."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
"""What a language code looks like (ISO 639-1: two lower-case letters, `fr`, `en`, `de`)."""


def declared_languages(info: ValidationInfo | None) -> tuple[str, ...] | None:
    """The languages `document.languages` declares, as the loader passes them in the validation
    context; None when the policy declares none (then texts are French, translations optional)."""
    context = info.context if info is not None else None
    if isinstance(context, dict) and context.get("languages"):
        return tuple(context["languages"])
    return None


def declared_in(data: dict[str, Any]) -> tuple[str, ...] | None:
    """`document.languages` as written, when it is a valid list of languages (else None: the
    `document` chapter reports what is wrong with it, and texts are read as French meanwhile)."""
    document = data.get("document")
    languages = document.get("languages") if isinstance(document, dict) else None
    if (isinstance(languages, list) and languages
            and all(isinstance(code, str) and code in LANGUAGES for code in languages)
            and len(set(languages)) == len(languages)):
        return tuple(languages)
    return None



class Text(Model):
    """Texte libre en Markdown : une chaîne (dans la langue principale, la première de
    `document.languages`) ou `{fr: ..., en: ...}`, un texte par langue déclarée."""

    fr: NonEmptyText | None = None
    """Texte en français."""
    en: NonEmptyText | None = None
    """Texte en anglais."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_main_language(cls, data: Any, info: ValidationInfo) -> Any:
        declared = declared_languages(info)
        if isinstance(data, str):
            return {(declared or (DEFAULT_LANGUAGE,))[0]: data}
        if isinstance(data, list):
            raise PydanticCustomError("text_list", "text given as a list")
        if isinstance(data, dict):
            # `- Texte : suite` reads as {"Texte": "suite"}: French spacing meets YAML syntax.
            stray = [k for k in data if k not in LANGUAGES and " " in str(k)]
            if stray:
                raise PydanticCustomError("text_colon", "text read as a mapping", {"key": stray[0]})
            for key in data:
                if not LANGUAGE_CODE.match(str(key)):
                    raise PydanticCustomError("text_language_code", "not a language code",
                                              {"key": str(key)})
                if key not in LANGUAGES or (declared is not None and key not in declared):
                    raise PydanticCustomError("text_language_undeclared", "undeclared language",
                                              {"key": str(key)})
            if not data:
                raise PydanticCustomError("text_no_language", "text without any language")
        return data

    @model_validator(mode="after")
    def _some_language(self) -> Text:
        if self.fr is None and self.en is None:  # `{fr: }`: YAML reads the empty value as null
            raise PydanticCustomError("text_no_language", "text without any language")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1}, mapping], "description": cls.__doc__}

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang`, else in the other language (French first)."""
        value = getattr(self, lang, None) if lang in LANGUAGES else None
        if value is not None:
            return value
        return next(v for v in (self.fr, self.en) if v is not None)

    def has(self, lang: str) -> bool:
        """Whether the text exists in `lang`."""
        return lang in LANGUAGES and getattr(self, lang) is not None

    def languages(self) -> tuple[str, ...]:
        """The languages the text is written in."""
        return tuple(lang for lang in LANGUAGES if getattr(self, lang) is not None)

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)


ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_ID = Field(pattern=ID_PATTERN, max_length=64)
Id = Annotated[str, _ID]
"""An identifier others refer to: letters, digits, `_` and `-`, no spaces."""


@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to an item of some `kind` (checked after loading)."""

    kind: str


RoleRef = Annotated[str, _ID, RefTo("role")]
CustomerTypeRef = Annotated[str, _ID, RefTo("customer_type")]
ProviderRef = Annotated[str, _ID, RefTo("provider")]
PaymentMethodRef = Annotated[str, _ID, RefTo("payment_method")]
RiskClassRef = Annotated[str, _ID, RefTo("risk_class")]
GuaranteeRef = Annotated[str, _ID, RefTo("guarantee")]
AlternativeRef = Annotated[str, _ID, RefTo("alternative")]
TemplateRef = Annotated[str, _ID, RefTo("template")]
KpiRef = Annotated[str, _ID, RefTo("kpi")]
GlossaryRef = Annotated[str, _ID, RefTo("glossary")]
StepRef = Annotated[str, _ID, RefTo("step")]
BlockingRuleRef = Annotated[str, _ID, RefTo("blocking_rule")]

@dataclass(frozen=True)
class Unit:
    """Marks a number's unit (`percent`, `money`, `days`, `working_days`, `months`): the check
    that finds policy values copied into free text compares a number only with values of its
    unit (`checks/numbers.py`)."""

    name: str


Percent = Annotated[Decimal, Field(ge=0, le=100), Unit("percent")]
"""A rate in percent (12.5 means 12.5 %)."""

Money = Annotated[Decimal, Field(ge=0), Unit("money")]
"""An amount in the company's currency."""

Days = Annotated[int, Field(ge=0), Unit("days")]
WorkingDays = Annotated[int, Field(ge=0), Unit("working_days")]
Months = Annotated[int, Field(ge=1), Unit("months")]


class PaymentTerm(Model):
    """Délai de paiement : `{basis: invoice_date, days: 30}`, `{basis: days_end_of_month, days: 45,
    end_of_month_method: end_of_month_then_days}`, `{basis: end_of_month, days: 10}` ou
    `{basis: prepayment}`."""

    basis: Literal["invoice_date", "end_of_month", "days_end_of_month", "prepayment"]
    """Point de départ : `invoice_date` (N jours date de facture), `end_of_month` (fin de mois
    + N jours), `days_end_of_month` (N jours fin de mois, méthode à préciser), `prepayment`
    (paiement à la commande)."""
    days: Days | None = None
    """Nombre de jours (sauf pour `prepayment`)."""
    end_of_month_method: Literal["end_of_month_then_days", "days_then_end_of_month"] | None = None
    """Pour `days_end_of_month` : fin du mois de facture puis N jours, ou N jours puis fin de
    mois (les deux calculs admis par l'art. L441-10 I du Code de commerce)."""

    def longest_days(self) -> int:
        """The longest wait, in days from the invoice date, this term can give (an invoice dated
        the 1st of a 31-day month for "end of month" terms): how two terms are compared."""
        days = self.days or 0
        if self.basis == "prepayment":
            return 0
        if self.basis == "invoice_date":
            return days
        return days + 30

    def label(self, lang: str = "fr") -> str:
        """The term as it is said: "45 jours fin de mois", "30 days from invoice date"."""
        if self.basis == "end_of_month" and not self.days:
            return message("term.end_of_month_only", lang)
        return message(f"term.{self.basis}", lang, days=self.days)

