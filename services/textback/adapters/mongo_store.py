"""Text-back state in MongoDB: one record per missed call, one cooldown per caller."""

from datetime import datetime
from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field, ms, stamped


class MissedCallStore:
    """Times written by updates are stamped (libs.mongo_times) to stay comparable."""

    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._misses = db["missed_calls"]
        self._cooldowns = db["cooldowns"]

    async def prepare(self) -> None:
        await self._misses.create_index([("state", 1), (field("due"), 1)])
        await self._misses.create_index([("tenant_id", 1), ("caller", 1), ("state", 1)])

    async def find(self, call_sid: str) -> dict[str, Any] | None:
        return await self._misses.find_one({"_id": call_sid})

    async def insert(self, record: dict[str, Any]) -> bool:
        """Store a new record; False when the call was already recorded."""
        try:
            await self._misses.insert_one(record)
        except DuplicateKeyError:
            return False
        return True

    async def claim_cooldown(
        self, key: str, call_sid: str, now: datetime, until: datetime
    ) -> bool:
        """Take the caller's cooldown for this call, unless another call holds it."""
        try:
            await self._cooldowns.insert_one(
                {"_id": key, "call_sid": call_sid, **stamped("until", until)}
            )
            return True
        except DuplicateKeyError:
            pass

        # Expired, or already ours (this call's event is being redelivered).
        expired_or_ours = [{field("until"): {"$lte": ms(now)}}, {"call_sid": call_sid}]
        taken = await self._cooldowns.find_one_and_update(
            {"_id": key, "$or": expired_or_ours},
            {"$set": {"call_sid": call_sid, **stamped("until", until)}},
        )
        return taken is not None

    async def release_cooldown(self, key: str, now: datetime) -> None:
        await self._cooldowns.update_one({"_id": key}, {"$set": stamped("until", now)})

    async def move(
        self, call_sid: str, from_state: str, to_state: str, **fields: Any
    ) -> bool:
        """Change a record's state only if it is still in `from_state`."""
        moved = await self._misses.find_one_and_update(
            {"_id": call_sid, "state": from_state},
            {"$set": {"state": to_state, **fields}},
            return_document=ReturnDocument.AFTER,
        )
        return moved is not None

    async def update(self, call_sid: str, **fields: Any) -> None:
        await self._misses.update_one({"_id": call_sid}, {"$set": fields})

    async def pending_for(self, tenant_id: str, caller: str) -> list[dict[str, Any]]:
        cursor = self._misses.find(
            {"tenant_id": tenant_id, "caller": caller, "state": "pending"}
        )
        return await cursor.to_list(length=None)

    async def due(self, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
        cursor = self._misses.find(
            {"state": "pending", field("due"): {"$lte": ms(now)}}
        )
        return await cursor.limit(limit).to_list(length=None)
