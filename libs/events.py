"""The messages that travel between services.

Events say what happened, in the past tense; commands ask for something, in the
imperative. Every message carries the tenant it belongs to and an `id` that
JetStream uses to drop duplicates (Twilio retries its webhooks), so the same
fact published twice is stored once.
"""

from datetime import UTC, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field


def utc_now() -> datetime:
    return datetime.now(UTC)


class Message(BaseModel):
    """Fields common to every event and command."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The last two dotted parts of the subject, e.g. "call.missed".
    kind: ClassVar[str]
    category: ClassVar[Literal["evt", "cmd"]] = "evt"

    id: str = Field(min_length=1, max_length=200)
    schema_version: int = 1
    tenant_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    occurred_at: datetime = Field(default_factory=utc_now)


class CallMissed(Message):
    """A caller did not reach a person: no answer, busy, declined, or forwarded."""

    kind = "call.missed"

    call_sid: str
    caller: str
    business_number: str
    reason: Literal["no-answer", "busy", "failed", "canceled", "declined", "forwarded"]
    # When the webhook arrived; time-to-text is measured from here.
    received_at: datetime = Field(default_factory=utc_now)


class CallAnswered(Message):
    """The owner accepted the call in the whisper: a person took it."""

    kind = "call.answered"

    call_sid: str
    caller: str
    business_number: str


class VoicemailRecorded(Message):
    """The caller left a voicemail after a missed call."""

    kind = "call.voicemail"

    call_sid: str
    caller: str
    business_number: str
    recording_url: str
    duration_seconds: int


class SmsReceived(Message):
    """A customer texted the business number."""

    kind = "sms.received"

    message_sid: str
    customer: str
    business_number: str
    body: str
    media_urls: list[str] = []
    # Twilio's Advanced Opt-Out verdict (STOP, START, HELP) when it applied one.
    twilio_opt_out_type: str | None = None


class OwnerSmsReceived(Message):
    """The business owner texted their own business number (relay, commands)."""

    kind = "owner.sms.received"

    message_sid: str
    owner: str
    business_number: str
    body: str
    media_urls: list[str] = []


class SmsStatusReported(Message):
    """Twilio reported a delivery status for a message we sent."""

    kind = "sms.status"

    message_sid: str
    status: str
    error_code: int | None = None
    recipient: str | None = None


class JobCompleted(Message):
    """A job for a customer was finished (dashboard, Jobber or Housecall Pro)."""

    kind = "job.completed"

    job_id: str
    customer: str
    customer_name: str | None = None
    source: Literal["dashboard", "jobber", "housecallpro", "command"]


Purpose = Literal[
    "textback",
    "concierge_reply",
    "relay_to_owner",
    "relay_to_customer",
    "owner_alert",
    "review_request",
    "review_reminder",
    "manual",
    "keyword_reply",
]


class ConsentEvidence(BaseModel):
    """Why a customer may be texted: the call, text or job that gave implied consent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    basis: Literal["call", "text", "job"]
    # The call SID, message SID or job id that proves it.
    reference: str
    at: datetime
    text: str | None = None


class SendSms(Message):
    """Ask the compliance gate to send one SMS; the gate decides and sends."""

    kind = "sms.send"
    category = "cmd"

    to: str
    # The tenant's Twilio number to send from; the gate picks one when absent.
    from_number: str | None = None
    body: str = Field(min_length=1, max_length=1600)
    purpose: Purpose
    language: Literal["en", "fr"] = "en"
    # The inbound message this answers; a direct reply skips the opt-out line.
    in_reply_to: str | None = None
    # Not before this moment (tenant delay, quiet hours), and never after the
    # deadline: a stale text-back is worse than none.
    not_before: datetime | None = None
    deadline: datetime | None = None
    # Carried through to SmsSent so callers can measure their own latency.
    origin_at: datetime | None = None
    # The fact that gives consent for this message; the gate records it in the
    # ledger and checks that it still covers the message.
    consent_evidence: ConsentEvidence | None = None


