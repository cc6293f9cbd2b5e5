"""What each webhook means: the event to publish and the TwiML to answer. Pure.

The pipeline has already checked the request (size, form, tenant, signature)
when a responder runs, and publishes the event before it sends the TwiML.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from libs.events import Message
from libs.tenants import TenantConfig, TwilioNumber
from services.ingress import forms, normalise, paths, twiml

# The dial's outcomes in which no person took the call.
MISSED_DIAL_STATUSES = {"busy", "no-answer", "failed", "canceled"}


@dataclass(frozen=True)
class Hook:
    """A genuine webhook for one of a tenant's numbers."""

    form: Any
    query: Any
    tenant: TenantConfig
    number: TwilioNumber
    received_at: datetime


@dataclass(frozen=True)
class Reply:
    twiml: str
    event: Message | None = None


@dataclass(frozen=True)
class Webhook:
    """How to read one webhook, whose number it concerns, and how to answer it."""

    path: str
    form: type[forms.TwilioForm]
    respond: Callable[[Hook], Reply]
    query: type[forms.NoQuery] = forms.NoQuery
    # Where the business number is: the number called, unless said otherwise.
    business_number: Callable[[Any, Any], str] = lambda form, query: form.To


def incoming_call(hook: Hook) -> Reply:
    tenant, number = hook.tenant, hook.number
    if number.mode == "dial" and tenant.owner_phone:
        return Reply(twiml.ring_owner(tenant, number.number, hook.form.CallSid))

    # A `dial` number with no owner phone has nobody to ring: every call is missed.
    reason = "forwarded" if number.mode == "forwarded" else "no-answer"
    missed = normalise.call_missed(
        hook.form, tenant.tenant_id, number.number, reason, hook.received_at
    )
    return Reply(twiml.apologise_and_record(tenant), missed)


def dial_result(hook: Hook) -> Reply:
    status = hook.form.DialCallStatus
    # Answered but never put through: the owner did not accept the whisper.
    # The whisper already published this miss under the same id, so JetStream
    # keeps one; here the caller still gets to leave a voicemail.
    declined = status == "completed" and hook.form.DialBridged is False
    if status not in MISSED_DIAL_STATUSES and not declined:
        return Reply(twiml.hang_up())

    reason = "declined" if declined else status
    missed = normalise.call_missed(
        hook.form, hook.tenant.tenant_id, hook.number.number, reason, hook.received_at
    )
    return Reply(twiml.apologise_and_record(hook.tenant), missed)


def whisper(hook: Hook) -> Reply:
    return Reply(twiml.whisper(hook.tenant, hook.query.parent, hook.number.number))


def whisper_accepted(hook: Hook) -> Reply:
    answered = normalise.call_answered(
        hook.form, hook.query.parent, hook.tenant.tenant_id, hook.number.number
    )
    return Reply(twiml.empty(), answered)


def whisper_declined(hook: Hook) -> Reply:
    missed = normalise.call_declined(
        hook.form,
        hook.query.parent,
        hook.tenant.tenant_id,
        hook.number.number,
        hook.received_at,
    )
    return Reply(twiml.hang_up(), missed)


def voicemail(hook: Hook) -> Reply:
    recorded = normalise.voicemail(hook.form, hook.tenant.tenant_id, hook.number.number)
    return Reply(twiml.thank_and_hang_up(hook.tenant), recorded)


def call_status(hook: Hook) -> Reply:
    # Call progress is not a fact anyone consumes yet; Twilio only needs a 200.
    return Reply(twiml.empty())


def sms_incoming(hook: Hook) -> Reply:
    received = normalise.sms_received(hook.form, hook.tenant, hook.number.number)
    return Reply(twiml.no_reply(), received)


def sms_status(hook: Hook) -> Reply:
    return Reply(
        twiml.no_reply(), normalise.sms_status(hook.form, hook.tenant.tenant_id)
    )


def _whisper_number(form: Any, query: forms.WhisperQuery) -> str:
    return query.number


INCOMING_CALL = Webhook(paths.VOICE_INCOMING, forms.CallForm, incoming_call)
CALL_STATUS = Webhook(paths.VOICE_STATUS, forms.CallForm, call_status)
DIAL_RESULT = Webhook(
    paths.DIAL_RESULT, forms.DialResult, dial_result, forms.CallbackQuery
)
WHISPER = Webhook(
    paths.WHISPER, forms.WhisperForm, whisper, forms.WhisperQuery, _whisper_number
)
WHISPER_ACCEPTED = Webhook(
    paths.WHISPER_ACCEPTED,
    forms.WhisperAnswer,
    whisper_accepted,
    forms.WhisperQuery,
    _whisper_number,
)
WHISPER_DECLINED = Webhook(
    paths.WHISPER_DECLINED,
    forms.WhisperForm,
    whisper_declined,
    forms.WhisperQuery,
    _whisper_number,
)
VOICEMAIL = Webhook(paths.VOICEMAIL, forms.Recording, voicemail, forms.CallbackQuery)
SMS_INCOMING = Webhook(paths.SMS_INCOMING, forms.IncomingSms, sms_incoming)
# Status callbacks are about messages we sent: From is the business number.
SMS_STATUS = Webhook(
    paths.SMS_STATUS,
    forms.SmsStatus,
    sms_status,
    business_number=lambda form, query: form.From,
)
