"""A customer's text: one turn of the conversation, from screening to the reply."""

import logging
import time
from zoneinfo import ZoneInfo

from libs.events import CustomerMessageAccepted, Message, OwnerAlerted
from libs.phones import mask
from libs.tenants import TenantConfig
from services.concierge import metrics
from services.concierge.brains.base import Said, Turn
from services.concierge.domain import guardrails, outgoing, screening
from services.concierge.domain.dialogue import DialogueState
from services.concierge.domain.replies import say
from services.concierge.domain.text import fold, language_of
from services.concierge.handlers import effects
from services.concierge.handlers.deps import Deps
from services.concierge.handlers.effects import Outcome
from services.concierge.handlers.threads import hand_off
from services.concierge.ports import Conversation
from services.concierge.tools import Toolbox

logger = logging.getLogger(__name__)


class CustomerTexts:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def handle(self, event: CustomerMessageAccepted) -> None:
        deps = self._deps
        tenant = deps.tenants.tenant(event.tenant_id)
        if tenant is None:
            logger.warning("no configuration for tenant %s: no reply", event.tenant_id)
            return

        sid = event.message_sid
        entry = effects.inbound(
            sid,
            tenant.tenant_id,
            event.customer,
            "customer",
            event.body,
            event.occurred_at,
        )
        fresh = await deps.conversations.add_inbound(entry)
        if not fresh and await effects.republish(deps, tenant.tenant_id, sid):
            return

        async with deps.locks.hold(f"{tenant.tenant_id}:{event.customer}"):
            started = time.perf_counter()
            conversation = await deps.conversations.load(
                tenant.tenant_id, event.customer
            ) or Conversation(
                tenant.tenant_id, event.customer, tenant.identity.default_language
            )
            outcome = await Turning(deps, tenant, conversation, event).run()
            await effects.commit(deps, outcome, sid)
            metrics.TURN_DURATION.labels(deps.brain.name).observe(
                time.perf_counter() - started
            )