class SmsSent(Message):
    """Twilio accepted an SMS that passed the gate."""

    kind = "sms.sent"

    request_id: str
    message_sid: str
    to: str
    purpose: Purpose
    body: str
    origin_at: datetime | None = None


class SmsBlocked(Message):
    """The gate refused or dropped a send request; `reason` says why."""

    kind = "sms.blocked"

    request_id: str
    to: str
    purpose: Purpose
    reason: str


class OptedOut(Message):
    """A customer withdrew consent for this tenant (keyword, phrase or carrier)."""

    kind = "consent.opted_out"

    customer: str
    source: Literal["keyword", "phrase", "carrier", "dashboard"]
    evidence: str


class OptedIn(Message):
    """A customer gave express consent again (START, UNSTOP, YES)."""

    kind = "consent.opted_in"

    customer: str
    evidence: str


class CustomerMessageAccepted(Message):
    """An inbound SMS that was not a compliance keyword: it is for the conversation."""

    kind = "conversation.inbound"

    message_sid: str
    customer: str
    business_number: str
    body: str
    language: Literal["en", "fr"] | None = None


ALL_MESSAGES: tuple[type[Message], ...] = (
    CallMissed,
    CallAnswered,
    VoicemailRecorded,
    SmsReceived,
    OwnerSmsReceived,
    SmsStatusReported,
    JobCompleted,
    SendSms,
    SmsSent,
    SmsBlocked,
    OptedOut,
    OptedIn,
    CustomerMessageAccepted,
)


class ConsentRecorded(Message):
    """Compliance stored a consent (call, text, job or express) with its evidence."""

    kind = "consent.recorded"

    customer: str
    basis: Literal["call", "text", "job", "express"]
    # The call SID, message SID or job id that proves it.
    reference: str
    at: datetime
    text: str | None = None


class ThreadTakeOverRequested(Message):
    """The owner takes a customer's thread over from the concierge (dashboard)."""

    kind = "thread.take_over"
    category = "cmd"

    customer: str


class ThreadGiveBackRequested(Message):
    """The owner gives a customer's thread back to the concierge (dashboard)."""

    kind = "thread.give_back"
    category = "cmd"

    customer: str


ALL_MESSAGES += (ConsentRecorded, ThreadTakeOverRequested, ThreadGiveBackRequested)


HandoffReason = Literal[
    "customer_asked",
    "owner_asked",
    "unsure",
    "emergency",
    "quote_approval",
    "daily_limit",
    "guardrail",
]


class ConversationHandedOff(Message):
    """The concierge gave a customer's thread to the owner; texts are now relayed."""

    kind = "conversation.handed_off"

    customer: str
    reason: HandoffReason
    # How the owner names the thread in a text ("#2 ..."); None without an owner phone.
    thread_number: int | None = None


class ConversationReturned(Message):
    """The owner gave a thread back to the concierge."""

    kind = "conversation.returned"

    customer: str
    by: Literal["owner_sms", "dashboard"]


class AppointmentBooked(Message):
    """The concierge booked a slot for a customer; `replaces` on a reschedule."""

    kind = "appointment.booked"

    booking_id: str
    customer: str
    service: str | None = None
    starts_at: datetime
    ends_at: datetime
    replaces: str | None = None


class AppointmentCancelled(Message):
    """A booking was cancelled by the customer (or replaced by a reschedule)."""

    kind = "appointment.cancelled"

    booking_id: str
    customer: str


class OwnerAlerted(Message):
    """The owner was texted at once about a customer (emergency, quote to approve)."""

    kind = "owner.alerted"

    customer: str
    reason: Literal["emergency", "quote_approval", "agent"]
    summary: str


ALL_MESSAGES += (
    ConversationHandedOff,
    ConversationReturned,
    AppointmentBooked,
    AppointmentCancelled,
    OwnerAlerted,
)
