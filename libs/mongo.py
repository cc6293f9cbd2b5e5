"""MongoDB access through motor: one client per process, one database per service."""

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase

from libs.settings import ServiceSettings

# Fail fast when the store is down, so a handler naks and JetStream redelivers
# instead of blocking a worker for the driver's default 30 s.
SERVER_SELECTION_TIMEOUT_MS = 2000


def connect(settings: ServiceSettings) -> AsyncIOMotorClient:
    return AsyncIOMotorClient(
        settings.mongodb_url,
        tz_aware=True,
        serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
        connectTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
        appname=settings.service_name,
    )


def database(
    client: AsyncIOMotorClient, settings: ServiceSettings
) -> AsyncIOMotorDatabase:
    """The service's own database: no service reads another service's collections."""
    return client[f"{settings.mongodb_database}_{settings.service_name}"]
