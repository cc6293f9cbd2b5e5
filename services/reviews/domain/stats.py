"""A tenant's review statistics, as the dashboard shows them. Pure."""

from dataclasses import asdict
from datetime import datetime

from services.reviews.domain.ratings import Sample, reviews_gained, trend


def summary(
    tenant_id: str, since: datetime, counts: dict[str, int], samples: list[Sample]
) -> dict:
    """Requests sent and opened, reviews gained, and the rating by week and month."""
    sent, opened = counts.get("sent", 0), counts.get("opened", 0)
    latest = max(samples, key=lambda s: s.taken_at) if samples else None
    return {
        "tenant_id": tenant_id,
        "since": since.isoformat(),
        "requests_sent": sent,
        "links_opened": opened,
        "open_rate": round(opened / sent, 4) if sent else None,
        "reminders_sent": counts.get("reminded", 0),
        "requests_blocked": counts.get("blocked", 0),
        "reviews_gained": reviews_gained(samples),
        "reviews_attributed": counts.get("attributed_reviews", 0),
        "rating": None
        if latest is None
        else {
            "average": latest.average_rating,
            "review_count": latest.total_review_count,
            "sampled_at": latest.taken_at.isoformat(),
        },
        "trend": {
            "weekly": [asdict(point) for point in trend(samples, "week")],
            "monthly": [asdict(point) for point in trend(samples, "month")],
        },
    }
