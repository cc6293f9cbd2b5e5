"""Sends delayed text-backs when their moment comes (tenant delay up to 120 s)."""

from libs.clock import Clock
from libs.periodic import Every
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.handlers import TextbackHandlers


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
        # A failed turn (store or broker down) leaves the records for the next.
        self._loop = Every("textback-scheduler", interval_seconds, self.run_once)

    async def start(self) -> None:
        await self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()

    async def run_once(self) -> int:
        due = await self._store.due(self._clock.now())
        for record in due:
            await self._handlers.send_due(record)
        return len(due)
