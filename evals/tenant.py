"""The business the evaluation set talks to (also seeded by the concierge's e2e tests).

Acme Plumbing knows what `make run`'s demo tenant knows
(`libs.devstack.sample_business`): hours, a service area, FAQ in both
languages, price bands (one above the owner's approval threshold) and services
with no band at all.
"""

from libs.devstack.sample_business import opening_hours, plumbing_knowledge
from libs.tenants import BusinessIdentity, TenantConfig, TwilioNumber

BUSINESS_NUMBER = "+14165550100"
OWNER_PHONE = "+14165550142"


def tenant(tenant_id: str = "acme", revision: int = 1) -> TenantConfig:
    return TenantConfig(
        tenant_id=tenant_id,
        identity=BusinessIdentity(
            name="Acme Plumbing",
            mailing_address="100 King St W, Toronto ON M5X 1A9",
            phone="+14165550199",
            website="https://acme.example",
        ),
        numbers=[TwilioNumber(number=BUSINESS_NUMBER, mode="forwarded")],
        owner_phone=OWNER_PHONE,
        languages=["en", "fr"],
        hours=opening_hours(),
        knowledge=plumbing_knowledge(),
        revision=revision,
    )
