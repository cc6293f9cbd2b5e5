"""Text-back use cases: a missed call, a call a person took, a text that went out."""

import logging
from datetime import timedelta

from libs.bus import Publisher
from libs.clock import Clock
from libs.directory import TenantDirectory
from libs.events import CallAnswered, CallMissed
from libs.mongo_times import stamped
from libs.phones import mask
from services.textback import metrics
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.domain import NoText, cooldown_key, plan_for, text_request

logger = logging.getLogger(__name__)


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
        tenant = self._directory.tenant(missed.tenant_id)
        plan = plan_for(missed, tenant)
        if isinstance(plan, NoText):
            await self._record(missed, state="skipped", reason=plan.reason)
            return

        # The cooldown is the decision: the call that holds it gets the text.
        # A redelivered event finds the cooldown already its own and goes on.
        now = self._clock.now()
        key = cooldown_key(missed.tenant_id, plan.caller)
        until = now + timedelta(minutes=tenant.textback.cooldown_minutes)
        if not await self._store.claim_cooldown(key, missed.call_sid, now, until):
            await self._record(missed, state="skipped", reason="cooldown")
            return

        if plan.due_at > now:
            await self._record(
                missed,
                state="pending",
                caller=plan.caller,
                **stamped("due", plan.due_at),
            )
            return

        # Publish before recording: after a crash in between, the redelivery
        # publishes again and JetStream drops the repeat (same id).
        await self._request(missed, plan.caller, tenant)
        await self._record(missed, state="requested", caller=plan.caller)

    async def send_due(self, record: dict) -> None:
        """Ask the gate for a delayed text whose moment has come."""
        missed = CallMissed.model_validate_json(record["event"])
        tenant = self._directory.tenant(missed.tenant_id)
        if tenant is None:
            await self._store.move(
                missed.call_sid, "pending", "skipped", reason="unknown_tenant"
            )
            return

        await self._request(missed, record["caller"], tenant)
        await self._store.move(missed.call_sid, "pending", "requested")

    async def _request(self, missed: CallMissed, caller: str, tenant) -> None:
        await self._publisher.publish(text_request(missed, caller, tenant))
        metrics.TEXTS_REQUESTED.inc()
        logger.info(
            "text-back requested for call %s to %s", missed.call_sid, mask(caller)
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

    async def _record(self, missed: CallMissed, state: str, **fields) -> dict:
        """Store what became of a call; a redelivery finds it stored already."""
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
        if await self._store.insert(record):
            metrics.MISSED_CALLS.labels(outcome=fields.get("reason", state)).inc()
        return record
