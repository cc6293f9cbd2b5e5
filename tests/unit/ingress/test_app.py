"""The checks every webhook goes through, with fakes for the broker and directory."""

import pytest
from prometheus_client import REGISTRY

from libs.events import CallMissed
from tests.integration.ingress.twilio_webhooks import (
    OTHER_BUSINESS,
    PUBLIC_BASE_URL,
    incoming_call,
    incoming_sms,
    sign,
    tenant,
    twiml,
)

INCOMING = "/twilio/voice/incoming"


def count(route: str, outcome: str) -> float:
    labels = {"route": route, "outcome": outcome}
    return REGISTRY.get_sample_value("ringback_webhooks_total", labels) or 0.0


async def test_a_forwarded_call_publishes_its_miss_and_answers_with_twiml(
    twilio, publisher
):
    before = count(INCOMING, "accepted")

    answer = await twilio.post(INCOMING, incoming_call("CA1"))

    assert [verb.tag for verb in twiml(answer)] == ["Say", "Record"]
    assert list(publisher.messages) == ["call-missed-CA1"]
    assert isinstance(publisher.messages["call-missed-CA1"], CallMissed)
    assert count(INCOMING, "accepted") == before + 1


async def test_a_dial_number_without_an_owner_phone_treats_every_call_as_missed(
    twilio, publisher, directory
):
    directory.put(tenant(mode="dial", owner_phone=None))

    answer = await twilio.post(INCOMING, incoming_call("CA1"))

    assert [verb.tag for verb in twiml(answer)] == ["Say", "Record"]
    assert publisher.messages["call-missed-CA1"].reason == "no-answer"


async def test_a_body_declared_over_the_limit_is_refused_unread(twilio, publisher):
    params = incoming_sms("SM1", body="x" * 5000)

    answer = await twilio.post("/twilio/sms/incoming", params)

    assert answer.status_code == 413
    assert publisher.messages == {}


async def test_a_streamed_body_over_the_limit_is_refused(twilio, publisher):
    async def chunks():
        for _ in range(5):
            yield b"Body=" + b"x" * 1000 + b"&"

    answer = await twilio.client.post(
        "/twilio/sms/incoming",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )

    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413
    assert publisher.messages == {}


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"CallSid": "CA1"}', "application/json"),
        (b"CallSid=CA1&To", "application/x-www-form-urlencoded"),
        (b"CallSid=%ff", "application/x-www-form-urlencoded"),
        (b"CallSid=CA1&CallSid=CA2", "application/x-www-form-urlencoded"),
    ],
)
async def test_a_body_that_is_not_a_plain_form_is_malformed(
    twilio, publisher, content, content_type
):
    answer = await twilio.client.post(
        INCOMING, content=content, headers={"content-type": content_type}
    )

    assert answer.status_code == 422
    assert publisher.messages == {}


async def test_a_form_missing_a_field_is_malformed_and_says_which(twilio, publisher):
    params = incoming_call("CA1")
    del params["CallSid"]

    answer = await twilio.post(INCOMING, params)

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["CallSid"]
    assert publisher.messages == {}


async def test_a_call_to_a_number_no_tenant_owns_is_not_found(twilio, publisher):
    answer = await twilio.post(INCOMING, incoming_call("CA1", to=OTHER_BUSINESS))

    assert answer.status_code == 404
    assert "detail" in answer.json()
    assert publisher.messages == {}


async def test_a_callback_naming_another_tenant_than_the_numbers_is_not_found(
    twilio, publisher
):
    answer = await twilio.post(f"{INCOMING}?tenant=other", incoming_call("CA1"))

    assert answer.status_code == 404
    assert publisher.messages == {}


async def test_a_webhook_signed_with_another_token_is_forbidden(twilio, publisher):
    params = incoming_call("CA1")
    signature = sign(PUBLIC_BASE_URL + INCOMING, params, token="not-our-token")

    answer = await twilio.post(INCOMING, params, signature=signature)

    assert answer.status_code == 403
    assert publisher.messages == {}


async def test_a_webhook_the_store_cannot_take_is_answered_503_for_twilio_to_retry(
    twilio, publisher
):
    publisher.down = True
    refused = await twilio.post(INCOMING, incoming_call("CA1"))
    publisher.down = False
    retried = await twilio.post(INCOMING, incoming_call("CA1"))

    assert refused.status_code == 503
    assert retried.status_code == 200
    assert list(publisher.messages) == ["call-missed-CA1"]


async def test_a_call_status_callback_is_acknowledged_and_publishes_nothing(
    twilio, publisher
):
    params = incoming_call("CA1") | {"CallStatus": "completed"}

    answer = await twilio.post("/twilio/voice/status", params)

    assert list(twiml(answer)) == []
    assert publisher.messages == {}


async def test_the_service_is_ready_once_the_directory_is_loaded(twilio, directory):
    directory.loaded = False
    not_ready = await twilio.client.get("/readyz")
    directory.loaded = True
    ready = await twilio.client.get("/readyz")

    assert (not_ready.status_code, ready.status_code) == (503, 200)
    assert (await twilio.client.get("/healthz")).status_code == 200


async def test_metrics_are_served(twilio):
    await twilio.post(INCOMING, incoming_call("CA1"))

    metrics = (await twilio.client.get("/metrics")).text

    assert "ringback_webhook_duration_seconds_bucket" in metrics
    assert 'ringback_events_published_total{kind="call.missed"}' in metrics
