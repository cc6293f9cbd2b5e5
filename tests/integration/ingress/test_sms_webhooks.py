"""SMS webhooks against the real embedded NATS: what reaches the event stream."""

from libs.events import OwnerSmsReceived, SmsReceived, SmsStatusReported
from tests.integration.ingress.conftest import put_tenant, stored_events
from tests.integration.ingress.twilio_webhooks import (
    BUSINESS,
    CALLER,
    OWNER,
    incoming_sms,
    sid,
    sms_status,
    tenant,
    twiml,
)


async def test_a_customer_text_is_stored_with_its_media_and_opt_out_verdict(
    runtime, twilio
):
    await put_tenant(runtime, tenant())
    message_sid = sid("SM")
    params = incoming_sms(
        message_sid,
        body="STOP",
        NumMedia="1",
        MediaUrl0="https://api.twilio.com/media/ME1",
        MediaContentType0="image/jpeg",
        OptOutType="STOP",
    )

    answer = await twilio.post("/twilio/sms/incoming", params)

    assert list(twiml(answer)) == []
    (received,) = await stored_events(runtime)
    assert isinstance(received, SmsReceived)
    assert received.id == f"sms-{message_sid}"
    assert (received.customer, received.business_number) == (CALLER, BUSINESS)
    assert received.media_urls == ["https://api.twilio.com/media/ME1"]
    assert received.twilio_opt_out_type == "STOP"


async def test_a_text_from_the_owner_is_stored_as_the_owners(runtime, twilio):
    await put_tenant(runtime, tenant())
    message_sid = sid("SM")

    answer = await twilio.post(
        "/twilio/sms/incoming", incoming_sms(message_sid, sender=OWNER, body="BACK")
    )

    assert answer.status_code == 200
    (received,) = await stored_events(runtime)
    assert isinstance(received, OwnerSmsReceived)
    assert (received.owner, received.body) == (OWNER, "BACK")


async def test_each_delivery_status_of_a_sent_text_is_stored_once(runtime, twilio):
    await put_tenant(runtime, tenant())
    message_sid = sid("SM")
    statuses = [
        sms_status(message_sid, "sent"),
        sms_status(message_sid, "sent"),
        sms_status(message_sid, "undelivered", ErrorCode="30003"),
    ]

    answers = [await twilio.post("/twilio/sms/status", params) for params in statuses]

    assert [answer.status_code for answer in answers] == [200] * 3
    sent, undelivered = await stored_events(runtime)
    assert isinstance(sent, SmsStatusReported)
    assert (sent.status, sent.error_code) == ("sent", None)
    assert (undelivered.status, undelivered.error_code) == ("undelivered", 30003)
    assert undelivered.recipient == CALLER
