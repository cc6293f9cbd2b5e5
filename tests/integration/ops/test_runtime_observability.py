"""What every service reports about its plumbing, and how it stops, on real NATS."""

import asyncio

import nats
from prometheus_client import REGISTRY

from libs.events import CallMissed
from libs.runtime import Runtime
from tests.factories import missed_call
from tests.helpers import eventually


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def gated_runtime(settings_for, service: str, workers: int = 16):
    """A runtime whose one handler waits for `gate` before it returns."""
    runtime = Runtime(settings_for(service_name=service))
    gate, handled = asyncio.Event(), []

    @runtime.subscriber(CallMissed, "call-missed", workers=workers)
    async def on_call_missed(event: CallMissed) -> None:
        await gate.wait()
        handled.append(event.call_sid)

    return runtime, gate, handled


async def test_handled_messages_are_counted_and_the_consumer_lag_reported(
    settings_for, namespace
):
    service = f"lag-{namespace}"
    runtime, gate, handled = gated_runtime(settings_for, service)
    labels = {"service": service, "handler": "call-missed"}
    lag = {**labels, "durable": runtime.names.durable(service, "call-missed")}
    await runtime.start()
    try:
        for _ in range(5):
            await runtime.publisher.publish(missed_call())

        # Held by the gate, all five are delivered and unacknowledged.
        async def five_in_hand():
            await runtime.lag.poll_once(runtime.broker.connection)
            return sample("ringback_consumer_ack_pending_messages", **lag) == 5

        await eventually(five_in_hand, what="five messages awaiting their ack")
        gate.set()

        async def drained():
            await runtime.lag.poll_once(runtime.broker.connection)
            pending = sample("ringback_consumer_pending_messages", **lag)
            return (
                pending + sample("ringback_consumer_ack_pending_messages", **lag) == 0
            )

        await eventually(drained, what="no lag once handled")
    finally:
        await runtime.stop()

    assert len(handled) == 5
    assert sample("ringback_events_consumed_total", **labels) == 5
    assert sample("ringback_handler_duration_seconds_count", **labels) == 5


async def test_publishing_counts_stored_and_duplicate_messages(settings_for, namespace):
    service = f"pub-{namespace}"
    runtime = Runtime(settings_for(service_name=service))
    await runtime.start()
    try:
        event = missed_call()
        await runtime.publisher.publish(event)
        await runtime.publisher.publish(event)
    finally:
        await runtime.stop()

    for outcome in ("stored", "duplicate"):
        labels = {"service": service, "kind": "call.missed", "outcome": outcome}
        assert sample("ringback_messages_published_total", **labels) == 1


async def test_a_stopping_service_handles_what_it_fetched_and_holds_nothing_back(
    settings_for, nats_server, namespace
):
    # Four workers and a pull batch of four: with twenty messages waiting, some
    # are in a handler, some fetched and queued for one, the rest in the stream.
    runtime, gate, handled = gated_runtime(settings_for, f"stop-{namespace}", 4)
    durable = runtime.names.durable(runtime.settings.service_name, "call-missed")
    await runtime.start()
    for _ in range(20):
        await runtime.publisher.publish(missed_call())

    async def four_in_hand():
        return (
            sample(
                "ringback_events_consumed_total",
                service=runtime.settings.service_name,
                handler="call-missed",
            )
            == 4
        )

    await eventually(four_in_hand, what="four handlers busy")
    stopping = asyncio.create_task(runtime.stop())
    subscription = runtime.broker.subscribers[0].subscription

    async def fetching_held():
        return subscription.fetch.held

    await eventually(fetching_held, what="the drain to hold fetching")
    gate.set()
    await stopping

    connection = await nats.connect(nats_server.url)
    try:
        info = await connection.jetstream().consumer_info(
            runtime.names.events_stream, durable
        )
    finally:
        await connection.close()
    assert info.num_ack_pending == 0
    assert len(handled) + info.num_pending == 20
    assert len(handled) >= 4
