"""The dashboard's HTTP app, built from what it is given so tests can pass fakes."""

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from nats.errors import Error as NatsError
from pymongo.errors import PyMongoError

from libs.bus import PublishFailed
from libs.metrics import metrics_router
from services.dashboard import metrics
from services.dashboard.body_limit import BodyLimit
from services.dashboard.config import Settings
from services.dashboard.deps import Dashboard
from services.dashboard.handlers.errors import DashboardError
from services.dashboard.routes import actions, activity, admin, public, settings

logger = logging.getLogger(__name__)

DESCRIPTION = (
    "Configure a Ringback tenant, see what Ringback did for it, and act on its "
    "threads. Tenant routes take the tenant's key, provisioning the operator's."
)
# Failures of the broker or the store: the request may simply be repeated.
UNAVAILABLE_ERRORS = (PublishFailed, PyMongoError, NatsError, TimeoutError)


def create_app(
    config: Settings,
    dashboard: Dashboard,
    ready: Callable[[], Awaitable[bool]] | None = None,
) -> FastAPI:
    app = FastAPI(
        title="Ringback dashboard API",
        version="1",
        description=DESCRIPTION,
        redoc_url=None,
    )
    app.state.dashboard = dashboard
    for router in (admin, settings, activity, actions, public):
        app.include_router(router.router)
    app.include_router(metrics_router())
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)

    @app.exception_handler(DashboardError)
    async def refused(request: Request, error: DashboardError) -> JSONResponse:
        return JSONResponse({"detail": error.detail}, status_code=error.status_code)

    async def unavailable(request: Request, error: Exception) -> JSONResponse:
        metrics.UNAVAILABLE.inc()
        # The route's template, not its path: a path may hold a customer's number.
        route = getattr(request.scope.get("route"), "path", "?")
        logger.warning("%s %s: %s", request.method, route, type(error).__name__)
        return JSONResponse(
            {"detail": "the broker or the store did not answer; try again"},
            status_code=503,
            headers={"Retry-After": "1"},
        )

    for error_type in UNAVAILABLE_ERRORS:
        app.add_exception_handler(error_type, unavailable)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(response: Response) -> dict:
        ok = ready is None or await ready()
        response.status_code = 200 if ok else 503
        return {"status": "ready" if ok else "not ready"}

    return app
