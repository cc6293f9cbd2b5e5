"""The FastStream subscribers of reviews: payloads in, handler calls out."""

import logging

from libs.events import JobCompleted, SmsBlocked, SmsSent
from libs.runtime import Runtime
from services.reviews.handlers import ReviewRequests

logger = logging.getLogger(__name__)

REVIEW_PURPOSES = ("review_request", "review_reminder")


def subscribe(runtime: Runtime, handlers: ReviewRequests) -> None:
    # A handler that raises naks its message and JetStream redelivers it.
    @runtime.subscriber(JobCompleted, "job-completed", workers=4)
    async def on_job_completed(job: JobCompleted) -> None:
        try:
            await handlers.job_completed(job)
        except Exception:
            logger.exception("completed job %s not handled", job.job_id)
            raise

    @runtime.subscriber(SmsSent, "sms-sent", workers=4)
    async def on_sms_sent(sent: SmsSent) -> None:
        if sent.purpose in REVIEW_PURPOSES:
            await handlers.request_sent(sent)

    @runtime.subscriber(SmsBlocked, "sms-blocked", workers=4)
    async def on_sms_blocked(blocked: SmsBlocked) -> None:
        if blocked.purpose in REVIEW_PURPOSES:
            await handlers.request_blocked(blocked)
