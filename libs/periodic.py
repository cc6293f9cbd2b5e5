"""Background work repeated every few seconds, with a stop that always returns.

Cancelling the loop's task is not enough on Python 3.11: `asyncio.wait_for`,
which nats-py uses for every request and publish acknowledgement, can swallow
a cancellation that arrives just as the call it waits for completes (CPython
gh-86296, fixed in 3.12). A `while True` loop then goes on, and whoever awaits
the cancelled task waits forever: a service that never finishes stopping. So
the loop also checks a stop flag; a lost cancellation costs at most the rest
of the turn in progress.
"""

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
        self.name = name
        self._seconds = seconds
        self._work = work
        self._stopping = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        if self._task is None:
            return
        self._stopping.set()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._work()
            except Exception:
                # The store, the broker or a third party is down: next turn.
                logger.exception("%s failed this turn", self.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._seconds)
