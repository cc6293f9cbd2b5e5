"""Text-back use cases: a missed call, a call a person took, a text that went out."""

import logging
from datetime import timedelta

from libs.bus import Publisher
from libs.clock import Clock
from libs.directory import TenantDirectory
from libs.events import CallAnswered, CallMissed, SmsBlocked, SmsSent
from libs.mongo_times import stamped, unstamp
from libs.phones import mask
from services.textback import metrics
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.domain import NoText, cooldown_key, plan_for, text_request

logger = logging.getLogger(__name__)

REQUEST_PREFIX = "textback-"


class TextbackHandlers:
    def __init__(
        self,
        store: MissedCallStore,
        directory: TenantDirectory,
        publisher: Publisher,
        clock: Clock,
    ) -> None:
        self._store = store
        self._directory = directory
        self._publisher = publisher
        self._clock = clock

    async def call_missed(self, missed: CallMissed) -> None:
        existing = await self._store.find(missed.call_sid)
        if existing is not None:
            # A redelivery: finish what the first delivery may not have.
            if (
                existing["state"] == "pending"
                and unstamp(existing["due"]) <= self._clock.now()
            ):
                await self.send_due(existing)
            return

        tenant = self._directory.tenant(missed.tenant_id)
        plan = plan_for(missed, tenant)
        if isinstance(plan, NoText):
            await self._record(missed, state="skipped", reason=plan.reason)
            return

        now = self._clock.now()
        key = cooldown_key(missed.tenant_id, plan.caller)
        until = now + timedelta(minutes=tenant.textback.cooldown_minutes)
        if not await self._store.claim_cooldown(key, missed.call_sid, now, until):
            await self._record(missed, state="skipped", reason="cooldown")
            return

        record = await self._record(
            missed, state="pending", caller=plan.caller, **stamped("due", plan.due_at)
        )
        if plan.due_at <= now:
            await self.send_due(record)

    async def send_due(self, record: dict) -> None:
        """Ask the gate for the text; publishing twice is harmless (same id)."""
        missed = CallMissed.model_validate_json(record["event"])
        tenant = self._directory.tenant(missed.tenant_id)
        if tenant is None:
            await self._store.move(
                missed.call_sid, "pending", "skipped", reason="unknown_tenant"
            )
            return

        await self._publisher.publish(text_request(missed, record["caller"], tenant))
        if await self._store.move(missed.call_sid, "pending", "requested"):
            metrics.TEXTS_REQUESTED.inc()
            logger.info(
                "text-back requested for call %s to %s",
                missed.call_sid,
                mask(record["caller"]),
            )

    async def call_answered(self, answered: CallAnswered) -> None:
        """A person took a call from this caller: no text for their earlier misses."""
        tenant = self._directory.tenant(answered.tenant_id)
        if tenant is None:
            return
        caller = answered.caller
        for record in await self._store.pending_for(answered.tenant_id, caller):
            if await self._store.move(
                record["_id"], "pending", "cancelled", reason="answered"
            ):
                metrics.TEXTS_CANCELLED.inc()
                logger.info("pending text-back for call %s cancelled", record["_id"])
        await self._store.release_cooldown(
            cooldown_key(answered.tenant_id, caller), self._clock.now()
        )

    async def text_sent(self, sent: SmsSent) -> None:
        if sent.purpose != "textback":
            return
        call_sid = sent.request_id.removeprefix(REQUEST_PREFIX)
        await self._store.update(call_sid, state="texted", message_sid=sent.message_sid)
        if sent.origin_at:
            metrics.TIME_TO_TEXT.observe(
                (sent.occurred_at - sent.origin_at).total_seconds()
            )

    async def text_blocked(self, blocked: SmsBlocked) -> None:
        if blocked.purpose != "textback":
            return
        call_sid = blocked.request_id.removeprefix(REQUEST_PREFIX)
        await self._store.update(call_sid, state="blocked", reason=blocked.reason)

    async def _record(self, missed: CallMissed, state: str, **fields) -> dict:
        record = {
            "_id": missed.call_sid,
            "tenant_id": missed.tenant_id,
            "caller": missed.caller,
            "business_number": missed.business_number,
            "received_at": missed.received_at,
            "state": state,
            "event": missed.model_dump_json(),
            **fields,
        }
        await self._store.insert(record)
        metrics.MISSED_CALLS.labels(outcome=fields.get("reason", state)).inc()
        return record
