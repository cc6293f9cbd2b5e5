"""Send requests from every service: stored once in the outbox, then dispatched."""

from libs.events import SendSms
from libs.phones import InvalidNumber, to_e164
from services.compliance.handlers.consents import record_consent
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.ports import Evidence


class SendRequests:
    def __init__(self, deps: Deps, dispatcher: Dispatcher) -> None:
        self._deps = deps
        self._dispatcher = dispatcher

    async def handle(self, request: SendSms) -> None:
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

        await self._dispatcher.admit(request)


def in_e164(request: SendSms) -> SendSms:
    """The request addressed in E.164, the form every record is keyed by.

    An invalid number is left as it is; the gate blocks it.
    """
    try:
        to = to_e164(request.to)
    except InvalidNumber:
        return request
    return request if to == request.to else request.model_copy(update={"to": to})
