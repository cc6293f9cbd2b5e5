"""The send requests a turn produces: replies, relays and alerts, built without I/O.

Every id derives from the inbound message that caused it, so a redelivered
message republishes the same ids and JetStream and the gate's outbox keep one.
"""

from datetime import datetime, timedelta

import phonenumbers

from libs.events import ConsentEvidence, Purpose, SendSms
from libs.tenants import Language, TenantConfig
from services.concierge.ports import Conversation

# An answer later than this no longer answers anything: better none than stale.
REPLY_DEADLINE = timedelta(hours=1)

HANDOFF_WHY = {
    "customer_asked": "asked for a person",
    "owner_asked": "you took it over",
    "unsure": "the assistant is not sure",
    "emergency": "EMERGENCY",
    "quote_approval": "quote to approve",
    "daily_limit": "assistant's daily limit reached",
    "guardrail": "the assistant's answer was held back",
}


def pretty(number: str) -> str:
    """+1 416-555-0123: how the owner reads a customer's number."""
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def reply(
    conversation: Conversation,
    message_sid: str,
    received_at: datetime,
    body: str,
    now: datetime,
) -> SendSms:
    """The concierge's answer to one customer text: a direct reply."""
    return SendSms(
        id=f"concierge-reply-{message_sid}",
        tenant_id=conversation.tenant_id,
        to=conversation.customer,
        from_number=conversation.business_number,
        body=body,
        purpose="concierge_reply",
        language=conversation.language,
        in_reply_to=message_sid,
        deadline=now + REPLY_DEADLINE,
        origin_at=received_at,
        consent_evidence=ConsentEvidence(
            basis="text", reference=message_sid, at=received_at
        ),
    )


def to_owner(
    tenant: TenantConfig,
    from_number: str | None,
    request_id: str,
    body: str,
    purpose: Purpose,
) -> SendSms | None:
    """A relay or an alert to the owner's phone; None when no owner phone is set."""
    if tenant.owner_phone is None:
        return None
    return SendSms(
        id=request_id,
        tenant_id=tenant.tenant_id,
        to=tenant.owner_phone,
        from_number=from_number,
        body=body[:1600],
        purpose=purpose,
        language=tenant.identity.default_language,
    )


def relay_to_customer(conversation: Conversation, owner_sid: str, body: str) -> SendSms:
    """The owner's words, from the business number, as an answer to the customer."""
    evidence = None
    if conversation.last_customer_sid and conversation.last_customer_at:
        evidence = ConsentEvidence(
            basis="text",
            reference=conversation.last_customer_sid,
            at=conversation.last_customer_at,
        )
    return SendSms(
        id=f"concierge-relay-customer-{owner_sid}",
        tenant_id=conversation.tenant_id,
        to=conversation.customer,
        from_number=conversation.business_number,
        body=body[:1600],
        purpose="relay_to_customer",
        language=conversation.language,
        in_reply_to=conversation.last_customer_sid,
        consent_evidence=evidence,
    )


def label(conversation: Conversation) -> str:
    number = conversation.thread_number
    prefix = f"#{number} " if number is not None else ""
    return f"{prefix}{pretty(conversation.customer)}"


def handoff_note(
    conversation: Conversation, reason: str, text: str, detail: str | None = None
) -> str:
    number = conversation.thread_number
    tag = f"#{number} " if number is not None else ""
    why = HANDOFF_WHY.get(reason, reason) + (f": {detail}" if detail else "")
    return (
        f'{label(conversation)} ({why}): "{text}" '
        f'Reply "{tag}<text>" to answer them, "{tag}DONE" to hand back.'
    )


def relayed(conversation: Conversation, text: str) -> str:
    return f"{label(conversation)}: {text}"


def alert(conversation: Conversation, summary: str) -> str:
    return (
        f"URGENT {label(conversation)}: {summary} "
        f"Call them: {pretty(conversation.customer)}"
    )


def threads_list(conversations: list[Conversation], language: Language) -> str:
    if not conversations:
        if language == "fr":
            return "Aucune conversation ne vous attend."
        return "No conversation is waiting for you."
    lines = [label(c) for c in conversations]
    if language == "fr":
        return "Conversations ouvertes: " + "; ".join(lines) + '. Ex.: "#1 texte".'
    return "Open threads: " + "; ".join(lines) + '. Answer with "#1 your text".'
