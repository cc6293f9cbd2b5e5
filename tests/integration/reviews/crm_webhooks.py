"""Jobber and Housecall Pro webhooks, signed as the vendors sign them.

See services.ingress.crm. Unit, integration and end-to-end tests share these.
"""

import base64
import hashlib
import hmac
import json
import time

import httpx

JOBBER_SECRET = "jobber-client-secret-for-tests"
HOUSECALLPRO_SECRET = "housecallpro-signing-secret-for-tests"


def crm_secrets_json(tenant_id: str = "acme") -> str:
    """CRM_SECRETS for ingress, holding the test secrets of one tenant."""
    secrets = {"jobber": JOBBER_SECRET, "housecallpro": HOUSECALLPRO_SECRET}
    return json.dumps({tenant_id: secrets})


def jobber_body(job_id: str, phone: str, topic: str = "JOB_CLOSED") -> bytes:
    event = {
        "topic": topic,
        "appId": "app-1",
        "accountId": "account-1",
        "itemId": job_id,
        "occurredAt": "2026-05-04T15:00:00-04:00",
        "client": {"phone": phone, "name": "Sam Client"},
    }
    return json.dumps({"data": {"webHookEvent": event}}).encode()


def housecallpro_body(job_id: str, phone: str, event: str = "job.completed") -> bytes:
    customer = {"id": "cus_1", "first_name": "Sam", "last_name": "Client"}
    customer["mobile_number"] = phone
    return json.dumps(
        {"event": event, "job": {"id": job_id, "customer": customer}}
    ).encode()


def jobber_headers(body: bytes, secret: str = JOBBER_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return {
        "content-type": "application/json",
        "x-jobber-hmac-sha256": base64.b64encode(digest).decode(),
    }


def housecallpro_headers(
    body: bytes, secret: str = HOUSECALLPRO_SECRET, at: int | None = None
) -> dict[str, str]:
    timestamp = str(at if at is not None else int(time.time()))
    signed = timestamp.encode() + b"." + body
    return {
        "content-type": "application/json",
        "api-timestamp": timestamp,
        "api-signature": hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest(),
    }


async def post_jobber(
    client: httpx.AsyncClient, tenant_id: str, body: bytes, headers: dict | None = None
) -> httpx.Response:
    headers = jobber_headers(body) if headers is None else headers
    return await client.post(f"/crm/jobber/{tenant_id}", content=body, headers=headers)


async def post_housecallpro(
    client: httpx.AsyncClient, tenant_id: str, body: bytes, headers: dict | None = None
) -> httpx.Response:
    headers = housecallpro_headers(body) if headers is None else headers
    return await client.post(
        f"/crm/housecallpro/{tenant_id}", content=body, headers=headers
    )
