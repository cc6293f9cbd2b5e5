"""Delivery reports from Twilio: the outbox learns the outcome, numbers their fate."""

import logging

from libs.events import SmsStatusReported
from libs.phones import mask
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.opt_outs import record_opt_out
from services.compliance.metrics import DELIVERY_REPORTS
from services.compliance.ports import Evidence

logger = logging.getLogger(__name__)

# Carrier errors that say the number cannot take an SMS: unreachable, unknown
# or not a mobile line.
UNREACHABLE_CODES = {30003, 30005, 30006}
UNSUBSCRIBED = 21610
# Twilio reports every step (queued, sending, sent...); only the last one says
# what happened, and skipping the others saves a store write per step.
FINAL_STATUSES = {"delivered", "undelivered", "failed", "read", "canceled"}


class StatusReports:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def handle(self, report: SmsStatusReported) -> None:
        if report.status not in FINAL_STATUSES and report.error_code is None:
            return
        if report.status in FINAL_STATUSES:
            DELIVERY_REPORTS.labels(report.status).inc()
        now = self._deps.clock.now()
        item = await self._deps.outbox.delivery(
            report.message_sid, report.status, report.error_code, now
        )
        recipient = report.recipient or (item.request.to if item else None)
        if recipient is None or report.error_code is None:
            return

        if report.error_code in UNREACHABLE_CODES:
            await self._deps.numbers.mark_unreachable(recipient, report.error_code, now)
            logger.info(
                "%s cannot receive SMS (error %d)", mask(recipient), report.error_code
            )
        elif report.error_code == UNSUBSCRIBED:
            evidence = Evidence(
                report.message_sid, report.occurred_at, f"Twilio error {UNSUBSCRIBED}"
            )
            await record_opt_out(
                self._deps, report.tenant_id, recipient, "carrier", evidence
            )
