"""What CASL and the carriers require a text to carry, added to the sender's body.

A message that opens or reopens a thread names the business and identifies it
fully (the tenant's public page, else its mailing address); the first message of
a thread and every message that is not a direct reply tells how to opt out.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from libs.sms_segments import segments
from libs.tenants import Language

OPT_OUT_LINES: dict[Language, str] = {
    "en": "Reply STOP to opt out.",
    "fr": "Répondez ARRET pour vous désabonner.",
}
# A thread that has been silent this long is reopened by the next message.
THREAD_IDLE = timedelta(hours=24)
SEGMENT_BUDGET = 2


@dataclass(frozen=True)
class Decorated:
    text: str
    segments: int

    @property
    def over_budget(self) -> bool:
        return self.segments > SEGMENT_BUDGET


def opens_thread(last_exchange_at: datetime | None, now: datetime) -> bool:
    """True when no message went either way in the last 24 hours."""
    return last_exchange_at is None or now - last_exchange_at >= THREAD_IDLE


def decorate(
    body: str,
    *,
    business_name: str,
    identification: str,
    language: Language,
    opening: bool,
    direct_reply: bool,
) -> Decorated:
    """`body` with the name, identification and opt-out line it must carry."""
    text = body.strip()
    folded = text.casefold()

    if opening and business_name.casefold() not in folded:
        text = f"{business_name}: {text}"
    if opening and identification and identification.casefold() not in folded:
        text = f"{text} {identification}"
    opt_out = OPT_OUT_LINES[language]
    if (opening or not direct_reply) and opt_out.casefold() not in folded:
        text = f"{text} {opt_out}"

    return Decorated(text=text, segments=segments(text))
