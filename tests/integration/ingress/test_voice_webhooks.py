"""Voice webhooks against the real embedded NATS: what reaches the event stream."""

import pytest

from libs.events import CallAnswered, CallMissed, VoicemailRecorded
from tests.integration.ingress.conftest import put_tenant, stored_events
from tests.integration.ingress.twilio_webhooks import (
    BUSINESS,
    CALLER,
    dial_result,
    incoming_call,
    owner_leg,
    recording,
    sid,
    tenant,
    twiml,
)

INCOMING = "/twilio/voice/incoming"


async def test_a_missed_call_is_stored_once_however_often_twilio_sends_it(
    runtime, twilio
):
    await put_tenant(runtime, tenant(mode="forwarded"))
    call_sid = sid("CA")

    answers = [await twilio.post(INCOMING, incoming_call(call_sid)) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200] * 4
    assert [verb.tag for verb in twiml(answers[0])] == ["Say", "Record"]
    (missed,) = await stored_events(runtime)
    assert isinstance(missed, CallMissed)
    assert missed.id == f"call-missed-{call_sid}"
    assert (missed.tenant_id, missed.reason) == ("acme", "forwarded")
    assert (missed.caller, missed.business_number) == (CALLER, BUSINESS)


async def test_a_dial_number_rings_the_owner_and_publishes_nothing_yet(runtime, twilio):
    await put_tenant(runtime, tenant(mode="dial"))

    answer = await twilio.post(INCOMING, incoming_call(sid("CA")))

    assert [verb.tag for verb in twiml(answer)] == ["Dial"]
    assert await stored_events(runtime) == []


@pytest.mark.parametrize("status", ["no-answer", "busy", "failed", "canceled"])
async def test_a_dial_nobody_took_is_a_missed_call_and_offers_a_voicemail(
    runtime, twilio, status
):
    await put_tenant(runtime, tenant(mode="dial"))
    call_sid = sid("CA")
    dial = twiml(await twilio.post(INCOMING, incoming_call(call_sid)))[0]

    answer = await twilio.post(dial.get("action"), dial_result(call_sid, status))

    assert [verb.tag for verb in twiml(answer)] == ["Say", "Record"]
    (missed,) = await stored_events(runtime)
    assert (missed.id, missed.reason) == (f"call-missed-{call_sid}", status)
    assert missed.caller == CALLER


@pytest.mark.parametrize("bridged", [True, None])
async def test_a_completed_dial_hangs_up_and_publishes_nothing(
    runtime, twilio, bridged
):
    await put_tenant(runtime, tenant(mode="dial"))
    call_sid = sid("CA")

    answer = await twilio.post(
        "/twilio/voice/dial-result?tenant=acme",
        dial_result(call_sid, "completed", bridged),
    )

    assert [verb.tag for verb in twiml(answer)] == ["Hangup"]
    assert await stored_events(runtime) == []


async def test_a_declined_whisper_offers_a_voicemail_and_is_one_missed_call(
    runtime, twilio
):
    await put_tenant(runtime, tenant(mode="dial"))
    call_sid = sid("CA")
    dial = twiml(await twilio.post(INCOMING, incoming_call(call_sid)))[0]
    _, declined_url = await whisper_of(twilio, call_sid)
    await twilio.post(declined_url, owner_leg(call_sid))

    # The owner's phone answered, so Twilio calls the dial "completed".
    answer = await twilio.post(
        dial.get("action"), dial_result(call_sid, "completed", bridged=False)
    )

    assert [verb.tag for verb in twiml(answer)] == ["Say", "Record"]
    (missed,) = await stored_events(runtime)
    assert (missed.id, missed.reason) == (f"call-missed-{call_sid}", "declined")


async def whisper_of(twilio, call_sid: str):
    """Follow ingress's TwiML from the incoming call to the owner's whisper."""
    dial = twiml(await twilio.post(INCOMING, incoming_call(call_sid)))[0]
    whisper_url = dial[0].get("url")
    gather, redirect = twiml(await twilio.post(whisper_url, owner_leg(call_sid)))
    return gather.get("action"), redirect.text


async def test_the_owner_pressing_a_key_is_an_answered_call(runtime, twilio):
    await put_tenant(runtime, tenant(mode="dial"))
    call_sid = sid("CA")
    accepted_url, _ = await whisper_of(twilio, call_sid)

    answer = await twilio.post(accepted_url, owner_leg(call_sid, digits="1"))

    assert list(twiml(answer)) == []
    (answered,) = await stored_events(runtime)
    assert isinstance(answered, CallAnswered)
    assert answered.id == f"call-answered-{call_sid}"
    assert (answered.call_sid, answered.caller) == (call_sid, CALLER)
    assert answered.business_number == BUSINESS


async def test_the_owner_letting_the_whisper_go_is_a_declined_missed_call(
    runtime, twilio
):
    await put_tenant(runtime, tenant(mode="dial"))
    call_sid = sid("CA")
    _, declined_url = await whisper_of(twilio, call_sid)

    answer = await twilio.post(declined_url, owner_leg(call_sid))

    assert [verb.tag for verb in twiml(answer)] == ["Hangup"]
    (missed,) = await stored_events(runtime)
    assert (missed.id, missed.reason) == (f"call-missed-{call_sid}", "declined")
    assert (missed.call_sid, missed.caller) == (call_sid, CALLER)
    assert missed.business_number == BUSINESS


async def test_a_voicemail_after_a_miss_is_stored_and_thanked(runtime, twilio):
    await put_tenant(runtime, tenant(mode="forwarded"))
    call_sid = sid("CA")
    record = twiml(await twilio.post(INCOMING, incoming_call(call_sid)))[1]

    answer = await twilio.post(record.get("action"), recording(call_sid))

    assert [verb.tag for verb in twiml(answer)] == ["Say", "Hangup"]
    missed, voicemail = await stored_events(runtime)
    assert isinstance(missed, CallMissed)
    assert isinstance(voicemail, VoicemailRecorded)
    assert (voicemail.id, voicemail.duration_seconds) == (f"voicemail-{call_sid}", 14)


async def test_a_call_status_callback_is_acknowledged_and_publishes_nothing(
    runtime, twilio
):
    await put_tenant(runtime, tenant(mode="forwarded"))
    params = incoming_call(sid("CA")) | {"CallStatus": "completed"}

    answer = await twilio.post("/twilio/voice/status", params)

    assert answer.status_code == 200
    assert await stored_events(runtime) == []
