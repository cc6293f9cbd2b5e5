"""The demo tenant of `make run`: the dashboard accepts it, and it knows things."""

from libs.devstack.demo import demo_setup, demo_tenant
from services.dashboard.schemas import TenantSetup


def test_the_demo_setup_is_accepted_by_the_provisioning_route_as_it_is():
    setup = TenantSetup.model_validate(demo_setup())

    assert setup.tenant_id == demo_tenant().tenant_id
    assert setup.knowledge == demo_tenant().knowledge


def test_the_demo_tenant_has_hours_prices_and_faq_for_the_concierge():
    config = demo_tenant()

    assert config.hours
    assert config.knowledge.price_bands
    assert config.knowledge.faq
    assert config.knowledge.booking is not None
