"""Jobber and Housecall Pro webhooks: a completed job in, `JobCompleted` out.

Every request goes through the same checks, and publishes nothing unless all
pass: size (413) -> tenant (404) -> signature (403) -> payload (422) -> publish
(503, the vendor retries). What each vendor signs and which fields we read is
written down in `services.ingress.crm`.
"""

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Protocol

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse

from libs.bus import PublishFailed
from libs.events import JobCompleted
from libs.phones import mask
from libs.tenants import TenantConfig
from services.ingress import crm
from services.ingress.config import Settings
from services.ingress.metrics import EVENTS_PUBLISHED, WEBHOOK_DURATION, WEBHOOKS
from services.ingress.pipeline import Publisher, Rejected, read_body

logger = logging.getLogger(__name__)

JOBBER = "/crm/jobber"
HOUSECALLPRO = "/crm/housecallpro"

TenantId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


class Tenants(Protocol):
    def tenant(self, tenant_id: str) -> TenantConfig | None: ...


class CrmWebhooks:
    def __init__(
        self, settings: Settings, publisher: Publisher, tenants: Tenants
    ) -> None:
        self._settings = settings
        self._publisher = publisher
        self._tenants = tenants

    async def jobber(self, request: Request, tenant_id: str) -> Response:
        def signed(secret: str, body: bytes) -> bool:
            signature = request.headers.get("x-jobber-hmac-sha256")
            return crm.jobber_signed(secret, body, signature)

        return await self._handle(
            request, JOBBER, tenant_id, signed, crm.jobber_completion
        )

    async def housecallpro(self, request: Request, tenant_id: str) -> Response:
        def signed(secret: str, body: bytes) -> bool:
            return crm.housecallpro_signed(
                secret,
                body,
                request.headers.get("api-signature"),
                request.headers.get("api-timestamp"),
                datetime.now(UTC),
            )

        return await self._handle(
            request, HOUSECALLPRO, tenant_id, signed, crm.housecallpro_completion
        )

    async def _handle(
        self,
        request: Request,
        route: str,
        tenant_id: str,
        signed: Callable[[str, bytes], bool],
        completion: Callable[[bytes, str], JobCompleted | None],
    ) -> Response:
        started = time.perf_counter()
        try:
            response = await self._accept(request, route, tenant_id, signed, completion)
            outcome = "accepted"
        except Rejected as rejection:
            logger.warning("%s refused with %d: %s", route, rejection.status, rejection)
            response, outcome = rejection.response(), rejection.outcome
        except Exception:
            logger.exception("%s failed", route)
            response = JSONResponse({"detail": "internal error"}, status_code=500)
            outcome = "error"

        WEBHOOKS.labels(route, outcome).inc()
        WEBHOOK_DURATION.labels(route).observe(time.perf_counter() - started)
        return response

    async def _accept(self, request, route, tenant_id, signed, completion) -> Response:
        body = await read_body(request, self._settings.max_body_bytes)
        if self._tenants.tenant(tenant_id) is None:
            raise Rejected(404, "unknown_tenant", "no such tenant")

        vendor = route.rsplit("/", 1)[1]
        secret = self._settings.crm_secret(tenant_id, vendor)
        if secret is None:
            logger.error("no %s signing secret configured for %s", vendor, tenant_id)
            raise Rejected(403, "forbidden", "no signing secret for this tenant")
        if not signed(secret, body):
            raise Rejected(403, "forbidden", f"invalid {vendor} signature")

        try:
            job = completion(body, tenant_id)
        except crm.MalformedPayload as error:
            raise Rejected(422, "malformed", str(error)) from None
        if job is None:
            return JSONResponse({"status": "ignored"})

        stored = await self._publish(job)
        logger.info(
            "%s job %s completed for %s (%s): %s",
            vendor,
            job.job_id,
            tenant_id,
            mask(job.customer),
            "published" if stored else "already published",
        )
        return JSONResponse({"status": "accepted" if stored else "duplicate"})

    async def _publish(self, job: JobCompleted) -> bool:
        try:
            stored = await self._publisher.publish(job)
        except PublishFailed as error:
            logger.error("%s could not be stored: %s", job.id, error)
            raise Rejected(
                503, "unavailable", "the event store is unavailable"
            ) from None
        if stored:
            EVENTS_PUBLISHED.labels(job.kind).inc()
        return stored


router = APIRouter(tags=["crm"])


@router.post(JOBBER + "/{tenant_id}")
async def jobber(request: Request, tenant_id: TenantId) -> Response:
    """Jobber reports a change to a job of the tenant; a closed job is completed."""
    return await request.app.state.crm.jobber(request, tenant_id)


@router.post(HOUSECALLPRO + "/{tenant_id}")
async def housecallpro(request: Request, tenant_id: TenantId) -> Response:
    """Housecall Pro reports an event on the tenant's account; job.completed counts."""
    return await request.app.state.crm.housecallpro(request, tenant_id)
