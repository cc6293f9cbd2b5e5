"""Inbound texts: keywords are answered here, the rest go to the conversation."""

import logging
from datetime import timedelta

from libs.events import CustomerMessageAccepted, OptedIn, SendSms, SmsReceived
from libs.phones import mask
from libs.tenants import Language, TenantConfig
from services.compliance.domain import keywords, replies
from services.compliance.domain.keywords import Keyword
from services.compliance.handlers.consents import record_consent
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.handlers.ids import event_id
from services.compliance.handlers.opt_outs import describe, record_opt_out
from services.compliance.ports import Evidence

logger = logging.getLogger(__name__)

# A keyword answer later than this is no longer an answer. The window opens when
# compliance handles the keyword, on its own clock: the time ingress stamped may
# come from another machine's clock.
CONFIRMATION_WINDOW = timedelta(minutes=5)


class InboundTexts:
    def __init__(self, deps: Deps, dispatcher: Dispatcher) -> None:
        self._deps = deps
        self._dispatcher = dispatcher

    async def handle(self, sms: SmsReceived) -> None:
        state = await self._deps.consents.state(sms.tenant_id, sms.customer)
        keyword = keywords.classify(sms.body, opted_out=state.opted_out)
        evidence = Evidence(sms.message_sid, sms.occurred_at, sms.body)

        if keyword is None:
            await self._conversation(sms, evidence)
        elif keyword.kind == "opt_out":
            await self._opt_out(sms, keyword, evidence)
        elif keyword.kind == "opt_in":
            await self._opt_in(sms, keyword, evidence)
        else:
            await self._help(sms, keyword, evidence)
        await self._deps.threads.touch(sms.tenant_id, sms.customer, sms.occurred_at)

    async def _opt_out(
        self, sms: SmsReceived, keyword: Keyword, evidence: Evidence
    ) -> None:
        outcome = await record_opt_out(
            self._deps, sms.tenant_id, sms.customer, keyword.source, evidence
        )

        # One confirmation per episode: a second STOP gets none, and the reply's
        # id is the message that opened the episode, so a redelivery adds none.
        if outcome.started_by != sms.message_sid:
            return
        if sms.twilio_opt_out_type == "STOP":
            logger.info("Twilio confirmed the opt-out of %s", mask(sms.customer))
            return
        await self._reply(
            sms,
            "opt-out-confirmation",
            keyword.language,
            replies.opt_out_confirmation,
            confirms_opt_out=True,
        )

    async def _opt_in(
        self, sms: SmsReceived, keyword: Keyword, evidence: Evidence
    ) -> None:
        await self._deps.consents.record_opt_in(sms.tenant_id, sms.customer, evidence)
        await self._deps.publisher.publish(
            OptedIn(
                id=event_id("opted-in", f"{sms.tenant_id}-{sms.message_sid}"),
                tenant_id=sms.tenant_id,
                customer=sms.customer,
                evidence=describe(evidence),
            )
        )
        logger.info("%s opted in to %s's texts", mask(sms.customer), sms.tenant_id)

        if sms.twilio_opt_out_type == "START":
            return
        await self._reply(
            sms, "opt-in-confirmation", keyword.language, replies.opt_in_confirmation
        )

    async def _help(
        self, sms: SmsReceived, keyword: Keyword, evidence: Evidence
    ) -> None:
        # Asking for help is an inquiry: implied consent, like any other text.
        await record_consent(self._deps, sms.tenant_id, sms.customer, "text", evidence)
        if sms.twilio_opt_out_type == "HELP":
            return
        await self._reply(sms, "help-reply", keyword.language, replies.help_reply)

    async def _conversation(self, sms: SmsReceived, evidence: Evidence) -> None:
        await record_consent(self._deps, sms.tenant_id, sms.customer, "text", evidence)
        await self._deps.publisher.publish(
            CustomerMessageAccepted(
                id=event_id("conversation", sms.message_sid),
                tenant_id=sms.tenant_id,
                message_sid=sms.message_sid,
                customer=sms.customer,
                business_number=sms.business_number,
                body=sms.body,
                occurred_at=sms.occurred_at,
            )
        )

    async def _reply(
        self,
        sms: SmsReceived,
        kind: str,
        language: Language,
        compose,
        confirms_opt_out: bool = False,
    ) -> None:
        """Queue the answer to a keyword in the outbox, then try to send it now."""
        tenant: TenantConfig | None = self._deps.tenants.tenant(sms.tenant_id)
        if tenant is None:
            logger.warning("no configuration for tenant %s: no %s", sms.tenant_id, kind)
            return

        now = self._deps.clock.now()
        reply = SendSms(
            id=event_id(kind, sms.message_sid),
            tenant_id=sms.tenant_id,
            to=sms.customer,
            from_number=sms.business_number,
            body=compose(tenant, language),
            purpose="keyword_reply",
            language=language,
            in_reply_to=sms.message_sid,
            deadline=now + CONFIRMATION_WINDOW,
        )
        await self._dispatcher.admit(reply, confirms_opt_out)
