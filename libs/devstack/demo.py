"""The demo tenant that `make run` starts with."""

import nats

from libs.directory import TenantWriter, open_bucket
from libs.subjects import Names
from libs.tenants import BusinessIdentity, TenantConfig, TwilioNumber

DEMO_NUMBER = "+14165550100"
DEMO_DIAL_NUMBER = "+14165550101"
DEMO_OWNER = "+14165550142"


def demo_tenant() -> TenantConfig:
    return TenantConfig(
        tenant_id="demo-plumbing",
        identity=BusinessIdentity(
            name="Demo Plumbing",
            mailing_address="100 King St W, Toronto ON M5X 1A9",
            phone="+14165550199",
            email="office@demo-plumbing.example",
            website="https://demo-plumbing.example",
            time_zone="America/Toronto",
        ),
        numbers=[
            TwilioNumber(number=DEMO_NUMBER, mode="forwarded"),
            TwilioNumber(number=DEMO_DIAL_NUMBER, mode="dial"),
        ],
        owner_phone=DEMO_OWNER,
        languages=["en", "fr"],
        revision=1,
    )


async def seed(
    nats_url: str, namespace: str, config: TenantConfig | None = None
) -> None:
    """Write a tenant to the configuration bucket, as the dashboard would."""
    connection = await nats.connect(nats_url)
    try:
        bucket = await open_bucket(connection, Names(namespace))
        await TenantWriter(bucket).put(config or demo_tenant())
    finally:
        await connection.close()
