"""What the review read model shows: a request's status, and the open rate."""

from services.dashboard.domain.records import ReviewStatus


def status(sent: bool, reminded: bool, opened: bool, blocked: bool) -> ReviewStatus:
    """The furthest a request got; its events may have arrived in any order."""
    if opened:
        return "opened"
    if reminded:
        return "reminded"
    if sent:
        return "sent"
    return "blocked" if blocked else "scheduled"


def open_rate(sent: int, opened: int) -> float | None:
    return round(opened / sent, 4) if sent else None
