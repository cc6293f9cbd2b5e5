"""The events of the reviews service (its commands are plain `SendSms`).

They sit beside `libs.events` so that the reviews service could grow its
contracts without touching the file every service edits; the message base and
the subject scheme are the same.
"""

from datetime import datetime

from libs.events import Message


class ReviewRequested(Message):
    """A completed job got its one review request; it goes out at `due_at`."""

    kind = "review.requested"

    request_id: str
    job_id: str
    customer: str
    due_at: datetime


class ReviewLinkOpened(Message):
    """A customer opened the tracked review link of a request, the first time."""

    kind = "review.link_opened"

    request_id: str
    job_id: str


class RatingSampled(Message):
    """The tenant's Google rating and review count at one moment."""

    kind = "review.rating_sampled"

    # None while the location has no review at all.
    average_rating: float | None
    total_review_count: int
    # Reviews first seen in this sample, and how many of them followed a request.
    new_reviews: int
    attributed_reviews: int


REVIEW_MESSAGES: tuple[type[Message], ...] = (
    ReviewRequested,
    ReviewLinkOpened,
    RatingSampled,
)
