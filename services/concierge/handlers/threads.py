"""Moving a thread between the agent and the owner, and back."""

from collections.abc import Callable

from libs.events import ConversationHandedOff, ConversationReturned, SendSms
from libs.tenants import TenantConfig
from services.concierge import metrics
from services.concierge.domain import outgoing
from services.concierge.domain.dialogue import DialogueState
from services.concierge.handlers.deps import Deps
from services.concierge.handlers.effects import Outcome
from services.concierge.ports import Conversation


async def hand_off(
    deps: Deps,
    tenant: TenantConfig,
    conversation: Conversation,
    reason: str,
    trigger: str,
    note: Callable[[Conversation], str],
    purpose: str = "relay_to_owner",
) -> Outcome:
    """Owner mode: the owner gets `note`, written once the thread has its number."""
    if tenant.owner_phone is not None:
        number = await deps.threads.take(tenant.tenant_id, conversation.customer)
        conversation.thread_number = number
    conversation.mode = "owner"
    conversation.handoff_reason = reason
    metrics.HANDOFFS.labels(reason).inc()

    messages = [
        ConversationHandedOff(
            id=f"handed-off-{trigger}",
            tenant_id=tenant.tenant_id,
            customer=conversation.customer,
            reason=reason,
            thread_number=conversation.thread_number,
        )
    ]
    to_owner = outgoing.to_owner(
        tenant,
        conversation.business_number,
        f"concierge-owner-{trigger}",
        note(conversation),
        purpose,
    )
    return Outcome(conversation, messages + ([to_owner] if to_owner else []))


def give_back(
    tenant: TenantConfig, conversation: Conversation, trigger: str, by: str
) -> Outcome:
    """Agent mode again, with a fresh dialogue; the number is freed after the save."""
    number = conversation.thread_number
    conversation.mode = "agent"
    conversation.thread_number = None
    conversation.handoff_reason = None
    dialogue = DialogueState.from_dict(conversation.state)
    dialogue.reset()
    conversation.state = dialogue.to_dict()
    returned = ConversationReturned(
        id=f"returned-{trigger}",
        tenant_id=tenant.tenant_id,
        customer=conversation.customer,
        by=by,
    )
    return Outcome(conversation, [returned], release=number)


def owner_answer(
    tenant: TenantConfig, from_number: str, trigger: str, body: str
) -> SendSms | None:
    return outgoing.to_owner(
        tenant, from_number, f"concierge-owner-answer-{trigger}", body, "relay_to_owner"
    )
