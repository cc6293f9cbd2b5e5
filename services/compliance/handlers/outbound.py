"""Send requests from every service: stored once in the outbox, then dispatched."""

from libs.events import SendSms
from libs.phones import InvalidNumber, to_e164
from services.compliance.handlers.consents import record_consent
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.ports import FINAL_STATES, Evidence


class SendRequests:
    def __init__(self, deps: Deps, dispatcher: Dispatcher) -> None:
        self._deps = deps
        self._dispatcher = dispatcher

    async def handle(self, request: SendSms) -> None:
        now = self._deps.clock.now()
        request = in_e164(request)
        given = request.consent_evidence
        if given is not None:
            await record_consent(
                self._deps,
                request.tenant_id,
                request.to,
                given.basis,
                Evidence(given.reference, given.at, given.text),
            )

        item, created = await self._deps.outbox.add(request, now)
        if not created and item.state in FINAL_STATES:
            # A redelivery of finished work: only its event may still be owed.
            if not item.announced:
                await self._dispatcher.announce(item)
            return
        await self._dispatcher.process(request.id)


def in_e164(request: SendSms) -> SendSms:
    """The request addressed in E.164, the form every record is keyed by.

    An invalid number is left as it is; the gate blocks it.
    """
    try:
        to = to_e164(request.to)
    except InvalidNumber:
        return request
    return request if to == request.to else request.model_copy(update={"to": to})
