import httpx
import pytest
from nats.js import JetStreamContext

from libs.directory import TenantWriter, open_bucket
from libs.events import ALL_MESSAGES, Message
from libs.runtime import Runtime
from libs.tenants import TenantConfig
from services.ingress.app import create_app
from services.ingress.config import Settings
from tests.integration.ingress.twilio_webhooks import (
    ACCOUNT,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    SignedWebhooks,
)

KINDS = {message_type.kind: message_type for message_type in ALL_MESSAGES}


def ingress_settings(**overrides) -> Settings:
    return Settings(
        environment="test",
        public_base_url=PUBLIC_BASE_URL,
        twilio_account_sid=ACCOUNT,
        twilio_auth_token=AUTH_TOKEN,
        **overrides,
    )


async def put_tenant(runtime: Runtime, config: TenantConfig) -> None:
    """Write a tenant as the dashboard would, and wait until ingress can see it."""
    writer = TenantWriter(await open_bucket(runtime.broker.connection, runtime.names))
    await writer.put(config)
    await runtime.directory.wait_for(config.tenant_id, config.revision)


async def stored_events(runtime: Runtime) -> list[Message]:
    """Every event of this test's namespace that JetStream holds, in order."""
    js: JetStreamContext = runtime.broker.connection.jetstream()
    stream = runtime.names.events_stream
    state = (await js.stream_info(stream)).state
    if state.messages == 0:
        return []

    events = []
    for sequence in range(state.first_seq, state.last_seq + 1):
        raw = await js.get_msg(stream, sequence)
        # <namespace>.evt.<tenant>.<kind, itself dotted>
        kind = raw.subject.split(".", 3)[3]
        events.append(KINDS[kind].model_validate_json(raw.data))
    return events


@pytest.fixture
async def twilio(runtime, namespace):
    """Twilio posting to an ingress app wired to the real broker and directory."""
    settings = ingress_settings(namespace=namespace)
    app = create_app(settings, runtime.publisher, runtime.directory, runtime.ready)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ingress"
    ) as client:
        yield SignedWebhooks(client)
