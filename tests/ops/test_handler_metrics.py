"""Every subscriber is counted and timed under fixed labels, its signature kept."""

import inspect

import pytest
from prometheus_client import REGISTRY

from libs.events import CallMissed
from libs.metrics import instrumented
from tests.factories import missed_call


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_a_handled_message_is_counted_and_timed():
    async def on_call_missed(event: CallMissed) -> str:
        return event.call_sid

    handler = instrumented(on_call_missed, "svc-ok", "call-missed")
    labels = {"service": "svc-ok", "handler": "call-missed"}

    assert await handler(event=missed_call(sid="CA1")) == "CA1"
    assert sample("ringback_events_consumed_total", **labels) == 1
    assert sample("ringback_handler_duration_seconds_count", **labels) == 1
    assert sample("ringback_handler_errors_total", **labels) == 0


async def test_a_handler_that_raises_is_counted_as_an_error_and_still_raises():
    async def on_call_missed(event: CallMissed) -> None:
        raise RuntimeError("store down")

    handler = instrumented(on_call_missed, "svc-err", "call-missed")
    labels = {"service": "svc-err", "handler": "call-missed"}

    with pytest.raises(RuntimeError):
        await handler(event=None)
    assert sample("ringback_handler_errors_total", **labels) == 1
    assert sample("ringback_handler_duration_seconds_count", **labels) == 1


def test_the_wrapped_handler_keeps_the_signature_faststream_decodes_by():
    async def on_call_missed(event: CallMissed) -> None: ...

    handler = instrumented(on_call_missed, "svc-sig", "call-missed")

    assert inspect.signature(handler) == inspect.signature(on_call_missed)
    assert handler.__name__ == "on_call_missed"
