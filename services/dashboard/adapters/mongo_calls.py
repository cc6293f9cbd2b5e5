"""Missed calls and completed jobs of each tenant, as the events told them."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field
from services.dashboard.adapters.stamps import timed, unstamped
from services.dashboard.domain.records import Job, MissedCall

MISSED_TIMES = ("received_at", "texted_at")


class MongoCalls:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._missed = db["missed_calls"]
        self._jobs = db["jobs"]

    async def prepare(self) -> None:
        await self._missed.create_index([("tenant_id", 1), (field("received_at"), -1)])
        await self._jobs.create_index([("tenant_id", 1), ("completed_at", -1)])

    async def missed(self, tenant_id: str, call_sid: str, **fields: Any) -> None:
        """Add what one event says about a call; events may come in any order."""
        await self._missed.update_one(
            {"_id": f"{tenant_id}:{call_sid}"},
            {"$set": {"tenant_id": tenant_id, "call_sid": call_sid, **timed(fields)}},
            upsert=True,
        )

    async def missed_calls(self, tenant_id: str, limit: int) -> list[MissedCall]:
        cursor = self._missed.find({"tenant_id": tenant_id})
        docs = await cursor.sort(field("received_at"), -1).limit(limit).to_list(None)
        return [
            MissedCall(**unstamped(doc, *MISSED_TIMES))
            for doc in docs
            # A text's outcome may arrive before its call: listed once both are in.
            if "caller" in doc
        ]

    async def add_job(self, tenant_id: str, job: Job) -> None:
        try:
            await self._jobs.insert_one(
                {"_id": f"{tenant_id}:{job.job_id}", "tenant_id": tenant_id}
                | job.model_dump()
            )
        except DuplicateKeyError:
            pass

    async def jobs(self, tenant_id: str, limit: int) -> list[Job]:
        cursor = self._jobs.find({"tenant_id": tenant_id})
        docs = await cursor.sort("completed_at", -1).limit(limit).to_list(None)
        return [Job(**unstamped(doc)) for doc in docs]
