"""Sampling every tenant's Google rating, and crediting new reviews to requests."""

import logging
import time
from datetime import timedelta

from libs.clock import Clock
from libs.review_events import RatingSampled
from libs.tenants import TenantConfig
from services.reviews import metrics
from services.reviews.domain.ratings import Sample, attribute, new_reviews
from services.reviews.ports import (
    GoogleProfilePort,
    Publisher,
    RatingStore,
    RequestStore,
    Tenants,
)

logger = logging.getLogger(__name__)


class RatingTracker:
    def __init__(
        self,
        ratings: RatingStore,
        requests: RequestStore,
        tenants: Tenants,
        google: GoogleProfilePort,
        publisher: Publisher,
        clock: Clock,
        interval_seconds: float,
        window: timedelta,
    ) -> None:
        self._ratings = ratings
        self._requests = requests
        self._tenants = tenants
        self._google = google
        self._publisher = publisher
        self._clock = clock
        self._interval = interval_seconds
        self._window = window

    async def sample_all(self) -> int:
        """Sample every tenant that names its Google location; how many were stored."""
        stored = 0
        for tenant in self._tenants.all():
            if not (
                tenant.reviews.google_account_id and tenant.reviews.google_location_id
            ):
                continue
            try:
                stored += await self.sample(tenant) is not None
            except Exception:
                metrics.RATING_SAMPLES.labels("failed").inc()
                logger.exception("Google rating of %s not sampled", tenant.tenant_id)
        return stored

    async def sample(self, tenant: TenantConfig) -> Sample | None:
        """One sample of `tenant`; None when another replica took this slot."""
        tenant_id, now = tenant.tenant_id, self._clock.now()
        previous = await self._ratings.last_sample(tenant_id)
        started = time.perf_counter()
        snapshot = await self._google.snapshot(
            tenant.reviews.google_account_id,
            tenant.reviews.google_location_id,
            previous.taken_at if previous else None,
        )
        metrics.GOOGLE_DURATION.observe(time.perf_counter() - started)

        sample = Sample(
            tenant_id, now, snapshot.average_rating, snapshot.total_review_count
        )
        # Replicas sample on the same schedule; the slot keeps one sample each turn.
        slot = int(now.timestamp() // self._interval)
        if not await self._ratings.add_sample(sample, slot):
            return None

        fresh = new_reviews(snapshot, previous)
        attributed = 0
        for review in fresh:
            if not await self._ratings.add_review(tenant_id, review):
                continue
            candidates = await self._requests.sent_between(
                tenant_id, review.created_at - self._window, review.created_at
            )
            key = attribute(review, candidates, self._window)
            if key and await self._requests.attribute(
                key, review.review_id, review.created_at
            ):
                attributed += 1

        await self._publisher.publish(
            RatingSampled(
                id=f"rating-sampled-{tenant_id}-{slot}",
                tenant_id=tenant_id,
                average_rating=sample.average_rating,
                total_review_count=sample.total_review_count,
                new_reviews=len(fresh),
                attributed_reviews=attributed,
            )
        )
        metrics.RATING_SAMPLES.labels("stored").inc()
        logger.info(
            "Google rating of %s: %s from %d reviews, %d new, %d attributed",
            tenant_id,
            sample.average_rating,
            sample.total_review_count,
            len(fresh),
            attributed,
        )
        return sample
