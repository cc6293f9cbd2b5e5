"""Which completed job earns a review request, when, and with which words. Pure.

No gating and no incentive: every customer gets the same sentence and the
same Google page behind their own tracked link, whatever they thought of the
job, and nothing is offered in return.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from libs import phones
from libs.events import ConsentEvidence, JobCompleted, Purpose, SendSms
from libs.tenants import TenantConfig

REQUEST_PREFIX = "review-request-"
REMINDER_PREFIX = "review-reminder-"

REQUEST_TEMPLATES = {
    "en": "Thank you for choosing {business}! Would you share your experience "
    "in a Google review? {link}",
    "fr": "Merci d'avoir choisi {business}! Voudriez-vous partager votre "
    "expérience dans un avis Google? {link}",
}
REMINDER_TEMPLATES = {
    "en": "{business} here again: if you have a minute, your Google review "
    "would help us a lot. {link}",
    "fr": "Ici {business} de nouveau : si vous avez une minute, votre avis "
    "Google nous aiderait beaucoup. {link}",
}

Skip = Literal[
    "unknown_tenant", "reviews_disabled", "no_review_link", "cannot_receive_sms"
]


@dataclass(frozen=True)
class Plan:
    """Ask this customer, at `due_at` at the earliest (the gate adds quiet hours)."""

    customer: str
    due_at: datetime


@dataclass(frozen=True)
class NoRequest:
    reason: Skip


def plan_for(
    job: JobCompleted, tenant: TenantConfig | None, now: datetime
) -> Plan | NoRequest:
    """Whether a completed job earns a request (before the once-per-customer rule)."""
    if tenant is None:
        return NoRequest("unknown_tenant")
    if not tenant.reviews.enabled:
        return NoRequest("reviews_disabled")
    if not tenant.reviews.google_review_url:
        return NoRequest("no_review_link")

    number = phones.facts(job.customer)
    if number is None or not number.can_receive_sms:
        return NoRequest("cannot_receive_sms")

    # Measured on our own clock: the source's clock may be minutes off.
    delay = timedelta(seconds=tenant.reviews.delay_seconds)
    return Plan(customer=number.e164, due_at=now + delay)


def job_key(job: JobCompleted) -> str:
    """The same key for every delivery of the same job, whoever reported it."""
    raw = f"{job.tenant_id}:{job.source}:{job.job_id}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def key_of(request_id: str) -> str | None:
    """The job key behind a request or reminder id; None for others' requests."""
    for prefix in (REQUEST_PREFIX, REMINDER_PREFIX):
        if request_id.startswith(prefix):
            return request_id.removeprefix(prefix)
    return None


def ask_again_before(tenant: TenantConfig, now: datetime) -> datetime | None:
    """A customer last asked before this moment may be asked again; None: never."""
    days = tenant.reviews.ask_again_after_days
    return now - timedelta(days=days) if days is not None else None


def remind_at(tenant: TenantConfig, sent_at: datetime) -> datetime | None:
    days = tenant.reviews.reminder_after_days
    return sent_at + timedelta(days=days) if days is not None else None


def link_for(base_url: str, token: str) -> str:
    return f"{base_url}/r/{token}"


def request_sms(record: dict, tenant: TenantConfig, link: str) -> SendSms:
    return _sms(record, tenant, link, REQUEST_PREFIX, "review_request")


def reminder_sms(record: dict, tenant: TenantConfig, link: str) -> SendSms:
    return _sms(record, tenant, link, REMINDER_PREFIX, "review_reminder")


def _sms(
    record: dict, tenant: TenantConfig, link: str, prefix: str, purpose: Purpose
) -> SendSms:
    language = tenant.identity.default_language
    templates = REQUEST_TEMPLATES if purpose == "review_request" else REMINDER_TEMPLATES
    body = templates[language].format(business=tenant.identity.name, link=link)
    return SendSms(
        id=f"{prefix}{record['_id']}",
        tenant_id=record["tenant_id"],
        to=record["customer"],
        from_number=tenant.numbers[0].number if tenant.numbers else None,
        body=body,
        purpose=purpose,
        language=language,
        not_before=record["due_at"] if purpose == "review_request" else None,
        # The finished job is the customer's purchase: implied consent, two years.
        consent_evidence=ConsentEvidence(
            basis="job", reference=record["job_id"], at=record["completed_at"]
        ),
    )
