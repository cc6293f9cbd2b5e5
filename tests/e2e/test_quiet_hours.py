"""Messages the customer did not ask for wait for 08:00 in the customer's zone.

This module moves the stack's clock, so it runs on a stack of its own.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from libs.events import SmsBlocked
from tests.e2e.conftest import events_of, publish, texts_to
from tests.e2e.test_opt_out import review_request
from tests.factories import BUSINESS_NUMBER
from tests.helpers import eventually, stays

TORONTO = ZoneInfo("America/Toronto")


def offset_to(local_hour: int, local_minute: int = 0, days_ahead: int = 0) -> float:
    """Seconds to add to the real clock so that Toronto reads the given time."""
    now = datetime.now(TORONTO)
    target = (now + timedelta(days=days_ahead)).replace(
        hour=local_hour, minute=local_minute, second=0, microsecond=0
    )
    return (target - now).total_seconds()


async def test_a_review_request_at_23_00_waits_until_08_00(stack, sandbox, caller):
    stack.set_clock_offset(offset_to(23))
    try:
        await publish(stack, review_request(caller, f"review-{caller}"))

        async def nothing_sent():
            return await texts_to(sandbox, caller) == []

        await stays(nothing_sent, 2.0, what="quiet hours")

        stack.set_clock_offset(offset_to(8, 0, days_ahead=1) + 5)

        async def sent():
            return await texts_to(sandbox, caller)

        texts = await eventually(sent, 15, what="the review request at 08:00")
    finally:
        stack.set_clock_offset(0)

    assert "review" in texts[0]["body"]


async def test_a_stop_blocks_a_message_already_waiting_for_morning(
    stack, sandbox, phone, caller
):
    stack.set_clock_offset(offset_to(23))
    try:
        await publish(stack, review_request(caller, f"review-{caller}"))
        await phone.text(caller, BUSINESS_NUMBER, "STOP")

        async def confirmation():
            return await texts_to(sandbox, caller)

        await eventually(confirmation, 15, what="the opt-out confirmation")
        stack.set_clock_offset(offset_to(8, 0, days_ahead=1) + 5)

        async def review_blocked():
            events = await events_of(stack, SmsBlocked)
            return [
                e for e in events if e.to == caller and e.purpose == "review_request"
            ]

        blocked = await eventually(review_blocked, 15, what="the held review blocked")
    finally:
        stack.set_clock_offset(0)

    assert len(await texts_to(sandbox, caller)) == 1
    assert blocked[0].reason == "opted_out"
