"""The ingress HTTP app, built from what it is given so tests can pass their own."""

from collections.abc import Awaitable, Callable
from typing import Protocol

from fastapi import FastAPI, Response

from libs.metrics import metrics_router
from services.ingress.config import Settings
from services.ingress.pipeline import Directory, Publisher, WebhookPipeline
from services.ingress.routes import crm, sms, voice


class LoadedDirectory(Directory, Protocol):
    @property
    def loaded(self) -> bool: ...


def create_app(
    settings: Settings,
    publisher: Publisher,
    directory: LoadedDirectory,
    ready: Callable[[], Awaitable[bool]] | None = None,
) -> FastAPI:
    """Twilio's webhooks, /healthz, /readyz and /metrics.

    Ready means the tenant directory is loaded and, when `ready` is given (the
    runtime's broker check), that it answers True.
    """
    app = FastAPI(title=f"ringback {settings.service_name}", docs_url=None)
    app.state.pipeline = WebhookPipeline(settings, publisher, directory)
    app.include_router(voice.router)
    app.include_router(sms.router)
    # Jobber and Housecall Pro: the directory also answers tenant() by id.
    app.state.crm = crm.CrmWebhooks(settings, publisher, directory)
    app.include_router(crm.router)
    app.include_router(metrics_router())

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(response: Response) -> dict:
        ok = directory.loaded and (ready is None or await ready())
        response.status_code = 200 if ok else 503
        return {"status": "ready" if ok else "not ready"}

    return app
