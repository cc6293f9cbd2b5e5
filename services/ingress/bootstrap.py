"""Wires ingress to the broker and the tenant directory, and serves it."""

from fastapi import FastAPI

from libs.runtime import Runtime, serve
from services.ingress.app import create_app
from services.ingress.config import Settings


def build(settings: Settings) -> tuple[Runtime, FastAPI]:
    """A runtime without MongoDB (ingress stores nothing) and the app over it."""
    runtime = Runtime(settings)
    app = create_app(
        settings, runtime.publisher, runtime.directory, ready=runtime.ready
    )
    return runtime, app


async def run(settings: Settings) -> None:
    runtime, app = build(settings)
    # serve() starts the runtime (broker, streams, directory) before it opens
    # the HTTP port, so no webhook arrives before the directory is loaded.
    await serve(runtime, settings.http_port, extra_app=app)
