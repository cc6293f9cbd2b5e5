"""Events folded into the read models, and what the tenant reads from them."""

import asyncio
from datetime import timedelta

import pytest

from libs.events import (
    CallMissed,
    ConsentRecorded,
    CustomerMessageAccepted,
    OptedIn,
    OptedOut,
    SendSms,
    SmsBlocked,
    SmsSent,
)
from tests.factories import missed_call
from tests.helpers import eventually
from tests.unit.dashboard.harness import NOON, Harness

NUMBER = "+14165550100"
CALLER = "+14165550123"


@pytest.fixture
async def h() -> Harness:
    harness = Harness()
    harness.key = await harness.provision("acme", NUMBER)
    return harness


def missed(call_sid: str = "CA1") -> CallMissed:
    return missed_call(CALLER, sid=call_sid, received_at=NOON)


def sent(request_id: str, purpose: str, body: str = "Hi!", **extra) -> SmsSent:
    return SmsSent(
        id=f"sms-sent-{request_id}",
        tenant_id="acme",
        request_id=request_id,
        message_sid="SM" + request_id,
        to=CALLER,
        purpose=purpose,
        body=body,
        **extra,
    )


async def get(h: Harness, path: str):
    async with h.client(h.key) as client:
        response = await client.get(path)
    assert response.status_code == 200, response.text
    return response


async def test_a_missed_call_shows_how_fast_it_was_texted_in_any_event_order(h):
    text = sent(
        "textback-CA1",
        "textback",
        occurred_at=NOON + timedelta(seconds=0.4),
        origin_at=NOON,
    )
    await h.projector.sms_sent(text)
    await h.projector.call_missed(missed())

    [call] = (await get(h, "/v1/missed-calls")).json()
    assert (call["caller"], call["text"], call["time_to_text_seconds"]) == (
        CALLER,
        "texted",
        0.4,
    )


async def test_a_blocked_text_back_shows_the_reason(h):
    await h.projector.call_missed(missed())
    await h.projector.sms_blocked(
        SmsBlocked(
            id="b1",
            tenant_id="acme",
            request_id="textback-CA1",
            to=CALLER,
            purpose="textback",
            reason="opted_out",
        )
    )

    [call] = (await get(h, "/v1/missed-calls")).json()
    assert (call["text"], call["blocked_reason"]) == ("blocked", "opted_out")


async def test_a_thread_holds_both_sides_in_order_and_no_owner_relays(h):
    await h.projector.customer_message(
        CustomerMessageAccepted(
            id="c1",
            tenant_id="acme",
            message_sid="SM1",
            customer=CALLER,
            business_number=NUMBER,
            body="Can you come today?",
            occurred_at=NOON + timedelta(minutes=1),
        )
    )
    await h.projector.sms_sent(
        sent("textback-CA1", "textback", "Sorry we missed you", occurred_at=NOON)
    )
    await h.projector.sms_sent(
        sent("relay-1", "relay_to_owner", "relay", occurred_at=NOON)
    )

    thread = (await get(h, f"/v1/threads/{CALLER}")).json()
    [summary] = (await get(h, "/v1/threads")).json()
    assert [(m["direction"], m["body"]) for m in thread["transcript"]] == [
        ("out", "Sorry we missed you"),
        ("in", "Can you come today?"),
    ]
    assert summary["messages"] == 2


async def test_the_export_lists_every_consent_and_opt_out_with_its_evidence(h):
    await h.projector.consent_recorded(
        ConsentRecorded(
            id="consent-1",
            tenant_id="acme",
            customer=CALLER,
            basis="call",
            reference="CA1",
            at=NOON,
        )
    )
    await h.projector.opted_out(
        OptedOut(
            id="opted-out-1",
            tenant_id="acme",
            customer=CALLER,
            source="keyword",
            evidence='SM2: "STOP"',
            occurred_at=NOON + timedelta(minutes=2),
        )
    )

    rows = (await get(h, "/v1/consents/export.csv")).text.splitlines()
    stop_at = (NOON + timedelta(minutes=2)).isoformat()
    opted_out = (await get(h, "/v1/opt-outs")).json()
    assert rows[0] == "recorded_at,customer,kind,basis_or_source,evidence"
    assert rows[1:] == [
        f"{NOON.isoformat()},{CALLER},consent,call,CA1",
        f'{stop_at},{CALLER},opt_out,keyword,"SM2: ""STOP"""',
    ]
    assert [(o["customer"], o["source"]) for o in opted_out] == [(CALLER, "keyword")]


async def test_an_opt_in_after_an_opt_out_ends_it(h):
    await h.projector.opted_out(
        OptedOut(
            id="o1",
            tenant_id="acme",
            customer=CALLER,
            source="keyword",
            evidence="SM1",
            occurred_at=NOON,
        )
    )
    await h.projector.opted_in(
        OptedIn(
            id="i1",
            tenant_id="acme",
            customer=CALLER,
            evidence="SM2",
            occurred_at=NOON + timedelta(minutes=1),
        )
    )

    assert (await get(h, "/v1/opt-outs")).json() == []


async def test_a_manual_send_answers_with_the_gates_verdict_and_why(h):
    async def gate_blocks_it():
        [request] = await eventually(published(h, SendSms), 2, "a send request")
        await h.projector.sms_blocked(
            SmsBlocked(
                id="b-" + request.id,
                tenant_id="acme",
                request_id=request.id,
                to=request.to,
                purpose="manual",
                reason="opted_out",
            )
        )

    async with h.client(h.key) as client:
        _, response = await asyncio.gather(
            gate_blocks_it(),
            client.post("/v1/messages", json={"to": CALLER, "body": "Hi"}),
        )

    outcome = response.json()
    assert response.status_code == 200
    assert (outcome["state"], outcome["reason"]) == ("blocked", "opted_out")
    assert "opted out" in outcome["explanation"]


async def test_a_manual_send_without_a_quick_verdict_is_202_and_can_be_fetched(h):
    async with h.client(h.key) as client:
        response = await client.post(
            "/v1/messages", json={"to": "(416) 555-0123", "body": "Hi"}
        )
        [request] = h.publisher.of(SendSms)
        await h.projector.sms_sent(sent(request.id, "manual"))
        later = await client.get(response.headers["location"])

    assert response.status_code == 202
    assert (request.to, request.purpose) == (CALLER, "manual")
    assert later.json()["state"] == "sent"


def published(h: Harness, message_type):
    async def probe():
        return h.publisher.of(message_type)

    return probe
