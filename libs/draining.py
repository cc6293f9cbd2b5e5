"""Graceful shutdown of pull subscribers: stop fetching, then finish what was fetched.

FastStream's own stop marks a subscriber as not running and then drops every
message it had fetched but not yet handed to the handler (a pull batch, or a
message waiting for a free worker) without acknowledging it: JetStream then
redelivers those only after the consumer's ack wait, half a minute later. So
before FastStream stops, `drain` holds every subscriber's fetch loop (it keeps
looping but asks NATS for nothing) and waits until the messages it holds are
handled; FastStream's stop then has nothing left to drop. A pull request
NATS still holds open can deliver a few more messages after that; once it has
expired, those are nak'ed, so JetStream redelivers them at once.

This reaches into FastStream's subscriber internals (`subscription`, the
worker `limiter` and its in-memory queue) and nats-py's pending queue, as of
FastStream 0.7 and nats-py 2.16. The end-to-end test of a SIGTERM under load
fails if they change.
"""

import asyncio
import logging
import time
from typing import Any

from nats.js import JetStreamContext

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.02
# How long a pull request lives on the server when the subscriber sets none.
DEFAULT_PULL_SECONDS = 1.0


class GatedFetch:
    """Stands in for a pull subscription's `fetch`; once held, it fetches nothing."""

    def __init__(self, fetch: Any) -> None:
        self._fetch = fetch
        self.held = False
        # When the last real fetch began: its pull request expires a pull
        # timeout later, and may deliver until then.
        self.started_at = time.monotonic()
        # Set when the fetch loop comes back while held: the batch it had has
        # been handed to the handlers (or queued for them) by then.
        self.reached = asyncio.Event()

    async def __call__(self, batch: int = 1, timeout: float | None = 5, **kwargs: Any):
        if self.held:
            self.reached.set()
            await asyncio.sleep(min(timeout or 1.0, 1.0))
            return []
        self.started_at = time.monotonic()
        return await self._fetch(batch=batch, timeout=timeout, **kwargs)


def install(subscribers: list[Any]) -> None:
    """Put a gate on each started pull subscriber's fetch (once it is subscribed)."""
    for subscriber in subscribers:
        _gate(subscriber)


def _gate(subscriber: Any) -> GatedFetch | None:
    subscription = getattr(subscriber, "subscription", None)
    if subscription is None or not hasattr(subscription, "fetch"):
        return None
    if not isinstance(subscription.fetch, GatedFetch):
        subscription.fetch = GatedFetch(subscription.fetch)
    return subscription.fetch


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


async def _nak_late_deliveries(subscriber: Any, gate: GatedFetch) -> int:
    """Nak what a still-open pull request delivered after the last fetch."""
    pull_seconds = getattr(
        getattr(subscriber, "pull_sub", None), "timeout", DEFAULT_PULL_SECONDS
    )
    expired_at = gate.started_at + pull_seconds + 0.1
    await asyncio.sleep(max(0.0, expired_at - time.monotonic()))

    queue = subscriber.subscription._sub._pending_queue
    naked = 0
    while not queue.empty():
        message = queue.get_nowait()
        queue.task_done()
        if JetStreamContext.is_status_msg(message):
            continue
        await message.nak()
        naked += 1

    # nats-py's fetch takes late deliveries off this queue without marking
    # them done, and closing the connection waits for the queue to be done:
    # up to its drain timeout (30 s) for messages long since handled.
    while queue._unfinished_tasks:
        queue.task_done()
    return naked


async def drain(subscribers: list[Any], timeout: float) -> bool:
    """Stop fetching and wait until fetched messages are handled; False on timeout."""
    gates = {}
    for subscriber in subscribers:
        gate = _gate(subscriber)
        if gate is not None:
            gate.held = True
            gates[gate] = subscriber
    handled = await _handled(gates, subscribers, timeout)

    naked = await asyncio.gather(
        *(_nak_late_deliveries(sub, gate) for gate, sub in gates.items())
    )
    if sum(naked):
        logger.info("nak'ed %d messages delivered during shutdown", sum(naked))
    return handled


async def _handled(gates: dict, subscribers: list[Any], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    for gate in gates:
        remaining = max(0.0, deadline - time.monotonic())
        try:
            await asyncio.wait_for(gate.reached.wait(), remaining)
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
