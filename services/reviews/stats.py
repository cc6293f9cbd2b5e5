"""A tenant's review statistics, read from this service's own collections."""

from datetime import datetime

from services.reviews.domain.stats import summary
from services.reviews.ports import RatingStore, RequestStore, Tenants


class ReviewStats:
    def __init__(
        self, requests: RequestStore, ratings: RatingStore, tenants: Tenants
    ) -> None:
        self._requests = requests
        self._ratings = ratings
        self._tenants = tenants

    async def for_tenant(self, tenant_id: str, since: datetime) -> dict | None:
        """The statistics since `since`; None for a tenant we do not know."""
        if self._tenants.tenant(tenant_id) is None:
            return None
        counts = await self._requests.counts(tenant_id, since)
        samples = await self._ratings.samples(tenant_id, since)
        return summary(tenant_id, since, counts, samples)
