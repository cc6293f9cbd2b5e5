"""The read models of what follows a conversation: bookings and review requests.

As in `projections`, events come through different consumers in any order, so
every write is an upsert keyed by the booking or the request, or an insert
keyed by the event, and a redelivered event changes nothing.
"""

from libs.events import AppointmentBooked, AppointmentCancelled, SmsBlocked, SmsSent
from libs.review_events import RatingSampled, ReviewLinkOpened, ReviewRequested
from services.dashboard.ports import BookingLog, ReviewLog

# The reviews service names its sends after the request (see
# services.reviews.domain.requests): a reminder's id maps back to its request.
REQUEST_PREFIX = "review-request-"
REMINDER_PREFIX = "review-reminder-"


class FollowUpProjector:
    def __init__(self, bookings: BookingLog, reviews: ReviewLog) -> None:
        self._bookings = bookings
        self._reviews = reviews

    async def booked(self, e: AppointmentBooked) -> None:
        await self._bookings.note(
            e.tenant_id,
            e.booking_id,
            customer=e.customer,
            service=e.service,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            booked_at=e.occurred_at,
            replaces=e.replaces,
        )

    async def cancelled(self, e: AppointmentCancelled) -> None:
        await self._bookings.note(
            e.tenant_id, e.booking_id, customer=e.customer, cancelled_at=e.occurred_at
        )

    async def review_requested(self, e: ReviewRequested) -> None:
        await self._reviews.note(
            e.tenant_id,
            e.request_id,
            job_id=e.job_id,
            customer=e.customer,
            due_at=e.due_at,
        )

    async def review_link_opened(self, e: ReviewLinkOpened) -> None:
        await self._reviews.note(e.tenant_id, e.request_id, opened_at=e.occurred_at)

    async def rating_sampled(self, e: RatingSampled) -> None:
        await self._reviews.add_rating(
            e.tenant_id,
            e.id,
            average_rating=e.average_rating,
            total_review_count=e.total_review_count,
            sampled_at=e.occurred_at,
        )

    async def sms_sent(self, e: SmsSent) -> None:
        if e.purpose == "review_request":
            await self._reviews.note(e.tenant_id, e.request_id, sent_at=e.occurred_at)
        elif e.purpose == "review_reminder":
            request_id = REQUEST_PREFIX + e.request_id.removeprefix(REMINDER_PREFIX)
            await self._reviews.note(e.tenant_id, request_id, reminded_at=e.occurred_at)

    async def sms_blocked(self, e: SmsBlocked) -> None:
        # A blocked reminder leaves the request as sent: only the first ask counts.
        if e.purpose == "review_request":
            await self._reviews.note(e.tenant_id, e.request_id, blocked_reason=e.reason)
