"""Validated Twilio forms to the events other services consume. Pure: no I/O.

Each event's id is derived from Twilio's SIDs only, so a retried webhook yields
the same id and JetStream stores the fact once.
"""

import re
from datetime import datetime

from libs.events import (
    CallAnswered,
    CallMissed,
    OwnerSmsReceived,
    SmsReceived,
    SmsStatusReported,
    VoicemailRecorded,
)
from libs.phones import InvalidNumber, to_e164
from libs.tenants import TenantConfig
from services.ingress.forms import (
    CallForm,
    IncomingSms,
    Recording,
    SmsStatus,
    WhisperForm,
)

# What Twilio sends for every reachable party: "+", country code, number.
_E164 = re.compile(r"\+[1-9]\d{1,14}")


def party(raw: str) -> str:
    """`raw` in E.164 when it is a valid number, else unchanged.

    A withheld or invalid caller is kept as Twilio gave it: the miss must still
    be recorded, and consumers decide that such a caller cannot be texted.
    """
    # Already E.164: to_e164 would give it back if valid, and we keep it as is if
    # not, so skip the parse, the costliest step of a webhook.
    if _E164.fullmatch(raw):
        return raw
    try:
        return to_e164(raw)
    except InvalidNumber:
        return raw


def call_missed(
    form: CallForm,
    tenant_id: str,
    business_number: str,
    reason: str,
    received_at: datetime,
) -> CallMissed:
    """A miss seen on the caller's own call (forwarded, or the dial's result)."""
    return CallMissed(
        id=f"call-missed-{form.CallSid}",
        tenant_id=tenant_id,
        call_sid=form.CallSid,
        caller=party(form.From),
        business_number=business_number,
        reason=reason,
        received_at=received_at,
    )


def call_declined(
    form: WhisperForm,
    parent: str,
    tenant_id: str,
    business_number: str,
    received_at: datetime,
) -> CallMissed:
    """The owner let the whisper go by: a miss of the parent (caller's) call."""
    return CallMissed(
        id=f"call-missed-{parent}",
        tenant_id=tenant_id,
        call_sid=parent,
        caller=party(form.From),
        business_number=business_number,
        reason="declined",
        received_at=received_at,
    )


def call_answered(
    form: WhisperForm, parent: str, tenant_id: str, business_number: str
) -> CallAnswered:
    return CallAnswered(
        id=f"call-answered-{parent}",
        tenant_id=tenant_id,
        call_sid=parent,
        caller=party(form.From),
        business_number=business_number,
    )


def voicemail(
    form: Recording, tenant_id: str, business_number: str
) -> VoicemailRecorded:
    return VoicemailRecorded(
        id=f"voicemail-{form.CallSid}",
        tenant_id=tenant_id,
        call_sid=form.CallSid,
        caller=party(form.From),
        business_number=business_number,
        recording_url=form.RecordingUrl,
        duration_seconds=form.RecordingDuration,
    )


def sms_received(
    form: IncomingSms, tenant: TenantConfig, business_number: str
) -> SmsReceived | OwnerSmsReceived:
    """A text to the business number; the owner's own texts are commands or relays."""
    sender = party(form.From)
    if tenant.is_owner(sender):
        return OwnerSmsReceived(
            id=f"sms-{form.MessageSid}",
            tenant_id=tenant.tenant_id,
            message_sid=form.MessageSid,
            owner=sender,
            business_number=business_number,
            body=form.Body,
            media_urls=form.media_urls,
        )
    return SmsReceived(
        id=f"sms-{form.MessageSid}",
        tenant_id=tenant.tenant_id,
        message_sid=form.MessageSid,
        customer=sender,
        business_number=business_number,
        body=form.Body,
        media_urls=form.media_urls,
        twilio_opt_out_type=form.OptOutType,
    )


def sms_status(form: SmsStatus, tenant_id: str) -> SmsStatusReported:
    # One id per (message, status): "sent" then "delivered" are two facts.
    return SmsStatusReported(
        id=f"sms-status-{form.MessageSid}-{form.MessageStatus}",
        tenant_id=tenant_id,
        message_sid=form.MessageSid,
        status=form.MessageStatus,
        error_code=form.ErrorCode,
        recipient=party(form.To),
    )
