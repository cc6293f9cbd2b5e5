"""The read models, built from the event streams as they arrive.

Events of different kinds come through different consumers, so in any order:
every write here is an upsert or an insert keyed by the event's own reference,
and a redelivered event changes nothing.
"""

from libs.events import (
    CallMissed,
    ConsentRecorded,
    CustomerMessageAccepted,
    JobCompleted,
    OptedIn,
    OptedOut,
    SmsBlocked,
    SmsSent,
    VoicemailRecorded,
)
from services.dashboard.domain.outcomes import explain
from services.dashboard.domain.records import ConsentEntry, Job, SendOutcome, SendState
from services.dashboard.domain.records import TranscriptLine as Line
from services.dashboard.handlers.waiters import OutcomeWaiters
from services.dashboard.ports import CallLog, ConsentLog, SendLog, ThreadStore

# Text-back names its request after the call (see services.textback.domain), so
# the outcome of a request with this prefix is the outcome of that call's text.
TEXTBACK_PREFIX = "textback-"
# Messages to the owner's own phone are not part of a customer's thread.
TO_OWNER = {"relay_to_owner", "owner_alert"}


class Projector:
    def __init__(
        self,
        calls: CallLog,
        threads: ThreadStore,
        sends: SendLog,
        consents: ConsentLog,
        waiters: OutcomeWaiters,
    ) -> None:
        self._calls = calls
        self._threads = threads
        self._sends = sends
        self._consents = consents
        self._waiters = waiters

    async def call_missed(self, e: CallMissed) -> None:
        await self._calls.missed(
            e.tenant_id,
            e.call_sid,
            caller=e.caller,
            business_number=e.business_number,
            reason=e.reason,
            received_at=e.received_at,
        )

    async def voicemail(self, e: VoicemailRecorded) -> None:
        await self._calls.missed(e.tenant_id, e.call_sid, voicemail_url=e.recording_url)

    async def sms_sent(self, e: SmsSent) -> None:
        if e.purpose == "textback":
            seconds = (
                (e.occurred_at - e.origin_at).total_seconds() if e.origin_at else None
            )
            await self._calls.missed(
                e.tenant_id,
                e.request_id.removeprefix(TEXTBACK_PREFIX),
                text="texted",
                texted_at=e.occurred_at,
                time_to_text_seconds=seconds,
            )
        if e.purpose not in TO_OWNER:
            line = Line(
                direction="out",
                body=e.body,
                at=e.occurred_at,
                reference=e.request_id,
                purpose=e.purpose,
            )
            await self._threads.add_line(e.tenant_id, e.to, line)
        if e.purpose == "manual":
            await self._finish(
                e.tenant_id, e.request_id, e.to, "sent", sid=e.message_sid
            )

    async def sms_blocked(self, e: SmsBlocked) -> None:
        if e.purpose == "textback":
            await self._calls.missed(
                e.tenant_id,
                e.request_id.removeprefix(TEXTBACK_PREFIX),
                text="blocked",
                blocked_reason=e.reason,
            )
        if e.purpose == "manual":
            await self._finish(e.tenant_id, e.request_id, e.to, "blocked", e.reason)

    async def customer_message(self, e: CustomerMessageAccepted) -> None:
        line = Line(
            direction="in", body=e.body, at=e.occurred_at, reference=e.message_sid
        )
        await self._threads.add_line(e.tenant_id, e.customer, line)

    async def consent_recorded(self, e: ConsentRecorded) -> None:
        evidence = f"{e.reference}: {e.text!r}" if e.text else e.reference
        entry = ConsentEntry(
            customer=e.customer,
            kind="consent",
            basis=e.basis,
            at=e.at,
            evidence=evidence,
        )
        await self._consents.add(e.tenant_id, e.id, entry)

    async def opted_out(self, e: OptedOut) -> None:
        entry = ConsentEntry(
            customer=e.customer,
            kind="opt_out",
            basis=e.source,
            at=e.occurred_at,
            evidence=e.evidence,
        )
        await self._consents.add(e.tenant_id, e.id, entry)

    async def opted_in(self, e: OptedIn) -> None:
        entry = ConsentEntry(
            customer=e.customer,
            kind="opt_in",
            basis="express",
            at=e.occurred_at,
            evidence=e.evidence,
        )
        await self._consents.add(e.tenant_id, e.id, entry)

    async def job_completed(self, e: JobCompleted) -> None:
        job = Job(
            job_id=e.job_id,
            customer=e.customer,
            customer_name=e.customer_name,
            source=e.source,
            completed_at=e.occurred_at,
        )
        await self._calls.add_job(e.tenant_id, job)

    async def _finish(
        self,
        tenant_id: str,
        request_id: str,
        to: str,
        state: SendState,
        reason: str | None = None,
        sid: str | None = None,
    ) -> None:
        outcome = SendOutcome(
            request_id=request_id,
            to=to,
            state=state,
            reason=reason,
            explanation=explain(reason),
            message_sid=sid,
        )
        await self._sends.finished(tenant_id, outcome)
        self._waiters.resolve(outcome)
