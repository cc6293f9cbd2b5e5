"""Rating tracking against a local Google Business Profile API over real HTTP."""

from datetime import timedelta

import pytest

from libs.review_events import RatingSampled
from sandbox.google_api import GoogleState, create_app
from sandbox.server import BackgroundServer
from services.reviews.adapters.google_profile import (
    GoogleBusinessProfile,
    GoogleUnavailable,
)
from services.reviews.adapters.google_tokens import FixedToken
from services.reviews.tracking import RatingTracker
from tests.helpers import stored_messages
from tests.integration.reviews.conftest import START
from tests.unit.reviews.builders import completed_job, review_tenant

ACCOUNT, LOCATION = "1000", "2000"
CUSTOMER = "+14165550123"
HOUR = 3600.0


@pytest.fixture
async def google():
    state = GoogleState(access_token="google-token")
    state.locations[(ACCOUNT, LOCATION)] = []
    async with BackgroundServer(create_app(state)) as server:
        yield server.url, state


@pytest.fixture
async def tracker(reviews, google):
    url, _ = google
    profile = GoogleBusinessProfile(url, FixedToken("google-token"))
    await reviews.put_tenant(
        review_tenant(google_account_id=ACCOUNT, google_location_id=LOCATION)
    )
    yield RatingTracker(
        reviews.ratings,
        reviews.store,
        reviews.runtime.directory,
        profile,
        reviews.runtime.publisher,
        reviews.clock,
        interval_seconds=HOUR,
        window=timedelta(days=7),
    )
    await profile.close()


async def test_the_adapter_reads_rating_count_and_every_page_of_new_reviews(google):
    url, state = google
    for minute in range(60):
        state.add_review(
            ACCOUNT, LOCATION, 4 + minute % 2, START + timedelta(minutes=minute)
        )
    profile = GoogleBusinessProfile(url, FixedToken("google-token"))

    try:
        baseline = await profile.snapshot(ACCOUNT, LOCATION, since=None)
        recent = await profile.snapshot(
            ACCOUNT, LOCATION, since=START + timedelta(minutes=4, seconds=30)
        )
    finally:
        await profile.close()

    assert (baseline.average_rating, baseline.total_review_count) == (4.5, 60)
    assert baseline.reviews == ()
    assert len(recent.reviews) == 55
    assert state.calls == 3


async def test_wrong_credentials_are_an_error_not_an_empty_profile(google):
    url, _ = google
    profile = GoogleBusinessProfile(url, FixedToken("a-stale-token"))
    try:
        with pytest.raises(GoogleUnavailable):
            await profile.snapshot(ACCOUNT, LOCATION, since=None)
    finally:
        await profile.close()


async def test_a_new_review_is_credited_to_the_request_sent_before_it(
    reviews, tracker, google
):
    _, state = google
    state.add_review(ACCOUNT, LOCATION, 3, START - timedelta(days=100))
    await tracker.sample_all()

    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    [request] = await reviews.requests()
    await reviews.sent(request)
    reviews.clock.advance(hours=2)
    state.add_review(ACCOUNT, LOCATION, 5, START + timedelta(hours=1))
    await tracker.sample_all()

    stats = await reviews.http.get(
        "/tenants/acme/reviews/stats",
        params={"since": (START - timedelta(days=1)).isoformat()},
        headers={"authorization": "Bearer stats-token-for-the-tests"},
    )
    body = stats.json()
    assert body["reviews_gained"] == 1
    assert body["reviews_attributed"] == 1
    assert body["rating"] == {
        "average": 4.0,
        "review_count": 2,
        "sampled_at": (START + timedelta(hours=2)).isoformat(),
    }
    assert [p["reviews_gained"] for p in body["trend"]["weekly"]] == [1]
    samples = await stored_messages(
        reviews.runtime.broker.connection, reviews.runtime.names, RatingSampled
    )
    assert [(s.new_reviews, s.attributed_reviews) for s in samples] == [(0, 0), (1, 1)]


async def test_replicas_sampling_in_the_same_slot_store_one_sample(reviews, tracker):
    first = await tracker.sample_all()
    second = await tracker.sample_all()

    assert (first, second) == (1, 0)
    assert len(await reviews.ratings.samples("acme", START - timedelta(days=1))) == 1


async def test_a_failing_google_leaves_no_sample_and_other_tenants_go_on(
    reviews, tracker, google
):
    _, state = google
    state.locations.clear()

    assert await tracker.sample_all() == 0
    assert await reviews.ratings.last_sample("acme") is None
