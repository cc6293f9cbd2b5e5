"""The FastStream subscribers of the dashboard: events in, read-model writes out."""

import logging
from collections.abc import Awaitable, Callable

from libs.events import (
    AppointmentBooked,
    AppointmentCancelled,
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
from libs.review_events import RatingSampled, ReviewLinkOpened, ReviewRequested
from libs.runtime import Runtime
from services.dashboard.handlers.follow_ups import FollowUpProjector
from services.dashboard.handlers.projections import Projector
from services.dashboard.metrics import PROJECTED

logger = logging.getLogger(__name__)

# The read models are not on anyone's critical path: few workers per kind keep
# the dashboard from competing with the services that text customers.
WORKERS = 4


Fold = Callable[..., Awaitable[None]]


def subscribe(
    runtime: Runtime, projector: Projector, follow_ups: FollowUpProjector
) -> None:
    folds: dict[type[Message], Fold] = {
        CallMissed: projector.call_missed,
        VoicemailRecorded: projector.voicemail,
        # One consumer per kind: a send feeds both read models from one delivery.
        SmsSent: _both(projector.sms_sent, follow_ups.sms_sent),
        SmsBlocked: _both(projector.sms_blocked, follow_ups.sms_blocked),
        CustomerMessageAccepted: projector.customer_message,
        ConsentRecorded: projector.consent_recorded,
        OptedOut: projector.opted_out,
        OptedIn: projector.opted_in,
        JobCompleted: projector.job_completed,
        AppointmentBooked: follow_ups.booked,
        AppointmentCancelled: follow_ups.cancelled,
        ReviewRequested: follow_ups.review_requested,
        ReviewLinkOpened: follow_ups.review_link_opened,
        RatingSampled: follow_ups.rating_sampled,
    }
    for message_type, fold in folds.items():
        _subscribe_one(runtime, message_type, fold)


def _both(first: Fold, second: Fold) -> Fold:
    async def fold(event: Message) -> None:
        # Both writes are idempotent, so a redelivery after the first is harmless.
        await first(event)
        await second(event)

    return fold


def _subscribe_one(
    runtime: Runtime,
    message_type: type[Message],
    fold: Fold,
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
