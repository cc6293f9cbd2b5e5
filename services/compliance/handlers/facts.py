"""Gathering what the gate needs to know about one request."""

import asyncio
import logging
from datetime import datetime

from libs import phones
from libs.tenants import TenantConfig
from services.compliance.domain import gate, quiet_hours
from services.compliance.domain.consent import ConsentRecord
from services.compliance.handlers.deps import Deps
from services.compliance.ports import NumberRecord, OutboxItem

logger = logging.getLogger(__name__)

# Lookup line types a carrier will not deliver an SMS to.
NO_SMS_LINE_TYPES = {"landline", "pager", "voicemail", "premium", "sharedCost", "uan"}


async def gather(
    deps: Deps, item: OutboxItem, tenant: TenantConfig | None, now: datetime
) -> gate.Facts:
    """The facts of `item`; raises SendFailure when Lookup cannot answer."""
    request = item.request
    if tenant is None:
        return gate.Facts(request=request, tenant=None, recipient=None)

    tenant_id, to = request.tenant_id, request.to
    # Independent reads: one round trip's time instead of five.
    recipient, state, consents, last_exchange, recent = await asyncio.gather(
        recipient_of(deps, to, now),
        deps.consents.state(tenant_id, to),
        deps.consents.consents(tenant_id, to),
        deps.threads.last_exchange(tenant_id, to),
        recent_unsolicited(deps, item, now),
    )
    return gate.Facts(
        request=request,
        tenant=tenant,
        recipient=recipient,
        opted_out=state.opted_out,
        opted_out_at=state.since,
        confirms_opt_out=item.confirms_opt_out,
        consents=tuple(consents) + carried_consent(request),
        recent_unsolicited=tuple(recent),
        last_exchange_at=last_exchange,
    )


def carried_consent(request) -> tuple[ConsentRecord, ...]:
    """The consent the request carries, already written to the ledger.

    Counting it here does not depend on reading our own write back, which a
    store may not show at once (seen on a fresh nx-27017 collection).
    """
    given = request.consent_evidence
    return (ConsentRecord(given.basis, given.at),) if given else ()


async def recent_unsolicited(
    deps: Deps, item: OutboxItem, now: datetime
) -> list[datetime]:
    """Unsolicited texts sent in the last 24 h, when a strict state's cap applies."""
    request = item.request
    known = phones.facts(request.to)
    if not (known and known.strict_state):
        return []
    if not quiet_hours.is_unsolicited(request.purpose, request.in_reply_to):
        return []
    since = now - quiet_hours.CAP_PERIOD
    return await deps.outbox.unsolicited_sent(request.tenant_id, request.to, since)


async def recipient_of(deps: Deps, raw: str, now: datetime) -> gate.Recipient | None:
    """What we know of a number: the numbering plan, Lookup, and carrier errors."""
    known = phones.facts(raw)
    if known is None:
        return None
    if not known.can_receive_sms:
        return gate.Recipient(known.e164, can_receive_sms=False)

    record = await number_record(deps, known.e164, now)
    if record is not None and not record.valid:
        return None
    return gate.Recipient(
        e164=known.e164,
        can_receive_sms=record is None or can_receive(record),
        time_zone=known.time_zone,
        strict_state=known.strict_state,
    )


async def number_record(deps: Deps, e164: str, now: datetime) -> NumberRecord | None:
    record = await deps.numbers.get(e164)
    if record is not None or not deps.lookup_enabled:
        return record

    # A number seen for the first time: ask Lookup once and remember the answer.
    record = await deps.sms.lookup(e164)
    await deps.numbers.save_lookup(record, now)
    logger.info("looked up %s: %s", phones.mask(e164), record.line_type)
    return record


def can_receive(record: NumberRecord) -> bool:
    return record.unreachable_code is None and record.line_type not in NO_SMS_LINE_TYPES
