"""The demo tenant that `make run` starts with, created through the dashboard API."""

import httpx
import nats

from libs.devstack.sample_business import opening_hours, plumbing_knowledge
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
        # So that `make run` shows the concierge answering, quoting and booking.
        hours=opening_hours(),
        knowledge=plumbing_knowledge(),
        revision=1,
    )


def demo_setup(config: TenantConfig | None = None) -> dict:
    """The demo tenant as the dashboard's provisioning route takes it."""
    config = config or demo_tenant()
    # Text-back and review settings start from the dashboard's own defaults.
    return config.model_dump(
        mode="json",
        include={
            "tenant_id",
            "identity",
            "numbers",
            "owner_phone",
            "languages",
            "hours",
            "knowledge",
        },
    )


def provision(dashboard_url: str, admin_key: str, setup: dict | None = None) -> str:
    """Create the tenant through the dashboard API; the tenant's API key.

    A tenant kept from an earlier run gets a fresh key instead, since its
    first key was shown once and is gone.
    """
    setup = setup or demo_setup()
    with httpx.Client(
        base_url=dashboard_url,
        headers={"Authorization": f"Bearer {admin_key}"},
        timeout=10,
    ) as admin:
        response = admin.post("/v1/admin/tenants", json=setup)
        if response.status_code == 409:
            response = admin.post(f"/v1/admin/tenants/{setup['tenant_id']}/api-key")
        response.raise_for_status()
    return response.json()["api_key"]


async def seed(
    nats_url: str, namespace: str, config: TenantConfig | None = None
) -> None:
    """Write a tenant straight to the configuration bucket (tests, benchmarks).

    `make run` provisions through the dashboard API instead (`provision`).
    """
    connection = await nats.connect(nats_url)
    try:
        bucket = await open_bucket(connection, Names(namespace))
        await TenantWriter(bucket).put(config or demo_tenant())
    finally:
        await connection.close()
