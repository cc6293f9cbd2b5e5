"""The dashboard's read models: what the event streams taught it, tenant by tenant."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from libs.events import Purpose

SendState = Literal["requested", "sent", "blocked"]


class MissedCall(BaseModel):
    call_sid: str
    caller: str
    business_number: str | None = None
    reason: str | None = None
    received_at: datetime | None = None
    # "texted", "blocked", or None while no text went out (or none will).
    text: Literal["texted", "blocked"] | None = None
    texted_at: datetime | None = None
    time_to_text_seconds: float | None = None
    blocked_reason: str | None = None
    voicemail_url: str | None = None


class TranscriptLine(BaseModel):
    direction: Literal["in", "out"]
    body: str
    at: datetime
    # The message SID of an inbound text, the request id of an outbound one.
    reference: str
    purpose: Purpose | None = None


class ThreadSummary(BaseModel):
    customer: str
    messages: int
    last_at: datetime


class Thread(BaseModel):
    customer: str
    # What the owner last asked of the concierge from the dashboard.
    mode_requested: Literal["owner", "agent"] | None = None
    transcript: list[TranscriptLine]


class SendOutcome(BaseModel):
    request_id: str
    to: str
    state: SendState
    reason: str | None = None
    explanation: str | None = None
    message_sid: str | None = None
    body: str | None = None


class ConsentEntry(BaseModel):
    customer: str
    kind: Literal["consent", "opt_out", "opt_in"]
    # The basis of a consent (call, text, job, express) or the source of an opt-out.
    basis: str
    at: datetime
    evidence: str


class OptOut(BaseModel):
    customer: str
    since: datetime
    source: str
    evidence: str


class Job(BaseModel):
    job_id: str
    customer: str
    customer_name: str | None = None
    source: str
    completed_at: datetime


BookingStatus = Literal["booked", "cancelled"]
ReviewStatus = Literal["scheduled", "sent", "reminded", "opened", "blocked"]


class Booking(BaseModel):
    booking_id: str
    customer: str
    service: str | None = None
    starts_at: datetime
    ends_at: datetime
    status: BookingStatus
    booked_at: datetime
    cancelled_at: datetime | None = None
    # The booking this one moved, on a reschedule.
    replaces: str | None = None


class ReviewRequest(BaseModel):
    request_id: str
    job_id: str
    customer: str
    status: ReviewStatus
    due_at: datetime
    sent_at: datetime | None = None
    reminded_at: datetime | None = None
    opened_at: datetime | None = None
    blocked_reason: str | None = None


class ReviewStats(BaseModel):
    requests: int
    sent: int
    opened: int
    # Opened over sent; None while nothing was sent.
    open_rate: float | None
    # The latest Google sample; None until the first one.
    average_rating: float | None = None
    review_count: int | None = None
    sampled_at: datetime | None = None
