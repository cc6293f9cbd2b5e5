"""The tenant configuration: one business, its numbers, templates and knowledge.

The dashboard service owns it and writes it to a JetStream key-value bucket;
every other service watches that bucket (see `libs.directory`).
"""

from datetime import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from libs.knowledge import KnowledgeBase
from libs.phones import InvalidNumber, to_e164

Language = Literal["en", "fr"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

BUSINESS_NAME_FIELD = "{business}"
OPT_OUT_WORDS = {"en": "STOP", "fr": "ARRET"}


def _e164(value: str) -> str:
    try:
        return to_e164(value)
    except InvalidNumber as error:
        raise ValueError(f"{value!r} is not a valid phone number: {error}") from error


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BusinessIdentity(Model):
    """What CASL requires a message to identify: who sends it and how to reach them."""

    name: str = Field(min_length=1, max_length=80)
    mailing_address: str = Field(min_length=1, max_length=200)
    phone: str
    email: str | None = None
    website: str | None = None
    time_zone: str = "America/Toronto"
    default_language: Language = "en"

    _phone = field_validator("phone")(classmethod(lambda cls, v: _e164(v)))


class TwilioNumber(Model):
    """A Twilio number of the tenant and how calls reach it."""

    number: str
    mode: Literal["dial", "forwarded"] = "forwarded"
    account_sid: str | None = None

    _number = field_validator("number")(classmethod(lambda cls, v: _e164(v)))


class OpeningHours(Model):
    day: Weekday
    opens: time
    closes: time


class TextbackSettings(Model):
    enabled: bool = True
    delay_seconds: int = Field(default=0, ge=0, le=120)
    cooldown_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # How long the owner's phone rings in `dial` mode before the call is missed.
    ring_seconds: int = Field(default=20, ge=5, le=60)
    templates: dict[Language, str] = {
        "en": "Hi, this is {business}. Sorry we missed your call! "
        "How can we help? Reply here and we'll get right back to you.",
        "fr": "Bonjour, ici {business}. Désolés d'avoir manqué votre appel! "
        "Comment pouvons-nous vous aider? Répondez ici et nous vous revenons vite.",
    }

    @field_validator("templates")
    @classmethod
    def _templates_name_the_business(cls, templates: dict[str, str]) -> dict[str, str]:
        for language, text in templates.items():
            if BUSINESS_NAME_FIELD not in text:
                raise ValueError(
                    f"the {language} template must contain {BUSINESS_NAME_FIELD} "
                    "so every text names the business"
                )
        return templates


class ReviewSettings(Model):
    enabled: bool = True
    google_review_url: str | None = None
    # The promise is a request within 30 s of completion; the gate and the
    # broker need a few seconds of that.
    delay_seconds: int = Field(default=20, ge=0, le=7 * 24 * 3600)
    # None: never ask the same customer twice.
    ask_again_after_days: int | None = None
    reminder_after_days: int | None = Field(default=3, ge=1, le=60)
    # The tenant's Google Business Profile location, for sampling its rating
    # (accounts/{google_account_id}/locations/{google_location_id}); none: no sampling.
    google_account_id: str | None = Field(
        default=None, pattern=r"^[0-9A-Za-z_-]{1,64}$"
    )
    google_location_id: str | None = Field(
        default=None, pattern=r"^[0-9A-Za-z_-]{1,64}$"
    )


class TenantConfig(Model):
    """Everything one business configures."""

    tenant_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    identity: BusinessIdentity
    numbers: list[TwilioNumber] = []
    owner_phone: str | None = None
    languages: list[Language] = ["en"]
    hours: list[OpeningHours] = []
    textback: TextbackSettings = TextbackSettings()
    reviews: ReviewSettings = ReviewSettings()
    # What the concierge may tell customers: FAQ, services, price bands, booking rules.
    knowledge: KnowledgeBase = KnowledgeBase()
    # Where the CASL identification page of this tenant lives (dashboard).
    public_page_url: str | None = None
    revision: int = 0

    @field_validator("owner_phone")
    @classmethod
    def _owner_phone(cls, value: str | None) -> str | None:
        return _e164(value) if value else value

    @model_validator(mode="after")
    def _numbers_are_unique(self) -> "TenantConfig":
        seen = [n.number for n in self.numbers]
        if len(seen) != len(set(seen)):
            raise ValueError("a Twilio number is listed twice")
        return self

    def number(self, e164: str) -> TwilioNumber | None:
        return next((n for n in self.numbers if n.number == e164), None)

    def is_owner(self, e164: str) -> bool:
        return self.owner_phone is not None and self.owner_phone == e164
