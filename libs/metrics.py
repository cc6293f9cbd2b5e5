"""Prometheus helpers: histogram buckets and the /metrics endpoint every service serves.

Labels stay few and fixed: never a phone number, a tenant or a message id.
"""

import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

T = TypeVar("T")

# Seconds, from a millisecond webhook up to the two-minute text-back delay.
LATENCY_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
    120.0,
    300.0,
)


def metrics_router(registry: CollectorRegistry = REGISTRY) -> APIRouter:
    router = APIRouter()

    @router.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router


# What every event-driven service reports about its own plumbing. `service` and
# `handler` (the subscriber's purpose, e.g. "call-missed") are fixed per
# deployment; `durable` is the JetStream consumer the handler shares with its
# replicas, named from the two.
HANDLER_DURATION = Histogram(
    "ringback_handler_duration_seconds",
    "Time one subscriber took to handle one message, whatever the outcome.",
    ["service", "handler"],
    buckets=LATENCY_BUCKETS,
)
HANDLER_ERRORS = Counter(
    "ringback_handler_errors_total",
    "Messages whose handler raised; each one is nak'ed and redelivered.",
    ["service", "handler"],
)
EVENTS_CONSUMED = Counter(
    "ringback_events_consumed_total",
    "Messages (events and commands) handed to a subscriber.",
    ["service", "handler"],
)
MESSAGES_PUBLISHED = Counter(
    "ringback_messages_published_total",
    "Events and commands offered to JetStream, by kind and what JetStream did.",
    ["service", "kind", "outcome"],
)
CONSUMER_PENDING = Gauge(
    "ringback_consumer_pending_messages",
    "Messages in the stream that the durable consumer has not delivered yet.",
    ["service", "handler", "durable"],
)
CONSUMER_ACK_PENDING = Gauge(
    "ringback_consumer_ack_pending_messages",
    "Messages delivered to the durable consumer and not acknowledged yet.",
    ["service", "handler", "durable"],
)


def instrumented(
    handler: Callable[..., Awaitable[T]], service: str, purpose: str
) -> Callable[..., Awaitable[T]]:
    """`handler`, counted and timed under fixed labels; its signature is kept.

    FastStream reads the wrapped function's signature to decode the payload,
    which `functools.wraps` preserves.
    """
    duration = HANDLER_DURATION.labels(service, purpose)
    errors = HANDLER_ERRORS.labels(service, purpose)
    consumed = EVENTS_CONSUMED.labels(service, purpose)

    @functools.wraps(handler)
    async def counted(*args: Any, **kwargs: Any) -> T:
        consumed.inc()
        started = time.perf_counter()
        try:
            return await handler(*args, **kwargs)
        except Exception:
            errors.inc()
            raise
        finally:
            duration.observe(time.perf_counter() - started)

    return counted
