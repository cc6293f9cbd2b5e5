"""Delivery of accepted messages and their signed status callbacks."""

import logging

import httpx
from twilio.request_validator import RequestValidator

from sandbox.callbacks import StatusReporter
from tests.helpers import eventually
from tests.unit.sandbox.conftest import ACCOUNT_SID, AUTH_TOKEN, SUBACCOUNT_SID

CALLBACK_URL = "https://ringback.example.com/twilio/sms/status?tenant=acme"
CUSTOMER = "+14165550123"
BUSINESS = "+14165550100"


def accept(state, to=CUSTOMER, callback=CALLBACK_URL, account=ACCOUNT_SID):
    return state.accept_message(account, to, BUSINESS, "Hi", status_callback=callback)


async def reported(receiver, sid, count):
    async def enough():
        return len(receiver.statuses(sid)) >= count

    await eventually(enough, timeout=5, what=f"{count} callbacks for {sid}")
    return receiver.statuses(sid)


async def test_a_delivered_message_reports_sent_then_delivered(
    state, reporter, receiver
):
    message = accept(state)

    reporter.track(message)

    assert await reported(receiver, message.sid, 2) == ["sent", "delivered"]
    assert message.status == "delivered"
    first = receiver.received[0]
    assert first.url == CALLBACK_URL
    assert first.form["To"] == CUSTOMER
    assert first.form["AccountSid"] == ACCOUNT_SID
    assert "ErrorCode" not in first.form


async def test_every_callback_is_signed_with_the_accounts_token(
    state, reporter, receiver
):
    reporter.track(accept(state))
    await reported(receiver, next(iter(state.messages)), 2)

    validator = RequestValidator(AUTH_TOKEN)
    assert all(
        validator.validate(c.url, c.form, c.signature) for c in receiver.received
    )
    assert not RequestValidator("other").validate(
        receiver.received[0].url,
        receiver.received[0].form,
        receiver.received[0].signature,
    )


async def test_a_subaccount_message_is_signed_with_the_subaccount_token(
    state, reporter, receiver
):
    message = accept(state, account=SUBACCOUNT_SID)
    reporter.track(message)
    await reported(receiver, message.sid, 2)

    callback = receiver.received[0]
    token = state.accounts[SUBACCOUNT_SID]
    assert RequestValidator(token).validate(
        callback.url, callback.form, callback.signature
    )


async def test_an_unreachable_number_reports_undelivered_with_its_code(
    state, reporter, receiver
):
    state.numbers[CUSTOMER] = state.rule_for(CUSTOMER)
    state.numbers[CUSTOMER].unreachable_code = 30003
    message = accept(state)

    reporter.track(message)

    assert await reported(receiver, message.sid, 2) == ["sent", "undelivered"]
    assert receiver.received[-1].form["ErrorCode"] == "30003"
    assert message.error_code == 30003


async def test_a_landline_reports_undelivered_30006(state, reporter, receiver):
    state.numbers[CUSTOMER] = state.rule_for(CUSTOMER)
    state.numbers[CUSTOMER].landline = True
    message = accept(state)

    reporter.track(message)

    assert await reported(receiver, message.sid, 2) == ["sent", "undelivered"]
    assert receiver.received[-1].form["ErrorCode"] == "30006"


async def test_a_failing_callback_is_logged_once_and_not_retried(
    state, reporter, receiver, caplog
):
    receiver.status_code = 500
    message = accept(state)

    with caplog.at_level(logging.WARNING, logger="sandbox.callbacks"):
        reporter.track(message)
        assert await reported(receiver, message.sid, 2) == ["sent", "delivered"]

    async def finished():
        return message.status == "delivered" and len(caplog.records) == 2

    await eventually(finished, timeout=5, what="both failures logged")
    assert len(receiver.received) == 2


async def test_an_unreachable_receiver_does_not_stop_the_delivery(
    state, reporter, receiver, caplog
):
    receiver.refuse_connections = True
    message = accept(state)

    with caplog.at_level(logging.WARNING, logger="sandbox.callbacks"):
        reporter.track(message)

        async def delivered():
            return message.status == "delivered" and len(caplog.records) == 2

        await eventually(delivered, timeout=5, what="delivery without receiver")
    assert "failed" in caplog.records[0].getMessage()


async def test_a_message_without_callback_is_delivered_silently(
    state, reporter, receiver
):
    message = accept(state, callback=None)

    reporter.track(message)

    async def delivered():
        return message.status == "delivered"

    await eventually(delivered, timeout=5, what="delivery")
    assert receiver.received == []


async def test_closing_the_reporter_stops_deliveries_in_flight(state, receiver):
    async with httpx.AsyncClient(transport=receiver.transport()) as http:
        slow = StatusReporter(state, delay_seconds=60, http=http)
        message = accept(state)
        slow.track(message)
        await slow.aclose()

    assert message.status == "queued"
    assert receiver.received == []
