"""What the concierge stores and reads: ports that adapters implement, tests fake."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from libs.events import Message
from libs.tenants import Language, TenantConfig
from services.concierge.domain.schedule import Interval

Mode = Literal["agent", "owner", "stopped"]


@dataclass
class Conversation:
    """One customer's thread with one business; `version` guards concurrent turns."""

    tenant_id: str
    customer: str
    language: Language
    mode: Mode = "agent"
    business_number: str | None = None
    # The dialogue's own memory (offline brain): stage, offers, booking.
    state: dict = field(default_factory=dict)
    thread_number: int | None = None
    handoff_reason: str | None = None
    last_customer_sid: str | None = None
    last_customer_at: datetime | None = None
    version: int = 0

    @property
    def key(self) -> str:
        return f"{self.tenant_id}:{self.customer}"


@dataclass(frozen=True)
class Entry:
    """One message of a transcript, or one effect of a turn, stored on its own."""

    id: str
    tenant_id: str
    customer: str
    at: datetime
    author: Literal["customer", "agent", "owner", "system"]
    body: str
    # The inbound message (customer's or owner's) this entry answers.
    answers: str | None = None
    # The serialized event or command to publish again after a crash.
    payload: str | None = None


@dataclass(frozen=True)
class Booking:
    id: str
    tenant_id: str
    customer: str
    slot: Interval
    service: str | None = None


@dataclass(frozen=True)
class DailyUsage:
    turns: int
    spend_usd: float


class Conversations(Protocol):
    async def add_inbound(self, entry: Entry) -> bool:
        """Store an inbound message; False when it was stored before (redelivery)."""

    async def effects_of(self, tenant_id: str, answers: str) -> list[str]: ...

    async def load(self, tenant_id: str, customer: str) -> Conversation | None: ...

    async def save(self, conversation: Conversation) -> bool:
        """Write if nobody else did since it was loaded; bumps `version`."""

    async def add_outgoing(self, entries: list[Entry]) -> None: ...

    async def transcript(
        self, tenant_id: str, customer: str, limit: int
    ) -> list[Entry]: ...

    async def with_owner(self, tenant_id: str) -> list[Conversation]: ...


class ThreadNumbers(Protocol):
    """Small numbers ("#2") the owner uses to name the threads they hold."""

    async def take(self, tenant_id: str, customer: str) -> int: ...

    async def release(self, tenant_id: str, number: int, customer: str) -> None: ...


class CalendarPort(Protocol):
    """A calendar the concierge books into: the built-in one, Google, Jobber..."""

    async def busy(self, tenant_id: str, window: Interval) -> list[Interval]: ...

    async def book(
        self, tenant_id: str, customer: str, slot: Interval, service: str | None
    ) -> Booking | None:
        """Book `slot`; None when another customer holds it. Booking again: no-op."""

    async def cancel(self, tenant_id: str, booking_id: str, customer: str) -> bool: ...

    async def upcoming(
        self, tenant_id: str, customer: str, now: datetime
    ) -> Booking | None: ...


class Usage(Protocol):
    """Per-tenant daily counters: agent turns and model spending."""

    async def count_turn(self, tenant_id: str, day: str) -> DailyUsage: ...

    async def add_spend(self, tenant_id: str, day: str, usd: float) -> None: ...


class Tenants(Protocol):
    def tenant(self, tenant_id: str) -> TenantConfig | None: ...


class Publisher(Protocol):
    async def publish(self, message: Message) -> bool: ...
