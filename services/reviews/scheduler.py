"""Periodic work of the reviews service: due reminders, Google rating samples."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


class Every:
    """Runs `work` every `seconds` until stopped; a failing turn waits for the next."""

    def __init__(
        self, name: str, seconds: float, work: Callable[[], Awaitable[object]]
    ) -> None:
        self._name = name
        self._seconds = seconds
        self._work = work
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self._name)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self._work()
            except Exception:
                # The store, the broker or Google is down: try again next turn.
                logger.exception("%s failed this turn", self._name)
            await asyncio.sleep(self._seconds)
