"""The consent ledger as the events told it: every consent, opt-out and opt-in."""

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from services.dashboard.domain.records import ConsentEntry


class MongoConsents:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._ledger = db["consent_ledger"]

    async def prepare(self) -> None:
        await self._ledger.create_index([("tenant_id", 1), ("kind", 1), ("at", 1)])

    async def add(self, tenant_id: str, entry_id: str, entry: ConsentEntry) -> None:
        """Insert once per event id: a redelivered event adds no second row."""
        try:
            await self._ledger.insert_one(
                {"_id": f"{tenant_id}:{entry_id}", "tenant_id": tenant_id}
                | entry.model_dump()
            )
        except DuplicateKeyError:
            pass

    async def entries(
        self, tenant_id: str, kinds: tuple[str, ...] | None = None
    ) -> list[ConsentEntry]:
        """The tenant's entries oldest first, all of them or only some kinds."""
        query: dict = {"tenant_id": tenant_id}
        if kinds:
            query["kind"] = {"$in": list(kinds)}
        cursor = self._ledger.find(query, {"_id": 0, "tenant_id": 0})
        return [ConsentEntry(**doc) for doc in await cursor.sort("at", 1).to_list(None)]
