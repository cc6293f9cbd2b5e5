"""Builders of realistic tenants and events for tests of every tier."""

import uuid
from datetime import datetime

from libs.events import CallMissed, utc_now
from libs.tenants import BusinessIdentity, TenantConfig, TextbackSettings, TwilioNumber

BUSINESS_NUMBER = "+14165550100"
OWNER_PHONE = "+14165550142"
MOBILE_CALLER = "+14165550123"
# A toll-free number: phonenumbers knows it cannot receive SMS.
TOLL_FREE_CALLER = "+18005550100"


def tenant(
    tenant_id: str = "acme",
    mode: str = "forwarded",
    revision: int = 1,
    **textback: object,
) -> TenantConfig:
    return TenantConfig(
        tenant_id=tenant_id,
        identity=BusinessIdentity(
            name="Acme Plumbing",
            mailing_address="100 King St W, Toronto ON M5X 1A9",
            phone="+14165550199",
            website="https://acme.example",
        ),
        numbers=[TwilioNumber(number=BUSINESS_NUMBER, mode=mode)],
        owner_phone=OWNER_PHONE,
        textback=TextbackSettings(**textback),
        revision=revision,
    )


def call_sid() -> str:
    return "CA" + uuid.uuid4().hex


def missed_call(
    caller: str = MOBILE_CALLER,
    tenant_id: str = "acme",
    sid: str | None = None,
    received_at: datetime | None = None,
) -> CallMissed:
    sid = sid or call_sid()
    return CallMissed(
        id=f"call-missed-{sid}",
        tenant_id=tenant_id,
        call_sid=sid,
        caller=caller,
        business_number=BUSINESS_NUMBER,
        reason="no-answer",
        received_at=received_at or utc_now(),
    )
