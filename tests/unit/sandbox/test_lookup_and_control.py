"""Lookup v2, Calls and the sandbox's control API over HTTP without a server."""

from tests.unit.sandbox.conftest import ACCOUNT_SID

CUSTOMER = "+14165550123"
CALLS = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json"


async def lookup(api, number, **params):
    response = await api.get(f"/v2/PhoneNumbers/{number}", params=params)
    assert response.status_code == 200
    return response.json()


async def test_a_number_without_a_rule_is_a_valid_mobile(api):
    answer = await lookup(api, CUSTOMER, Fields="line_type_intelligence")

    assert answer["valid"] is True
    assert answer["country_code"] == "CA"
    assert answer["calling_country_code"] == "1"
    assert answer["national_format"] == "(416) 555-0123"
    assert answer["line_type_intelligence"]["type"] == "mobile"


async def test_a_configured_landline_is_reported_as_landline(api):
    await api.post("/_sandbox/numbers", json={"number": CUSTOMER, "landline": True})

    answer = await lookup(api, CUSTOMER, Fields="line_type_intelligence")

    assert answer["line_type_intelligence"]["type"] == "landline"


async def test_line_type_is_reported_only_when_asked(api):
    answer = await lookup(api, CUSTOMER)

    assert answer["line_type_intelligence"] is None


async def test_an_invalid_number_is_not_valid_and_says_why(api):
    short = await lookup(api, "+1416555", Fields="line_type_intelligence")
    words = await lookup(api, "plumber")

    assert (short["valid"], short["validation_errors"]) == (False, ["TOO_SHORT"])
    assert short["line_type_intelligence"] is None
    assert words["validation_errors"] == ["NOT_A_NUMBER"]


async def test_lookup_needs_credentials(api):
    response = await api.get(
        f"/v2/PhoneNumbers/{CUSTOMER}", auth=("AC" + "0" * 32, "x")
    )

    assert response.status_code == 401


async def test_a_call_is_recorded_queued_and_fetched(api, state):
    created = await api.post(
        CALLS, data={"To": CUSTOMER, "From": "+14165550100", "Url": "https://x/twiml"}
    )
    sid = created.json()["sid"]
    fetched = await api.get(f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json")

    assert created.status_code == 201
    assert fetched.json()["status"] == "queued"
    assert fetched.json()["to"] == CUSTOMER
    assert state.calls[sid].url == "https://x/twiml"


async def test_a_call_without_twiml_is_refused(api):
    response = await api.post(CALLS, data={"To": CUSTOMER, "From": "+14165550100"})

    assert response.json()["code"] == 21205


async def test_the_outbox_lists_messages_in_order_and_can_be_cleared(api):
    for body in ("first", "second"):
        await api.post(
            f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json",
            data={"To": CUSTOMER, "From": "+14165550100", "Body": body},
        )

    outbox = (await api.get("/_sandbox/messages")).json()
    cleared = await api.delete("/_sandbox/messages")

    assert [entry["body"] for entry in outbox] == ["first", "second"]
    assert {"sid", "to", "from", "body", "accepted_at"} <= set(outbox[0])
    assert cleared.status_code == 204
    assert (await api.get("/_sandbox/messages")).json() == []


async def test_a_number_rule_must_be_e164_and_a_known_code(api):
    not_e164 = await api.post("/_sandbox/numbers", json={"number": "416 555 0123"})
    unknown_code = await api.post(
        "/_sandbox/numbers", json={"number": CUSTOMER, "unreachable_code": 30007}
    )

    assert not_e164.status_code == 422
    assert unknown_code.status_code == 422


async def test_only_known_fault_statuses_can_be_injected(api, state):
    response = await api.post("/_sandbox/faults", json={"status": 404, "count": 1})

    assert response.status_code == 422
    assert state.faults == []


async def test_health_answers_ok(api):
    assert (await api.get("/_sandbox/health")).json() == {"status": "ok"}
