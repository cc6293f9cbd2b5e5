"""What Twilio Lookup and carrier errors taught us about recipient numbers.

Line types do not depend on the tenant, so one document per number serves all.
"""

from datetime import datetime

from motor.motor_asyncio import AsyncIOMotorDatabase

from libs.mongo_times import stamp
from services.compliance.ports import NumberRecord


class MongoNumberStore:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._numbers = db["number_facts"]

    async def get(self, e164: str) -> NumberRecord | None:
        doc = await self._numbers.find_one({"_id": e164})
        if doc is None or "looked_up" not in doc and "unreachable_code" not in doc:
            return None
        return NumberRecord(
            e164=e164,
            line_type=doc.get("line_type"),
            valid=bool(doc.get("valid", True)),
            unreachable_code=doc.get("unreachable_code"),
        )

    async def save_lookup(self, record: NumberRecord, at: datetime) -> None:
        await self._numbers.update_one(
            {"_id": record.e164},
            {
                "$set": {
                    "line_type": record.line_type,
                    "valid": record.valid,
                    "looked_up": stamp(at),
                }
            },
            upsert=True,
        )

    async def mark_unreachable(self, e164: str, code: int, at: datetime) -> None:
        await self._numbers.update_one(
            {"_id": e164},
            {"$set": {"unreachable_code": code, "unreachable": stamp(at)}},
            upsert=True,
        )
