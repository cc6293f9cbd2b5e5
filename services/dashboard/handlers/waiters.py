"""Requests waiting for the gate's verdict on a manual send, in this process."""

import asyncio
from collections import defaultdict

from services.dashboard.domain.records import SendOutcome


class OutcomeWaiters:
    """The projection resolves a waiter when it stores a verdict.

    With several replicas the verdict may be projected by another one; the
    waiting request then times out and reads the stored outcome instead.
    """

    def __init__(self) -> None:
        self._waiting: dict[str, list[asyncio.Future]] = defaultdict(list)

    def expect(self, request_id: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiting[request_id].append(future)
        return future

    def resolve(self, outcome: SendOutcome) -> None:
        for future in self._waiting.pop(outcome.request_id, []):
            if not future.done():
                future.set_result(outcome)

    async def wait(
        self, request_id: str, future: asyncio.Future, timeout: float
    ) -> SendOutcome | None:
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            waiting = self._waiting.get(request_id, [])
            if future in waiting:
                waiting.remove(future)
            if not waiting:
                self._waiting.pop(request_id, None)
