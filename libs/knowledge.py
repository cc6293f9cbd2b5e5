"""What a business knows and approves: the concierge answers from this and nothing else.

Part of the tenant configuration (`TenantConfig.knowledge`): frequent questions,
the services offered, the price bands the owner approved, the service area and
the booking rules. Opening hours stay on `TenantConfig.hours`.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Language = Literal["en", "fr"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FaqEntry(_Model):
    """One question customers ask, with the owner's answer (French optional)."""

    question: str = Field(min_length=1, max_length=300)
    answer: str = Field(min_length=1, max_length=300)
    question_fr: str | None = Field(default=None, max_length=300)
    answer_fr: str | None = Field(default=None, max_length=300)
    # Words customers use that the question does not contain.
    keywords: list[str] = []


class Service(_Model):
    """A job the business does; `key` ties it to a price band."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,40}$")
    name: str = Field(min_length=1, max_length=80)
    name_fr: str | None = Field(default=None, max_length=80)
    keywords: list[str] = []


class PriceBand(_Model):
    """A ballpark the owner approved for one service: low to high, per unit."""

    service: str
    low: float = Field(ge=0)
    high: float = Field(ge=0)
    currency: Literal["CAD", "USD"] = "CAD"
    unit: Literal["job", "hour"] = "job"
    # A quote whose top exceeds this goes to the owner before the customer.
    owner_approval_above: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _low_is_not_above_high(self) -> "PriceBand":
        if self.low > self.high:
            raise ValueError("a price band's low is above its high")
        return self

    @property
    def needs_owner(self) -> bool:
        limit = self.owner_approval_above
        return limit is not None and self.high > limit


class ServiceArea(_Model):
    description: str = Field(min_length=1, max_length=300)
    description_fr: str | None = Field(default=None, max_length=300)
    places: list[str] = []


class BookingRules(_Model):
    """How the built-in schedule cuts opening hours into appointments."""

    slot_minutes: int = Field(default=60, ge=15, le=8 * 60)
    # No appointment sooner than this after the request.
    lead_time_minutes: int = Field(default=120, ge=0, le=14 * 24 * 60)
    horizon_days: int = Field(default=14, ge=1, le=90)


class KnowledgeBase(_Model):
    """Everything the concierge may tell a customer about one business."""

    faq: list[FaqEntry] = []
    services: list[Service] = []
    price_bands: list[PriceBand] = []
    service_area: ServiceArea | None = None
    booking: BookingRules = BookingRules()
    # Words that make a text an emergency for this business, on top of the
    # built-in ones (flooding, gas smell, no heat in winter, sparks).
    emergency_keywords: list[str] = []

    @model_validator(mode="after")
    def _bands_name_known_services(self) -> "KnowledgeBase":
        keys = [service.key for service in self.services]
        if len(keys) != len(set(keys)):
            raise ValueError("a service key is listed twice")
        for band in self.price_bands:
            if band.service not in keys:
                raise ValueError(f"price band for unknown service {band.service!r}")
        return self

    def service(self, key: str) -> Service | None:
        return next((s for s in self.services if s.key == key), None)

    def band_for(self, key: str) -> PriceBand | None:
        """The owner-approved band of a service, or None: then no number is given."""
        return next((b for b in self.price_bands if b.service == key), None)
