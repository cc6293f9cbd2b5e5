"""Taking one outbox request through the gate to Twilio, exactly once.

Whoever holds the claim on a request (the subscriber that stored it, or the
scheduler when it falls due) decides and sends; a claim is an atomic state
change, so two replicas never work on the same request at once.
"""

import logging
import time
from datetime import timedelta

from libs.events import SendSms
from libs.phones import mask
from services.compliance.domain import gate, retry
from services.compliance.domain.decoration import SEGMENT_BUDGET
from services.compliance.handlers import facts
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.opt_outs import record_opt_out
from services.compliance.handlers.outcomes import outcome_event
from services.compliance.handlers.stalled import StalledRequests
from services.compliance.metrics import (
    GATE_DECISION_DURATION,
    SMS_BLOCKED,
    SMS_SENT,
    TIME_TO_TEXT,
    TWILIO_ERRORS,
    TWILIO_SEND_DURATION,
)
from services.compliance.ports import (
    FINAL_STATES,
    Evidence,
    LostClaim,
    OutboxItem,
    OutboxState,
    SendFailure,
)

logger = logging.getLogger(__name__)

# Twilio's list filters on the day a message was sent; look a little before the
# first attempt so that clocks a few seconds apart cannot hide a message.
RECONCILE_SLACK = timedelta(minutes=1)