class Turning:
    """One turn: what code decides first, then the brain, then the guardrails."""

    def __init__(
        self,
        deps: Deps,
        tenant: TenantConfig,
        conversation: Conversation,
        event: CustomerMessageAccepted,
    ) -> None:
        self.deps = deps
        self.tenant = tenant
        self.conversation = conversation
        self.event = event
        self.now = deps.clock.now()

    async def run(self) -> Outcome:
        conversation, event = self.conversation, self.event
        conversation.business_number = event.business_number
        if conversation.mode == "stopped":
            metrics.TURNS.labels("stopped").inc()
            return Outcome(conversation)

        conversation.language = language_of(event.body, conversation.language)
        conversation.last_customer_sid = event.message_sid
        conversation.last_customer_at = event.occurred_at
        local = self.now.astimezone(ZoneInfo(self.tenant.identity.time_zone))
        emergency = screening.is_emergency(
            event.body, local, self.tenant.knowledge.emergency_keywords
        )
        if conversation.mode == "owner":
            metrics.TURNS.labels("relayed").inc()
            return self._relay(urgent=emergency)
        if emergency:
            metrics.TURNS.labels("emergency").inc()
            return await self._emergency()
        if screening.asks_for_person(event.body):
            metrics.TURNS.labels("handoff").inc()
            return await self._handoff("customer_asked", say("handoff", self._lang))
        if screening.is_complaint(event.body):
            metrics.TURNS.labels("handoff").inc()
            return await self._handoff("unsure", say("handoff", self._lang))

        usage = await self.deps.usage.count_turn(
            self.tenant.tenant_id, local.date().isoformat()
        )
        limits = self.deps.limits
        if usage.turns > limits.turns or usage.spend_usd >= limits.spend_usd:
            metrics.TURNS.labels("over_limit").inc()
            return await self._handoff("daily_limit", say("handoff", self._lang))
        return await self._agent(local.date().isoformat())

    @property
    def _lang(self):
        return self.conversation.language

    async def _agent(self, day: str) -> Outcome:
        deps, conversation = self.deps, self.conversation
        index = deps.indexes.for_tenant(self.tenant)
        tools = Toolbox(
            self.tenant,
            conversation.customer,
            index,
            deps.calendar,
            self.now,
            self._lang,
            self.event.message_sid,
        )
        turn = Turn(
            self.tenant,
            index,
            self.event.body,
            self._lang,
            self.now,
            DialogueState.from_dict(conversation.state),
            await self._history(),
        )
        if screening.looks_like_injection(self.event.body):
            metrics.INJECTION_ATTEMPTS.inc()
            logger.info(
                "instructions in a text from %s ignored", mask(conversation.customer)
            )

        reply = await deps.brain.reply(turn, tools)
        if reply.spend_usd:
            await deps.usage.add_spend(self.tenant.tenant_id, day, reply.spend_usd)
            metrics.MODEL_TOKENS.labels("input").inc(reply.input_tokens)
            metrics.MODEL_TOKENS.labels("output").inc(reply.output_tokens)
        conversation.state = reply.state.to_dict()
        return await self._conclude(reply.text, tools)

    async def _conclude(self, text: str | None, tools: Toolbox) -> Outcome:
        reason = tools.handoff
        if text is not None:
            verdict = guardrails.check(text, self._lang, tools.index.facts)
            for rule in verdict.broken:
                metrics.GUARDRAIL_BLOCKS.labels(rule).inc()
            if verdict.passed:
                text = verdict.text
            else:
                logger.warning("reply held back (%s)", ", ".join(verdict.broken))
                text, reason = None, "guardrail"
        alerts = self._alerts(tools)
        if reason is None and text is None:
            reason = "unsure"
        if reason is None:
            metrics.TURNS.labels("answered").inc()
            return Outcome(
                self.conversation, tools.events + alerts + [self._reply(text)]
            )

        metrics.TURNS.labels("handoff").inc()
        detail = next((s for kind, s in tools.alerts if kind == "quote_approval"), None)
        outcome = await self._handoff(
            reason, text or say("handoff", self._lang), detail
        )
        outcome.messages[:0] = tools.events + alerts
        return outcome

    def _alerts(self, tools: Toolbox) -> list[Message]:
        messages: list[Message] = []
        sid = self.event.message_sid
        for number, (kind, summary) in enumerate(tools.alerts):
            messages.append(
                self._alerted(f"owner-alerted-{sid}-{number}", kind, summary)
            )
            if kind == "agent":
                body = outgoing.alert(self.conversation, summary)
                sms = outgoing.to_owner(
                    self.tenant,
                    self.conversation.business_number,
                    f"concierge-alert-{sid}-{number}",
                    body,
                    "owner_alert",
                )
                messages += [sms] if sms else []
        return messages

    async def _emergency(self) -> Outcome:
        body = self.event.body
        gas = "gas" in fold(body) or "gaz" in fold(body)
        reply = say("gas" if gas else "emergency", self._lang)
        outcome = await hand_off(
            self.deps,
            self.tenant,
            self.conversation,
            "emergency",
            self.event.message_sid,
            lambda conversation: outgoing.alert(conversation, f'"{body}"'),
            purpose="owner_alert",
        )
        alerted = self._alerted(
            f"owner-alerted-{self.event.message_sid}", "emergency", body
        )
        outcome.messages += [alerted, self._reply(reply)]
        return outcome

    async def _handoff(
        self, reason: str, reply: str, detail: str | None = None
    ) -> Outcome:
        body = self.event.body
        outcome = await hand_off(
            self.deps,
            self.tenant,
            self.conversation,
            reason,
            self.event.message_sid,
            lambda conversation: outgoing.handoff_note(
                conversation, reason, body, detail
            ),
        )
        outcome.messages.append(self._reply(reply))
        return outcome

    def _relay(self, urgent: bool) -> Outcome:
        conversation = self.conversation
        body = self.event.body
        text = outgoing.alert(conversation, f'"{body}"') if urgent else None
        sms = outgoing.to_owner(
            self.tenant,
            conversation.business_number,
            f"concierge-relay-owner-{self.event.message_sid}",
            text or outgoing.relayed(conversation, body),
            "owner_alert" if urgent else "relay_to_owner",
        )
        return Outcome(conversation, [sms] if sms else [])

    def _reply(self, text: str):
        return outgoing.reply(
            self.conversation,
            self.event.message_sid,
            self.event.occurred_at,
            text,
            self.now,
        )

    def _alerted(self, event_id: str, reason: str, summary: str) -> OwnerAlerted:
        return OwnerAlerted(
            id=event_id,
            tenant_id=self.tenant.tenant_id,
            customer=self.conversation.customer,
            reason=reason,
            summary=summary[:500],
        )

    async def _history(self) -> list[Said]:
        if not self.deps.brain.reads_history:
            return []
        conversation = self.conversation
        entries = await self.deps.conversations.transcript(
            conversation.tenant_id, conversation.customer, self.deps.limits.history + 1
        )
        earlier = [
            e
            for e in entries
            if e.id != f"{conversation.tenant_id}:{self.event.message_sid}"
        ]
        return [Said(e.author, e.body) for e in earlier if e.author != "system"]
