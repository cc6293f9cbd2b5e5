import pytest
from pydantic import ValidationError

from services.reviews.config import Settings


def test_links_default_to_the_services_own_port_outside_production():
    assert Settings(http_port=9000).links_at == "http://127.0.0.1:9000"
    assert Settings(link_base_url="https://r.example/").links_at == "https://r.example"


@pytest.mark.parametrize(
    "overrides",
    [
        {"stats_token": "a-long-enough-stats-token"},
        {"link_base_url": "https://r.example"},
        {"link_base_url": "https://r.example", "stats_token": "short"},
    ],
)
def test_production_needs_public_links_and_a_real_stats_token(overrides):
    with pytest.raises(ValidationError):
        Settings(environment="production", **overrides)


def test_production_starts_with_both():
    settings = Settings(
        environment="production",
        link_base_url="https://r.example",
        stats_token="a-long-enough-stats-token",
    )

    assert settings.links_at == "https://r.example"
