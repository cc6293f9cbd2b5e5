from datetime import UTC, datetime, timedelta

import httpx

from sandbox.google_api import GoogleState, create_app
from services.reviews.adapters.google_profile import parse_review, parse_time

AT = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


def test_google_timestamps_with_nanoseconds_are_read():
    assert parse_time("2026-05-04T15:00:00.123456789Z") == AT.replace(
        microsecond=123456
    )
    assert parse_time("2026-05-04T15:00:00Z") == AT


def test_a_review_is_read_from_googles_shape():
    review = parse_review(
        {
            "reviewId": "abc",
            "starRating": "FOUR",
            "createTime": "2026-05-04T15:00:00Z",
            "updateTime": "2026-05-05T15:00:00Z",
        }
    )

    assert (review.review_id, review.stars) == ("abc", 4)
    assert review.updated_at - review.created_at == timedelta(days=1)


async def test_the_local_google_pages_reviews_newest_update_first():
    state = GoogleState(access_token="t")
    for hour in range(3):
        state.add_review("1", "2", 5 - hour, AT + timedelta(hours=hour))
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://g") as client:
        first = await client.get(
            "/v4/accounts/1/locations/2/reviews",
            params={"pageSize": 2},
            headers={"authorization": "Bearer t"},
        )
        rest = await client.get(
            "/v4/accounts/1/locations/2/reviews",
            params={"pageSize": 2, "pageToken": first.json()["nextPageToken"]},
            headers={"authorization": "Bearer t"},
        )
        refused = await client.get("/v4/accounts/1/locations/2/reviews")

    page = first.json()
    assert (page["averageRating"], page["totalReviewCount"]) == (4.0, 3)
    assert [r["starRating"] for r in page["reviews"]] == ["THREE", "FOUR"]
    assert "nextPageToken" not in rest.json()
    assert [r["starRating"] for r in rest.json()["reviews"]] == ["FIVE"]
    assert refused.status_code == 401
    assert refused.json()["error"]["status"] == "UNAUTHENTICATED"
