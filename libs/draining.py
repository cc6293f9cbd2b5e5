"""Graceful shutdown of pull subscribers: stop fetching, then finish what was fetched.

FastStream's own stop marks a subscriber as not running and then drops every
message it had fetched but not yet handed to the handler (a pull batch, or a
message waiting for a free worker) without acknowledging it: JetStream then
redelivers those only after the consumer's ack wait, half a minute later. So
before FastStream stops, `drain` holds every subscriber's fetch loop (it keeps
looping but asks NATS for nothing) and waits until the messages it holds are
handled; FastStream's stop then has nothing left to drop.

This reaches into FastStream's subscriber internals (`subscription`, the
worker `limiter` and its in-memory queue), as of FastStream 0.7. The
end-to-end test of a SIGTERM under load fails if they change.
"""

import asyncio
import logging
import time
from typing import Any

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.02


class _HeldFetch:
    """Stands in for a pull subscription's `fetch`: returns nothing, slowly."""

    def __init__(self) -> None:
        # Set when the fetch loop comes back for more: the batch it had has
        # been handed to the handlers (or queued for them) by then.
        self.reached = asyncio.Event()

    async def __call__(self, batch: int = 1, timeout: float | None = 5, **_: Any):
        self.reached.set()
        await asyncio.sleep(min(timeout or 1.0, 1.0))
        return []


def _hold(subscriber: Any) -> _HeldFetch | None:
    subscription = getattr(subscriber, "subscription", None)
    if subscription is None or not hasattr(subscription, "fetch"):
        return None
    held = _HeldFetch()
    subscription.fetch = held
    return held


def _idle(subscriber: Any) -> bool:
    """Nothing fetched is waiting for, or inside, this subscriber's handler."""
    lock = getattr(subscriber, "lock", None)
    if lock is not None and getattr(lock, "qsize", 0):
        return False
    limiter = getattr(subscriber, "limiter", None)
    if limiter is not None and limiter.value < subscriber.max_workers:
        return False
    queue = getattr(subscriber, "receive_stream", None)
    if queue is not None:
        stats = queue.statistics()
        if stats.current_buffer_used or stats.tasks_waiting_send:
            return False
    return True


async def drain(subscribers: list[Any], timeout: float) -> bool:
    """Stop fetching and wait until fetched messages are handled; False on timeout."""
    deadline = time.monotonic() + timeout
    held = [fetch for fetch in map(_hold, subscribers) if fetch is not None]
    for fetch in held:
        remaining = max(0.0, deadline - time.monotonic())
        try:
            await asyncio.wait_for(fetch.reached.wait(), remaining)
        except TimeoutError:
            logger.warning("a fetch loop did not come back within %.1fs", timeout)
            return False

    # Two idle looks in a row: a message leaving the queue is briefly in
    # neither the queue nor a worker.
    settled = 0
    while settled < 2:
        if time.monotonic() > deadline:
            logger.warning("messages still in hand after %.1fs", timeout)
            return False
        settled = settled + 1 if all(map(_idle, subscribers)) else 0
        await asyncio.sleep(POLL_SECONDS)
    return True
