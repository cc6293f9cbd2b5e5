"""Review request use cases: a completed job, a text that went out, a due reminder."""

import logging
import secrets
from collections.abc import Callable

from libs.bus import PublishFailed
from libs.clock import Clock
from libs.events import JobCompleted, SmsBlocked, SmsSent
from libs.mongo_times import stamp
from libs.phones import mask
from libs.review_events import ReviewLinkOpened, ReviewRequested
from libs.tenants import TenantConfig
from services.reviews import metrics
from services.reviews.domain import requests as domain
from services.reviews.ports import Publisher, RequestStore, Tenants

logger = logging.getLogger(__name__)


def new_token() -> str:
    """An unguessable link token: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class ReviewRequests:
    def __init__(
        self,
        store: RequestStore,
        tenants: Tenants,
        publisher: Publisher,
        clock: Clock,
        links_at: str,
        tokens: Callable[[], str] = new_token,
    ) -> None:
        self._store = store
        self._tenants = tenants
        self._publisher = publisher
        self._clock = clock
        self._links_at = links_at
        self._tokens = tokens

    async def job_completed(self, job: JobCompleted) -> None:
        now = self._clock.now()
        key = domain.job_key(job)
        tenant = self._tenants.tenant(job.tenant_id)

        # A job seen before keeps its first decision: a redelivery only finishes
        # what that delivery may have left undone, and a job once skipped (say,
        # before the tenant set a review link) never takes the customer's claim.
        known = await self._store.find(key)
        if known is not None:
            if known["state"] == "scheduled" and tenant is not None:
                await self._request(known, tenant)
            return

        plan = domain.plan_for(job, tenant, now)
        if isinstance(plan, domain.NoRequest):
            await self._skip(job, key, plan.reason)
            return

        again_before = domain.ask_again_before(tenant, now)
        if not await self._store.claim_customer(
            job.tenant_id, plan.customer, key, now, again_before
        ):
            await self._skip(job, key, "asked_before")
            return

        record = {
            "_id": key,
            "tenant_id": job.tenant_id,
            "job_id": job.job_id,
            "source": job.source,
            "customer": plan.customer,
            "state": "scheduled",
            "token": self._tokens(),
            "created_at": now,
            "due_at": plan.due_at,
            "completed_at": job.occurred_at,
            "review_url": tenant.reviews.google_review_url,
        }
        if not await self._store.insert(record):
            # Another delivery of this job stored it a moment ago and asks; if
            # it dies first, JetStream redelivers and the lookup above resumes.
            return
        await self._request(record, tenant)

    async def request_sent(self, sent: SmsSent) -> None:
        key = domain.key_of(sent.request_id)
        if key is None:
            return
        now = self._clock.now()
        if sent.purpose == "review_reminder":
            await self._store.note(key, reminder_sent=stamp(now))
            return

        tenant = self._tenants.tenant(sent.tenant_id)
        remind_at = domain.remind_at(tenant, now) if tenant else None
        if await self._store.mark_sent(key, now, remind_at):
            metrics.REQUESTS_SENT.inc()

    async def request_blocked(self, blocked: SmsBlocked) -> None:
        key = domain.key_of(blocked.request_id)
        if key is None:
            return
        if blocked.purpose == "review_reminder":
            await self._store.note(key, reminder_blocked=blocked.reason)
            return
        await self._store.move(key, "scheduled", "blocked", reason=blocked.reason)

    async def remind_due(self) -> int:
        """Ask once for every sent request whose link is still unopened; how many."""
        now = self._clock.now()
        reminded = 0
        for record in await self._store.due_reminders(now):
            key, tenant = record["_id"], self._tenants.tenant(record["tenant_id"])
            if tenant is None:
                await self._store.move(key, "sent", "closed", reason="unknown_tenant")
                continue
            # Claim first: two replicas, or a crash and a restart, must never
            # remind twice. A crash right after the claim loses the reminder,
            # the failure a customer minds least.
            if not await self._store.claim_reminder(key, now):
                continue
            try:
                await self._publisher.publish(
                    domain.reminder_sms(record, tenant, self._link(record))
                )
            except PublishFailed:
                await self._store.release_reminder(key)
                raise
            reminded += 1
            metrics.REMINDERS.inc()
            logger.info("review reminder requested for %s", mask(record["customer"]))
        return reminded

    async def open_link(self, token: str, count: bool = True) -> str | None:
        """Where the link `token` leads, recording the open; None for no such link."""
        if not count:
            record = await self._store.by_token(token)
            return self._review_url(record) if record else None

        record, first = await self._store.open(token, self._clock.now())
        if record is None:
            return None
        metrics.LINK_OPENS.labels("first" if first else "repeat").inc()
        if first:
            await self._announce_open(record)
        return self._review_url(record)

    async def _request(self, record: dict, tenant: TenantConfig) -> None:
        key = record["_id"]
        # Both are idempotent by id: a redelivery republishes, JetStream and the
        # gate's outbox keep one.
        await self._publisher.publish(
            domain.request_sms(record, tenant, self._link(record))
        )
        await self._publisher.publish(
            ReviewRequested(
                id=f"review-requested-{key}",
                tenant_id=record["tenant_id"],
                request_id=f"{domain.REQUEST_PREFIX}{key}",
                job_id=record["job_id"],
                customer=record["customer"],
                due_at=record["due_at"],
            )
        )
        metrics.JOBS.labels("requested").inc()
        logger.info(
            "review request for job %s to %s due at %s",
            record["job_id"],
            mask(record["customer"]),
            record["due_at"].isoformat(),
        )

    async def _skip(self, job: JobCompleted, key: str, reason: str) -> None:
        skipped = {
            "_id": key,
            "tenant_id": job.tenant_id,
            "job_id": job.job_id,
            "source": job.source,
            "customer": job.customer,
            "state": "skipped",
            "reason": reason,
            "created_at": self._clock.now(),
        }
        if await self._store.insert(skipped):
            metrics.JOBS.labels(reason).inc()
            logger.info("no review request for job %s: %s", job.job_id, reason)

    async def _announce_open(self, record: dict) -> None:
        key = record["_id"]
        try:
            await self._publisher.publish(
                ReviewLinkOpened(
                    id=f"review-opened-{key}",
                    tenant_id=record["tenant_id"],
                    request_id=f"{domain.REQUEST_PREFIX}{key}",
                    job_id=record["job_id"],
                )
            )
        except PublishFailed:
            # The open is stored and the customer is redirected all the same; only
            # the event for other services is lost. Acceptable while no service
            # depends on it (the dashboard reads /stats from us).
            logger.warning("link open of request %s stored but not announced", key)
        logger.info("review link of job %s opened", record["job_id"])

    def _link(self, record: dict) -> str:
        return domain.link_for(self._links_at, record["token"])

    def _review_url(self, record: dict) -> str | None:
        """The tenant's current Google page, else the one the request was made for."""
        tenant = self._tenants.tenant(record["tenant_id"])
        current = tenant.reviews.google_review_url if tenant else None
        return current or record.get("review_url")
