"""Google ratings over time: new reviews, which request earned them, the trend. Pure."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Period = Literal["week", "month"]


@dataclass(frozen=True)
class GoogleReview:
    review_id: str
    stars: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ProfileSnapshot:
    """What the Business Profile said at one moment."""

    average_rating: float | None
    total_review_count: int
    # Every review updated since the moment asked about, newest update first.
    reviews: tuple[GoogleReview, ...] = ()


@dataclass(frozen=True)
class Sample:
    tenant_id: str
    taken_at: datetime
    average_rating: float | None
    total_review_count: int


@dataclass(frozen=True)
class SentRequest:
    """A request that went out, as attribution sees it."""

    key: str
    sent_at: datetime
    opened_at: datetime | None = None


@dataclass(frozen=True)
class TrendPoint:
    period: str
    average_rating: float | None
    total_review_count: int
    reviews_gained: int


def new_reviews(
    snapshot: ProfileSnapshot, previous: Sample | None
) -> list[GoogleReview]:
    """Reviews written since the previous sample; none on the first (the baseline)."""
    if previous is None:
        return []
    return [r for r in snapshot.reviews if r.created_at > previous.taken_at]


def attribute(
    review: GoogleReview, candidates: list[SentRequest], window: timedelta
) -> str | None:
    """The request that most likely earned `review`, judged by time alone.

    A customer who opened their link shortly before the review is the best
    guess; else the latest request sent within `window` before it. Google does
    not tell who wrote a review in a way we could match to a phone number.
    """
    earliest = review.created_at - window
    sent = [c for c in candidates if earliest <= c.sent_at <= review.created_at]
    opened = [
        c for c in sent if c.opened_at and earliest <= c.opened_at <= review.created_at
    ]
    if opened:
        return max(opened, key=lambda c: c.opened_at).key
    if sent:
        return max(sent, key=lambda c: c.sent_at).key
    return None


def period_of(moment: datetime, period: Period) -> str:
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    year, week, _ = moment.isocalendar()
    return f"{year:04d}-W{week:02d}"


def trend(samples: list[Sample], period: Period) -> list[TrendPoint]:
    """The last sample of each week or month, and the reviews gained in it."""
    last_of: dict[str, Sample] = {}
    for sample in sorted(samples, key=lambda s: s.taken_at):
        last_of[period_of(sample.taken_at, period)] = sample

    points: list[TrendPoint] = []
    # The first period's gain counts from the oldest sample we have.
    before = min(samples, key=lambda s: s.taken_at).total_review_count if samples else 0
    for label, sample in last_of.items():
        points.append(
            TrendPoint(
                period=label,
                average_rating=sample.average_rating,
                total_review_count=sample.total_review_count,
                reviews_gained=sample.total_review_count - before,
            )
        )
        before = sample.total_review_count
    return points


def reviews_gained(samples: list[Sample]) -> int:
    """Reviews added between the oldest and the newest sample (removals subtract)."""
    if not samples:
        return 0
    ordered = sorted(samples, key=lambda s: s.taken_at)
    return ordered[-1].total_review_count - ordered[0].total_review_count
