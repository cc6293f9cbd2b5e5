"""Jobber and Housecall Pro webhooks: signed completions publish one JobCompleted."""

import json
import time

import httpx
import pytest

from libs.events import JobCompleted
from services.ingress.app import create_app
from services.ingress.config import Settings
from tests.integration.ingress.twilio_webhooks import tenant
from tests.integration.reviews.crm_webhooks import (
    crm_secrets_json,
    housecallpro_body,
    housecallpro_headers,
    jobber_body,
    jobber_headers,
    post_housecallpro,
    post_jobber,
)
from tests.unit.ingress.conftest import FakeDirectory

CUSTOMER = "+14165550123"


class TenantsById(FakeDirectory):
    def __init__(self, *tenants) -> None:
        super().__init__(*tenants)
        self._by_id = {config.tenant_id: config for config in tenants}

    def tenant(self, tenant_id: str):
        return self._by_id.get(tenant_id)


@pytest.fixture
async def crm(settings, publisher):
    secrets = Settings(crm_secrets=json.loads(crm_secrets_json())).crm_secrets
    with_secrets = settings.model_copy(update={"crm_secrets": secrets})
    tenants = TenantsById(tenant(), tenant(tenant_id="other"))
    app = create_app(with_secrets, publisher, tenants)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ingress"
    ) as client:
        yield client


def completions(publisher) -> list[JobCompleted]:
    return [m for m in publisher.messages.values() if isinstance(m, JobCompleted)]


async def test_a_signed_jobber_closed_job_publishes_job_completed(crm, publisher):
    response = await post_jobber(crm, "acme", jobber_body("Z2lkOi8vSm9iLzEy", CUSTOMER))

    assert response.status_code == 200
    [job] = completions(publisher)
    assert job.id == "job-completed-jobber-Z2lkOi8vSm9iLzEy"
    assert (job.tenant_id, job.customer, job.source) == ("acme", CUSTOMER, "jobber")
    assert job.customer_name == "Sam Client"


async def test_a_signed_housecallpro_completed_job_publishes_job_completed(
    crm, publisher
):
    body = housecallpro_body("job_8a7f", "(416) 555-0123")

    response = await post_housecallpro(crm, "acme", body)

    assert response.status_code == 200
    [job] = completions(publisher)
    assert job.id == "job-completed-housecallpro-job_8a7f"
    assert job.customer == CUSTOMER


async def test_a_delivery_repeated_by_the_vendor_publishes_once(crm, publisher):
    body = housecallpro_body("job_twice", CUSTOMER)

    first = await post_housecallpro(crm, "acme", body)
    second = await post_housecallpro(crm, "acme", body)

    assert (first.json()["status"], second.json()["status"]) == (
        "accepted",
        "duplicate",
    )
    assert len(completions(publisher)) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "application/json"},
        jobber_headers(b"another body"),
        jobber_headers(jobber_body("J1", CUSTOMER), secret="a-guessed-secret"),
    ],
)
async def test_an_unsigned_or_wrongly_signed_jobber_webhook_is_refused(
    crm, publisher, headers
):
    response = await post_jobber(crm, "acme", jobber_body("J1", CUSTOMER), headers)

    assert response.status_code == 403
    assert publisher.messages == {}


async def test_a_housecallpro_signature_from_long_ago_is_a_replay(crm, publisher):
    body = housecallpro_body("job_old", CUSTOMER)
    stale = housecallpro_headers(body, at=int(time.time()) - 3600)

    response = await post_housecallpro(crm, "acme", body, stale)

    assert response.status_code == 403
    assert publisher.messages == {}


async def test_a_tenant_without_a_configured_secret_accepts_nothing(crm, publisher):
    response = await post_jobber(crm, "other", jobber_body("J2", CUSTOMER))

    assert response.status_code == 403
    assert publisher.messages == {}


async def test_an_unknown_tenant_is_not_found(crm, publisher):
    response = await post_jobber(crm, "nobody", jobber_body("J3", CUSTOMER))

    assert response.status_code == 404
    assert publisher.messages == {}


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"data": {}}',
        b'{"data": {"webHookEvent": {"topic": "JOB_CLOSED", "itemId": "J4"}}}',
        jobber_body("J5", "not a phone"),
        jobber_body("bad id with spaces", CUSTOMER),
    ],
)
async def test_a_signed_but_malformed_jobber_webhook_is_refused(crm, publisher, body):
    response = await post_jobber(crm, "acme", body)

    assert response.status_code == 422
    assert publisher.messages == {}


async def test_other_topics_are_acknowledged_and_ignored(crm, publisher):
    jobber = await post_jobber(crm, "acme", jobber_body("J6", CUSTOMER, "JOB_UPDATE"))
    hcp = await post_housecallpro(
        crm, "acme", housecallpro_body("job_7", CUSTOMER, "job.scheduled")
    )

    assert (jobber.status_code, hcp.status_code) == (200, 200)
    assert jobber.json()["status"] == "ignored"
    assert publisher.messages == {}


async def test_the_event_store_being_down_asks_the_vendor_to_retry(crm, publisher):
    publisher.down = True

    response = await post_housecallpro(
        crm, "acme", housecallpro_body("job_9", CUSTOMER)
    )

    assert response.status_code == 503
