"""The built-in calendar: bookings in MongoDB, one document per slot start.

A slot's start is the booking's key, so two customers can never hold the same
slot: the second insert fails. Slots follow the tenant's grid (opening hours cut
into equal lengths); if the owner changes the slot length, bookings made on the
old grid still count as busy, but a new booking starting inside an old one on
a different start time is not caught here. Acceptable while the slot length is
set once at onboarding; a calendar with overlap checks (Google, Jobber) would
implement this port instead.
"""

from datetime import UTC, datetime

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.concierge.domain.schedule import Interval
from services.concierge.ports import Booking


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


class MongoCalendar:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._bookings = db["bookings"]

    async def prepare(self) -> None:
        await self._bookings.create_index([("tenant_id", 1), ("starts_ms", 1)])
        await self._bookings.create_index(
            [("tenant_id", 1), ("customer", 1), ("starts_ms", 1)]
        )

    async def busy(self, tenant_id: str, window: Interval) -> list[Interval]:
        cursor = self._bookings.find(
            {
                "tenant_id": tenant_id,
                "state": "booked",
                "starts_ms": {"$lt": _ms(window.end)},
                "ends_ms": {"$gt": _ms(window.start)},
            },
            {"starts_ms": 1, "ends_ms": 1},
        )
        found = await cursor.to_list(length=None)
        return [Interval(_at(d["starts_ms"]), _at(d["ends_ms"])) for d in found]

    async def book(
        self, tenant_id: str, customer: str, slot: Interval, service: str | None
    ) -> Booking | None:
        key = f"{tenant_id}:{_ms(slot.start)}"
        fields = {"customer": customer, "state": "booked", "service": service}
        try:
            await self._bookings.insert_one(
                {
                    "_id": key,
                    "tenant_id": tenant_id,
                    "starts_ms": _ms(slot.start),
                    "ends_ms": _ms(slot.end),
                    **fields,
                }
            )
        except DuplicateKeyError:
            # Free again (cancelled), or already this customer's (a redelivery).
            taken = await self._bookings.find_one_and_update(
                {"_id": key, "$or": [{"state": "cancelled"}, {"customer": customer}]},
                {"$set": fields},
                return_document=ReturnDocument.AFTER,
            )
            if taken is None:
                return None
        return Booking(key, tenant_id, customer, slot, service)

    async def cancel(self, tenant_id: str, booking_id: str, customer: str) -> bool:
        result = await self._bookings.update_one(
            {"_id": booking_id, "tenant_id": tenant_id, "customer": customer},
            {"$set": {"state": "cancelled"}},
        )
        return result.matched_count == 1

    async def upcoming(
        self, tenant_id: str, customer: str, now: datetime
    ) -> Booking | None:
        cursor = self._bookings.find(
            {
                "tenant_id": tenant_id,
                "customer": customer,
                "state": "booked",
                "starts_ms": {"$gt": _ms(now)},
            }
        )
        found = await cursor.sort("starts_ms", 1).limit(1).to_list(length=None)
        if not found:
            return None
        document = found[0]
        slot = Interval(_at(document["starts_ms"]), _at(document["ends_ms"]))
        return Booking(document["_id"], tenant_id, customer, slot, document["service"])
