"""Events on the real bus become read models; actions and writes reach the bus."""

import asyncio
from datetime import timedelta

from libs.events import SendSms, SmsBlocked, SmsSent, utc_now
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER, missed_call
from tests.helpers import eventually
from tests.unit.dashboard.harness import ADMIN_KEY

NUMBER, CALLER = BUSINESS_NUMBER, MOBILE_CALLER


async def test_a_missed_call_and_its_text_show_the_time_to_text(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    received = utc_now()
    await live.runtime.publisher.publish(
        SmsSent(
            id="sent-1",
            tenant_id="acme",
            request_id="textback-CA1",
            message_sid="SM1",
            to=CALLER,
            purpose="textback",
            body="Acme Plumbing: sorry!",
            origin_at=received,
            occurred_at=received + timedelta(seconds=0.25),
        )
    )
    await live.runtime.publisher.publish(missed_call(sid="CA1", received_at=received))

    async with live.client(key) as client:

        async def texted_calls():
            calls = (await client.get("/v1/missed-calls")).json()
            return [c for c in calls if c["text"] == "texted"]

        [call] = await eventually(texted_calls, 10, "the texted missed call")
        [thread] = (await client.get("/v1/threads")).json()

    assert call["time_to_text_seconds"] == 0.25
    assert (thread["customer"], thread["messages"]) == (CALLER, 1)


async def test_missed_calls_are_listed_newest_first(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    first = utc_now()
    # Published oldest first: stored order alone would list them the wrong way round.
    for sid, received in (("CA1", first), ("CA2", first + timedelta(minutes=5))):
        await live.runtime.publisher.publish(missed_call(sid=sid, received_at=received))

    async with live.client(key) as client:

        async def both_calls():
            calls = (await client.get("/v1/missed-calls")).json()
            return calls if len(calls) == 2 else None

        calls = await eventually(both_calls, 10, "both missed calls")

    assert [c["call_sid"] for c in calls] == ["CA2", "CA1"]


async def test_a_manual_send_answers_with_the_verdict_published_for_it(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    connection = live.runtime.broker.connection

    # Stands in for compliance: every manual request is refused as opted out.
    async def refuse(msg) -> None:
        request = SendSms.model_validate_json(msg.data)
        await live.runtime.publisher.publish(
            SmsBlocked(
                id=f"blocked-{request.id}",
                tenant_id=request.tenant_id,
                request_id=request.id,
                to=request.to,
                purpose=request.purpose,
                reason="opted_out",
            )
        )

    gate = await connection.subscribe(live.runtime.names.filter_for(SendSms), cb=refuse)
    try:
        async with live.client(key) as client:
            response = await client.post(
                "/v1/messages", json={"to": CALLER, "body": "Your part is in."}
            )
    finally:
        await gate.unsubscribe()

    assert response.status_code == 200
    assert response.json()["reason"] == "opted_out"
    assert "opted out" in response.json()["explanation"]


async def test_a_configuration_change_reaches_the_directory_without_restart(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")
    template = "{business} missed you; we'll call back. Reply STOP to opt out."

    async with live.client(key) as client:
        response = await client.put(
            "/v1/tenant/textback", json={"templates": {"en": template}}
        )
    await live.runtime.directory.wait_for("acme", 2)

    assert response.json()["revision"] == 2
    assert live.runtime.directory.tenant("acme").textback.templates == {"en": template}


async def test_two_changes_at_once_both_land(live):
    key = await live.provision("acme", NUMBER, "Acme Plumbing")

    async with live.client(key) as client:
        await asyncio.gather(
            client.put("/v1/tenant/languages", json={"languages": ["en", "fr"]}),
            client.put("/v1/tenant/owner-phone", json={"owner_phone": CALLER}),
        )
        config = (await client.get("/v1/tenant")).json()

    assert (config["languages"], config["owner_phone"], config["revision"]) == (
        ["en", "fr"],
        CALLER,
        3,
    )


async def test_a_rotated_key_is_refused_and_the_new_one_works(live):
    old = await live.provision("acme", NUMBER, "Acme Plumbing")

    async with live.client(ADMIN_KEY) as admin:
        new = (await admin.post("/v1/admin/tenants/acme/api-key")).json()["api_key"]
    async with live.client(old) as with_old, live.client(new) as with_new:
        assert (await with_old.get("/v1/tenant")).status_code == 401
        assert (await with_new.get("/v1/tenant")).status_code == 200
