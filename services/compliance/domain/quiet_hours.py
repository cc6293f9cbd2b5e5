"""When a message the customer did not just ask for may reach them.

Reviews, reminders and follow-ups wait for 08:00-21:00 in the recipient's own
time zone. Florida, Oklahoma and Maryland allow 08:00-20:00 and at most three
such messages in 24 hours. A message outside the window is held, not dropped.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from libs.events import Purpose

# Purposes that answer nothing the customer just did. A manual send that
# replies to the customer's message is a conversation, not a follow-up.
UNSOLICITED_PURPOSES: set[Purpose] = {"review_request", "review_reminder", "manual"}

OPENS = time(8, 0)
CLOSES = time(21, 0)
STRICT_CLOSES = time(20, 0)
STRICT_DAILY_CAP = 3
CAP_PERIOD = timedelta(hours=24)


def is_unsolicited(purpose: Purpose, in_reply_to: str | None) -> bool:
    if purpose == "manual":
        return not in_reply_to
    return purpose in UNSOLICITED_PURPOSES


def next_allowed(
    moment: datetime,
    zone: ZoneInfo,
    strict_state: str | None = None,
    recent_sends: list[datetime] | None = None,
) -> datetime:
    """The first instant at or after `moment` when an unsolicited message may go.

    `recent_sends` are the unsolicited messages already sent to this number;
    they matter only for the strict states' daily cap.
    """
    if strict_state:
        moment = after_daily_cap(moment, recent_sends or [])
    closes = STRICT_CLOSES if strict_state else CLOSES
    return within_window(moment, zone, closes)


def after_daily_cap(moment: datetime, recent_sends: list[datetime]) -> datetime:
    """`moment`, or later: when fewer than the cap were sent in the 24 h before."""
    sends = sorted(recent_sends)
    if len(sends) < STRICT_DAILY_CAP:
        return moment

    # The cap frees up once the oldest of the last three sends is 24 h old.
    frees_at = sends[-STRICT_DAILY_CAP] + CAP_PERIOD
    return max(moment, frees_at)


def within_window(moment: datetime, zone: ZoneInfo, closes: time) -> datetime:
    """`moment` if it falls in [08:00, closes) local time, else the next 08:00."""
    local = moment.astimezone(zone)
    if OPENS <= local.time() < closes:
        return moment

    day = local.date() if local.time() < OPENS else local.date() + timedelta(days=1)
    return datetime.combine(day, OPENS, tzinfo=zone).astimezone(UTC)
