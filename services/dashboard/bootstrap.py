"""Wires the dashboard: stores, handlers, projections, the HTTP app; serves them."""

from fastapi import FastAPI

from libs.clock import clock_from
from libs.directory import TenantWriter, open_bucket
from libs.runtime import Runtime, serve
from services.dashboard.adapters.kv_tenants import BucketTenants
from services.dashboard.adapters.mongo_bookings import MongoBookings
from services.dashboard.adapters.mongo_calls import MongoCalls
from services.dashboard.adapters.mongo_consents import MongoConsents
from services.dashboard.adapters.mongo_keys import MongoKeys
from services.dashboard.adapters.mongo_reviews import MongoReviews
from services.dashboard.adapters.mongo_sends import MongoSends
from services.dashboard.adapters.mongo_threads import MongoThreads
from services.dashboard.app import create_app
from services.dashboard.config import Settings
from services.dashboard.deps import Dashboard
from services.dashboard.domain.ratelimit import RateLimiter
from services.dashboard.entrypoint import subscribe
from services.dashboard.handlers.access import Access
from services.dashboard.handlers.actions import Actions
from services.dashboard.handlers.configuration import Configuration
from services.dashboard.handlers.follow_ups import FollowUpProjector
from services.dashboard.handlers.projections import Projector
from services.dashboard.handlers.provisioning import Provisioning
from services.dashboard.handlers.queries import Queries
from services.dashboard.handlers.waiters import OutcomeWaiters


class LazyTenants(BucketTenants):
    """The bucket is opened when the runtime starts, after the app is built."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(writer=None, directory=runtime.directory)  # type: ignore[arg-type]
        self._runtime = runtime

    async def open(self) -> None:
        runtime = self._runtime
        bucket = await open_bucket(
            runtime.broker.connection, runtime.names, runtime.settings.stream_replicas
        )
        self._writer = TenantWriter(bucket)


def build(settings: Settings) -> tuple[Runtime, FastAPI]:
    runtime = Runtime(settings)
    db = runtime.use_mongo()
    clock = clock_from(settings.environment, settings.clock_offset_file)
    tenants = LazyTenants(runtime)
    key_store, calls, threads = MongoKeys(db), MongoCalls(db), MongoThreads(db)
    sends, consents = MongoSends(db), MongoConsents(db)
    bookings, reviews = MongoBookings(db), MongoReviews(db)
    waiters = OutcomeWaiters()

    dashboard = Dashboard(
        access=Access(key_store, settings.admin_api_key.get_secret_value()),
        provisioning=Provisioning(
            tenants, key_store, settings.public_dashboard_url, clock
        ),
        configuration=Configuration(tenants),
        actions=Actions(
            runtime.publisher,
            sends,
            threads,
            waiters,
            clock,
            settings.manual_send_wait_seconds,
        ),
        queries=Queries(calls, threads, consents, bookings, reviews),
        limiter=RateLimiter(settings.rate_per_second, settings.rate_burst),
    )
    subscribe(
        runtime,
        Projector(calls, threads, sends, consents, waiters),
        FollowUpProjector(bookings, reviews),
    )
    runtime.on_start += [
        tenants.open,
        key_store.prepare,
        calls.prepare,
        threads.prepare,
        consents.prepare,
        bookings.prepare,
        reviews.prepare,
    ]
    return runtime, create_app(settings, dashboard, ready=runtime.ready)


async def run(settings: Settings) -> None:
    runtime, app = build(settings)
    # serve() starts the runtime (broker, bucket, read models) before it opens
    # the HTTP port, so no request arrives before the bucket is open.
    await serve(runtime, settings.http_port, extra_app=app)
