"""Opt-outs, opt-ins and the dashboard's take-over commands: a thread changes hands."""

import logging

from libs.events import (
    OptedIn,
    OptedOut,
    ThreadGiveBackRequested,
    ThreadTakeOverRequested,
)
from libs.phones import mask
from libs.tenants import TenantConfig
from services.concierge.domain import outgoing
from services.concierge.handlers import effects
from services.concierge.handlers.deps import Deps
from services.concierge.handlers.effects import Outcome
from services.concierge.handlers.threads import give_back, hand_off
from services.concierge.ports import Conversation

logger = logging.getLogger(__name__)


class ThreadLifecycle:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def opted_out(self, event: OptedOut) -> None:
        """The agent stops for good: no reply to this customer unless they opt in."""
        tenant, conversation = await self._load(event.tenant_id, event.customer)
        if tenant is None or conversation.mode == "stopped":
            return
        async with self._deps.locks.hold(conversation.key):
            held = conversation.thread_number
            outcome = Outcome(conversation, release=held)
            if conversation.mode == "owner":
                note = (
                    f"{outgoing.label(conversation)} opted out (STOP): thread closed."
                )
                sms = outgoing.to_owner(
                    tenant,
                    conversation.business_number,
                    f"concierge-opted-out-{event.id}",
                    note,
                    "relay_to_owner",
                )
                outcome.messages += [sms] if sms else []
            conversation.mode = "stopped"
            conversation.thread_number = None
            await effects.commit(self._deps, outcome, event.id)
        logger.info("concierge stopped for %s (opted out)", mask(event.customer))

    async def opted_in(self, event: OptedIn) -> None:
        tenant, conversation = await self._load(event.tenant_id, event.customer)
        if tenant is None or conversation.mode != "stopped":
            return
        conversation.mode = "agent"
        await effects.commit(self._deps, Outcome(conversation), event.id)

    async def take_over(self, command: ThreadTakeOverRequested) -> None:
        tenant, conversation = await self._load(command.tenant_id, command.customer)
        if tenant is None or conversation.mode != "agent":
            return
        async with self._deps.locks.hold(conversation.key):
            outcome = await hand_off(
                self._deps,
                tenant,
                conversation,
                "owner_asked",
                command.id,
                lambda c: outgoing.handoff_note(c, "owner_asked", "(dashboard)"),
            )
            await effects.commit(self._deps, outcome, command.id)

    async def give_back(self, command: ThreadGiveBackRequested) -> None:
        tenant, conversation = await self._load(command.tenant_id, command.customer)
        if tenant is None or conversation.mode != "owner":
            return
        async with self._deps.locks.hold(conversation.key):
            outcome = give_back(tenant, conversation, command.id, "dashboard")
            await effects.commit(self._deps, outcome, command.id)

    async def _load(
        self, tenant_id: str, customer: str
    ) -> tuple[TenantConfig | None, Conversation]:
        tenant = self._deps.tenants.tenant(tenant_id)
        stored = await self._deps.conversations.load(tenant_id, customer)
        language = tenant.identity.default_language if tenant else "en"
        return tenant, stored or Conversation(tenant_id, customer, language)
