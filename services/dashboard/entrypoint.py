"""The FastStream subscribers of the dashboard: events in, read-model writes out."""

import logging
from collections.abc import Awaitable, Callable

from libs.events import (
    CallMissed,
    ConsentRecorded,
    CustomerMessageAccepted,
    JobCompleted,
    Message,
    OptedIn,
    OptedOut,
    SmsBlocked,
    SmsSent,
    VoicemailRecorded,
)
from libs.runtime import Runtime
from services.dashboard.handlers.projections import Projector
from services.dashboard.metrics import PROJECTED

logger = logging.getLogger(__name__)

# The read models are not on anyone's critical path: few workers per kind keep
# the dashboard from competing with the services that text customers.
WORKERS = 4


def subscribe(runtime: Runtime, projector: Projector) -> None:
    folds: dict[type[Message], Callable[..., Awaitable[None]]] = {
        CallMissed: projector.call_missed,
        VoicemailRecorded: projector.voicemail,
        SmsSent: projector.sms_sent,
        SmsBlocked: projector.sms_blocked,
        CustomerMessageAccepted: projector.customer_message,
        ConsentRecorded: projector.consent_recorded,
        OptedOut: projector.opted_out,
        OptedIn: projector.opted_in,
        JobCompleted: projector.job_completed,
    }
    for message_type, fold in folds.items():
        _subscribe_one(runtime, message_type, fold)


def _subscribe_one(
    runtime: Runtime,
    message_type: type[Message],
    fold: Callable[..., Awaitable[None]],
) -> None:
    purpose = message_type.kind.replace(".", "-")

    # A handler that raises naks its message and JetStream redelivers it.
    @runtime.subscriber(message_type, purpose, workers=WORKERS)
    async def project(event: message_type) -> None:  # type: ignore[valid-type]
        try:
            await fold(event)
        except Exception:
            logger.exception("%s %s not projected", message_type.kind, event.id)
            raise
        PROJECTED.labels(message_type.kind).inc()
