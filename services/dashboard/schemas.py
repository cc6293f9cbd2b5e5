"""The bodies the API accepts and returns, beyond the shared tenant models."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from libs.knowledge import KnowledgeBase
from libs.phones import InvalidNumber, to_e164
from libs.tenants import (
    BusinessIdentity,
    Language,
    OpeningHours,
    ReviewSettings,
    TenantConfig,
    TextbackSettings,
    TwilioNumber,
)
from services.dashboard.domain.templates import DEFAULT_TEMPLATES, problems

TenantId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
Reference = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:+-]{1,120}$")]
MAX_TEMPLATE_CHARS = 400


def _phone(value: str) -> str:
    try:
        return to_e164(value)
    except InvalidNumber as error:
        raise ValueError(f"not a valid phone number: {error}") from error


def _hours(hours: list[OpeningHours]) -> list[OpeningHours]:
    for opening in hours:
        if opening.opens >= opening.closes:
            raise ValueError(f"on {opening.day}, opening must come before closing")
    return hours


def _languages(languages: list[Language]) -> list[Language]:
    if len(set(languages)) != len(languages):
        raise ValueError("a language is listed twice")
    return languages


Phone = Annotated[str, Field(max_length=40), AfterValidator(_phone)]
Hours = Annotated[list[OpeningHours], Field(max_length=21), AfterValidator(_hours)]
Numbers = Annotated[list[TwilioNumber], Field(max_length=20)]
Languages = Annotated[
    list[Language], Field(min_length=1, max_length=2), AfterValidator(_languages)
]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextbackUpdate(TextbackSettings):
    """Text-back settings whose templates name the business and say how to opt out."""

    templates: dict[Language, str] = dict(DEFAULT_TEMPLATES)

    @field_validator("templates")
    @classmethod
    def _templates_are_compliant(cls, templates: dict[str, str]) -> dict[str, str]:
        found = [p for lang, text in templates.items() for p in problems(lang, text)]
        if "en" not in templates:
            found.append("an en template is required: it is the fallback language")
        found += [
            f"the {lang} template is longer than {MAX_TEMPLATE_CHARS} characters"
            for lang, text in templates.items()
            if len(text) > MAX_TEMPLATE_CHARS
        ]
        if found:
            raise ValueError("; ".join(found))
        return templates


class TenantSetup(Body):
    """Everything a new tenant starts with; the tenant can change it later."""

    tenant_id: TenantId
    identity: BusinessIdentity
    numbers: Numbers = []
    owner_phone: Phone | None = None
    languages: Languages = ["en"]
    hours: Hours = []
    textback: TextbackUpdate = TextbackUpdate()
    reviews: ReviewSettings = ReviewSettings()
    knowledge: KnowledgeBase = KnowledgeBase()


class ProvisionedTenant(BaseModel):
    tenant: TenantConfig
    # Shown once: only its digest is stored.
    api_key: str


class IssuedKey(BaseModel):
    tenant_id: str
    api_key: str


class OwnerPhone(Body):
    owner_phone: Phone | None


class ManualSms(Body):
    to: Phone
    body: str = Field(min_length=1, max_length=1000)
    language: Language = "en"
    # The customer's message this answers: a direct reply may go at any hour.
    in_reply_to: Reference | None = None


class JobDone(Body):
    customer: Phone
    customer_name: str | None = Field(default=None, max_length=120)


class CommandAccepted(BaseModel):
    command_id: str


class NumbersUpdate(Body):
    numbers: Numbers


class HoursUpdate(Body):
    hours: Hours


class LanguagesUpdate(Body):
    languages: Languages
