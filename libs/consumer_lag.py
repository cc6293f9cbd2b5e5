"""How far each durable consumer of a service lags behind its stream, as gauges.

KEDA scales on the same two figures (pending and unacknowledged messages), so
the dashboards show what the autoscaler sees.
"""

import logging
from dataclasses import dataclass, field

from nats.aio.client import Client

from libs.metrics import CONSUMER_ACK_PENDING, CONSUMER_PENDING
from libs.periodic import Every

logger = logging.getLogger(__name__)

# One consumer-info request per durable per interval: cheap for NATS, and
# Prometheus scrapes no more often than this anyway.
POLL_SECONDS = 5.0


@dataclass(frozen=True)
class Durable:
    """One durable consumer a service reads from."""

    stream: str
    name: str
    handler: str


@dataclass
class ConsumerLagProbe:
    """Polls JetStream for the lag of `durables` and sets the gauges."""

    service: str
    durables: list[Durable] = field(default_factory=list)
    interval: float = POLL_SECONDS
    _loop: Every | None = None

    async def poll_once(self, connection: Client) -> None:
        """Read every durable's consumer info once; a failed read skips that one."""
        js = connection.jetstream()
        for durable in self.durables:
            try:
                info = await js.consumer_info(durable.stream, durable.name, timeout=2)
            except Exception as error:
                # NATS down or restarting: the gauges keep their last value and
                # the scrape's `up` and the broker's own alerts tell the story.
                logger.debug("no consumer info for %s: %r", durable.name, error)
                continue
            labels = (self.service, durable.handler, durable.name)
            CONSUMER_PENDING.labels(*labels).set(info.num_pending or 0)
            CONSUMER_ACK_PENDING.labels(*labels).set(info.num_ack_pending or 0)

    async def start(self, connection: Client) -> None:
        if self.durables and self._loop is None:
            self._loop = Every(
                f"{self.service}-consumer-lag",
                self.interval,
                lambda: self.poll_once(connection),
            )
            await self._loop.start()

    async def stop(self) -> None:
        if self._loop is not None:
            await self._loop.stop()
            self._loop = None
