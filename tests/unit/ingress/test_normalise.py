from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from libs.events import (
    CallAnswered,
    CallMissed,
    OwnerSmsReceived,
    SmsReceived,
    SmsStatusReported,
    VoicemailRecorded,
)
from services.ingress import forms, normalise
from tests.integration.ingress.twilio_webhooks import (
    BUSINESS,
    CALLER,
    OWNER,
    dial_result,
    incoming_call,
    incoming_sms,
    owner_leg,
    recording,
    sms_status,
    tenant,
)

ARRIVAL = datetime(2026, 1, 5, 14, 30, tzinfo=UTC)


def test_a_forwarded_call_is_a_miss_identified_by_its_call_sid():
    form = forms.CallForm.model_validate(incoming_call("CA1"))

    missed = normalise.call_missed(form, "acme", BUSINESS, "forwarded", ARRIVAL)

    assert isinstance(missed, CallMissed)
    assert missed.id == "call-missed-CA1"
    assert (missed.tenant_id, missed.call_sid, missed.reason) == (
        "acme",
        "CA1",
        "forwarded",
    )
    assert (missed.caller, missed.business_number) == (CALLER, BUSINESS)
    assert missed.received_at == ARRIVAL


@pytest.mark.parametrize(
    ("raw", "recorded"),
    [
        ("anonymous", "anonymous"),
        ("+266696687", "+266696687"),
        ("", ""),
        ("4165550123", CALLER),
    ],
)
def test_a_withheld_or_odd_caller_is_still_a_recorded_miss(raw, recorded):
    form = forms.CallForm.model_validate(incoming_call("CA1", caller=raw))

    missed = normalise.call_missed(form, "acme", BUSINESS, "forwarded", ARRIVAL)

    assert missed.caller == recorded


def test_an_unanswered_dial_is_a_miss_with_the_dials_status_as_reason():
    form = forms.DialResult.model_validate(dial_result("CA2", "busy"))

    missed = normalise.call_missed(form, "acme", BUSINESS, form.DialCallStatus, ARRIVAL)

    assert (missed.id, missed.reason) == ("call-missed-CA2", "busy")


def test_the_whisper_outcomes_are_facts_about_the_callers_call():
    form = forms.WhisperForm.model_validate(owner_leg("CA3"))

    declined = normalise.call_declined(form, "CA3", "acme", BUSINESS, ARRIVAL)
    answered = normalise.call_answered(form, "CA3", "acme", BUSINESS)

    assert isinstance(answered, CallAnswered)
    assert (declined.id, declined.reason, declined.call_sid) == (
        "call-missed-CA3",
        "declined",
        "CA3",
    )
    assert (answered.id, answered.call_sid) == ("call-answered-CA3", "CA3")
    assert declined.caller == answered.caller == CALLER


def test_a_voicemail_carries_its_recording():
    form = forms.Recording.model_validate(recording("CA4"))

    recorded = normalise.voicemail(form, "acme", BUSINESS)

    assert isinstance(recorded, VoicemailRecorded)
    assert recorded.id == "voicemail-CA4"
    assert recorded.recording_url.endswith("/CA4")
    assert recorded.duration_seconds == 14


def test_a_customer_text_keeps_its_media_in_order_and_twilios_opt_out_verdict():
    params = incoming_sms(
        "SM1",
        body="STOP",
        NumMedia="2",
        MediaUrl0="https://media.example/0",
        MediaContentType0="image/jpeg",
        MediaUrl1="https://media.example/1",
        MediaContentType1="image/png",
        OptOutType="STOP",
    )
    form = forms.IncomingSms.model_validate(params)

    received = normalise.sms_received(form, tenant(), BUSINESS)

    assert isinstance(received, SmsReceived)
    assert (received.id, received.customer, received.body) == (
        "sms-SM1",
        CALLER,
        "STOP",
    )
    assert received.media_urls == ["https://media.example/0", "https://media.example/1"]
    assert received.twilio_opt_out_type == "STOP"


def test_a_text_from_the_owner_is_the_owners():
    form = forms.IncomingSms.model_validate(incoming_sms("SM2", sender=OWNER))

    received = normalise.sms_received(form, tenant(), BUSINESS)

    assert isinstance(received, OwnerSmsReceived)
    assert (received.id, received.owner) == ("sms-SM2", OWNER)


def test_media_announced_but_missing_is_invalid():
    params = incoming_sms("SM3", NumMedia="2", MediaUrl0="https://media.example/0")

    with pytest.raises(ValidationError, match="MediaUrl1"):
        forms.IncomingSms.model_validate(params)


def test_each_delivery_status_of_a_message_is_its_own_fact():
    sent = forms.SmsStatus.model_validate(sms_status("SM4", "sent", ErrorCode=""))
    failed = forms.SmsStatus.model_validate(
        sms_status("SM4", "undelivered", ErrorCode="30003")
    )

    first = normalise.sms_status(sent, "acme")
    second = normalise.sms_status(failed, "acme")

    assert isinstance(first, SmsStatusReported)
    assert (first.id, first.error_code, first.recipient) == (
        "sms-status-SM4-sent",
        None,
        CALLER,
    )
    assert (second.id, second.error_code) == ("sms-status-SM4-undelivered", 30003)
