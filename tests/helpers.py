"""Waiting and reading helpers for tests: poll with a deadline, never sleep blindly."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from nats.aio.client import Client
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from libs.events import Message
from libs.subjects import Names

T = TypeVar("T")
M = TypeVar("M", bound=Message)

POLL_SECONDS = 0.02


async def eventually(
    probe: Callable[[], Awaitable[T]], timeout: float = 10.0, what: str = "condition"
) -> T:
    """Call `probe` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout}s (last: {result!r})")
        await asyncio.sleep(POLL_SECONDS)


async def stored_messages(
    nc: Client, names: Names, message_type: type[M], tenant: str = "*"
) -> list[M]:
    """Every message of one type that JetStream holds, oldest first."""
    js = nc.jetstream()
    stream = (
        names.commands_stream if message_type.category == "cmd" else names.events_stream
    )
    subject = names.filter_for(message_type, tenant)

    info = await js.stream_info(stream)
    if info.state.messages == 0:
        return []
    subscription = await js.pull_subscribe(
        subject,
        stream=stream,
        config=ConsumerConfig(
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.NONE,
            inactive_threshold=5.0,
        ),
    )
    found: list[M] = []
    try:
        while True:
            try:
                batch = await subscription.fetch(100, timeout=0.2)
            except TimeoutError:
                break
            found += [message_type.model_validate_json(m.data) for m in batch]
    finally:
        await subscription.unsubscribe()
    return found


async def stays(
    probe: Callable[[], Awaitable[bool]], seconds: float, what: str = "condition"
) -> None:
    """Check that `probe` holds for `seconds`: for things that must NOT happen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not await probe():
            raise AssertionError(f"{what} stopped holding")
        await asyncio.sleep(POLL_SECONDS * 5)
