"""Google access tokens renewed from a refresh token, on the local OAuth endpoint."""

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from sandbox.google_api import GoogleState, create_app
from sandbox.server import BackgroundServer
from services.reviews.adapters.google_profile import (
    GoogleBusinessProfile,
    GoogleUnavailable,
)
from services.reviews.adapters.google_tokens import EARLY_SECONDS, RefreshedTokens

ACCOUNT, LOCATION = "1000", "2000"


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def google():
    state = GoogleState(access_token="never-handed-out")
    state.locations[(ACCOUNT, LOCATION)] = []
    state.add_review(ACCOUNT, LOCATION, 5, datetime.now(UTC))
    async with BackgroundServer(create_app(state)) as server:
        yield server.url, state


def profile_for(url: str, state: GoogleState, ticks: Ticks, refresh_token=None):
    client = httpx.AsyncClient(timeout=5)
    tokens = RefreshedTokens(
        f"{url}/token",
        state.client_id,
        state.client_secret,
        refresh_token or state.refresh_token,
        client,
        monotonic=ticks,
    )
    return GoogleBusinessProfile(url, tokens, client)


async def test_one_token_serves_every_sample_until_it_is_about_to_expire(google):
    url, state = google
    ticks = Ticks()
    profile = profile_for(url, state, ticks)
    try:
        await profile.snapshot(ACCOUNT, LOCATION, since=None)
        ticks.now += state.token_lifetime_seconds - EARLY_SECONDS - 1
        await profile.snapshot(ACCOUNT, LOCATION, since=None)
        assert state.refreshes == 1

        ticks.now += 2
        snapshot = await profile.snapshot(ACCOUNT, LOCATION, since=None)
    finally:
        await profile.close()

    assert state.refreshes == 2
    # Renewed ahead of expiry: no request was refused on the way.
    assert state.calls == 3
    assert snapshot.total_review_count == 1


async def test_a_refused_token_is_renewed_and_the_request_made_again(google):
    url, state = google
    profile = profile_for(url, state, Ticks())
    try:
        await profile.snapshot(ACCOUNT, LOCATION, since=None)
        async with httpx.AsyncClient(base_url=url) as control:
            await control.post("/_google/expire-tokens")

        snapshot = await profile.snapshot(ACCOUNT, LOCATION, since=None)
    finally:
        await profile.close()

    assert snapshot.average_rating == 5
    assert (state.refreshes, state.calls) == (2, 3)


async def test_tenants_sampled_at_once_share_one_refresh(google):
    url, state = google
    profile = profile_for(url, state, Ticks())
    try:
        await asyncio.gather(
            *(profile.snapshot(ACCOUNT, LOCATION, since=None) for _ in range(5))
        )
    finally:
        await profile.close()

    assert state.refreshes == 1


async def test_a_revoked_refresh_token_is_an_error_that_names_it(google):
    url, state = google
    profile = profile_for(url, state, Ticks(), refresh_token="revoked")
    try:
        with pytest.raises(GoogleUnavailable, match="invalid_grant"):
            await profile.snapshot(ACCOUNT, LOCATION, since=None)
    finally:
        await profile.close()

    assert state.calls == 0
