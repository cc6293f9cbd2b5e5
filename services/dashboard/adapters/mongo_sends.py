"""Manual sends and the gate's verdict on each, by request id."""

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from services.dashboard.domain.records import SendOutcome


class MongoSends:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._sends = db["manual_sends"]

    async def requested(self, tenant_id: str, outcome: SendOutcome) -> None:
        try:
            await self._sends.insert_one(self._doc(tenant_id, outcome))
        except DuplicateKeyError:
            pass

    async def finished(self, tenant_id: str, outcome: SendOutcome) -> None:
        await self._sends.update_one(
            {"_id": f"{tenant_id}:{outcome.request_id}"},
            {"$set": self._doc(tenant_id, outcome)},
            upsert=True,
        )

    async def outcome(self, tenant_id: str, request_id: str) -> SendOutcome | None:
        # The tenant is part of the key: another tenant's request id finds nothing.
        doc = await self._sends.find_one({"_id": f"{tenant_id}:{request_id}"})
        if doc is None:
            return None
        doc.pop("_id")
        doc.pop("tenant_id")
        return SendOutcome(**doc)

    @staticmethod
    def _doc(tenant_id: str, outcome: SendOutcome) -> dict:
        fields = outcome.model_dump(exclude_none=True)
        return {"_id": f"{tenant_id}:{outcome.request_id}", "tenant_id": tenant_id} | (
            fields
        )
