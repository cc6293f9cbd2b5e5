"""When to try Twilio again after a failure that may pass (429, 5xx, network)."""

from datetime import datetime, timedelta

FIRST_DELAY = timedelta(seconds=0.5)
MAX_DELAY = timedelta(seconds=30)
# A request without a deadline is given up this long after it arrived.
GIVE_UP_AFTER = timedelta(hours=1)


def delay(attempts: int) -> timedelta:
    """0.5 s after the first failure, doubling, never more than 30 s."""
    exponent = max(attempts - 1, 0)
    if exponent > 16:
        return MAX_DELAY
    return min(FIRST_DELAY * 2**exponent, MAX_DELAY)


def next_attempt(
    now: datetime, attempts: int, deadline: datetime | None, give_up_at: datetime
) -> datetime | None:
    """The moment of the next try, or None when there is no time left for one.

    A request with a deadline is retried until the deadline; one without is
    given up at `give_up_at`.
    """
    at = now + delay(attempts)
    return at if at < (deadline or give_up_at) else None
