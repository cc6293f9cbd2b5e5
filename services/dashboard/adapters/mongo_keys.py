"""API key digests in MongoDB: one document per live key."""

from datetime import datetime

from motor.motor_asyncio import AsyncIOMotorDatabase


class MongoKeys:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._keys = db["api_keys"]

    async def prepare(self) -> None:
        await self._keys.create_index("tenant_id")

    async def add(self, key_digest: str, tenant_id: str, now: datetime) -> None:
        await self._keys.insert_one(
            {"_id": key_digest, "tenant_id": tenant_id, "created_at": now}
        )

    async def tenant_for(self, key_digest: str) -> str | None:
        doc = await self._keys.find_one({"_id": key_digest}, {"tenant_id": 1})
        return doc["tenant_id"] if doc else None

    async def revoke_all_but(self, tenant_id: str, key_digest: str) -> None:
        await self._keys.delete_many(
            {"tenant_id": tenant_id, "_id": {"$ne": key_digest}}
        )
