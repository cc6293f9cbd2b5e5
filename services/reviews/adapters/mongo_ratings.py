"""Google rating samples and the reviews already seen, in MongoDB (insert-only)."""

from datetime import datetime

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field, ms
from services.reviews.domain.ratings import GoogleReview, Sample


class MongoRatingStore:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._samples = db["rating_samples"]
        self._reviews = db["google_reviews"]

    async def prepare(self) -> None:
        await self._samples.create_index([("tenant_id", 1), (field("taken"), -1)])

    async def add_sample(self, sample: Sample, slot: int) -> bool:
        """Store the sample of one schedule slot; False when a replica already did."""
        try:
            await self._samples.insert_one(
                {
                    "_id": f"{sample.tenant_id}:{slot}",
                    "tenant_id": sample.tenant_id,
                    "taken_at": sample.taken_at,
                    # Epoch milliseconds: what range queries and sorting compare.
                    field("taken"): ms(sample.taken_at),
                    "average_rating": sample.average_rating,
                    "total_review_count": sample.total_review_count,
                }
            )
        except DuplicateKeyError:
            return False
        return True

    async def last_sample(self, tenant_id: str) -> Sample | None:
        cursor = self._samples.find({"tenant_id": tenant_id}).sort(field("taken"), -1)
        found = await cursor.limit(1).to_list(length=1)
        return _sample(found[0]) if found else None

    async def samples(self, tenant_id: str, since: datetime) -> list[Sample]:
        cursor = self._samples.find(
            {"tenant_id": tenant_id, field("taken"): {"$gte": ms(since)}}
        ).sort(field("taken"), 1)
        return [_sample(doc) for doc in await cursor.to_list(length=None)]

    async def add_review(self, tenant_id: str, review: GoogleReview) -> bool:
        """Remember a review; False when it was seen before."""
        try:
            await self._reviews.insert_one(
                {
                    "_id": f"{tenant_id}:{review.review_id}",
                    "tenant_id": tenant_id,
                    "stars": review.stars,
                    "created_at": review.created_at,
                }
            )
        except DuplicateKeyError:
            return False
        return True


def _sample(doc: dict) -> Sample:
    return Sample(
        tenant_id=doc["tenant_id"],
        taken_at=doc["taken_at"],
        average_rating=doc.get("average_rating"),
        total_review_count=doc["total_review_count"],
    )
