"""When a message last went either way between a tenant and a customer."""

from datetime import datetime

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field, ms, stamped, unstamp


class MongoThreadLog:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._threads = db["threads"]

    async def touch(self, tenant_id: str, customer: str, at: datetime) -> None:
        # Move the time forward only: a late redelivery must not rewind it. An
        # existing document with a later time makes the upsert collide.
        try:
            await self._threads.update_one(
                {"_id": f"{tenant_id}:{customer}", field("last"): {"$lt": ms(at)}},
                {
                    "$set": {
                        "tenant_id": tenant_id,
                        "customer": customer,
                        **stamped("last", at),
                    }
                },
                upsert=True,
            )
        except DuplicateKeyError:
            pass

    async def last_exchange(self, tenant_id: str, customer: str) -> datetime | None:
        doc = await self._threads.find_one({"_id": f"{tenant_id}:{customer}"})
        return unstamp(doc.get("last")) if doc else None
