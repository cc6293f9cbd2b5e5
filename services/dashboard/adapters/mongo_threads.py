"""Transcripts (one document per message) and the modes the owner asked for."""

from collections import defaultdict
from datetime import datetime
from typing import Literal

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from services.dashboard.adapters.stamps import stamped
from services.dashboard.domain.records import Thread, ThreadSummary, TranscriptLine


class MongoThreads:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._lines = db["transcript_lines"]
        self._modes = db["thread_modes"]

    async def prepare(self) -> None:
        await self._lines.create_index([("tenant_id", 1), ("customer", 1), ("at", 1)])

    async def add_line(
        self, tenant_id: str, customer: str, line: TranscriptLine
    ) -> None:
        doc = {"tenant_id": tenant_id, "customer": customer} | line.model_dump()
        try:
            await self._lines.insert_one(
                {"_id": f"{tenant_id}:{line.direction}:{line.reference}"} | doc
            )
        except DuplicateKeyError:
            pass

    async def set_mode(
        self,
        tenant_id: str,
        customer: str,
        mode: Literal["owner", "agent"],
        at: datetime,
    ) -> None:
        await self._modes.update_one(
            {"_id": f"{tenant_id}:{customer}"},
            {"$set": stamped({"mode": mode, "requested_at": at})},
            upsert=True,
        )

    async def threads(self, tenant_id: str, limit: int) -> list[ThreadSummary]:
        # Summed per request rather than kept in a summary document: one write
        # per message is cheaper on the event path, and a tenant's history is
        # small. A tenant with years of texts would want that summary instead.
        cursor = self._lines.find(
            {"tenant_id": tenant_id}, {"customer": 1, "at": 1, "_id": 0}
        )
        counts: dict[str, int] = defaultdict(int)
        last: dict[str, datetime] = {}
        async for doc in cursor:
            counts[doc["customer"]] += 1
            last[doc["customer"]] = max(doc["at"], last.get(doc["customer"], doc["at"]))
        summaries = [
            ThreadSummary(customer=c, messages=n, last_at=last[c])
            for c, n in counts.items()
        ]
        return sorted(summaries, key=lambda s: s.last_at, reverse=True)[:limit]

    async def thread(self, tenant_id: str, customer: str, limit: int) -> Thread:
        cursor = self._lines.find({"tenant_id": tenant_id, "customer": customer})
        docs = await cursor.sort("at", 1).limit(limit).to_list(None)
        mode = await self._modes.find_one({"_id": f"{tenant_id}:{customer}"})
        return Thread(
            customer=customer,
            mode_requested=mode["mode"] if mode else None,
            transcript=[TranscriptLine(**doc) for doc in docs],
        )
