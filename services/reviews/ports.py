"""The ports the reviews handlers use: adapters implement them, tests fake them."""

from datetime import datetime
from typing import Any, Protocol

from libs.events import Message
from libs.tenants import TenantConfig
from services.reviews.domain.ratings import (
    GoogleReview,
    ProfileSnapshot,
    Sample,
    SentRequest,
)


class Tenants(Protocol):
    def tenant(self, tenant_id: str) -> TenantConfig | None: ...

    def all(self) -> list[TenantConfig]: ...


class Publisher(Protocol):
    async def publish(self, message: Message) -> bool: ...


class RequestStore(Protocol):
    async def claim_customer(
        self,
        tenant_id: str,
        customer: str,
        key: str,
        now: datetime,
        again_before: datetime | None,
    ) -> bool: ...

    async def insert(self, record: dict[str, Any]) -> bool: ...

    async def find(self, key: str) -> dict[str, Any] | None: ...

    async def by_token(self, token: str) -> dict[str, Any] | None: ...

    async def mark_sent(
        self, key: str, at: datetime, remind_at: datetime | None
    ) -> bool: ...

    async def move(
        self, key: str, from_state: str, to_state: str, **fields
    ) -> bool: ...

    async def claim_reminder(self, key: str, now: datetime) -> bool: ...

    async def release_reminder(self, key: str) -> None: ...

    async def note(self, key: str, **fields: Any) -> None: ...

    async def due_reminders(self, now: datetime, limit: int = 100) -> list[dict]: ...

    async def open(self, token: str, at: datetime) -> tuple[dict | None, bool]: ...

    async def counts(self, tenant_id: str, since: datetime) -> dict[str, int]: ...

    async def sent_between(
        self, tenant_id: str, start: datetime, end: datetime
    ) -> list[SentRequest]: ...

    async def attribute(self, key: str, review_id: str, at: datetime) -> bool: ...


class RatingStore(Protocol):
    async def add_sample(self, sample: Sample, slot: int) -> bool: ...

    async def last_sample(self, tenant_id: str) -> Sample | None: ...

    async def samples(self, tenant_id: str, since: datetime) -> list[Sample]: ...

    async def add_review(self, tenant_id: str, review: GoogleReview) -> bool: ...


class GoogleProfilePort(Protocol):
    """A tenant's Google Business Profile: its rating, count and recent reviews."""

    async def snapshot(
        self, account_id: str, location_id: str, since: datetime | None
    ) -> ProfileSnapshot: ...

    async def close(self) -> None: ...
