"""Sends delayed text-backs when their moment comes (tenant delay up to 120 s)."""

import asyncio
import contextlib
import logging

from libs.clock import Clock
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.handlers import TextbackHandlers

logger = logging.getLogger(__name__)


class DueTextScheduler:
    def __init__(
        self,
        store: MissedCallStore,
        handlers: TextbackHandlers,
        clock: Clock,
        interval_seconds: float,
    ) -> None:
        self._store = store
        self._handlers = handlers
        self._clock = clock
        self._interval = interval_seconds
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="textback-scheduler")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def run_once(self) -> int:
        due = await self._store.due(self._clock.now())
        for record in due:
            await self._handlers.send_due(record)
        return len(due)

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                # The store or the broker is down; the records wait for the next turn.
                logger.exception("delayed text-backs could not be sent this turn")
            await asyncio.sleep(self._interval)
