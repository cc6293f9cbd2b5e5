"""The owner's texts to their business number: relays to customers and commands."""

import logging

from libs.events import OwnerSmsReceived
from libs.tenants import TenantConfig
from services.concierge import metrics
from services.concierge.domain import outgoing
from services.concierge.domain.owner_commands import GiveBack, ListThreads, parse
from services.concierge.handlers import effects
from services.concierge.handlers.deps import Deps
from services.concierge.handlers.effects import Outcome
from services.concierge.handlers.threads import give_back, owner_answer
from services.concierge.ports import Conversation

logger = logging.getLogger(__name__)

OWNER = "owner"
BACK_WITH_ASSISTANT = {
    "en": "{label} is back with the assistant.",
    "fr": "{label} est de retour avec l'assistant.",
}


class OwnerTexts:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def handle(self, event: OwnerSmsReceived) -> None:
        deps = self._deps
        tenant = deps.tenants.tenant(event.tenant_id)
        if tenant is None:
            return

        sid = event.message_sid
        entry = effects.inbound(
            sid, tenant.tenant_id, OWNER, "owner", event.body, event.occurred_at
        )
        fresh = await deps.conversations.add_inbound(entry)
        if not fresh and await effects.republish(deps, tenant.tenant_id, sid):
            return

        command = parse(event.body)
        held = await deps.conversations.with_owner(tenant.tenant_id)
        target = (
            None if isinstance(command, ListThreads) else pick(held, command.thread)
        )
        if target is None or (not isinstance(command, GiveBack) and not command.text):
            await self._list(tenant, event, held)
            return

        async with deps.locks.hold(target.key):
            if isinstance(command, GiveBack):
                outcome = self._give_back(tenant, target, event)
            else:
                outcome = self._relay(target, event, command.text)
            await effects.commit(deps, outcome, sid)

    def _give_back(
        self, tenant: TenantConfig, conversation: Conversation, event: OwnerSmsReceived
    ) -> Outcome:
        label = outgoing.label(conversation)
        outcome = give_back(tenant, conversation, event.message_sid, "owner_sms")
        language = tenant.identity.default_language
        note = BACK_WITH_ASSISTANT[language].format(label=label)
        answer = owner_answer(tenant, event.business_number, event.message_sid, note)
        outcome.messages += [answer] if answer else []
        logger.info("thread %s given back to the assistant", label.split(" ")[0])
        return outcome

    def _relay(
        self, conversation: Conversation, event: OwnerSmsReceived, text: str
    ) -> Outcome:
        metrics.RELAYS.labels("to_customer").inc()
        sms = outgoing.relay_to_customer(conversation, event.message_sid, text)
        return Outcome(conversation, [sms])

    async def _list(
        self, tenant: TenantConfig, event: OwnerSmsReceived, held: list[Conversation]
    ) -> None:
        body = outgoing.threads_list(held, tenant.identity.default_language)
        answer = owner_answer(tenant, event.business_number, event.message_sid, body)
        if answer is None:
            return
        holder = Conversation(tenant.tenant_id, OWNER, tenant.identity.default_language)
        entry = effects.outgoing_entry(
            answer, holder, event.message_sid, self._deps.clock.now()
        )
        await self._deps.conversations.add_outgoing([entry])
        await self._deps.publisher.publish(answer)


def pick(held: list[Conversation], number: int | None) -> Conversation | None:
    """The thread the owner means: the numbered one, or the only one open."""
    if number is not None:
        return next((c for c in held if c.thread_number == number), None)
    return held[0] if len(held) == 1 else None
