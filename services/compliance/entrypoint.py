"""The FastStream subscribers of compliance: payloads in, handler calls out."""

import logging

from libs.events import SendSms, SmsReceived, SmsStatusReported
from libs.runtime import Runtime
from services.compliance.handlers.inbound import InboundTexts
from services.compliance.handlers.outbound import SendRequests
from services.compliance.handlers.status import StatusReports

logger = logging.getLogger(__name__)


def subscribe(
    runtime: Runtime,
    inbound: InboundTexts,
    requests: SendRequests,
    statuses: StatusReports,
) -> None:
    # A handler that raises naks its message and JetStream redelivers it.
    @runtime.subscriber(SmsReceived, "sms-received")
    async def on_sms_received(sms: SmsReceived) -> None:
        try:
            await inbound.handle(sms)
        except Exception:
            logger.exception("inbound SMS %s not handled", sms.message_sid)
            raise

    @runtime.subscriber(SendSms, "send-sms")
    async def on_send_sms(request: SendSms) -> None:
        try:
            await requests.handle(request)
        except Exception:
            logger.exception("send request %s not handled", request.id)
            raise

    @runtime.subscriber(SmsStatusReported, "sms-status", workers=4)
    async def on_sms_status(report: SmsStatusReported) -> None:
        try:
            await statuses.handle(report)
        except Exception:
            logger.exception("status of %s not handled", report.message_sid)
            raise
