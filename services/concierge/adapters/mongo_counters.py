"""Small counters in MongoDB: daily usage per tenant, and the owner's thread numbers."""

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.concierge.ports import DailyUsage

# Spending is counted in millionths of a dollar: integers add up exactly.
MICRO = 1_000_000
# Far more threads than an owner can hold at once on a phone.
MAX_THREADS = 999


class MongoUsage:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._usage = db["daily_usage"]

    async def count_turn(self, tenant_id: str, day: str) -> DailyUsage:
        counted = await self._usage.find_one_and_update(
            {"_id": f"{tenant_id}:{day}"},
            {"$inc": {"turns": 1, "spend_micro_usd": 0}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return DailyUsage(counted["turns"], counted["spend_micro_usd"] / MICRO)

    async def add_spend(self, tenant_id: str, day: str, usd: float) -> None:
        await self._usage.update_one(
            {"_id": f"{tenant_id}:{day}"},
            {"$inc": {"spend_micro_usd": round(usd * MICRO)}},
            upsert=True,
        )


class MongoThreadNumbers:
    """Number n of a tenant is one document; inserting it is taking it."""

    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._numbers = db["thread_numbers"]

    async def prepare(self) -> None:
        await self._numbers.create_index([("tenant_id", 1), ("customer", 1)])

    async def take(self, tenant_id: str, customer: str) -> int:
        held = await self._numbers.find_one(
            {"tenant_id": tenant_id, "customer": customer}
        )
        if held is not None:
            return held["number"]

        cursor = self._numbers.find({"tenant_id": tenant_id}, {"number": 1})
        used = {d["number"] for d in await cursor.to_list(length=None)}
        for number in range(1, MAX_THREADS + 1):
            if number in used:
                continue
            try:
                await self._numbers.insert_one(
                    {
                        "_id": f"{tenant_id}:{number}",
                        "tenant_id": tenant_id,
                        "customer": customer,
                        "number": number,
                    }
                )
            except DuplicateKeyError:
                # Another thread took it a moment ago; the next one is free.
                continue
            return number
        raise RuntimeError(f"tenant {tenant_id} holds {MAX_THREADS} threads")

    async def release(self, tenant_id: str, number: int, customer: str) -> None:
        await self._numbers.delete_one(
            {"_id": f"{tenant_id}:{number}", "customer": customer}
        )
