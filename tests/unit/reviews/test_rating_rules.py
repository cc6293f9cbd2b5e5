from datetime import UTC, datetime, timedelta

from services.reviews.domain import ratings
from services.reviews.domain.ratings import (
    GoogleReview,
    ProfileSnapshot,
    Sample,
    SentRequest,
)
from services.reviews.domain.stats import summary

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday
WINDOW = timedelta(days=7)


def review(at: datetime, review_id: str = "r1") -> GoogleReview:
    return GoogleReview(review_id=review_id, stars=5, created_at=at, updated_at=at)


def sample(at: datetime, count: int, rating: float | None = 4.5) -> Sample:
    return Sample("acme", at, rating, count)


def test_the_first_sample_is_a_baseline_with_no_new_reviews():
    snapshot = ProfileSnapshot(4.5, 10, (review(T0),))

    assert ratings.new_reviews(snapshot, None) == []


def test_only_reviews_written_after_the_previous_sample_are_new():
    old, fresh = (
        review(T0 - timedelta(hours=1), "old"),
        review(T0 + timedelta(hours=1), "new"),
    )
    snapshot = ProfileSnapshot(4.5, 12, (fresh, old))

    assert ratings.new_reviews(snapshot, sample(T0, 11)) == [fresh]


def test_a_review_goes_to_the_customer_who_opened_their_link_before_it():
    candidates = [
        SentRequest("sent-later", sent_at=T0 - timedelta(hours=1)),
        SentRequest(
            "opened", T0 - timedelta(days=2), opened_at=T0 - timedelta(hours=3)
        ),
    ]

    assert ratings.attribute(review(T0), candidates, WINDOW) == "opened"


def test_without_an_open_the_latest_request_sent_in_the_window_gets_it():
    candidates = [
        SentRequest("older", T0 - timedelta(days=3)),
        SentRequest("latest", T0 - timedelta(days=1)),
        SentRequest("after", T0 + timedelta(minutes=5)),
    ]

    assert ratings.attribute(review(T0), candidates, WINDOW) == "latest"


def test_a_review_long_after_every_request_is_nobodys():
    candidates = [SentRequest("stale", T0 - timedelta(days=30))]

    assert ratings.attribute(review(T0), candidates, WINDOW) is None


def test_the_weekly_trend_keeps_each_weeks_last_sample_and_its_gain():
    samples = [
        sample(T0, 10, 4.2),
        sample(T0 + timedelta(days=3), 12, 4.3),
        sample(T0 + timedelta(days=8), 15, 4.4),
    ]

    points = ratings.trend(samples, "week")

    assert [(p.period, p.average_rating, p.reviews_gained) for p in points] == [
        ("2026-W10", 4.3, 2),
        ("2026-W11", 4.4, 3),
    ]


def test_the_monthly_trend_and_the_gain_over_the_whole_period():
    samples = [sample(T0, 10), sample(T0 + timedelta(days=31), 14)]

    points = ratings.trend(samples, "month")

    assert [p.period for p in points] == ["2026-03", "2026-04"]
    assert ratings.reviews_gained(samples) == 4
    assert ratings.reviews_gained([]) == 0


def test_the_summary_gives_the_open_rate_and_the_latest_rating():
    counts = {
        "sent": 8,
        "opened": 2,
        "reminded": 5,
        "blocked": 1,
        "attributed_reviews": 1,
    }
    samples = [sample(T0, 10, 4.1), sample(T0 + timedelta(days=1), 11, 4.2)]

    stats = summary("acme", T0, counts, samples)

    assert stats["open_rate"] == 0.25
    assert stats["reviews_gained"] == 1
    assert stats["rating"]["average"] == 4.2
    assert stats["trend"]["weekly"][0]["total_review_count"] == 11
    assert summary("acme", T0, {}, [])["open_rate"] is None
