"""Brings waiting sends back to the gate when they fall due.

Held (quiet hours, not_before), retrying (Twilio failures) and abandoned
"sending" requests all wait in the outbox with the moment they are due. Every
replica polls; the atomic claim makes sure only one of them takes each request.
Finished requests whose event was never published get it published here.
"""

import asyncio
import logging
from datetime import timedelta

from libs.clock import Clock
from libs.periodic import Every
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.ports import Outbox

logger = logging.getLogger(__name__)

BATCH = 50
PARALLEL_SENDS = 16
# The handler that finished a request publishes its event at once; only after
# this long is it presumed to have failed to.
ANNOUNCE_GRACE = timedelta(seconds=5)


class OutboxScheduler:
    def __init__(
        self, outbox: Outbox, dispatcher: Dispatcher, clock: Clock, interval: float
    ) -> None:
        self._outbox = outbox
        self._dispatcher = dispatcher
        self._clock = clock
        self._slots = asyncio.Semaphore(PARALLEL_SENDS)
        # A turn that cannot read the outbox leaves every request for the next.
        self._loop = Every("compliance-scheduler", interval, self.run_once)

    async def start(self) -> None:
        await self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()

    async def run_once(self) -> int:
        """Process every request due now; how many there were."""
        now = self._clock.now()
        due = self._dispatcher.stalled() + await self._outbox.due(now, BATCH)
        await asyncio.gather(*(self._process(request_id) for request_id in due))

        for item in await self._outbox.unannounced(now - ANNOUNCE_GRACE, BATCH):
            await self._dispatcher.announce(item)
        return len(due)

    async def _process(self, request_id: str) -> None:
        async with self._slots:
            try:
                await self._dispatcher.process(request_id)
            except Exception:
                # The store or Twilio is down: the request stays due for a later turn.
                logger.exception("send request %s could not be processed", request_id)
