"""Refused webhooks publish nothing; a broker outage loses nothing Twilio retries."""

import httpx
import pytest

from libs.devstack.servers import EmbeddedNats
from libs.events import CallMissed
from services.ingress.bootstrap import build
from tests.integration.ingress.conftest import (
    ingress_settings,
    put_tenant,
    stored_events,
)
from tests.integration.ingress.twilio_webhooks import (
    OTHER_BUSINESS,
    SignedWebhooks,
    incoming_call,
    sid,
    tenant,
)

INCOMING = "/twilio/voice/incoming"


async def test_a_bad_signature_is_forbidden_and_publishes_nothing(runtime, twilio):
    await put_tenant(runtime, tenant())

    answer = await twilio.post(INCOMING, incoming_call(sid("CA")), signature="forged")

    assert answer.status_code == 403
    assert await stored_events(runtime) == []


async def test_an_unknown_business_number_is_not_found_and_publishes_nothing(
    runtime, twilio
):
    await put_tenant(runtime, tenant())

    answer = await twilio.post(INCOMING, incoming_call(sid("CA"), to=OTHER_BUSINESS))

    assert answer.status_code == 404
    assert answer.json()["detail"]
    assert await stored_events(runtime) == []


async def test_a_malformed_webhook_is_refused_and_publishes_nothing(runtime, twilio):
    await put_tenant(runtime, tenant())
    params = incoming_call("not a call sid")

    answer = await twilio.post(INCOMING, params)

    assert answer.status_code == 422
    assert await stored_events(runtime) == []


@pytest.fixture
async def own_nats(tmp_path):
    """A NATS server of this test alone, so that stopping it disturbs no other test."""
    server = EmbeddedNats(data_dir=tmp_path / "nats").start()
    yield server
    server.stop()


async def test_while_jetstream_is_down_webhooks_get_503_and_a_retry_is_stored_once(
    own_nats, namespace
):
    runtime, app = build(ingress_settings(nats_url=own_nats.url, namespace=namespace))
    await runtime.start()
    await put_tenant(runtime, tenant())
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://ingress")
    twilio = SignedWebhooks(client)
    call = incoming_call(sid("CA"))

    try:
        own_nats.stop()
        during_outage = await twilio.post(INCOMING, call)
        own_nats.start()
        # Twilio retries until it gets a 2xx; each failed try lasts the publish timeout.
        retries = [await twilio.post(INCOMING, call)]
        while retries[-1].status_code == 503 and len(retries) < 15:
            retries.append(await twilio.post(INCOMING, call))
        events = await stored_events(runtime)
    finally:
        await client.aclose()
        await runtime.stop()

    assert during_outage.status_code == 503
    assert retries[-1].status_code == 200
    assert [type(event) for event in events] == [CallMissed]
