"""What the owner does: send, take over, give back, complete a job."""

from fastapi import APIRouter, HTTPException, Response

from services.dashboard.deps import App, TenantId
from services.dashboard.domain.records import SendOutcome
from services.dashboard.routes.params import Customer, Reference
from services.dashboard.schemas import CommandAccepted, JobDone, ManualSms

router = APIRouter(prefix="/v1", tags=["actions"])


@router.post("/messages", responses={202: {"model": SendOutcome}})
async def send_message(
    sms: ManualSms, response: Response, app: App, tenant_id: TenantId
) -> SendOutcome:
    """Send an SMS through the compliance gate: its verdict, or 202 while pending."""
    outcome = await app.actions.send(tenant_id, sms)
    if outcome.state == "requested":
        response.status_code = 202
        response.headers["Location"] = f"/v1/messages/{outcome.request_id}"
    return outcome


@router.get("/messages/{request_id}")
async def message_outcome(
    request_id: Reference, app: App, tenant_id: TenantId
) -> SendOutcome:
    """What became of a manual send: requested, sent, or blocked and why."""
    outcome = await app.actions.outcome(tenant_id, request_id)
    if outcome is None:
        raise HTTPException(404, "no such message")
    return outcome


@router.post("/threads/{customer}/take-over", status_code=202)
async def take_over(
    tenant_id: TenantId, customer: Customer, app: App
) -> CommandAccepted:
    """Take a customer's thread over from the concierge: their texts go to the owner."""
    return CommandAccepted(command_id=await app.actions.take_over(tenant_id, customer))


@router.post("/threads/{customer}/give-back", status_code=202)
async def give_back(
    tenant_id: TenantId, customer: Customer, app: App
) -> CommandAccepted:
    """Give a customer's thread back to the concierge."""
    return CommandAccepted(command_id=await app.actions.give_back(tenant_id, customer))


@router.post("/jobs/{job_id}/complete", status_code=202)
async def complete_job(
    job_id: Reference, job: JobDone, app: App, tenant_id: TenantId
) -> CommandAccepted:
    """Mark a job complete (this is what leads to a review request)."""
    event_id = await app.actions.complete_job(tenant_id, job_id, job)
    return CommandAccepted(command_id=event_id)
