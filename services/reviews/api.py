"""The reviews HTTP app: tracked links, statistics, health and metrics."""

import hmac
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Path, Query, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse

from libs.clock import Clock
from libs.metrics import metrics_router
from services.reviews.config import Settings
from services.reviews.handlers import ReviewRequests
from services.reviews.stats import ReviewStats

logger = logging.getLogger(__name__)

# Messaging apps fetch a link to draw its preview before anyone taps it; such
# fetches must not count as the customer opening it. A heuristic on the agent:
# an unknown previewer counts as an open, which errs towards one reminder fewer.
PREVIEW_AGENTS = (
    "bot",
    "preview",
    "facebookexternalhit",
    "whatsapp",
    "slack",
    "telegram",
    "skype",
    "discord",
)
DEFAULT_STATS_DAYS = 365

Token = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{16,64}$")]
TenantId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


def create_app(
    settings: Settings,
    requests: ReviewRequests,
    stats: ReviewStats,
    clock: Clock,
    ready: Callable[[], Awaitable[bool]] | None = None,
) -> FastAPI:
    app = FastAPI(title=f"ringback {settings.service_name}", docs_url=None)
    app.include_router(metrics_router())
    expected_token = (
        settings.stats_token.get_secret_value() if settings.stats_token else None
    )

    @app.api_route("/r/{token}", methods=["GET", "HEAD"], response_model=None)
    async def review_link(
        token: Token, request: Request
    ) -> RedirectResponse | PlainTextResponse:
        """A customer's tracked review link: count the open, go to the Google page."""
        agent = request.headers.get("user-agent", "").lower()
        count = request.method == "GET" and not any(p in agent for p in PREVIEW_AGENTS)
        try:
            target = await requests.open_link(token, count=count)
        except Exception:
            logger.exception("review link could not be resolved")
            return PlainTextResponse("Please try again in a moment.", status_code=503)
        if target is None:
            return PlainTextResponse("This link is not valid.", status_code=404)
        return RedirectResponse(
            target,
            status_code=302,
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    @app.get("/tenants/{tenant_id}/reviews/stats")
    async def tenant_stats(
        tenant_id: TenantId,
        since: Annotated[datetime | None, Query()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict:
        """Requests sent and opened, reviews gained, rating by week and month."""
        if expected_token is not None and not hmac.compare_digest(
            (authorization or "").encode(), f"Bearer {expected_token}".encode()
        ):
            raise HTTPException(401, "a valid bearer token is required")
        since = since or clock.now() - timedelta(days=DEFAULT_STATS_DAYS)
        if since.tzinfo is None:
            raise HTTPException(422, "since must carry a time zone")

        found = await stats.for_tenant(tenant_id, since)
        if found is None:
            raise HTTPException(404, "unknown tenant")
        return found

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(response: Response) -> dict:
        ok = ready is None or await ready()
        response.status_code = 200 if ok else 503
        return {"status": "ready" if ok else "not ready"}

    return app
