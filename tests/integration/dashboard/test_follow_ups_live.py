"""Bookings and review events on the real bus, read back from nx-27017."""

from datetime import timedelta

from libs.events import AppointmentBooked, AppointmentCancelled, SmsSent, utc_now
from libs.review_events import RatingSampled, ReviewLinkOpened, ReviewRequested
from tests.helpers import eventually

NUMBER, CUSTOMER = "+14165550100", "+14165550123"


async def test_a_rescheduled_booking_lists_the_new_slot_and_the_cancelled_one(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    start = utc_now() + timedelta(days=1)
    for event in (
        AppointmentCancelled(
            id="c1", tenant_id="acme", booking_id="bk1", customer=CUSTOMER
        ),
        AppointmentBooked(
            id="b1",
            tenant_id="acme",
            booking_id="bk1",
            customer=CUSTOMER,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        ),
        AppointmentBooked(
            id="b2",
            tenant_id="acme",
            booking_id="bk2",
            customer=CUSTOMER,
            service="Furnace tune-up",
            starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=1),
            replaces="bk1",
        ),
    ):
        await live.runtime.publisher.publish(event)

    async with live.client(key) as client:

        async def both_with_their_status():
            listed = (await client.get("/v1/bookings")).json()
            statuses = [(b["booking_id"], b["status"]) for b in listed]
            return statuses == [("bk2", "booked"), ("bk1", "cancelled")] and listed

        listed = await eventually(both_with_their_status, 10, "both bookings")

    assert listed[1]["starts_at"].startswith(start.date().isoformat())
    assert listed[0]["service"] == "Furnace tune-up"


async def test_review_requests_and_stats_follow_the_review_events(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    now = utc_now()
    for job in ("j1", "j2"):
        await live.runtime.publisher.publish(
            ReviewRequested(
                id=f"review-requested-{job}",
                tenant_id="acme",
                request_id=f"review-request-{job}",
                job_id=job,
                customer=CUSTOMER,
                due_at=now,
            )
        )
        await live.runtime.publisher.publish(
            SmsSent(
                id=f"sent-{job}",
                tenant_id="acme",
                request_id=f"review-request-{job}",
                message_sid=f"SM{job}",
                to=CUSTOMER,
                purpose="review_request",
                body="How did we do?",
            )
        )
    await live.runtime.publisher.publish(
        ReviewLinkOpened(
            id="review-opened-j1",
            tenant_id="acme",
            request_id="review-request-j1",
            job_id="j1",
        )
    )
    await live.runtime.publisher.publish(
        RatingSampled(
            id="rating-sampled-acme-1",
            tenant_id="acme",
            average_rating=4.7,
            total_review_count=12,
            new_reviews=1,
            attributed_reviews=1,
        )
    )

    async with live.client(key) as client:

        async def all_folded():
            stats = (await client.get("/v1/reviews/stats")).json()
            folded = (stats["requests"], stats["sent"], stats["opened"]) == (2, 2, 1)
            return stats if folded and stats["review_count"] else None

        stats = await eventually(all_folded, 10, "the review stats")
        listed = (await client.get("/v1/reviews")).json()

    assert (stats["open_rate"], stats["average_rating"]) == (0.5, 4.7)
    assert sorted(r["status"] for r in listed) == ["opened", "sent"]
