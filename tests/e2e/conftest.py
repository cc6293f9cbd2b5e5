"""The whole system as processes: servers, sandbox and every service.

One stack per test module (starting it costs a few seconds); every test uses
its own caller numbers, so tests in a module do not see each other's texts.
"""

import asyncio
import os
import random
import uuid
from collections.abc import Iterator

import httpx
import pytest

from libs.devstack.demo import seed
from libs.devstack.stack import Stack
from libs.phones import facts
from libs.tenants import TenantConfig
from sandbox.simulator import PhoneSimulator
from tests.factories import tenant


def fresh_mobile_number() -> str:
    """A valid Toronto number no other test has used."""
    while True:
        candidate = f"+1416{random.randint(2000000, 9999999)}"
        known = facts(candidate)
        if known and known.can_receive_sms:
            return candidate


def running_stack(
    tmp_path_factory,
    mongo_url: str | None,
    config: TenantConfig,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """Servers, sandbox and every service, with `config` as the only tenant."""
    namespace = "e" + uuid.uuid4().hex[:10]
    system = Stack(
        data_dir=tmp_path_factory.mktemp("stack"),
        namespace=namespace,
        mongo_url=mongo_url,
        environment="test",
        extra_env=extra_env or {},
    )
    system.start_servers()
    asyncio.run(seed(system.nats.url, namespace, config))
    try:
        system.start_services()
        yield system
    finally:
        # A test that moved the clock must not leave it moved for the next stack.
        system.set_clock_offset(0)
        system.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, mongo_url_for_e2e):
    yield from running_stack(tmp_path_factory, mongo_url_for_e2e, tenant())


@pytest.fixture(scope="module")
def mongo_url_for_e2e():
    """A real MongoDB when MONGODB_URL is set; else each stack runs its own nx-27017."""
    return os.environ.get("MONGODB_URL")


@pytest.fixture
async def phone(stack):
    async with httpx.AsyncClient(timeout=10) as client:
        yield PhoneSimulator(
            ingress_url=stack.ingress_url,
            public_base_url=stack.ingress_url,
            auth_token=stack.twilio.twilio_auth_token.get_secret_value(),
            account_sid=stack.twilio.twilio_account_sid,
            client=client,
        )


@pytest.fixture
async def sandbox(stack):
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=10) as client:
        yield client


@pytest.fixture
def caller() -> str:
    return fresh_mobile_number()


async def texts_to(sandbox: httpx.AsyncClient, number: str) -> list[dict]:
    """Every SMS the sandbox accepted for `number`, oldest first."""
    response = await sandbox.get("/_sandbox/messages")
    response.raise_for_status()
    return [m for m in response.json() if m["to"] == number]


async def publish(stack: Stack, message) -> None:
    """Put a message on the bus as another service would (e.g. a review request)."""
    import nats

    from libs.subjects import Names

    connection = await nats.connect(stack.nats.url)
    try:
        await connection.jetstream().publish(
            Names(stack.namespace).subject_of(message),
            message.model_dump_json().encode(),
            headers={"Nats-Msg-Id": message.id},
        )
    finally:
        await connection.close()


async def events_of(stack: Stack, message_type):
    """Every message of `message_type` the stack's JetStream holds."""
    import nats

    from libs.subjects import Names
    from tests.helpers import stored_messages

    connection = await nats.connect(stack.nats.url)
    try:
        return await stored_messages(connection, Names(stack.namespace), message_type)
    finally:
        await connection.close()
