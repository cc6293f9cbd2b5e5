"""Tenants and jobs for the reviews tests."""

import uuid

from libs.events import JobCompleted
from libs.tenants import ReviewSettings, TenantConfig
from tests.factories import MOBILE_CALLER, tenant

GOOGLE_REVIEW_URL = "https://g.page/r/acme-plumbing/review"


def review_tenant(
    tenant_id: str = "acme", revision: int = 1, **reviews
) -> TenantConfig:
    settings = {"google_review_url": GOOGLE_REVIEW_URL, "delay_seconds": 30, **reviews}
    return tenant(tenant_id, revision=revision).model_copy(
        update={"reviews": ReviewSettings(**settings)}
    )


def completed_job(
    customer: str = MOBILE_CALLER,
    tenant_id: str = "acme",
    job_id: str | None = None,
    source: str = "dashboard",
) -> JobCompleted:
    job_id = job_id or f"job-{uuid.uuid4().hex[:12]}"
    return JobCompleted(
        id=f"job-completed-{source}-{job_id}",
        tenant_id=tenant_id,
        job_id=job_id,
        customer=customer,
        customer_name="Sam Client",
        source=source,
    )
