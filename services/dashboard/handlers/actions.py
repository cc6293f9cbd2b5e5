"""What the owner does from the dashboard, through the same paths as every service."""

import logging
import uuid

from libs.clock import Clock
from libs.events import (
    JobCompleted,
    SendSms,
    ThreadGiveBackRequested,
    ThreadTakeOverRequested,
)
from libs.phones import mask
from services.dashboard.domain.outcomes import explain
from services.dashboard.domain.records import SendOutcome
from services.dashboard.handlers.waiters import OutcomeWaiters
from services.dashboard.ports import Publisher, SendLog, ThreadStore
from services.dashboard.schemas import JobDone, ManualSms

logger = logging.getLogger(__name__)


class Actions:
    def __init__(
        self,
        publisher: Publisher,
        sends: SendLog,
        threads: ThreadStore,
        waiters: OutcomeWaiters,
        clock: Clock,
        wait_seconds: float,
    ) -> None:
        self._publisher = publisher
        self._sends = sends
        self._threads = threads
        self._waiters = waiters
        self._clock = clock
        self._wait_seconds = wait_seconds

    async def send(self, tenant_id: str, sms: ManualSms) -> SendOutcome:
        """Ask the gate to send; the verdict if it comes quickly, else "requested"."""
        request = SendSms(
            id=f"manual-{uuid.uuid4().hex}",
            tenant_id=tenant_id,
            to=sms.to,
            body=sms.body,
            purpose="manual",
            language=sms.language,
            in_reply_to=sms.in_reply_to,
        )
        pending = SendOutcome(request_id=request.id, to=request.to, state="requested")
        await self._sends.requested(tenant_id, pending)

        # Listen before publishing: the verdict can be quicker than the publish ack.
        future = self._waiters.expect(request.id)
        await self._publisher.publish(request)
        logger.info("manual SMS %s to %s requested", request.id, mask(request.to))

        verdict = await self._waiters.wait(request.id, future, self._wait_seconds)
        return verdict or await self.outcome(tenant_id, request.id) or pending

    async def outcome(self, tenant_id: str, request_id: str) -> SendOutcome | None:
        found = await self._sends.outcome(tenant_id, request_id)
        if found is None or found.state != "blocked":
            return found
        return found.model_copy(update={"explanation": explain(found.reason)})

    async def take_over(self, tenant_id: str, customer: str) -> str:
        command = ThreadTakeOverRequested(
            id=f"take-over-{uuid.uuid4().hex}", tenant_id=tenant_id, customer=customer
        )
        await self._publisher.publish(command)
        await self._threads.set_mode(tenant_id, customer, "owner", self._clock.now())
        logger.info("thread with %s taken over by the owner", mask(customer))
        return command.id

    async def give_back(self, tenant_id: str, customer: str) -> str:
        command = ThreadGiveBackRequested(
            id=f"give-back-{uuid.uuid4().hex}", tenant_id=tenant_id, customer=customer
        )
        await self._publisher.publish(command)
        await self._threads.set_mode(tenant_id, customer, "agent", self._clock.now())
        logger.info("thread with %s given back to the concierge", mask(customer))
        return command.id

    async def complete_job(self, tenant_id: str, job_id: str, job: JobDone) -> str:
        """Publish the job's completion; marking it twice publishes it once."""
        event = JobCompleted(
            id=f"job-completed-{tenant_id}-{job_id}",
            tenant_id=tenant_id,
            job_id=job_id,
            customer=job.customer,
            customer_name=job.customer_name,
            source="dashboard",
        )
        if await self._publisher.publish(event):
            logger.info("job %s of %s marked complete", job_id, tenant_id)
        return event.id
