import httpx
import pytest

from libs.bus import PublishFailed
from libs.events import Message
from libs.tenants import TenantConfig
from services.ingress.app import create_app
from services.ingress.config import Settings
from tests.integration.ingress.twilio_webhooks import (
    ACCOUNT,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    SUBACCOUNT,
    SUBACCOUNT_TOKEN,
    SignedWebhooks,
    tenant,
)


class FakeDirectory:
    loaded = True

    def __init__(self, *tenants: TenantConfig) -> None:
        self._by_number: dict[str, TenantConfig] = {}
        for config in tenants:
            self.put(config)

    def put(self, config: TenantConfig) -> None:
        self._by_number |= {number.number: config for number in config.numbers}

    def by_number(self, e164: str) -> TenantConfig | None:
        return self._by_number.get(e164)


class FakePublisher:
    """Stores by id like JetStream does; can be told that the store is down."""

    def __init__(self) -> None:
        self.messages: dict[str, Message] = {}
        self.down = False

    async def publish(self, message: Message) -> bool:
        if self.down:
            raise PublishFailed("the store is down")
        new = message.id not in self.messages
        self.messages.setdefault(message.id, message)
        return new


@pytest.fixture
def settings() -> Settings:
    return Settings(
        environment="test",
        public_base_url=PUBLIC_BASE_URL,
        twilio_account_sid=ACCOUNT,
        twilio_auth_token=AUTH_TOKEN,
        twilio_subaccount_tokens={SUBACCOUNT: SUBACCOUNT_TOKEN},
        max_body_bytes=4096,
    )


@pytest.fixture
def publisher() -> FakePublisher:
    return FakePublisher()


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(tenant())


@pytest.fixture
async def twilio(settings, publisher, directory):
    app = create_app(settings, publisher, directory)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ingress"
    ) as client:
        yield SignedWebhooks(client)
