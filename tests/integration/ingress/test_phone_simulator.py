"""The phone simulator's calls and texts reach JetStream as the right events."""

import httpx
import pytest

from libs.events import CallAnswered, CallMissed, OwnerSmsReceived, SmsReceived
from sandbox.simulator import PhoneSimulator
from services.ingress.app import create_app
from tests.integration.ingress.conftest import (
    ingress_settings,
    put_tenant,
    stored_events,
)
from tests.integration.ingress.twilio_webhooks import (
    ACCOUNT,
    AUTH_TOKEN,
    BUSINESS,
    CALLER,
    OWNER,
    PUBLIC_BASE_URL,
    tenant,
)


@pytest.fixture
async def phone(runtime, namespace):
    app = create_app(
        ingress_settings(namespace=namespace), runtime.publisher, runtime.directory
    )
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
    async with PhoneSimulator(
        ingress_url=PUBLIC_BASE_URL,
        public_base_url=PUBLIC_BASE_URL,
        auth_token=AUTH_TOKEN,
        account_sid=ACCOUNT,
        client=client,
    ) as simulator:
        yield simulator
    await client.aclose()


async def test_a_forwarded_call_becomes_one_call_missed(runtime, phone):
    await put_tenant(runtime, tenant(mode="forwarded"))

    result = await phone.missed_call(CALLER, BUSINESS, outcome="forwarded")

    events = await stored_events(runtime)
    assert result.ok
    assert [type(e) for e in events] == [CallMissed]
    assert (events[0].caller, events[0].call_sid) == (CALLER, result.sid)


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("no-answer", (CallMissed, "no-answer")),
        ("busy", (CallMissed, "busy")),
        ("declined", (CallMissed, "declined")),
        ("answered", (CallAnswered, None)),
    ],
)
async def test_a_dialled_call_ends_as_the_owner_handled_it(
    runtime, phone, outcome, expected
):
    await put_tenant(runtime, tenant(mode="dial"))

    result = await phone.missed_call(CALLER, BUSINESS, outcome=outcome)

    events = await stored_events(runtime)
    assert result.ok
    assert [type(e) for e in events] == [expected[0]]
    assert getattr(events[0], "reason", None) == expected[1]


async def test_texts_from_customers_and_from_the_owner_are_told_apart(runtime, phone):
    await put_tenant(runtime, tenant())

    await phone.text(CALLER, BUSINESS, "Do you fix water heaters?")
    await phone.text(OWNER, BUSINESS, "#1 I'll call them back")

    customer, owner = await stored_events(runtime)
    assert isinstance(customer, SmsReceived)
    assert customer.body == "Do you fix water heaters?"
    assert isinstance(owner, OwnerSmsReceived)
    assert owner.owner == OWNER
