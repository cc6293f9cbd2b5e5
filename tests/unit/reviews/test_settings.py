import httpx
import pytest
from pydantic import ValidationError

from services.reviews.adapters.google_tokens import RefreshedTokens
from services.reviews.bootstrap import google_tokens
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


def test_a_refresh_token_without_its_oauth_client_is_refused():
    with pytest.raises(ValidationError, match="GOOGLE_CLIENT_ID"):
        Settings(google_refresh_token="1//refresh", google_client_id="client")


async def test_the_refresh_token_wins_over_a_fixed_token():
    settings = Settings(
        google_refresh_token="1//refresh",
        google_client_id="client",
        google_client_secret="secret",
        google_access_token="fixed",
    )
    async with httpx.AsyncClient() as client:
        assert isinstance(google_tokens(settings, client), RefreshedTokens)
        fixed = google_tokens(Settings(google_access_token="fixed"), client)
        assert await fixed.token() == "fixed"


def test_credentials_left_blank_by_a_deployment_are_unset():
    settings = Settings(google_refresh_token="", google_access_token="")

    assert (settings.google_refresh_token, settings.google_access_token) == (None, None)
