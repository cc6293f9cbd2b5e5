"""What to do about a missed call: pure rules, no I/O."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from libs import phones
from libs.events import CallMissed, ConsentEvidence, SendSms
from libs.tenants import BUSINESS_NAME_FIELD, TenantConfig

# A text-back that would arrive later than this is dropped by the gate: by
# then the caller has called someone else and a late text only confuses.
STALE_AFTER = timedelta(minutes=10)

Skip = Literal["cannot_receive_sms", "textback_disabled", "unknown_tenant"]


@dataclass(frozen=True)
class TextPlan:
    """Text this caller once the delay has passed."""

    caller: str
    due_at: datetime


@dataclass(frozen=True)
class NoText:
    reason: Skip


def plan_for(missed: CallMissed, tenant: TenantConfig | None) -> TextPlan | NoText:
    """Whether and when a missed caller gets a text, before the cooldown check."""
    if tenant is None:
        return NoText("unknown_tenant")
    if not tenant.textback.enabled:
        return NoText("textback_disabled")

    number = phones.facts(missed.caller)
    if number is None or not number.can_receive_sms:
        return NoText("cannot_receive_sms")

    delay = timedelta(seconds=tenant.textback.delay_seconds)
    return TextPlan(caller=number.e164, due_at=missed.received_at + delay)


def cooldown_key(tenant_id: str, caller: str) -> str:
    return f"{tenant_id}:{caller}"


def text_request(missed: CallMissed, caller: str, tenant: TenantConfig) -> SendSms:
    """The one SMS a missed caller gets, in the tenant's default language."""
    language = tenant.identity.default_language
    template = (
        tenant.textback.templates.get(language) or tenant.textback.templates["en"]
    )
    body = template.replace(BUSINESS_NAME_FIELD, tenant.identity.name)

    return SendSms(
        # One request per call: redelivery and republishing are dropped by JetStream
        # and by the gate's outbox.
        id=f"textback-{missed.call_sid}",
        tenant_id=missed.tenant_id,
        to=caller,
        from_number=missed.business_number,
        body=body,
        purpose="textback",
        language=language,
        deadline=missed.received_at + STALE_AFTER,
        origin_at=missed.received_at,
        consent_evidence=ConsentEvidence(
            basis="call", reference=missed.call_sid, at=missed.received_at
        ),
    )
