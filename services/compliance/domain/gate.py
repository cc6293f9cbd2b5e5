"""The decision every outbound SMS gets: send now, hold until later, or refuse.

Pure: the caller gathers the facts (tenant, number, opt-out, consent, history)
and the time; `decide` says what to do and why. Blocks are final, holds come
back to the gate when they fall due, and a send carries the decorated body.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from libs.events import SendSms
from libs.tenants import TenantConfig
from services.compliance.domain import consent, decoration, quiet_hours

Action = Literal["send", "hold", "block", "drop"]


@dataclass(frozen=True)
class Recipient:
    """What we know about the number a message goes to."""

    e164: str
    can_receive_sms: bool
    time_zone: str | None = None
    strict_state: str | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the gate looks at for one request."""

    request: SendSms
    tenant: TenantConfig | None
    # None when the number is not a valid phone number.
    recipient: Recipient | None
    opted_out: bool = False
    opted_out_at: datetime | None = None
    # The opt-out confirmation is the one message an opted-out number may get.
    confirms_opt_out: bool = False
    consents: tuple[consent.ConsentRecord, ...] = ()
    recent_unsolicited: tuple[datetime, ...] = ()
    last_exchange_at: datetime | None = None


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    not_before: datetime | None = None
    body: str | None = None
    from_number: str | None = None
    segments: int | None = None


def decide(facts: Facts, now: datetime) -> Decision:
    request, tenant, recipient = facts.request, facts.tenant, facts.recipient

    if tenant is None:
        return Decision("block", "unknown_tenant")
    if request.deadline is not None and now >= request.deadline:
        return Decision("drop", "stale")
    if request.from_number and not tenant.number(request.from_number):
        return Decision("block", "foreign_sender_number")
    sender = sender_number(request, tenant)
    if sender is None:
        return Decision("block", "no_sender_number")
    if recipient is None:
        return Decision("block", "invalid_number")
    if not recipient.can_receive_sms:
        return Decision("block", "cannot_receive_sms")
    if facts.opted_out and not facts.confirms_opt_out:
        return Decision("block", "opted_out")

    to_owner = tenant.is_owner(recipient.e164)
    needs = consent.needs_consent(request.purpose, to_owner)
    if needs and not consent.covers(list(facts.consents), now, facts.opted_out_at):
        return Decision("block", "no_consent")

    earliest, reason = earliest_moment(facts, tenant, recipient, to_owner, now)
    if earliest > now:
        if request.deadline is not None and earliest >= request.deadline:
            return Decision("drop", "stale")
        return Decision("hold", reason, not_before=earliest)

    return send(facts, tenant, sender, to_owner, now)


def sender_number(request: SendSms, tenant: TenantConfig) -> str | None:
    """The requested number if it is the tenant's own, else the tenant's first."""
    if request.from_number:
        return request.from_number if tenant.number(request.from_number) else None
    return tenant.numbers[0].number if tenant.numbers else None


def earliest_moment(
    facts: Facts,
    tenant: TenantConfig,
    recipient: Recipient,
    to_owner: bool,
    now: datetime,
) -> tuple[datetime, str]:
    """When the message may go at the earliest, and what holds it until then."""
    request = facts.request
    moment, reason = now, "due"
    if request.not_before is not None and request.not_before > now:
        moment, reason = request.not_before, "not_before"
    if to_owner or not quiet_hours.is_unsolicited(request.purpose, request.in_reply_to):
        return moment, reason

    zone = ZoneInfo(recipient.time_zone or tenant.identity.time_zone)
    recent = list(facts.recent_unsolicited)
    allowed = quiet_hours.next_allowed(moment, zone, recipient.strict_state, recent)
    if allowed > moment:
        capped = recipient.strict_state and (
            quiet_hours.after_daily_cap(moment, recent) > moment
        )
        reason = "daily_cap" if capped else "quiet_hours"
    return allowed, reason


def send(
    facts: Facts, tenant: TenantConfig, sender: str, to_owner: bool, now: datetime
) -> Decision:
    """Send, with the compliance text the message must carry."""
    request = facts.request
    # Relays and alerts to the owner, and keyword answers, go as written.
    if to_owner or request.purpose == "keyword_reply":
        body = request.body
        return Decision(
            "send",
            "allowed",
            body=body,
            from_number=sender,
            segments=decoration.segments(body),
        )

    decorated = decoration.decorate(
        request.body,
        business_name=tenant.identity.name,
        identification=tenant.public_page_url or tenant.identity.mailing_address,
        language=request.language,
        opening=decoration.opens_thread(facts.last_exchange_at, now),
        direct_reply=bool(request.in_reply_to),
    )
    return Decision(
        "send",
        "allowed",
        body=decorated.text,
        from_number=sender,
        segments=decorated.segments,
    )
