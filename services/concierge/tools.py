"""The agent's tools, bound to one tenant and one customer for one turn.

Both brains act only through these. Inputs are validated; none names a tenant
or a phone number, so no input can reach another business or customer. Effects
a tool cannot finish itself (a handoff, an owner alert) are recorded here and
carried out by the turn once the brain is done.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from libs.events import AppointmentBooked, AppointmentCancelled, HandoffReason, Message
from libs.tenants import Language, TenantConfig
from services.concierge.domain import formatting
from services.concierge.domain.knowledge_index import KnowledgeIndex, service_name
from services.concierge.domain.schedule import Interval, Schedule
from services.concierge.ports import Booking, CalendarPort


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SearchKnowledge(_Input):
    """Search the business's FAQ, hours and service area."""

    query: str = Field(min_length=1, max_length=300)


class Quote(_Input):
    """The owner-approved price band of one service; never invent a price."""

    service: str = Field(min_length=1, max_length=100)


class FindSlots(_Input):
    """Free appointment times, from the business's hours and bookings."""

    on_or_after: date | None = None
    part_of_day: Literal["morning", "afternoon"] | None = None
    count: int = Field(default=3, ge=1, le=5)


class BookSlot(_Input):
    """Book a time find_slots returned; an existing booking moves to it."""

    start: datetime
    service: str | None = Field(default=None, max_length=100)


class HandOff(_Input):
    """Give the conversation to the owner (customer asks for a person, or unsure)."""

    reason: str = Field(default="unsure", max_length=200)


class AlertOwner(_Input):
    """Text the owner at once about an emergency at the customer's home."""

    summary: str = Field(min_length=1, max_length=300)


TOOL_INPUTS: dict[str, type[_Input]] = {
    "search_knowledge": SearchKnowledge,
    "quote": Quote,
    "find_slots": FindSlots,
    "book_slot": BookSlot,
    "hand_off": HandOff,
    "alert_owner": AlertOwner,
}


def tool_specs() -> list[dict]:
    """The tools as the Messages API describes them: name, description, input schema."""
    return [
        {
            "name": name,
            "description": model.__doc__,
            "input_schema": model.model_json_schema(),
        }
        for name, model in TOOL_INPUTS.items()
    ]


