"""Jobber and Housecall Pro webhooks: their signatures, and the fields we read. Pure.

A completed job becomes a `JobCompleted` whose id comes from the vendor's job
id only, so a webhook delivered twice (both vendors deliver at least once) is
stored once. Any other topic is acknowledged and ignored.

Jobber (POST /crm/jobber/{tenant_id})
- Signature: header `X-Jobber-Hmac-SHA256` = base64 of HMAC-SHA256 over the raw
  body, keyed with the OAuth client secret of the tenant's Jobber app.
- Fields read: `data.webHookEvent.topic` (only "JOB_CLOSED" counts as a
  completion), `data.webHookEvent.itemId` (the job's id), and the customer as
  `data.webHookEvent.client.phone` (required) and `.name` (optional).
- Jobber's own webhook carries the item id and no client details: a real
  integration must fetch the job's client from Jobber's GraphQL API with the
  tenant's OAuth token. Ringback does not hold those tokens yet, so it expects
  a relay in front of it to add `client`; without it the webhook is refused (422).

Housecall Pro (POST /crm/housecallpro/{tenant_id})
- Signature: header `Api-Signature` = hex HMAC-SHA256 of
  `<Api-Timestamp header> + "." + <raw body>`, keyed with the tenant's webhook
  signing secret; `Api-Timestamp` in Unix seconds, refused when more than five
  minutes away from our clock (a replayed delivery).
- Fields read: `event` (only "job.completed" counts), `job.id`,
  `job.customer.mobile_number` (required), `job.customer.first_name` and
  `.last_name` (optional).

These names follow the vendors' documentation as we read it; where the real
deliveries differ, the vendors' docs win and the models below change with them.
"""

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from libs.events import JobCompleted
from libs.phones import InvalidNumber, to_e164

JOBBER_COMPLETION_TOPICS = {"JOB_CLOSED"}
HOUSECALLPRO_COMPLETION_EVENTS = {"job.completed"}
TIMESTAMP_TOLERANCE = timedelta(minutes=5)

# Vendor ids end up in event ids: letters, digits and base64's punctuation only.
VendorId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_=+/.-]{1,150}$")]


class MalformedPayload(ValueError):
    """A signed body we cannot read as the vendor's webhook."""


class Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class JobberClient(Payload):
    phone: str = Field(min_length=1, max_length=64)
    name: str | None = Field(default=None, max_length=200)


class JobberEvent(Payload):
    topic: str = Field(max_length=64)
    itemId: VendorId
    client: JobberClient | None = None


class JobberData(Payload):
    webHookEvent: JobberEvent


class JobberWebhook(Payload):
    data: JobberData


class HousecallProCustomer(Payload):
    mobile_number: str | None = Field(default=None, max_length=64)
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)


class HousecallProJob(Payload):
    id: VendorId
    customer: HousecallProCustomer | None = None


class HousecallProWebhook(Payload):
    event: str = Field(max_length=64)
    job: HousecallProJob | None = None


def jobber_signed(secret: str, body: bytes, signature: str | None) -> bool:
    if not signature:
        return False
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest), signature.strip().encode())


def housecallpro_signed(
    secret: str,
    body: bytes,
    signature: str | None,
    timestamp: str | None,
    now: datetime,
) -> bool:
    if not signature or not timestamp or not timestamp.isdigit():
        return False
    sent_at = datetime.fromtimestamp(int(timestamp), UTC)
    if abs(now - sent_at) > TIMESTAMP_TOLERANCE:
        return False
    signed = timestamp.encode() + b"." + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.strip().lower().encode())


def jobber_completion(body: bytes, tenant_id: str) -> JobCompleted | None:
    """The completed job a Jobber webhook reports; None for any other topic."""
    event = _parse(JobberWebhook, body).data.webHookEvent
    if event.topic not in JOBBER_COMPLETION_TOPICS:
        return None
    if event.client is None:
        raise MalformedPayload("data.webHookEvent.client.phone is required")
    return _completed(
        "jobber", tenant_id, event.itemId, event.client.phone, event.client.name
    )


def housecallpro_completion(body: bytes, tenant_id: str) -> JobCompleted | None:
    """The completed job a Housecall Pro webhook reports; None for other events."""
    webhook = _parse(HousecallProWebhook, body)
    if webhook.event not in HOUSECALLPRO_COMPLETION_EVENTS:
        return None
    job = webhook.job
    if job is None or job.customer is None or not job.customer.mobile_number:
        raise MalformedPayload("job.customer.mobile_number is required")
    customer = job.customer
    name = " ".join(n for n in (customer.first_name, customer.last_name) if n)
    return _completed(
        "housecallpro", tenant_id, job.id, customer.mobile_number, name or None
    )


def _parse(model: type[Payload], body: bytes) -> Payload:
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors(include_url=False, include_input=False)
        )
        raise MalformedPayload(problems) from None


def _completed(
    source: str, tenant_id: str, job_id: str, phone: str, name: str | None
) -> JobCompleted:
    try:
        customer = to_e164(phone)
    except InvalidNumber as error:
        raise MalformedPayload(f"the customer's phone is not valid: {error}") from None
    return JobCompleted(
        id=f"job-completed-{source}-{job_id}",
        tenant_id=tenant_id,
        job_id=job_id,
        customer=customer,
        customer_name=name,
        source=source,
    )