class Dispatcher:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._stalled = StalledRequests()

    def stalled(self) -> list[str]:
        """Requests this replica may resume now (see handlers.stalled)."""
        return self._stalled.due(self._deps.clock.now())

    async def process(self, request_id: str) -> None:
        """Decide on one due request and act on it; others are left alone."""
        now = self._deps.clock.now()
        stalled = self._stalled.take(request_id, now)
        if stalled is not None:
            await self._resume(stalled)
            return

        item = await self._deps.outbox.claim(request_id, now, now + self._deps.lease)
        if item is not None:
            await self.process_claimed(item)

    async def admit(self, request: SendSms, confirms_opt_out: bool = False) -> None:
        """Store a request claimed by this replica and process it at once.

        A request seen before is processed only if it is due (redelivery
        after a crash); finished ones just get their outcome published.
        """
        now = self._deps.clock.now()
        item, created = await self._deps.outbox.add(
            request, now, confirms_opt_out, lease_until=now + self._deps.lease
        )
        if created:
            await self.process_claimed(item)
        elif item.state in FINAL_STATES:
            if not item.announced:
                await self.announce(item)
        else:
            await self.process(request.id)

    async def process_claimed(self, item: OutboxItem) -> None:
        try:
            await self._run(item)
        except LostClaim:
            self._stalled.forget(item.request.id)
            logger.warning(
                "request %s was taken over by another replica", item.request.id
            )
        except Exception:
            self._stalled.add(item, self._deps.clock.now())
            raise
        else:
            self._stalled.forget(item.request.id)

    async def _resume(self, item: OutboxItem) -> None:
        # Every write is conditioned on the claim, so a request another replica
        # took over meanwhile ends in LostClaim; one already finished only
        # needs its outcome published.
        logger.info("resuming request %s after a failure", item.request.id)
        if item.state in FINAL_STATES:
            self._stalled.forget(item.request.id)
            await self.announce(item)
        else:
            await self.process_claimed(item)

    async def announce(self, item: OutboxItem) -> None:
        """Publish the outcome of a finished request; JetStream drops a repeat."""
        await self._deps.publisher.publish(outcome_event(item))
        await self._deps.outbox.announced(item.request.id)

    async def _run(self, item: OutboxItem) -> None:
        # A crash (or a timeout) after calling Twilio leaves us unsure whether
        # the message went out. Sending again could text the customer twice;
        # never sending could lose a text-back. Twilio's own list of messages
        # settles it: the same body, to the same number, from the same sender,
        # since the first uncertain attempt, means it went out. Only when it is
        # not there does the request go through the gate (again) and out. An
        # identical text sent to the same number shortly before (two HELP
        # answers, say) would be taken for this one: one copy instead of two,
        # which errs on the side the customer prefers.
        if item.in_doubt_since is not None:
            try:
                if await self._found_at_twilio(item):
                    return
            except SendFailure as failure:
                await self._failed(item, failure)
                return

        started = time.perf_counter()
        now = self._deps.clock.now()
        tenant = self._deps.tenants.tenant(item.request.tenant_id)
        try:
            known = await facts.gather(self._deps, item, tenant, now)
        except SendFailure as failure:
            TWILIO_ERRORS.labels("lookup").inc()
            await self._failed(item, failure)
            return
        decision = gate.decide(known, now)

        # Fail closed: nothing is sent (or refused) without its stored decision.
        await self._deps.decisions.record(item, decision, now)
        GATE_DECISION_DURATION.observe(time.perf_counter() - started)

        if decision.action == "hold":
            await self._deps.outbox.hold(
                item, "held", decision.not_before, decision.reason
            )
            logger.info(
                "SMS %s held until %s (%s)",
                item.request.id,
                decision.not_before.isoformat(),
                decision.reason,
            )
        elif decision.action == "send":
            await self._send(item, decision)
        else:
            state = "dropped" if decision.action == "drop" else "blocked"
            await self._refuse(item, decision.reason, state, record=False)

    async def _found_at_twilio(self, item: OutboxItem) -> bool:
        request = item.request
        sid = await self._deps.sms.find_sent(
            request.to,
            item.from_number,
            item.body,
            item.in_doubt_since - RECONCILE_SLACK,
            self._account_for(request.tenant_id, item.from_number),
        )
        if sid is None:
            return False

        logger.info("SMS %s had gone out before an interruption", request.id)
        await self._succeeded(item, sid)
        return True

    async def _send(self, item: OutboxItem, decision: gate.Decision) -> None:
        request = item.request

        # Last look: a STOP that arrived while the gate was deciding still wins.
        state = await self._deps.consents.state(request.tenant_id, request.to)
        if state.opted_out and not item.confirms_opt_out:
            await self._refuse(item, "opted_out")
            return
        if decision.segments and decision.segments > SEGMENT_BUDGET:
            logger.warning(
                "SMS %s takes %d segments with its compliance text",
                request.id,
                decision.segments,
            )

        now = self._deps.clock.now()
        await self._deps.outbox.attempting(
            item, decision.body, decision.from_number, now
        )
        started = time.perf_counter()
        try:
            sid = await self._deps.sms.send(
                request.to,
                decision.from_number,
                decision.body,
                self._account_for(request.tenant_id, decision.from_number),
            )
        except SendFailure as failure:
            TWILIO_ERRORS.labels(failure.kind).inc()
            await self._failed(item, failure)
            return
        finally:
            TWILIO_SEND_DURATION.observe(time.perf_counter() - started)
        await self._succeeded(item, sid)

    async def _succeeded(self, item: OutboxItem, sid: str) -> None:
        request = item.request
        now = self._deps.clock.now()
        await self._deps.outbox.sent(item, sid, now)
        item.state, item.sid = "sent", sid

        await self._deps.threads.touch(request.tenant_id, request.to, now)
        SMS_SENT.labels(request.purpose).inc()
        if request.purpose == "textback" and request.origin_at:
            TIME_TO_TEXT.observe((now - request.origin_at).total_seconds())
        logger.info(
            "SMS %s sent to %s (%s, %s)",
            request.id,
            mask(request.to),
            request.purpose,
            sid,
        )
        await self.announce(item)

    async def _failed(self, item: OutboxItem, failure: SendFailure) -> None:
        request = item.request
        now = self._deps.clock.now()

        if failure.kind == "unsubscribed":
            evidence = Evidence(request.id, now, f"Twilio error {failure.code}")
            await record_opt_out(
                self._deps, request.tenant_id, request.to, "carrier", evidence
            )
            await self._refuse(item, "opted_out")
        elif failure.kind == "cannot_receive":
            await self._deps.numbers.mark_unreachable(request.to, failure.code, now)
            await self._refuse(item, "cannot_receive_sms")
        elif failure.retryable:
            await self._retry_later(item, failure)
        else:
            logger.error("Twilio refused SMS %s: %s", request.id, failure)
            await self._refuse(item, "twilio_rejected")

    async def _retry_later(self, item: OutboxItem, failure: SendFailure) -> None:
        request = item.request
        now = self._deps.clock.now()
        at = retry.next_attempt(
            now, item.failures + 1, request.deadline, item.give_up_at
        )
        if at is None:
            reason = "stale" if request.deadline else "twilio_unavailable"
            await self._refuse(item, reason, "dropped")
            return

        await self._deps.outbox.retry(item, at, failure.kind)
        logger.warning(
            "SMS %s: Twilio failed (%s), retrying at %s",
            request.id,
            failure,
            at.isoformat(),
        )

    async def _refuse(
        self,
        item: OutboxItem,
        reason: str,
        state: OutboxState = "blocked",
        record: bool = True,
    ) -> None:
        request = item.request
        now = self._deps.clock.now()
        if record:
            decision = gate.Decision("drop" if state == "dropped" else "block", reason)
            await self._deps.decisions.record(item, decision, now)
        await self._deps.outbox.finish(item, state, reason, now)
        item.state, item.reason = state, reason

        SMS_BLOCKED.labels(reason).inc()
        logger.info("SMS %s to %s %s: %s", request.id, mask(request.to), state, reason)
        await self.announce(item)

    def _account_for(self, tenant_id: str, number: str | None) -> str | None:
        """The Twilio (sub-)account that owns the sending number."""
        tenant = self._deps.tenants.tenant(tenant_id)
        owned = tenant.number(number) if tenant and number else None
        return owned.account_sid if owned else None