@dataclass
class Toolbox:
    tenant: TenantConfig
    customer: str
    index: KnowledgeIndex
    calendar: CalendarPort
    now: datetime
    language: Language
    # The inbound message of this turn: event ids derive from it.
    turn_id: str
    handoff: HandoffReason | None = None
    alerts: list[tuple[str, str]] = field(default_factory=list)
    events: list[Message] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tenant.identity.time_zone)

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.tenant.hours, self.zone, self.tenant.knowledge.booking)

    async def run(self, name: str, arguments: dict) -> tuple[dict, bool]:
        """Call a tool by name, as a model asks; (result, is_error)."""
        model = TOOL_INPUTS.get(name)
        if model is None:
            return {"error": f"no tool named {name}"}, True
        try:
            given = model.model_validate(arguments)
        except ValidationError as error:
            return {"error": error.errors(include_url=False, include_input=False)}, True
        handler = getattr(self, name)
        result = handler(**given.model_dump())
        if hasattr(result, "__await__"):
            result = await result
        return result, False

    def search_knowledge(self, query: str) -> dict:
        self.calls.append("search_knowledge")
        found = []
        for hit in self.index.search(query):
            answer = self.index.answer(hit, self.language)
            if answer:
                found.append({"kind": hit.document.kind, "answer": answer})
        return {"results": found}

    def quote(self, service: str) -> dict:
        self.calls.append("quote")
        knowledge = self.tenant.knowledge
        known = knowledge.service(service) or self.index.find_service(service)
        if known is None:
            return {"status": "unknown_service", "services": self._service_names()}
        name = service_name(known, self.language)
        band = knowledge.band_for(known.key)
        if band is None:
            return {"status": "no_price", "service": name}
        if band.needs_owner:
            self.handoff = "quote_approval"
            range_text = formatting.band(band, "en")
            self.alerts.append(
                ("quote_approval", f"quote for {known.name} ({range_text})")
            )
            return {"status": "owner_approval", "service": name}
        return {
            "status": "ok",
            "service": name,
            "key": known.key,
            "range": formatting.band(band, self.language),
        }

    async def find_slots(
        self,
        on_or_after: date | None = None,
        part_of_day: str | None = None,
        count: int = 3,
        excluding=(),
    ) -> dict:
        self.calls.append("find_slots")
        now = self.now
        if on_or_after is not None:
            start = datetime.combine(on_or_after, time(0, 0), tzinfo=self.zone)
            now = max(now, start)
        window = self.schedule.window(self.now)
        busy = await self.calendar.busy(self.tenant.tenant_id, window)
        slots = self.schedule.free(
            now, busy, limit=count, excluding=tuple(excluding), part=part_of_day
        )
        return {
            "slots": [
                {
                    "start": slot.start.isoformat(),
                    "label": formatting.slot(slot.start, self.zone, self.language),
                }
                for slot in slots
            ]
        }

    async def book_slot(self, start: datetime, service: str | None = None) -> dict:
        self.calls.append("book_slot")
        if start.tzinfo is None:
            start = start.replace(tzinfo=self.zone)
        if not self.schedule.is_slot(start, self.now):
            return {"booked": False, "reason": "not_a_free_slot"}
        known = self.tenant.knowledge.service(service or "") or (
            self.index.find_service(service) if service else None
        )
        key = known.key if known else None

        tenant_id = self.tenant.tenant_id
        previous = await self.calendar.upcoming(tenant_id, self.customer, self.now)
        length = self.schedule.rules.slot_minutes
        slot = Interval(start, start + timedelta(minutes=length))
        booking = await self.calendar.book(tenant_id, self.customer, slot, key)
        if booking is None:
            return {"booked": False, "reason": "taken"}
        replaced = previous if previous and previous.id != booking.id else None
        if replaced is not None:
            await self.calendar.cancel(tenant_id, replaced.id, self.customer)
            self.events.append(self._cancelled(replaced))
        self.events.append(self._booked(booking, replaced))
        return {
            "booked": True,
            "booking_id": booking.id,
            "label": formatting.slot(start, self.zone, self.language),
            "moved_from": replaced.id if replaced else None,
        }

    async def cancel_booking(self) -> dict:
        tenant_id = self.tenant.tenant_id
        booking = await self.calendar.upcoming(tenant_id, self.customer, self.now)
        if booking is None:
            return {"cancelled": False}
        await self.calendar.cancel(tenant_id, booking.id, self.customer)
        self.events.append(self._cancelled(booking))
        label = formatting.slot(booking.slot.start, self.zone, self.language)
        return {"cancelled": True, "label": label}

    def hand_off(self, reason: str = "unsure") -> dict:
        self.calls.append("hand_off")
        asked = "person" in reason.casefold() or "human" in reason.casefold()
        self.handoff = self.handoff or ("customer_asked" if asked else "unsure")
        return {"handed_off": True}

    def alert_owner(self, summary: str) -> dict:
        self.calls.append("alert_owner")
        self.alerts.append(("agent", summary))
        return {"alerted": True}

    def _service_names(self) -> list[str]:
        return self.index.service_names(self.language)

    def _booked(self, booking: Booking, replaced: Booking | None) -> AppointmentBooked:
        return AppointmentBooked(
            id=f"booked-{booking.id}-{self.turn_id}",
            tenant_id=self.tenant.tenant_id,
            booking_id=booking.id,
            customer=self.customer,
            service=booking.service,
            starts_at=booking.slot.start.astimezone(UTC),
            ends_at=booking.slot.end.astimezone(UTC),
            replaces=replaced.id if replaced else None,
        )

    def _cancelled(self, booking: Booking) -> AppointmentCancelled:
        return AppointmentCancelled(
            id=f"cancelled-{booking.id}-{self.turn_id}",
            tenant_id=self.tenant.tenant_id,
            booking_id=booking.id,
            customer=self.customer,
        )
