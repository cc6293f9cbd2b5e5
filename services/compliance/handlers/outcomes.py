"""The event that tells other services how a send request ended."""

from libs.events import SmsBlocked, SmsSent
from services.compliance.handlers.ids import event_id
from services.compliance.ports import OutboxItem


def outcome_event(item: OutboxItem) -> SmsSent | SmsBlocked:
    """SmsSent for a sent request, SmsBlocked (with the reason) for any other end."""
    request = item.request
    if item.state == "sent":
        return SmsSent(
            id=event_id("sms-sent", request.id),
            tenant_id=request.tenant_id,
            request_id=request.id,
            message_sid=item.sid or "",
            to=request.to,
            purpose=request.purpose,
            body=item.body or request.body,
            origin_at=request.origin_at,
        )
    return SmsBlocked(
        id=event_id("sms-blocked", request.id),
        tenant_id=request.tenant_id,
        request_id=request.id,
        to=request.to,
        purpose=request.purpose,
        reason=item.reason or "unknown",
    )
