"""Storing a turn's outcome, then publishing what it produced, once in effect."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from libs.events import (
    ALL_MESSAGES,
    AppointmentBooked,
    AppointmentCancelled,
    Message,
    SendSms,
)
from libs.phones import mask
from services.concierge import metrics
from services.concierge.handlers.deps import Deps
from services.concierge.ports import Conversation, Entry

logger = logging.getLogger(__name__)

_TYPES = {message_type.__name__: message_type for message_type in ALL_MESSAGES}


class ConcurrentTurn(RuntimeError):
    """Another turn changed the conversation first; JetStream redelivers this one."""


@dataclass
class Outcome:
    conversation: Conversation
    messages: list[Message] = field(default_factory=list)
    # A thread number to free once the conversation no longer holds it.
    release: int | None = None


def inbound(entry_id: str, tenant_id: str, customer: str, author, body, at) -> Entry:
    return Entry(
        id=f"{tenant_id}:{entry_id}",
        tenant_id=tenant_id,
        customer=customer,
        at=at,
        author=author,
        body=body,
    )


async def republish(deps: Deps, tenant_id: str, trigger: str) -> bool:
    """Publish again what an earlier delivery of `trigger` stored; False if nothing."""
    stored = await deps.conversations.effects_of(tenant_id, trigger)
    for payload in stored:
        name, _, data = payload.partition(" ")
        await deps.publisher.publish(_TYPES[name].model_validate_json(data))
    return bool(stored)


async def commit(deps: Deps, outcome: Outcome, trigger: str) -> None:
    """Save the conversation, store each effect as an entry, then publish them."""
    conversation = outcome.conversation
    if not await deps.conversations.save(conversation):
        raise ConcurrentTurn(conversation.key)
    if outcome.release is not None:
        await deps.threads.release(
            conversation.tenant_id, outcome.release, conversation.customer
        )

    # Known gap: a crash between the save above and storing the effects below
    # leaves a turn whose state moved on but whose reply was never stored; the
    # redelivery runs the turn again against the new state and may answer
    # differently (a confirmation asked twice, say). Rare, and the customer
    # still gets an answer; writing state and effects as one document would
    # close it, at the cost of a bigger conversation document.
    now = deps.clock.now()
    entries = [outgoing_entry(m, conversation, trigger, now) for m in outcome.messages]
    if entries:
        await deps.conversations.add_outgoing(entries)
    for message in outcome.messages:
        await deps.publisher.publish(message)
        if isinstance(message, AppointmentBooked | AppointmentCancelled):
            metrics.BOOKINGS.labels(message.kind.rsplit(".", 1)[-1]).inc()
        if isinstance(message, SendSms):
            logger.info(
                "%s requested for %s (%s)",
                message.purpose,
                mask(message.to),
                message.id,
            )


def outgoing_entry(
    message: Message, conversation: Conversation, trigger: str, now: datetime
) -> Entry:
    authors = {"relay_to_customer": "owner", "concierge_reply": "agent"}
    if isinstance(message, SendSms):
        # Texts to the owner's phone are kept, but are not part of what the
        # customer and the business said to each other.
        author, body = authors.get(message.purpose, "system"), message.body
    else:
        author, body = "system", message.kind
    return Entry(
        id=f"{conversation.tenant_id}:{message.id}",
        tenant_id=conversation.tenant_id,
        customer=conversation.customer,
        at=now,
        author=author,
        body=body,
        answers=trigger,
        payload=f"{type(message).__name__} {message.model_dump_json()}",
    )
