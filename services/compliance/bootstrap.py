"""Wires the compliance service: stores, Twilio, handlers, subscribers and scheduler."""

from dataclasses import dataclass
from datetime import timedelta

from motor.motor_asyncio import AsyncIOMotorDatabase

from libs.clock import Clock, clock_from
from libs.runtime import Runtime
from services.compliance.adapters.mongo_consent import MongoConsentStore
from services.compliance.adapters.mongo_decisions import MongoDecisionLog
from services.compliance.adapters.mongo_numbers import MongoNumberStore
from services.compliance.adapters.mongo_outbox import MongoOutbox
from services.compliance.adapters.mongo_threads import MongoThreadLog
from services.compliance.adapters.twilio_sender import TwilioSender
from services.compliance.config import Settings
from services.compliance.domain import retry
from services.compliance.entrypoint import subscribe
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.handlers.inbound import InboundTexts
from services.compliance.handlers.outbound import SendRequests
from services.compliance.handlers.status import StatusReports
from services.compliance.ports import Publisher, Sms, Tenants
from services.compliance.scheduler import OutboxScheduler


@dataclass
class Compliance:
    """The handlers of one process and the ports they share."""

    deps: Deps
    dispatcher: Dispatcher
    inbound: InboundTexts
    requests: SendRequests
    statuses: StatusReports
    scheduler: OutboxScheduler
    indexed: tuple[MongoConsentStore | MongoOutbox | MongoDecisionLog, ...] = ()

    async def prepare(self) -> None:
        """Create the indexes the queries rely on (idempotent)."""
        for store in self.indexed:
            await store.prepare()

    async def close(self) -> None:
        await self.deps.sms.close()


def wire(
    settings: Settings,
    db: AsyncIOMotorDatabase,
    tenants: Tenants,
    publisher: Publisher,
    clock: Clock | None = None,
    sms: Sms | None = None,
) -> Compliance:
    clock = clock or clock_from(settings.environment, settings.clock_offset_file)
    consents = MongoConsentStore(db)
    outbox = MongoOutbox(db, retry.GIVE_UP_AFTER)
    decisions = MongoDecisionLog(db)
    deps = Deps(
        consents=consents,
        threads=MongoThreadLog(db),
        numbers=MongoNumberStore(db),
        outbox=outbox,
        decisions=decisions,
        sms=sms or TwilioSender(settings, settings.twilio_timeout_seconds),
        tenants=tenants,
        publisher=publisher,
        clock=clock,
        lease=timedelta(seconds=settings.send_lease_seconds),
        lookup_enabled=settings.lookup_enabled,
    )
    dispatcher = Dispatcher(deps)
    return Compliance(
        deps=deps,
        dispatcher=dispatcher,
        inbound=InboundTexts(deps, dispatcher),
        requests=SendRequests(deps, dispatcher),
        statuses=StatusReports(deps),
        scheduler=OutboxScheduler(
            deps.outbox, dispatcher, clock, settings.scheduler_interval_seconds
        ),
        indexed=(consents, outbox, decisions),
    )


def build(settings: Settings, sms: Sms | None = None) -> Runtime:
    runtime = Runtime(settings)
    service = wire(
        settings, runtime.use_mongo(), runtime.directory, runtime.publisher, sms=sms
    )

    subscribe(runtime, service.inbound, service.requests, service.statuses)
    runtime.on_start += [service.prepare, service.scheduler.start]
    runtime.on_stop += [service.scheduler.stop, service.close]
    return runtime
