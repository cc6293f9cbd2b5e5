"""The official Twilio SDK talks to the sandbox as it talks to Twilio."""

import httpx
import pytest
from pydantic import SecretStr
from twilio.base.exceptions import TwilioRestException

from libs.twilio_rest import async_client
from tests.helpers import eventually

CUSTOMER = "+14165550123"
BUSINESS = "+14165550100"


async def configure(sandbox, route, payload):
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        response = await control.post(route, json=payload)
        response.raise_for_status()


async def test_a_created_message_can_be_fetched(twilio):
    created = await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")
    fetched = await twilio.messages(created.sid).fetch_async()

    assert created.status == "queued"
    assert created.sid.startswith("SM") and len(created.sid) == 34
    assert created.date_created is not None
    assert (fetched.sid, fetched.to, fetched.body) == (created.sid, CUSTOMER, "Hi")


async def test_a_message_reaches_delivered(twilio):
    created = await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")

    async def delivered():
        message = await twilio.messages(created.sid).fetch_async()
        return message if message.status == "delivered" else None

    message = await eventually(delivered, timeout=5, what="delivery")
    assert message.date_sent is not None


async def test_an_unsubscribed_number_raises_21610(sandbox, twilio):
    await configure(
        sandbox, "/_sandbox/numbers", {"number": CUSTOMER, "unsubscribed": True}
    )

    with pytest.raises(TwilioRestException) as raised:
        await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")

    assert raised.value.status == 400
    assert raised.value.code == 21610


@pytest.mark.parametrize("status", [429, 500])
async def test_injected_faults_fail_count_times_then_succeed(sandbox, twilio, status):
    await configure(sandbox, "/_sandbox/faults", {"status": status, "count": 2})

    failures = []
    for _ in range(2):
        with pytest.raises(TwilioRestException) as raised:
            await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")
        failures.append((raised.value.status, raised.value.code))
    created = await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")

    assert failures == [(status, 20000 + status)] * 2
    assert created.status == "queued"
    assert list(sandbox.state.messages) == [created.sid]


async def test_a_fault_rate_fails_that_share_of_sends_until_it_is_reset(
    sandbox, twilio
):
    await configure(sandbox, "/_sandbox/faults", {"status": 500, "rate": 1.0})
    with pytest.raises(TwilioRestException) as raised:
        await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")

    await configure(sandbox, "/_sandbox/faults", {"status": 500, "rate": 0.0})
    created = await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")

    assert raised.value.status == 500
    assert list(sandbox.state.messages) == [created.sid]


async def test_a_wrong_auth_token_gets_401(settings_for_sandbox):
    client = async_client(settings_for_sandbox(twilio_auth_token=SecretStr("wrong")))
    try:
        with pytest.raises(TwilioRestException) as raised:
            await client.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")
    finally:
        await client.http_client.close()

    assert raised.value.status == 401
    assert raised.value.code == 20003


async def test_lookup_reports_landlines_and_mobiles(sandbox, twilio):
    landline = "+14165550124"
    await configure(
        sandbox, "/_sandbox/numbers", {"number": landline, "landline": True}
    )

    fixed = await twilio.lookups.v2.phone_numbers(landline).fetch_async(
        fields="line_type_intelligence"
    )
    mobile = await twilio.lookups.v2.phone_numbers(CUSTOMER).fetch_async(
        fields="line_type_intelligence"
    )

    assert fixed.valid is True
    assert fixed.line_type_intelligence["type"] == "landline"
    assert mobile.line_type_intelligence["type"] == "mobile"


async def test_lookup_says_an_invalid_number_is_not_valid(twilio):
    answer = await twilio.lookups.v2.phone_numbers("+1416555").fetch_async(
        fields="line_type_intelligence"
    )

    assert answer.valid is False
    assert answer.validation_errors == ["TOO_SHORT"]


async def test_the_list_filters_by_recipient(twilio):
    other = "+14165550125"
    mine = [
        await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body=str(n))
        for n in range(3)
    ]
    await twilio.messages.create_async(to=other, from_=BUSINESS, body="other")

    listed = await twilio.messages.list_async(to=CUSTOMER, page_size=2)

    assert [m.sid for m in listed] == [m.sid for m in reversed(mine)]


async def test_a_call_can_be_created_and_fetched(twilio):
    created = await twilio.calls.create_async(
        to=CUSTOMER, from_=BUSINESS, url="https://ringback.example.com/twiml"
    )
    fetched = await twilio.calls(created.sid).fetch_async()

    assert created.sid.startswith("CA")
    assert (fetched.status, fetched.to) == ("queued", CUSTOMER)


async def test_the_list_finds_what_was_sent_since_a_moment(twilio, sandbox):
    created = await twilio.messages.create_async(to=CUSTOMER, from_=BUSINESS, body="Hi")
    accepted = sandbox.state.messages[created.sid].accepted_at

    since = await twilio.messages.list_async(
        to=CUSTOMER, from_=BUSINESS, date_sent_after=accepted.replace(microsecond=0)
    )
    later = await twilio.messages.list_async(
        to=CUSTOMER, date_sent_after=accepted.replace(year=accepted.year + 1)
    )

    assert [m.sid for m in since] == [created.sid]
    assert later == []
