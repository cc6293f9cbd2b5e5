from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest

from libs.clock import FixedClock
from libs.directory import TenantWriter, open_bucket
from libs.events import SendSms, SmsBlocked, SmsSent
from libs.runtime import Runtime
from libs.tenants import TenantConfig
from services.reviews.adapters.mongo_ratings import MongoRatingStore
from services.reviews.adapters.mongo_requests import MongoRequestStore
from services.reviews.api import create_app
from services.reviews.config import Settings
from services.reviews.handlers import ReviewRequests
from services.reviews.stats import ReviewStats
from tests.helpers import stored_messages

LINKS_AT = "https://r.ringback.example"
STATS_TOKEN = "stats-token-for-the-tests"
# A Monday, 11:00 in Toronto.
START = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


@dataclass
class Reviews:
    runtime: Runtime
    handlers: ReviewRequests
    store: MongoRequestStore
    ratings: MongoRatingStore
    clock: FixedClock
    http: httpx.AsyncClient

    async def put_tenant(self, config: TenantConfig) -> None:
        connection = self.runtime.broker.connection
        writer = TenantWriter(await open_bucket(connection, self.runtime.names))
        await writer.put(config)
        await self.runtime.directory.wait_for(config.tenant_id, config.revision)

    async def requests(self, purpose: str | None = None) -> list[SendSms]:
        found = await stored_messages(
            self.runtime.broker.connection, self.runtime.names, SendSms
        )
        return [r for r in found if purpose is None or r.purpose == purpose]

    async def sent(self, request: SendSms) -> None:
        """Compliance reports that the request went out."""
        await self.handlers.request_sent(
            SmsSent(
                id=f"sms-sent-{request.id}",
                tenant_id=request.tenant_id,
                request_id=request.id,
                message_sid="SM" + "0" * 32,
                to=request.to,
                purpose=request.purpose,
                body=request.body,
            )
        )

    async def blocked(self, request: SendSms, reason: str) -> None:
        await self.handlers.request_blocked(
            SmsBlocked(
                id=f"sms-blocked-{request.id}",
                tenant_id=request.tenant_id,
                request_id=request.id,
                to=request.to,
                purpose=request.purpose,
                reason=reason,
            )
        )


@pytest.fixture
async def reviews(runtime: Runtime):
    clock = FixedClock(START)
    store, ratings = MongoRequestStore(runtime.db), MongoRatingStore(runtime.db)
    await store.prepare()
    await ratings.prepare()
    handlers = ReviewRequests(
        store, runtime.directory, runtime.publisher, clock, LINKS_AT
    )
    settings = Settings(
        environment="test", link_base_url=LINKS_AT, stats_token=STATS_TOKEN
    )
    stats = ReviewStats(store, ratings, runtime.directory)
    app = create_app(settings, handlers, stats, clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=LINKS_AT) as http:
        yield Reviews(runtime, handlers, store, ratings, clock, http)
