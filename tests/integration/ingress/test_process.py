"""`python -m services.ingress` as its own process, as deployments run it."""

import signal
import subprocess
import sys

import httpx
import pytest

from libs.devstack.servers import env_without_proxies, free_port, wait_for_port
from libs.events import CallMissed
from tests.integration.ingress.conftest import put_tenant, stored_events
from tests.integration.ingress.twilio_webhooks import (
    ACCOUNT,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    SignedWebhooks,
    incoming_call,
    sid,
    tenant,
)


@pytest.fixture
async def ingress_process(runtime, nats_server, namespace):
    # The tenant exists before the process starts, so it is in the loaded directory.
    await put_tenant(runtime, tenant())
    port = free_port()
    env = env_without_proxies() | {
        "ENVIRONMENT": "test",
        "NATS_URL": nats_server.url,
        "NAMESPACE": namespace,
        "HTTP_PORT": str(port),
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "services.ingress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stderr.close()


async def test_the_service_process_serves_webhooks_and_stops_on_sigterm(
    runtime, ingress_process
):
    process, url = ingress_process
    call_sid = sid("CA")

    async with httpx.AsyncClient(base_url=url) as client:
        ready = await client.get("/readyz")
        answer = await SignedWebhooks(client).post(
            "/twilio/voice/incoming", incoming_call(call_sid)
        )
        metrics = (await client.get("/metrics")).text
    process.send_signal(signal.SIGTERM)
    exit_code = process.wait(timeout=15)
    logs = process.stderr.read().decode()

    assert ready.status_code == 200
    assert answer.status_code == 200
    assert [event.id for event in await stored_events(runtime)] == [
        f"call-missed-{call_sid}"
    ]
    assert CallMissed.kind in metrics and "ringback_webhooks_total" in metrics
    assert exit_code == 0
    assert "accepted for acme" in logs
    assert "+14165550123" not in logs
