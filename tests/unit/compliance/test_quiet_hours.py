from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.compliance.domain.quiet_hours import (
    is_unsolicited,
    next_allowed,
)

TORONTO = ZoneInfo("America/Toronto")
VANCOUVER = ZoneInfo("America/Vancouver")
NEW_YORK = ZoneInfo("America/New_York")


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)


def test_23h_local_is_held_until_08h_the_next_morning_in_the_recipients_zone():
    moment = local(VANCOUVER, 2026, 6, 1, 23, 0)

    allowed = next_allowed(moment, VANCOUVER)

    assert allowed == local(VANCOUVER, 2026, 6, 2, 8, 0)
    assert allowed.tzinfo == UTC


def test_early_morning_waits_for_08h_the_same_day():
    moment = local(TORONTO, 2026, 6, 1, 6, 30)

    assert next_allowed(moment, TORONTO) == local(TORONTO, 2026, 6, 1, 8, 0)


@pytest.mark.parametrize("hour", [8, 12, 20])
def test_daytime_goes_now(hour):
    moment = local(TORONTO, 2026, 6, 1, hour, 59)

    assert next_allowed(moment, TORONTO) == moment


def test_the_window_is_the_recipients_not_the_servers():
    # 21:30 in Toronto is only 18:30 in Vancouver.
    moment = local(TORONTO, 2026, 6, 1, 21, 30)

    assert next_allowed(moment, VANCOUVER) == moment
    assert next_allowed(moment, TORONTO) == local(TORONTO, 2026, 6, 2, 8, 0)


def test_strict_states_close_at_20h():
    moment = local(NEW_YORK, 2026, 6, 1, 20, 15)

    assert next_allowed(moment, NEW_YORK) == moment
    assert next_allowed(moment, NEW_YORK, "FL") == local(NEW_YORK, 2026, 6, 2, 8, 0)


def test_strict_states_allow_three_messages_per_24_hours():
    moment = local(NEW_YORK, 2026, 6, 1, 12, 0)
    sends = [moment - timedelta(hours=h) for h in (3, 2, 1)]

    assert next_allowed(moment, NEW_YORK, "FL", sends[1:]) == moment
    # The fourth waits until the oldest of the three is 24 hours old.
    assert next_allowed(moment, NEW_YORK, "FL", sends) == local(
        NEW_YORK, 2026, 6, 2, 9, 0
    )


def test_a_daily_cap_that_frees_up_at_night_waits_for_the_morning():
    moment = local(NEW_YORK, 2026, 6, 1, 19, 0)
    sends = [
        local(NEW_YORK, 2026, 5, 31, 20, 30),
        local(NEW_YORK, 2026, 6, 1, 9, 0),
        local(NEW_YORK, 2026, 6, 1, 10, 0),
    ]

    assert next_allowed(moment, NEW_YORK, "MD", sends) == local(
        NEW_YORK, 2026, 6, 2, 8, 0
    )


def test_the_cap_does_not_apply_outside_strict_states():
    moment = local(TORONTO, 2026, 6, 1, 12, 0)
    sends = [moment - timedelta(hours=1)] * 5

    assert next_allowed(moment, TORONTO, None, sends) == moment


@pytest.mark.parametrize(
    ("purpose", "in_reply_to", "unsolicited"),
    [
        ("review_request", None, True),
        ("review_reminder", None, True),
        ("manual", None, True),
        ("manual", "SM1", False),
        ("textback", None, False),
        ("concierge_reply", "SM1", False),
        ("keyword_reply", "SM1", False),
        ("relay_to_customer", None, False),
        ("relay_to_owner", None, False),
        ("owner_alert", None, False),
    ],
)
def test_only_messages_the_customer_did_not_ask_for_wait(
    purpose, in_reply_to, unsolicited
):
    assert is_unsolicited(purpose, in_reply_to) is unsolicited
