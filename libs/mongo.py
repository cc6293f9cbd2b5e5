"""MongoDB access through motor: one client per process, one database per service."""

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase
from prometheus_client import Counter, Histogram
from pymongo import monitoring

from libs.metrics import LATENCY_BUCKETS
from libs.settings import ServiceSettings

# Fail fast when the store is down, so a handler naks and JetStream redelivers
# instead of blocking a worker for the driver's default 30 s.
SERVER_SELECTION_TIMEOUT_MS = 2000

STORE_COMMANDS = Counter(
    "ringback_store_commands_total",
    "MongoDB commands sent, by command and outcome.",
    ["command", "outcome"],
)
STORE_COMMAND_DURATION = Histogram(
    "ringback_store_command_duration_seconds",
    "Time from sending a MongoDB command to its reply.",
    ["command"],
    buckets=LATENCY_BUCKETS,
)
# Commands the driver sends on its own; counting them would only add noise.
_HOUSEKEEPING = {"hello", "ismaster", "isMaster", "ping", "endSessions", "buildInfo"}


class CommandMetrics(monitoring.CommandListener):
    """Counts and times every command: where to look first when a service is slow."""

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        pass

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._observe(event, "ok")

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._observe(event, "error")

    def _observe(self, event, outcome: str) -> None:
        if event.command_name in _HOUSEKEEPING:
            return
        STORE_COMMANDS.labels(event.command_name, outcome).inc()
        STORE_COMMAND_DURATION.labels(event.command_name).observe(
            event.duration_micros / 1e6
        )


def connect(settings: ServiceSettings) -> AsyncIOMotorClient:
    return AsyncIOMotorClient(
        settings.mongodb_url,
        tz_aware=True,
        serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
        connectTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
        appname=settings.service_name,
        event_listeners=[CommandMetrics()],
    )


def database(
    client: AsyncIOMotorClient, settings: ServiceSettings
) -> AsyncIOMotorDatabase:
    """The service's own database: no service reads another service's collections."""
    return client[f"{settings.mongodb_database}_{settings.service_name}"]
