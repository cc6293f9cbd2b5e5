"""Review requests in MongoDB: one record per completed job, one claim per customer.

Times that are queried are kept as libs.mongo_times has them: a stamped date for
people, and epoch milliseconds that queries and indexes compare.
"""

from datetime import datetime
from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field, ms, stamped, unstamp
from services.reviews.domain.ratings import SentRequest

# States in which a request's SMS has gone out.
SENT_STATES = ("sent", "opened", "reminded")


class MongoRequestStore:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._requests = db["requests"]
        self._customers = db["customers"]

    async def prepare(self) -> None:
        # Tokens are 128 random bits: unique without a unique index, which would
        # also have to skip the records of jobs that got no request (no token).
        await self._requests.create_index("token")
        await self._requests.create_index([("state", 1), (field("remind_at"), 1)])
        await self._requests.create_index([("tenant_id", 1), (field("sent"), 1)])
        await self._requests.create_index([("tenant_id", 1), (field("created"), 1)])

    async def claim_customer(
        self,
        tenant_id: str,
        customer: str,
        key: str,
        now: datetime,
        again_before: datetime | None,
    ) -> bool:
        """Take the customer for job `key`, unless another job asked them lately."""
        claim_id = f"{tenant_id}:{customer}"
        try:
            await self._customers.insert_one(
                {"_id": claim_id, "key": key, **stamped("asked", now)}
            )
            return True
        except DuplicateKeyError:
            pass

        # Ours already (a redelivery), or asked so long ago that the tenant allows it.
        ours_or_expired: list[dict] = [{"key": key}]
        if again_before is not None:
            ours_or_expired.append({field("asked"): {"$lte": ms(again_before)}})
        taken = await self._customers.find_one_and_update(
            {"_id": claim_id, "$or": ours_or_expired},
            {"$set": {"key": key, **stamped("asked", now)}},
        )
        return taken is not None

    async def insert(self, record: dict[str, Any]) -> bool:
        """Store a new request; False when this job already has one."""
        created = stamped("created", record["created_at"])
        try:
            await self._requests.insert_one({**record, **created})
        except DuplicateKeyError:
            return False
        return True

    async def find(self, key: str) -> dict[str, Any] | None:
        return await self._requests.find_one({"_id": key})

    async def by_token(self, token: str) -> dict[str, Any] | None:
        return await self._requests.find_one({"token": token})

    async def mark_sent(
        self, key: str, at: datetime, remind_at: datetime | None
    ) -> bool:
        """Note when the request went out; True the first time only."""
        fields: dict[str, Any] = stamped("sent", at)
        if remind_at is not None:
            fields |= stamped("remind_at", remind_at)
        noted = await self._requests.update_one(
            {"_id": key, "sent": {"$exists": False}}, {"$set": fields}
        )
        # A link opened before we heard of the send keeps its "opened" state.
        await self.move(key, "scheduled", "sent")
        return noted.modified_count == 1

    async def move(self, key: str, from_state: str, to_state: str, **fields) -> bool:
        """Change a request's state only if it is still in `from_state`."""
        moved = await self._requests.find_one_and_update(
            {"_id": key, "state": from_state},
            {"$set": {"state": to_state, **fields}},
            return_document=ReturnDocument.AFTER,
        )
        return moved is not None

    async def claim_reminder(self, key: str, now: datetime) -> bool:
        """Take the request's one reminder; False when it was opened or taken."""
        return await self.move(key, "sent", "reminded", **stamped("reminded", now))

    async def release_reminder(self, key: str) -> None:
        """Give a reminder that could not be requested back to the next turn."""
        await self.move(key, "reminded", "sent")

    async def note(self, key: str, **fields: Any) -> None:
        await self._requests.update_one({"_id": key}, {"$set": fields})

    async def due_reminders(self, now: datetime, limit: int = 100) -> list[dict]:
        cursor = self._requests.find(
            {"state": "sent", field("remind_at"): {"$lte": ms(now)}}
        )
        return await cursor.limit(limit).to_list(length=None)

    async def open(self, token: str, at: datetime) -> tuple[dict | None, bool]:
        """Count an open of link `token`: (its request, whether it is the first)."""
        before = await self._requests.find_one_and_update(
            {"token": token}, {"$inc": {"opens": 1}}
        )
        if before is None or "opened" in before:
            return before, False

        first = await self._requests.update_one(
            {"_id": before["_id"], "opened": {"$exists": False}},
            {"$set": {**stamped("opened", at), "state": "opened"}},
        )
        return before, first.modified_count == 1

    async def counts(self, tenant_id: str, since: datetime) -> dict[str, int]:
        """Requests sent, opened, reminded, blocked and credited since `since`."""

        async def count(name: str) -> int:
            return await self._requests.count_documents(
                {"tenant_id": tenant_id, field(name): {"$gte": ms(since)}}
            )

        blocked = await self._requests.count_documents(
            {
                "tenant_id": tenant_id,
                field("created"): {"$gte": ms(since)},
                "state": "blocked",
            }
        )
        return {
            "sent": await count("sent"),
            "opened": await count("opened"),
            "reminded": await count("reminded"),
            "attributed_reviews": await count("attributed"),
            "blocked": blocked,
        }

    async def sent_between(
        self, tenant_id: str, start: datetime, end: datetime
    ) -> list[SentRequest]:
        """Requests sent in [start, end] that no review was attributed to yet."""
        cursor = self._requests.find(
            {
                "tenant_id": tenant_id,
                field("sent"): {"$gte": ms(start), "$lte": ms(end)},
                "attributed": {"$exists": False},
            },
            {"sent": 1, "opened": 1},
        )
        return [
            SentRequest(
                key=doc["_id"],
                sent_at=unstamp(doc["sent"]),
                opened_at=unstamp(doc.get("opened")),
            )
            for doc in await cursor.to_list(length=None)
        ]

    async def attribute(self, key: str, review_id: str, at: datetime) -> bool:
        """Credit `review_id` to request `key`, unless another review already is."""
        done = await self._requests.update_one(
            {"_id": key, "attributed": {"$exists": False}},
            {"$set": {**stamped("attributed", at), "review_id": review_id}},
        )
        return done.modified_count == 1
