"""The concierge's handlers over in-memory adapters: one business, scripted texts.

The evaluation runner, the unit tests and the latency benchmark drive the very
handlers the service runs; only the stores, the bus and the clock are fakes.
"""

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from libs.clock import FixedClock
from libs.events import (
    CustomerMessageAccepted,
    OptedOut,
    OwnerSmsReceived,
    SendSms,
)
from libs.tenants import TenantConfig
from services.concierge.adapters.memory import (
    MemoryCalendar,
    MemoryConversations,
    MemoryThreadNumbers,
    MemoryUsage,
    RecordingPublisher,
    StaticTenants,
)
from services.concierge.brains.base import Brain
from services.concierge.brains.offline import OfflineBrain
from services.concierge.handlers.customer import CustomerTexts
from services.concierge.handlers.deps import Deps, Limits
from services.concierge.handlers.lifecycle import ThreadLifecycle
from services.concierge.handlers.owner import OwnerTexts

_sids = itertools.count(1)


def new_sid() -> str:
    return f"SM{next(_sids):032x}"


@dataclass
class Harness:
    tenant: TenantConfig
    now: datetime
    brain: Brain = field(default_factory=OfflineBrain)
    limits: Limits = Limits()

    def __post_init__(self) -> None:
        self.clock = FixedClock(self.now)
        self.published = RecordingPublisher()
        self.conversations = MemoryConversations()
        self.calendar = MemoryCalendar()
        self.threads = MemoryThreadNumbers()
        self.usage = MemoryUsage()
        self.deps = Deps(
            conversations=self.conversations,
            threads=self.threads,
            calendar=self.calendar,
            usage=self.usage,
            tenants=StaticTenants(self.tenant),
            publisher=self.published,
            clock=self.clock,
            brain=self.brain,
            limits=self.limits,
        )
        self.customers = CustomerTexts(self.deps)
        self.owners = OwnerTexts(self.deps)
        self.lifecycle = ThreadLifecycle(self.deps)

    @property
    def business_number(self) -> str:
        return self.tenant.numbers[0].number

    async def customer_says(self, customer: str, body: str, sid: str | None = None):
        """Deliver a customer's text; the SendSms it produced, in order."""
        event = CustomerMessageAccepted(
            id=f"conversation-{sid or new_sid()}",
            tenant_id=self.tenant.tenant_id,
            message_sid=sid or new_sid(),
            customer=customer,
            business_number=self.business_number,
            body=body,
            occurred_at=self.clock.now(),
        )
        return await self._deliver(self.customers.handle(event))

    async def owner_says(self, body: str):
        sid = new_sid()
        event = OwnerSmsReceived(
            id=f"sms-{sid}",
            tenant_id=self.tenant.tenant_id,
            message_sid=sid,
            owner=self.tenant.owner_phone,
            business_number=self.business_number,
            body=body,
            occurred_at=self.clock.now(),
        )
        return await self._deliver(self.owners.handle(event))

    async def opts_out(self, customer: str) -> None:
        event = OptedOut(
            id=f"opted-out-{new_sid()}",
            tenant_id=self.tenant.tenant_id,
            customer=customer,
            source="keyword",
            evidence="STOP",
        )
        await self.lifecycle.opted_out(event)

    def texts_to(self, number: str) -> list[SendSms]:
        return [m for m in self.published.of(SendSms) if m.to == number]

    async def _deliver(self, handling) -> list[SendSms]:
        before = len(self.published.messages)
        await handling
        return [m for m in self.published.messages[before:] if isinstance(m, SendSms)]
