"""The JetStream side of every service: streams, publishing with de-duplication."""

import logging

from faststream.nats import NatsBroker
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

from libs.events import Message
from libs.metrics import MESSAGES_PUBLISHED
from libs.subjects import DUPLICATE_WINDOW_SECONDS, Names

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 2.0


class PublishFailed(RuntimeError):
    """JetStream did not confirm that it stored the message."""


def stream_configs(names: Names, replicas: int = 1) -> list[StreamConfig]:
    """The two streams of one namespace: facts that happened, and requests to act."""
    return [
        StreamConfig(
            name=stream,
            subjects=[names.stream_subjects(category)],
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            discard=DiscardPolicy.OLD,
            max_age=30 * 24 * 60 * 60,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
            num_replicas=replicas,
        )
        for stream, category in (
            (names.events_stream, "evt"),
            (names.commands_stream, "cmd"),
        )
    ]


async def ensure_streams(broker: NatsBroker, names: Names, replicas: int = 1) -> None:
    """Create the streams, or bring an existing one to the current definition."""
    js = broker.connection.jetstream()
    for config in stream_configs(names, replicas):
        try:
            await js.add_stream(config)
        except BadRequestError:
            await js.update_stream(config)


class Publisher:
    """Publishes events and commands; JetStream drops a repeated `id`."""

    def __init__(
        self, broker: NatsBroker, names: Names, service: str = "ringback"
    ) -> None:
        self._broker = broker
        self._names = names
        self._service = service
        self._js: JetStreamContext | None = None

    async def publish(self, message: Message) -> bool:
        """Store `message` in its stream; True if new, False if a duplicate."""
        subject = self._names.subject_of(message)
        try:
            # nats-py directly: on the webhook path FastStream's publish wrapper
            # costs more CPU than the publish itself, and adds nothing we use.
            ack = await self._jetstream().publish(
                subject,
                message.model_dump_json().encode(),
                timeout=PUBLISH_TIMEOUT_SECONDS,
                stream=self._stream_for(message),
                headers={"Nats-Msg-Id": message.id, "content-type": "application/json"},
            )
        except Exception as error:
            MESSAGES_PUBLISHED.labels(self._service, message.kind, "failed").inc()
            raise PublishFailed(f"{subject}: {error!r}") from error

        outcome = "duplicate" if ack.duplicate else "stored"
        MESSAGES_PUBLISHED.labels(self._service, message.kind, outcome).inc()
        return not ack.duplicate

    def _jetstream(self) -> JetStreamContext:
        # The client object survives reconnects, so one context serves for good.
        if self._js is None:
            self._js = self._broker.connection.jetstream()
        return self._js

    def _stream_for(self, message: Message) -> str:
        if message.category == "cmd":
            return self._names.commands_stream
        return self._names.events_stream
