"""The ports the dashboard handlers use: adapters implement them, tests fake them."""

from datetime import datetime
from typing import Any, Literal, Protocol

from libs.events import Message
from libs.tenants import TenantConfig
from services.dashboard.domain.records import (
    Booking,
    ConsentEntry,
    Job,
    MissedCall,
    ReviewRequest,
    ReviewStats,
    SendOutcome,
    Thread,
    ThreadSummary,
    TranscriptLine,
)


class TenantStore(Protocol):
    """The configuration bucket, with compare-and-set writes."""

    async def get(self, tenant_id: str) -> tuple[TenantConfig, int] | None: ...

    async def create(self, config: TenantConfig) -> bool: ...

    async def replace(self, config: TenantConfig, last: int) -> bool: ...

    def owner_of(self, number: str) -> str | None: ...


class KeyStore(Protocol):
    async def add(self, key_digest: str, tenant_id: str, now: datetime) -> None: ...

    async def tenant_for(self, key_digest: str) -> str | None: ...

    async def revoke_all_but(self, tenant_id: str, key_digest: str) -> None: ...


class CallLog(Protocol):
    async def missed(self, tenant_id: str, call_sid: str, **fields: Any) -> None: ...

    async def missed_calls(self, tenant_id: str, limit: int) -> list[MissedCall]: ...

    async def add_job(self, tenant_id: str, job: Job) -> None: ...

    async def jobs(self, tenant_id: str, limit: int) -> list[Job]: ...


class ThreadStore(Protocol):
    async def add_line(
        self, tenant_id: str, customer: str, line: TranscriptLine
    ) -> None: ...

    async def set_mode(
        self,
        tenant_id: str,
        customer: str,
        mode: Literal["owner", "agent"],
        at: datetime,
    ) -> None: ...

    async def threads(self, tenant_id: str, limit: int) -> list[ThreadSummary]: ...

    async def thread(self, tenant_id: str, customer: str, limit: int) -> Thread: ...


class SendLog(Protocol):
    async def requested(self, tenant_id: str, outcome: SendOutcome) -> None: ...

    async def finished(self, tenant_id: str, outcome: SendOutcome) -> None: ...

    async def outcome(self, tenant_id: str, request_id: str) -> SendOutcome | None: ...


class ConsentLog(Protocol):
    async def add(self, tenant_id: str, entry_id: str, entry: ConsentEntry) -> None: ...

    async def entries(
        self, tenant_id: str, kinds: tuple[str, ...] | None = None
    ) -> list[ConsentEntry]: ...


class BookingLog(Protocol):
    async def note(self, tenant_id: str, booking_id: str, **fields: Any) -> None: ...

    async def bookings(self, tenant_id: str, limit: int) -> list[Booking]: ...


class ReviewLog(Protocol):
    async def note(self, tenant_id: str, request_id: str, **fields: Any) -> None: ...

    async def add_rating(
        self, tenant_id: str, sample_id: str, **fields: Any
    ) -> None: ...

    async def requests(self, tenant_id: str, limit: int) -> list[ReviewRequest]: ...

    async def stats(self, tenant_id: str) -> ReviewStats: ...


class Publisher(Protocol):
    async def publish(self, message: Message) -> bool: ...
