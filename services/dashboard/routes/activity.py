"""What Ringback did for the tenant, from the dashboard's own read models."""

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from services.dashboard.deps import App, TenantId
from services.dashboard.domain.records import (
    Booking,
    ConsentEntry,
    Job,
    MissedCall,
    OptOut,
    ReviewRequest,
    ReviewStats,
    Thread,
    ThreadSummary,
)
from services.dashboard.routes.params import Customer, Limit

router = APIRouter(prefix="/v1", tags=["activity"])


@router.get("/missed-calls")
async def missed_calls(
    app: App, tenant_id: TenantId, limit: Limit = 100
) -> list[MissedCall]:
    """Missed calls, newest first, with whether and how fast the caller was texted."""
    return await app.queries.missed_calls(tenant_id, limit)


@router.get("/threads")
async def threads(
    app: App, tenant_id: TenantId, limit: Limit = 100
) -> list[ThreadSummary]:
    """Conversations with customers, the most recent first."""
    return await app.queries.threads(tenant_id, limit)


@router.get("/threads/{customer}")
async def thread(
    tenant_id: TenantId, customer: Customer, app: App, limit: Limit = 500
) -> Thread:
    """The full transcript of one customer's conversation, oldest message first."""
    return await app.queries.thread(tenant_id, customer, limit)


@router.get("/jobs")
async def jobs(app: App, tenant_id: TenantId, limit: Limit = 100) -> list[Job]:
    """Completed jobs, newest first, whatever marked them complete."""
    return await app.queries.jobs(tenant_id, limit)


@router.get("/bookings")
async def bookings(app: App, tenant_id: TenantId, limit: Limit = 100) -> list[Booking]:
    """Appointments booked for customers, latest slot first, booked or cancelled."""
    return await app.queries.bookings(tenant_id, limit)


@router.get("/reviews")
async def review_requests(
    app: App, tenant_id: TenantId, limit: Limit = 100
) -> list[ReviewRequest]:
    """Review requests, newest first: scheduled, sent, reminded, opened or blocked."""
    return await app.queries.review_requests(tenant_id, limit)


@router.get("/reviews/stats")
async def review_stats(app: App, tenant_id: TenantId) -> ReviewStats:
    """Review requests sent and opened, the open rate, and the latest Google rating."""
    return await app.queries.review_stats(tenant_id)


@router.get("/opt-outs")
async def opt_outs(app: App, tenant_id: TenantId) -> list[OptOut]:
    """Customers who are opted out now, with the evidence of their opt-out."""
    return await app.queries.opt_outs(tenant_id)


@router.get("/consents")
async def consents(app: App, tenant_id: TenantId) -> list[ConsentEntry]:
    """The consent ledger: every consent, opt-out and opt-in, with its evidence."""
    return await app.queries.consents(tenant_id)


@router.get(
    "/consents/export.csv",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def consents_csv(app: App, tenant_id: TenantId) -> PlainTextResponse:
    """The consent ledger as CSV, for an audit."""
    return PlainTextResponse(
        await app.queries.consent_csv(tenant_id),
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{tenant_id}-consents.csv"'
        },
    )
