"""Sending exactly once through the sandbox: redelivery, races, faults, crashes."""

import asyncio
from datetime import timedelta

import pytest

from libs.events import OptedOut, SmsBlocked, SmsSent, SmsStatusReported
from services.compliance.ports import Evidence
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER
from tests.helpers import eventually

LANDLINE = "+14165550177"


async def test_a_redelivered_send_request_sends_once(stack):
    request = stack.request("textback-CA1")
    await stack.publish(request)
    await stack.wait_for_state(request.id, "sent")

    replica = stack.replica()
    try:
        for _ in range(2):
            await replica.requests.handle(request)
    finally:
        await replica.close()

    assert len(await stack.texts()) == 1
    assert len(await stack.events(SmsSent)) == 1


async def test_two_replicas_given_the_same_request_send_it_once(stack):
    request = stack.request("textback-CA2")
    replicas = [stack.replica() for _ in range(3)]
    try:
        await asyncio.gather(*(r.requests.handle(request) for r in replicas))
    finally:
        for replica in replicas:
            await replica.close()

    assert len(await stack.texts()) == 1
    decisions = await stack.db["gate_decisions"].count_documents({})
    assert decisions == 1


@pytest.mark.parametrize("status", [429, 500])
async def test_twilio_failures_are_retried_then_the_text_is_sent_once(stack, status):
    await stack.sandbox("POST", "/_sandbox/faults", json={"status": status, "count": 2})

    await stack.publish(stack.request("textback-CA3"))

    sent = await stack.wait_for_state("textback-CA3", "sent")
    assert sent["attempts"] == 3
    texts = await stack.texts()
    assert len(texts) == 1
    [event] = await stack.events(SmsSent)
    assert (event.message_sid, event.body) == (sent["sid"], texts[0])


async def test_a_number_twilio_reports_unsubscribed_is_opted_out(stack):
    await stack.sandbox(
        "POST",
        "/_sandbox/numbers",
        json={"number": MOBILE_CALLER, "unsubscribed": True},
    )

    await stack.publish(stack.request("textback-CA4"))

    blocked = await stack.wait_for_state("textback-CA4", "blocked")
    assert blocked["reason"] == "opted_out"
    [opted_out] = await eventually(lambda: stack.events(OptedOut), what="OptedOut")
    assert opted_out.source == "carrier"
    state = await stack.db["opt_outs"].find_one({"customer": MOBILE_CALLER})
    assert state["opted_out"]


async def test_a_landline_is_blocked_and_remembered(stack):
    await stack.sandbox(
        "POST", "/_sandbox/numbers", json={"number": LANDLINE, "landline": True}
    )

    await stack.publish(stack.request("textback-CA5", to=LANDLINE))

    blocked = await stack.wait_for_state("textback-CA5", "blocked")
    assert blocked["reason"] == "cannot_receive_sms"
    assert await stack.texts(LANDLINE) == []
    facts = await stack.db["number_facts"].find_one({"_id": LANDLINE})
    assert facts["line_type"] == "landline"
    [event] = await eventually(lambda: stack.events(SmsBlocked), what="SmsBlocked")
    assert event.reason == "cannot_receive_sms"


async def test_a_carrier_error_in_a_status_report_stops_texts_to_the_number(stack):
    await stack.publish(stack.request("textback-CA6"))
    sent = await stack.wait_for_state("textback-CA6", "sent")

    await stack.publish(
        SmsStatusReported(
            id=f"sms-status-{sent['sid']}-undelivered",
            tenant_id="acme",
            message_sid=sent["sid"],
            status="undelivered",
            error_code=30003,
            recipient=MOBILE_CALLER,
        )
    )
    await eventually(
        lambda: stack.db["number_facts"].find_one({"unreachable_code": 30003}),
        what="the number marked unreachable",
    )
    await stack.publish(stack.request("textback-CA7"))

    blocked = await stack.wait_for_state("textback-CA7", "blocked")
    assert blocked["reason"] == "cannot_receive_sms"
    delivered = await stack.outbox("textback-CA6")
    assert delivered["delivery_status"] == "undelivered"


async def test_a_request_is_held_until_its_not_before(stack):
    soon = stack.clock.now() + timedelta(seconds=0.5)

    await stack.publish(stack.request("textback-CA8", not_before=soon))

    held = await stack.wait_for_state("textback-CA8", "held")
    assert held["reason"] == "not_before"
    assert await stack.texts() == []
    sent = await stack.wait_for_state("textback-CA8", "sent")
    assert sent["sent"]["at"] >= soon


async def test_a_request_past_its_deadline_is_dropped_as_stale(stack):
    late = stack.clock.now() - timedelta(seconds=1)

    await stack.publish(stack.request("textback-CA9", deadline=late))

    dropped = await stack.wait_for_state("textback-CA9", "dropped")
    assert dropped["reason"] == "stale"
    [event] = await eventually(lambda: stack.events(SmsBlocked), what="SmsBlocked")
    assert event.reason == "stale"


@pytest.mark.parametrize("reached_twilio", [True, False])
async def test_a_send_abandoned_by_a_crash_is_finished_exactly_once(
    stack, reached_twilio
):
    # A replica claims a request, records its attempt, maybe reaches Twilio,
    # and dies before it can store the outcome.
    replica = stack.replica()
    request = stack.request("textback-CA10")
    now = stack.clock.now()
    body = "Hi, this is Acme Plumbing. Sorry we missed your call!"
    try:
        await replica.deps.consents.record_consent(
            "acme", MOBILE_CALLER, "call", Evidence("CA10", now)
        )
        item, _ = await replica.deps.outbox.add(request, now)
        item = await replica.deps.outbox.claim(
            request.id, now, now + timedelta(seconds=30)
        )
        await replica.deps.outbox.attempting(item, body, BUSINESS_NUMBER, now)
        if reached_twilio:
            await replica.deps.sms.send(MOBILE_CALLER, BUSINESS_NUMBER, body, None)
    finally:
        await replica.close()

    # Once the lease has run out, the service's scheduler takes the request over.
    stack.set_clock(now + timedelta(seconds=31))

    sent = await stack.wait_for_state(request.id, "sent")
    texts = await stack.texts()
    assert len(texts) == 1
    assert sent["attempts"] == (1 if reached_twilio else 2)
