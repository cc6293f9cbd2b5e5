"""Bookings and review requests folded into read models, as the tenant reads them."""

from datetime import timedelta

import pytest

from libs.events import AppointmentBooked, AppointmentCancelled, SmsBlocked, SmsSent
from libs.review_events import RatingSampled, ReviewLinkOpened, ReviewRequested
from tests.unit.dashboard.harness import NOON, Harness

NUMBER = "+14165550100"
CUSTOMER = "+14165550123"


@pytest.fixture
async def h() -> Harness:
    harness = Harness()
    harness.key = await harness.provision("acme", NUMBER)
    return harness


async def get(h: Harness, path: str):
    async with h.client(h.key) as client:
        response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def booked(booking_id: str, hours_ahead: int, **extra) -> AppointmentBooked:
    start = NOON + timedelta(hours=hours_ahead)
    return AppointmentBooked(
        id=f"booked-{booking_id}",
        tenant_id="acme",
        booking_id=booking_id,
        customer=CUSTOMER,
        service="Drain cleaning",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        **extra,
    )


def cancelled(booking_id: str) -> AppointmentCancelled:
    return AppointmentCancelled(
        id=f"cancelled-{booking_id}",
        tenant_id="acme",
        booking_id=booking_id,
        customer=CUSTOMER,
    )


def requested(key: str, hours_ahead: int = 2) -> ReviewRequested:
    return ReviewRequested(
        id=f"review-requested-{key}",
        tenant_id="acme",
        request_id=f"review-request-{key}",
        job_id=f"job-{key}",
        customer=CUSTOMER,
        due_at=NOON + timedelta(hours=hours_ahead),
    )


def review_sms(request_id: str, purpose: str) -> SmsSent:
    return SmsSent(
        id=f"sent-{request_id}",
        tenant_id="acme",
        request_id=request_id,
        message_sid="SM" + request_id,
        to=CUSTOMER,
        purpose=purpose,
        body="How did we do?",
    )


def opened(key: str) -> ReviewLinkOpened:
    return ReviewLinkOpened(
        id=f"review-opened-{key}",
        tenant_id="acme",
        request_id=f"review-request-{key}",
        job_id=f"job-{key}",
    )


def sample(slot: int, rating: float, count: int) -> RatingSampled:
    return RatingSampled(
        id=f"rating-sampled-acme-{slot}",
        tenant_id="acme",
        occurred_at=NOON + timedelta(hours=slot),
        average_rating=rating,
        total_review_count=count,
        new_reviews=1,
        attributed_reviews=1,
    )


async def test_bookings_list_latest_slot_first_with_a_cancellation_in_any_order(h):
    await h.follow_ups.cancelled(cancelled("b1"))
    await h.follow_ups.booked(booked("b1", 3))
    await h.follow_ups.booked(booked("b2", 5, replaces="b1"))

    listed = await get(h, "/v1/bookings")

    assert [(b["booking_id"], b["status"]) for b in listed] == [
        ("b2", "booked"),
        ("b1", "cancelled"),
    ]
    assert (listed[0]["customer"], listed[0]["service"], listed[0]["replaces"]) == (
        CUSTOMER,
        "Drain cleaning",
        "b1",
    )


async def test_a_cancellation_without_its_booking_is_not_listed_yet(h):
    await h.follow_ups.cancelled(cancelled("b9"))

    assert await get(h, "/v1/bookings") == []


async def test_a_review_request_moves_from_scheduled_to_opened_whatever_the_order(h):
    await h.follow_ups.review_link_opened(opened("k1"))
    await h.follow_ups.review_requested(requested("k1"))
    await h.follow_ups.sms_sent(review_sms("review-request-k1", "review_request"))
    await h.follow_ups.review_requested(requested("k2", hours_ahead=4))

    listed = await get(h, "/v1/reviews")

    assert [(r["request_id"], r["status"]) for r in listed] == [
        ("review-request-k2", "scheduled"),
        ("review-request-k1", "opened"),
    ]


async def test_a_reminder_counts_on_its_request_and_a_blocked_request_says_why(h):
    await h.follow_ups.review_requested(requested("k1"))
    await h.follow_ups.sms_sent(review_sms("review-request-k1", "review_request"))
    await h.follow_ups.sms_sent(review_sms("review-reminder-k1", "review_reminder"))
    await h.follow_ups.review_requested(requested("k2", hours_ahead=4))
    await h.follow_ups.sms_blocked(
        SmsBlocked(
            id="blocked-k2",
            tenant_id="acme",
            request_id="review-request-k2",
            to=CUSTOMER,
            purpose="review_request",
            reason="opted_out",
        )
    )

    listed = await get(h, "/v1/reviews")

    assert [(r["status"], r["blocked_reason"]) for r in listed] == [
        ("blocked", "opted_out"),
        ("reminded", None),
    ]


async def test_other_texts_leave_the_review_requests_alone(h):
    await h.follow_ups.sms_sent(review_sms("textback-CA1", "textback"))

    assert h.reviews.docs == {}
    assert (await get(h, "/v1/reviews/stats"))["sent"] == 0


async def test_stats_count_sent_and_opened_requests_and_show_the_latest_rating(h):
    for key in ("k1", "k2", "k3"):
        await h.follow_ups.review_requested(requested(key))
    for key in ("k1", "k2"):
        await h.follow_ups.sms_sent(
            review_sms(f"review-request-{key}", "review_request")
        )
    await h.follow_ups.review_link_opened(opened("k1"))
    await h.follow_ups.rating_sampled(sample(2, 4.8, 31))
    await h.follow_ups.rating_sampled(sample(1, 4.6, 30))
    await h.follow_ups.rating_sampled(sample(2, 4.8, 31))

    stats = await get(h, "/v1/reviews/stats")

    assert stats == {
        "requests": 3,
        "sent": 2,
        "opened": 1,
        "open_rate": 0.5,
        "average_rating": 4.8,
        "review_count": 31,
        "sampled_at": (NOON + timedelta(hours=2)).isoformat().replace("+00:00", "Z"),
    }


async def test_stats_before_anything_was_sent_have_no_open_rate_or_rating(h):
    stats = await get(h, "/v1/reviews/stats")

    assert (stats["sent"], stats["open_rate"], stats["average_rating"]) == (
        0,
        None,
        None,
    )


async def test_one_tenants_bookings_and_reviews_are_not_listed_for_another(h):
    other_key = await h.provision("bravo", "+14165550111")
    await h.follow_ups.booked(booked("b1", 3))
    await h.follow_ups.review_requested(requested("k1"))
    await h.follow_ups.sms_sent(review_sms("review-request-k1", "review_request"))

    async with h.client(other_key) as other:
        answers = [
            (await other.get(path)).json()
            for path in ("/v1/bookings", "/v1/reviews", "/v1/reviews/stats")
        ]

    assert answers[:2] == [[], []]
    assert (answers[2]["requests"], answers[2]["sent"]) == (0, 0)
