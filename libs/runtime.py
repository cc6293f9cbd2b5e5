"""What every event-driven service shares at run time, wired once at start-up.

A service builds a `Runtime`, registers its subscribers on `runtime.broker`,
and calls `serve`: the broker consumes, and a small HTTP server answers
`/healthz`, `/readyz` and `/metrics`.
"""

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import uvicorn
import uvloop
from fastapi import FastAPI, Response
from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker, PullSub
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase
from nats.js.api import ConsumerConfig

from libs import mongo
from libs.bus import Publisher, ensure_streams
from libs.consumer_lag import ConsumerLagProbe, Durable
from libs.directory import TenantDirectory, open_bucket
from libs.draining import drain, install
from libs.events import Message
from libs.metrics import instrumented, metrics_router
from libs.settings import ServiceSettings
from libs.subjects import Names

logger = logging.getLogger(__name__)

# A handler that has not acknowledged within this time is presumed dead and
# its message goes to another replica.
ACK_WAIT_SECONDS = 30

# How long a stopping service waits for the messages it holds to be handled.
GRACEFUL_SECONDS = 10


@dataclass
class Runtime:
    settings: ServiceSettings
    names: Names = field(init=False)
    broker: NatsBroker = field(init=False)
    publisher: Publisher = field(init=False)
    directory: TenantDirectory = field(default_factory=TenantDirectory)
    mongo_client: AsyncIOMotorClient | None = None
    db: AsyncIOMotorDatabase | None = None
    on_start: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    on_stop: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    lag: ConsumerLagProbe = field(init=False)

    def __post_init__(self) -> None:
        self.names = Names(self.settings.namespace)
        self.broker = NatsBroker(
            self.settings.nats_url,
            name=self.settings.service_name,
            max_reconnect_attempts=-1,
            graceful_timeout=GRACEFUL_SECONDS,
            logger=logging.getLogger(f"faststream.{self.settings.service_name}"),
            # "Received" and "Processed" for every message: the handlers log
            # the effects that matter, so these stay at DEBUG.
            log_level=logging.DEBUG,
        )
        self.publisher = Publisher(
            self.broker, self.names, service=self.settings.service_name
        )
        self.lag = ConsumerLagProbe(self.settings.service_name)

    def use_mongo(self) -> AsyncIOMotorDatabase:
        self.mongo_client = mongo.connect(self.settings)
        self.db = mongo.database(self.mongo_client, self.settings)
        return self.db

    def durable_stream(self, message_type: type[Message]) -> JStream:
        stream = (
            self.names.commands_stream
            if message_type.category == "cmd"
            else self.names.events_stream
        )
        return JStream(stream, declare=False)

    def subscriber(self, message_type: type[Message], purpose: str, workers: int = 16):
        """A durable, shared, at-least-once subscription to one kind of message.

        Replicas of a service share the durable consumer; a handler that raises
        naks its message, which JetStream redelivers. Each handler is counted
        and timed, and its consumer's lag is reported (libs.metrics).
        """
        stream = self.durable_stream(message_type)
        durable = self.names.durable(self.settings.service_name, purpose)
        self.lag.durables.append(Durable(stream.name, durable, purpose))
        register = self.broker.subscriber(
            self.names.filter_for(message_type),
            stream=stream,
            durable=durable,
            # One message per pull request. With larger batches nats-py raises
            # asyncio's TimeoutError (not its own) when the wait runs out midway,
            # FastStream's fetch loop then drops the messages it had gathered,
            # and they sit unacknowledged for the whole ack wait. The workers
            # still handle `workers` messages at once.
            pull_sub=PullSub(batch_size=1, timeout=1.0),
            config=ConsumerConfig(ack_wait=ACK_WAIT_SECONDS, max_ack_pending=1000),
            ack_policy=AckPolicy.NACK_ON_ERROR,
            max_workers=workers,
        )

        def decorate(handler):
            service = self.settings.service_name
            return register(instrumented(handler, service, purpose))

        return decorate

    async def start(self) -> None:
        await self.broker.connect()
        await ensure_streams(self.broker, self.names, self.settings.stream_replicas)
        bucket = await open_bucket(
            self.broker.connection, self.names, self.settings.stream_replicas
        )
        await self.directory.start(bucket)
        for hook in self.on_start:
            await hook()
        await self.broker.start()
        install(list(self.broker.subscribers))
        await self.lag.start(self.broker.connection)
        logger.info(
            "%s consuming from %s", self.settings.service_name, self.settings.nats_url
        )

    async def stop(self) -> None:
        # Stop taking messages first, and let every message already fetched
        # be handled: dropped unacknowledged, it would wait out the ack wait.
        await self.lag.stop()
        if self.broker.running:
            await drain(list(self.broker.subscribers), GRACEFUL_SECONDS)
        await self.broker.stop()
        for hook in self.on_stop:
            await hook()
        await self.directory.stop()
        if self.mongo_client:
            self.mongo_client.close()

    async def ready(self) -> bool:
        if not self.broker.connection or not self.broker.connection.is_connected:
            return False
        if self.mongo_client is not None:
            try:
                await self.mongo_client.admin.command("ping")
            except Exception:
                return False
        return True


def health_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(title=f"ringback {runtime.settings.service_name}", docs_url=None)
    app.include_router(metrics_router())

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(response: Response) -> dict:
        ok = await runtime.ready()
        response.status_code = 200 if ok else 503
        return {"status": "ready" if ok else "not ready"}

    return app


def run_forever(main: Awaitable[None]) -> None:
    """Run a service's main coroutine on uvloop, the faster event loop."""
    uvloop.run(main)


async def serve(
    runtime: Runtime, http_port: int, extra_app: FastAPI | None = None
) -> None:
    """Run the service until SIGTERM or SIGINT, then shut down gracefully."""
    app = extra_app or health_app(runtime)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="0.0.0.0", port=http_port, log_config=None, lifespan="off"
        )
    )
    server.install_signal_handlers = lambda: None

    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)

    await runtime.start()
    http = asyncio.create_task(server.serve())
    await stopping.wait()

    logger.info("%s stopping", runtime.settings.service_name)
    server.should_exit = True
    await runtime.stop()
    await http
