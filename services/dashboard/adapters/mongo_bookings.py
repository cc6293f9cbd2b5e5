"""Appointments the concierge booked, and their cancellations, by booking id."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase

from libs.mongo_times import field
from services.dashboard.adapters.stamps import timed, unstamped
from services.dashboard.domain.records import Booking

TIMES = ("starts_at", "ends_at", "booked_at", "cancelled_at")


class MongoBookings:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._bookings = db["bookings"]

    async def prepare(self) -> None:
        await self._bookings.create_index([("tenant_id", 1), (field("starts_at"), -1)])

    async def note(self, tenant_id: str, booking_id: str, **fields: Any) -> None:
        """Add what one event says about a booking; events may come in any order."""
        await self._bookings.update_one(
            {"_id": f"{tenant_id}:{booking_id}"},
            {
                "$set": {"tenant_id": tenant_id, "booking_id": booking_id}
                | timed(fields)
            },
            upsert=True,
        )

    async def bookings(self, tenant_id: str, limit: int) -> list[Booking]:
        """The latest slots first; a cancellation alone waits for its booking."""
        query = {"tenant_id": tenant_id, field("starts_at"): {"$exists": True}}
        cursor = self._bookings.find(query).sort(field("starts_at"), -1)
        docs = await cursor.limit(limit).to_list(None)
        return [
            Booking(
                **unstamped(doc, *TIMES),
                status="cancelled" if doc.get("cancelled_at") else "booked",
            )
            for doc in docs
        ]
