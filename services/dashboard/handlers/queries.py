"""What the tenant reads: the read models, filtered by the tenant of the key."""

from services.dashboard.domain import consent_log
from services.dashboard.domain.records import (
    Booking,
    ConsentEntry,
    Job,
    MissedCall,
    OptOut,
    ReviewRequest,
    ReviewStats,
    Thread,
    ThreadSummary,
)
from services.dashboard.ports import (
    BookingLog,
    CallLog,
    ConsentLog,
    ReviewLog,
    ThreadStore,
)


class Queries:
    def __init__(
        self,
        calls: CallLog,
        threads: ThreadStore,
        consents: ConsentLog,
        bookings: BookingLog,
        reviews: ReviewLog,
    ) -> None:
        self._calls = calls
        self._threads = threads
        self._consents = consents
        self._bookings = bookings
        self._reviews = reviews

    async def missed_calls(self, tenant_id: str, limit: int) -> list[MissedCall]:
        return await self._calls.missed_calls(tenant_id, limit)

    async def jobs(self, tenant_id: str, limit: int) -> list[Job]:
        return await self._calls.jobs(tenant_id, limit)

    async def threads(self, tenant_id: str, limit: int) -> list[ThreadSummary]:
        return await self._threads.threads(tenant_id, limit)

    async def thread(self, tenant_id: str, customer: str, limit: int) -> Thread:
        return await self._threads.thread(tenant_id, customer, limit)

    async def consents(self, tenant_id: str) -> list[ConsentEntry]:
        return await self._consents.entries(tenant_id)

    async def opt_outs(self, tenant_id: str) -> list[OptOut]:
        entries = await self._consents.entries(tenant_id, kinds=("opt_out", "opt_in"))
        return consent_log.current_opt_outs(entries)

    async def consent_csv(self, tenant_id: str) -> str:
        return consent_log.to_csv(await self._consents.entries(tenant_id))

    async def bookings(self, tenant_id: str, limit: int) -> list[Booking]:
        return await self._bookings.bookings(tenant_id, limit)

    async def review_requests(self, tenant_id: str, limit: int) -> list[ReviewRequest]:
        return await self._reviews.requests(tenant_id, limit)

    async def review_stats(self, tenant_id: str) -> ReviewStats:
        return await self._reviews.stats(tenant_id)
