"""The phone simulator against a fake ingress that checks every signature."""

import re

import httpx
import pytest

from sandbox.simulator import PhoneSimulator
from tests.unit.sandbox.fake_ingress import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    DIAL_NUMBER,
    FORWARDED_NUMBER,
    OWNER_PHONE,
    PUBLIC_BASE_URL,
    FakeIngress,
)

CALLER = "+14165550123"
SID = re.compile(r"^(CA|SM|MM|RE)[0-9a-f]{32}$")


@pytest.fixture
def ingress() -> FakeIngress:
    return FakeIngress()


@pytest.fixture
async def phone(ingress):
    transport = httpx.ASGITransport(app=ingress.app())
    async with httpx.AsyncClient(transport=transport) as http:
        yield PhoneSimulator(
            "http://ingress.internal:8080",
            PUBLIC_BASE_URL,
            AUTH_TOKEN,
            ACCOUNT_SID,
            client=http,
        )


async def test_an_unanswered_dial_reports_no_answer_to_the_dial_action(phone, ingress):
    result = await phone.missed_call(CALLER, DIAL_NUMBER, "no-answer")

    assert result.ok
    assert ingress.paths == ["/twilio/voice/incoming", "/twilio/voice/dial-result"]
    dial_result = ingress.posts[1]
    assert dial_result.query == "tenant=acme"
    assert dial_result.form["CallSid"] == result.sid
    assert dial_result.form["DialCallStatus"] == "no-answer"
    assert SID.match(dial_result.form["DialCallSid"])
    assert "<Record" in result.steps[1].twiml


async def test_a_busy_owner_reports_busy(phone, ingress):
    await phone.missed_call(CALLER, DIAL_NUMBER, "busy")

    assert ingress.posts[-1].form["DialCallStatus"] == "busy"


async def test_an_answering_owner_presses_a_key_in_the_whisper(phone, ingress):
    result = await phone.missed_call(CALLER, DIAL_NUMBER, "answered")

    assert ingress.paths == [
        "/twilio/voice/incoming",
        "/twilio/voice/whisper",
        "/twilio/voice/whisper/accepted",
        "/twilio/voice/dial-result",
    ]
    whisper, accepted, dial_result = ingress.posts[1:]
    assert whisper.query == f"tenant=acme&parent={result.sid}"
    assert whisper.form["ParentCallSid"] == result.sid
    assert whisper.form["To"] == OWNER_PHONE
    assert whisper.form["CallSid"] != result.sid
    assert accepted.form["Digits"] == "1"
    assert accepted.form["CallSid"] == whisper.form["CallSid"]
    assert dial_result.form["DialCallStatus"] == "completed"
    assert dial_result.form["DialBridged"] == "true"
    assert dial_result.form["DialCallSid"] == whisper.form["CallSid"]


async def test_a_declining_owner_lets_the_whisper_redirect(phone, ingress):
    result = await phone.missed_call(CALLER, DIAL_NUMBER, "declined")

    assert result.paths == [
        "/twilio/voice/incoming",
        "/twilio/voice/whisper",
        "/twilio/voice/whisper/declined",
        "/twilio/voice/dial-result",
    ]
    assert ingress.posts[2].query == f"tenant=acme&parent={result.sid}"
    assert "Digits" not in ingress.posts[2].form
    assert ingress.posts[3].form["DialCallStatus"] == "completed"
    assert ingress.posts[3].form["DialBridged"] == "false"


async def test_a_forwarded_call_posts_the_incoming_webhook_only(phone, ingress):
    result = await phone.missed_call(CALLER, FORWARDED_NUMBER, "forwarded")

    assert ingress.paths == ["/twilio/voice/incoming"]
    form = ingress.posts[0].form
    assert (form["From"], form["To"], form["CallStatus"], form["Direction"]) == (
        CALLER,
        FORWARDED_NUMBER,
        "ringing",
        "inbound",
    )
    assert SID.match(result.sid)


async def test_a_caller_leaves_a_voicemail_where_the_twiml_records(phone, ingress):
    result = await phone.missed_call(
        CALLER, DIAL_NUMBER, "no-answer", leave_voicemail=True
    )

    assert result.paths[-1] == "/twilio/voice/voicemail"
    voicemail = ingress.posts[-1].form
    assert voicemail["CallSid"] == result.sid
    assert SID.match(voicemail["RecordingSid"])
    assert voicemail["RecordingUrl"].endswith(voicemail["RecordingSid"])


async def test_a_fixed_call_sid_is_sent_as_given_so_retries_can_be_simulated(
    phone, ingress
):
    first = await phone.missed_call(CALLER, FORWARDED_NUMBER, call_sid="CA" + "1" * 32)
    again = await phone.missed_call(CALLER, FORWARDED_NUMBER, call_sid="CA" + "1" * 32)

    assert first.sid == again.sid == "CA" + "1" * 32
    assert [p.form["CallSid"] for p in ingress.posts] == [first.sid, first.sid]


async def test_the_simulator_stops_following_when_ingress_fails(phone, ingress):
    ingress.failures["/twilio/voice/incoming"] = 503

    result = await phone.missed_call(CALLER, DIAL_NUMBER, "answered")

    assert result.status == 503
    assert not result.ok
    assert len(result.steps) == 1


async def test_an_unknown_business_number_gets_ingress_404(phone):
    result = await phone.missed_call(CALLER, "+14165550177")

    assert result.status == 404


async def test_a_text_carries_twilio_fields_and_media(phone, ingress):
    result = await phone.text(
        CALLER,
        DIAL_NUMBER,
        "Photo of the leak",
        media=[("https://media.example/1.jpg", "image/jpeg")],
        opt_out_type="STOP",
    )

    assert result.ok
    assert result.sid.startswith("MM")
    form = ingress.posts[0].form
    assert form["MessageSid"] == result.sid
    assert form["Body"] == "Photo of the leak"
    assert form["NumMedia"] == "1"
    assert form["MediaUrl0"] == "https://media.example/1.jpg"
    assert form["MediaContentType0"] == "image/jpeg"
    assert form["OptOutType"] == "STOP"
    assert result.steps[0].twiml.endswith("<Response />")


async def test_a_fixed_message_sid_is_sent_as_given(phone, ingress):
    result = await phone.text(CALLER, DIAL_NUMBER, "hi", message_sid="SM" + "2" * 32)

    assert ingress.posts[0].form["MessageSid"] == result.sid == "SM" + "2" * 32


async def test_a_replaced_signature_is_refused_by_ingress(phone, ingress):
    step = await phone.post(
        "/twilio/sms/status", {"MessageSid": "SM1"}, signature="forged"
    )

    assert step.status == 403
    assert ingress.posts == []


async def test_a_token_other_than_ingress_s_is_refused(ingress):
    transport = httpx.ASGITransport(app=ingress.app())
    async with httpx.AsyncClient(transport=transport) as http:
        phone = PhoneSimulator(
            "http://ingress", PUBLIC_BASE_URL, "another-token", ACCOUNT_SID, client=http
        )
        result = await phone.text(CALLER, DIAL_NUMBER, "hi")

    assert result.status == 403


async def test_a_url_outside_the_public_base_is_not_posted(phone):
    with pytest.raises(ValueError, match="public base URL"):
        await phone.post("https://elsewhere.example/hook", {})
