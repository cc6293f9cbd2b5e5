"""What an evaluation step expects, checked against what the concierge published.

Each step of a scripted conversation may expect things of the customer's reply
(words it contains or must not contain, its language, no reply at all), of the
owner's phone (an alert, a relay), and of the events (a handoff, a booking).
Every customer reply must also fit in two SMS segments, whatever the step says.
"""

from dataclasses import dataclass

from libs.events import AppointmentBooked, ConversationHandedOff, Message, SendSms
from services.concierge.domain import sms
from services.concierge.domain.text import fold, language_of


@dataclass(frozen=True)
class Step:
    """What one scripted message produced."""

    customer: str
    owner: str | None
    messages: list[Message]

    @property
    def texts(self) -> list[SendSms]:
        return [m for m in self.messages if isinstance(m, SendSms)]

    def to_customer(self) -> list[SendSms]:
        return [t for t in self.texts if t.to == self.customer]

    def to_owner(self) -> list[SendSms]:
        return [t for t in self.texts if self.owner and t.to == self.owner]

    def events(self, kind: type[Message]) -> list:
        return [m for m in self.messages if isinstance(m, kind)]


def failures(step: Step, expect: dict) -> list[str]:
    """Every expectation `step` does not meet, described; empty when it passes."""
    problems = []
    replies = step.to_customer()
    reply = " ".join(t.body for t in replies)
    folded = fold(reply)
    owner = fold(" ".join(t.body for t in step.to_owner()))

    for text in replies:
        if sms.segments(text.body) > sms.MAX_SEGMENTS:
            problems.append(f"reply over {sms.MAX_SEGMENTS} segments")
    if expect.get("no_reply") and replies:
        problems.append(f"expected no reply, got {reply!r}")
    if expect.get("no_reply") is False and not replies:
        problems.append("expected a reply, got none")
    for word in expect.get("reply_contains", []):
        if fold(word) not in folded:
            problems.append(f"reply lacks {word!r}: {reply!r}")
    if any_of := expect.get("reply_contains_any"):
        if not any(fold(w) in folded for w in any_of):
            problems.append(f"reply has none of {any_of}: {reply!r}")
    for word in expect.get("reply_excludes", []):
        if fold(word) in folded:
            problems.append(f"reply contains {word!r}: {reply!r}")
    if language := expect.get("language"):
        if reply and language_of(reply, "en" if language == "fr" else "fr") != language:
            problems.append(f"reply not in {language}: {reply!r}")
    for word in expect.get("owner_contains", []):
        if fold(word) not in owner:
            problems.append(f"owner's text lacks {word!r}: {owner!r}")
    if "owner_texted" in expect and bool(owner) != expect["owner_texted"]:
        problems.append(
            f"owner texted: {bool(owner)}, expected {expect['owner_texted']}"
        )
    problems += _events(step, expect)
    return problems


def _events(step: Step, expect: dict) -> list[str]:
    problems = []
    handed = bool(step.events(ConversationHandedOff))
    if "handoff" in expect and handed != expect["handoff"]:
        problems.append(f"handoff: {handed}, expected {expect['handoff']}")
    alerted = any(t.purpose == "owner_alert" for t in step.to_owner())
    if "alert" in expect and alerted != expect["alert"]:
        problems.append(f"owner alert: {alerted}, expected {expect['alert']}")
    booked = step.events(AppointmentBooked)
    if "booked" in expect and bool(booked) != expect["booked"]:
        problems.append(f"booked: {bool(booked)}, expected {expect['booked']}")
    if expect.get("rebooked") and not any(b.replaces for b in booked):
        problems.append("expected the booking to move, it did not")
    if relayed := expect.get("relayed_to_customer"):
        bodies = [
            t.body for t in step.to_customer() if t.purpose == "relay_to_customer"
        ]
        if relayed not in bodies:
            problems.append(f"owner's {relayed!r} not relayed: {bodies}")
    return problems
