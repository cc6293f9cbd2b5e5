"""In-memory adapters that behave like the Mongo ones: unit tests, evals, benchmarks."""

import copy
from dataclasses import replace
from datetime import datetime

from libs.events import Message
from services.concierge.domain.schedule import Interval
from services.concierge.ports import Booking, Conversation, DailyUsage, Entry


class MemoryConversations:
    def __init__(self) -> None:
        self.threads: dict[str, Conversation] = {}
        self.entries: dict[str, Entry] = {}

    async def add_inbound(self, entry: Entry) -> bool:
        if entry.id in self.entries:
            return False
        self.entries[entry.id] = entry
        return True

    async def effects_of(self, tenant_id: str, answers: str) -> list[str]:
        return [
            e.payload
            for e in self.entries.values()
            if e.tenant_id == tenant_id and e.answers == answers and e.payload
        ]

    async def load(self, tenant_id: str, customer: str) -> Conversation | None:
        stored = self.threads.get(f"{tenant_id}:{customer}")
        return copy.deepcopy(stored) if stored else None

    async def save(self, conversation: Conversation) -> bool:
        stored = self.threads.get(conversation.key)
        current = stored.version if stored else 0
        if current != conversation.version:
            return False
        conversation.version += 1
        self.threads[conversation.key] = copy.deepcopy(conversation)
        return True

    async def add_outgoing(self, entries: list[Entry]) -> None:
        for entry in entries:
            self.entries.setdefault(entry.id, entry)

    async def transcript(
        self, tenant_id: str, customer: str, limit: int
    ) -> list[Entry]:
        mine = [
            e
            for e in self.entries.values()
            if e.tenant_id == tenant_id and e.customer == customer
        ]
        return mine[-limit:]

    async def with_owner(self, tenant_id: str) -> list[Conversation]:
        held = [
            copy.deepcopy(c)
            for c in self.threads.values()
            if c.tenant_id == tenant_id and c.mode == "owner"
        ]
        return sorted(held, key=lambda c: c.thread_number or 0)


class MemoryThreadNumbers:
    def __init__(self) -> None:
        self.held: dict[tuple[str, int], str] = {}

    async def take(self, tenant_id: str, customer: str) -> int:
        for (tenant, number), holder in self.held.items():
            if tenant == tenant_id and holder == customer:
                return number
        number = 1
        while (tenant_id, number) in self.held:
            number += 1
        self.held[(tenant_id, number)] = customer
        return number

    async def release(self, tenant_id: str, number: int, customer: str) -> None:
        if self.held.get((tenant_id, number)) == customer:
            del self.held[(tenant_id, number)]


class MemoryCalendar:
    def __init__(self) -> None:
        self.bookings: dict[str, dict] = {}

    async def busy(self, tenant_id: str, window: Interval) -> list[Interval]:
        return [
            b["slot"]
            for b in self.bookings.values()
            if b["tenant_id"] == tenant_id
            and b["state"] == "booked"
            and b["slot"].overlaps(window)
        ]

    async def book(
        self, tenant_id, customer, slot: Interval, service
    ) -> Booking | None:
        key = f"{tenant_id}:{int(slot.start.timestamp() * 1000)}"
        held = self.bookings.get(key)
        if held and held["state"] == "booked" and held["customer"] != customer:
            return None
        self.bookings[key] = {
            "tenant_id": tenant_id,
            "customer": customer,
            "slot": slot,
            "service": service,
            "state": "booked",
        }
        return Booking(key, tenant_id, customer, slot, service)

    async def cancel(self, tenant_id: str, booking_id: str, customer: str) -> bool:
        held = self.bookings.get(booking_id)
        if not held or held["customer"] != customer:
            return False
        held["state"] = "cancelled"
        return True

    async def upcoming(self, tenant_id, customer, now: datetime) -> Booking | None:
        mine = sorted(
            (
                (key, b)
                for key, b in self.bookings.items()
                if b["tenant_id"] == tenant_id
                and b["customer"] == customer
                and b["state"] == "booked"
                and b["slot"].start > now
            ),
            key=lambda item: item[1]["slot"].start,
        )
        if not mine:
            return None
        key, held = mine[0]
        return Booking(key, tenant_id, customer, held["slot"], held["service"])


class MemoryUsage:
    def __init__(self) -> None:
        self.days: dict[str, DailyUsage] = {}

    async def count_turn(self, tenant_id: str, day: str) -> DailyUsage:
        key = f"{tenant_id}:{day}"
        current = self.days.get(key, DailyUsage(0, 0.0))
        self.days[key] = replace(current, turns=current.turns + 1)
        return self.days[key]

    async def add_spend(self, tenant_id: str, day: str, usd: float) -> None:
        key = f"{tenant_id}:{day}"
        current = self.days.get(key, DailyUsage(0, 0.0))
        self.days[key] = replace(current, spend_usd=current.spend_usd + usd)


class RecordingPublisher:
    """Keeps what was published, dropping a repeated id as JetStream does."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._ids: set[str] = set()

    async def publish(self, message: Message) -> bool:
        if message.id in self._ids:
            return False
        self._ids.add(message.id)
        self.messages.append(message)
        return True

    def of(self, message_type: type[Message]) -> list:
        return [m for m in self.messages if isinstance(m, message_type)]


class StaticTenants:
    def __init__(self, *tenants) -> None:
        self.tenants = {t.tenant_id: t for t in tenants}

    def tenant(self, tenant_id: str):
        return self.tenants.get(tenant_id)
