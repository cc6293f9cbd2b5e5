"""Review requests as their events told them, and the Google rating samples."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field
from services.dashboard.adapters.stamps import timed, unstamped
from services.dashboard.domain import reviews
from services.dashboard.domain.records import ReviewRequest, ReviewStats

TIMES = ("due_at", "sent_at", "reminded_at", "opened_at")
COUNTED = {field(name): 1 for name in ("due_at", "sent_at", "opened_at")}


class MongoReviews:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._requests = db["review_requests"]
        self._ratings = db["review_ratings"]

    async def prepare(self) -> None:
        await self._requests.create_index([("tenant_id", 1), (field("due_at"), -1)])
        await self._ratings.create_index([("tenant_id", 1), (field("sampled_at"), -1)])

    async def note(self, tenant_id: str, request_id: str, **fields: Any) -> None:
        """Add what one event says about a request; events may come in any order."""
        await self._requests.update_one(
            {"_id": f"{tenant_id}:{request_id}"},
            {
                "$set": {"tenant_id": tenant_id, "request_id": request_id}
                | timed(fields)
            },
            upsert=True,
        )

    async def add_rating(self, tenant_id: str, sample_id: str, **fields: Any) -> None:
        """Insert once per sample: a redelivered sample adds no second row."""
        try:
            await self._ratings.insert_one(
                {"_id": f"{tenant_id}:{sample_id}", "tenant_id": tenant_id}
                | timed(fields)
            )
        except DuplicateKeyError:
            pass

    async def requests(self, tenant_id: str, limit: int) -> list[ReviewRequest]:
        """Newest due first; an open or a send alone waits for its request."""
        query = {"tenant_id": tenant_id, field("due_at"): {"$exists": True}}
        cursor = self._requests.find(query).sort(field("due_at"), -1)
        return [_request(doc) for doc in await cursor.limit(limit).to_list(None)]

    async def stats(self, tenant_id: str) -> ReviewStats:
        # Counted per request rather than kept in a counter document: one write
        # per event is cheaper on the event path, and a tenant asks for a few
        # reviews a day. Years of requests would want a running summary instead.
        cursor = self._requests.find({"tenant_id": tenant_id}, COUNTED | {"_id": 0})
        requests = sent = opened = 0
        async for doc in cursor:
            requests += field("due_at") in doc
            is_sent = field("sent_at") in doc
            sent += is_sent
            opened += is_sent and field("opened_at") in doc
        latest = await self._ratings.find_one(
            {"tenant_id": tenant_id}, sort=[(field("sampled_at"), -1)]
        )
        rating = unstamped(latest, "sampled_at") if latest else {}
        return ReviewStats(
            requests=requests,
            sent=sent,
            opened=opened,
            open_rate=reviews.open_rate(sent, opened),
            average_rating=rating.get("average_rating"),
            review_count=rating.get("total_review_count"),
            sampled_at=rating.get("sampled_at"),
        )


def _request(doc: dict) -> ReviewRequest:
    plain = unstamped(doc, *TIMES)
    state = reviews.status(
        sent="sent_at" in doc,
        reminded="reminded_at" in doc,
        opened="opened_at" in doc,
        blocked="blocked_reason" in doc,
    )
    return ReviewRequest(**plain, status=state)
