"""The Messages resource of the sandbox, spoken to over HTTP without a server."""

import re
from email.utils import parsedate_to_datetime

from tests.helpers import eventually
from tests.unit.sandbox.conftest import ACCOUNT_SID, SUBACCOUNT_SID

MESSAGES = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
CUSTOMER = "+14165550123"
BUSINESS = "+14165550100"

# The properties of api.v2010.account.message in Twilio's OpenAPI description.
MESSAGE_PROPERTIES = {
    "account_sid", "api_version", "body", "date_created", "date_sent",
    "date_updated", "direction", "error_code", "error_message", "from",
    "messaging_service_sid", "num_media", "num_segments", "price", "price_unit",
    "sid", "status", "subresource_uris", "to", "uri",
}  # fmt: skip


async def send(api, to=CUSTOMER, body="Hi from Acme", **extra):
    return await api.post(
        MESSAGES, data={"To": to, "From": BUSINESS, "Body": body, **extra}
    )


async def test_an_accepted_message_is_answered_in_twilios_shape(api, state):
    response = await send(api)

    assert response.status_code == 201
    message = response.json()
    assert set(message) == MESSAGE_PROPERTIES
    assert re.fullmatch(r"SM[0-9a-f]{32}", message["sid"])
    assert message["status"] == "queued"
    assert message["direction"] == "outbound-api"
    assert (message["to"], message["from"]) == (CUSTOMER, BUSINESS)
    assert (
        message["uri"]
        == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{message['sid']}.json"
    )
    assert parsedate_to_datetime(message["date_created"]) == state.messages[
        message["sid"]
    ].accepted_at.replace(microsecond=0)


async def test_a_message_is_delivered_after_it_is_accepted(api):
    sid = (await send(api)).json()["sid"]

    async def delivered():
        fetched = (
            await api.get(f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json")
        ).json()
        return fetched if fetched["status"] == "delivered" else None

    fetched = await eventually(delivered, timeout=5, what="delivery")
    assert fetched["date_sent"] is not None
    assert fetched["error_code"] is None


async def test_a_missing_to_is_error_21604(api):
    response = await api.post(MESSAGES, data={"From": BUSINESS, "Body": "hi"})

    assert response.status_code == 400
    assert response.json()["code"] == 21604


async def test_an_invalid_to_is_error_21211_and_nothing_is_recorded(api, state):
    response = await send(api, to="+1416555")

    assert response.status_code == 400
    assert response.json() == {
        "code": 21211,
        "message": "Invalid 'To' Phone Number: +1416555",
        "more_info": "https://www.twilio.com/docs/errors/21211",
        "status": 400,
    }
    assert state.messages == {}


async def test_an_unsubscribed_recipient_is_error_21610(api, state):
    await api.post("/_sandbox/numbers", json={"number": CUSTOMER, "unsubscribed": True})

    response = await send(api)

    assert response.status_code == 400
    assert response.json()["code"] == 21610
    assert state.messages == {}


async def test_a_message_through_a_messaging_service_needs_no_from(api):
    response = await api.post(
        MESSAGES,
        data={"To": CUSTOMER, "MessagingServiceSid": "MG" + "d" * 32, "Body": "hi"},
    )

    assert response.status_code == 201
    assert response.json()["messaging_service_sid"] == "MG" + "d" * 32


async def test_a_message_without_sender_or_body_is_refused(api):
    no_sender = await api.post(MESSAGES, data={"To": CUSTOMER, "Body": "hi"})
    no_body = await api.post(MESSAGES, data={"To": CUSTOMER, "From": BUSINESS})

    assert no_sender.json()["code"] == 21603
    assert no_body.json()["code"] == 21602


async def test_a_wrong_token_is_401_in_twilios_shape(api):
    response = await api.post(
        MESSAGES,
        data={"To": CUSTOMER, "From": BUSINESS, "Body": "hi"},
        auth=(ACCOUNT_SID, "x"),
    )

    assert response.status_code == 401
    assert response.json()["code"] == 20003
    assert set(response.json()) == {"code", "message", "more_info", "status"}


async def test_an_account_cannot_reach_another_accounts_messages(api):
    response = await api.get(f"/2010-04-01/Accounts/{SUBACCOUNT_SID}/Messages.json")

    assert response.status_code == 401


async def test_an_unknown_message_is_404(api):
    response = await api.get(
        f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/SM{'0' * 32}.json"
    )

    assert response.status_code == 404
    assert response.json()["code"] == 20404


async def test_injected_faults_fail_exactly_count_requests(api, state):
    await api.post("/_sandbox/faults", json={"status": 429, "count": 2})
    await api.post("/_sandbox/faults", json={"status": 500, "count": 1})

    statuses = [(await send(api)).status_code for _ in range(4)]

    assert statuses == [429, 429, 500, 201]
    assert len(state.messages) == 1


async def test_the_list_filters_by_to_newest_first(api):
    first = (await send(api, body="one")).json()["sid"]
    await send(api, to="+14165550124", body="other")
    second = (await send(api, body="two")).json()["sid"]

    page = (await api.get(MESSAGES, params={"To": CUSTOMER})).json()

    assert [m["sid"] for m in page["messages"]] == [second, first]
    assert page["next_page_uri"] is None
    assert page["first_page_uri"].startswith(MESSAGES + "?To=%2B14165550123")


async def test_the_list_pages_with_next_page_uri(api):
    sids = [(await send(api, body=str(n))).json()["sid"] for n in range(3)]

    first = (await api.get(MESSAGES, params={"PageSize": 2})).json()
    second = (await api.get(first["next_page_uri"])).json()

    assert [m["sid"] for m in first["messages"] + second["messages"]] == sids[::-1]
    assert (first["page"], first["page_size"], first["start"], first["end"]) == (
        0,
        2,
        0,
        1,
    )
    assert second["next_page_uri"] is None
    assert second["previous_page_uri"] == first["uri"]


async def test_the_list_keeps_messages_sent_since_a_moment(api, state):
    old = (await send(api, body="old")).json()["sid"]
    new = (await send(api, body="new")).json()["sid"]

    async def both_delivered():
        return all(m.status == "delivered" for m in state.messages.values())

    await eventually(both_delivered, timeout=5, what="deliveries")
    cutoff = state.messages[new].sent_at
    state.messages[old].sent_at = cutoff.replace(year=cutoff.year - 1)

    page = (
        await api.get(MESSAGES, params={"DateSent>": cutoff.strftime("%Y-%m-%d")})
    ).json()

    assert [m["sid"] for m in page["messages"]] == [new]
