from dataclasses import dataclass

import pytest

from libs.settings import TwilioSettings
from libs.twilio_rest import async_client
from sandbox.server import BackgroundServer
from sandbox.state import SandboxState
from sandbox.twilio_api import create_app


@pytest.fixture
def twilio_settings() -> TwilioSettings:
    return TwilioSettings(environment="test")


@dataclass
class RunningSandbox:
    url: str
    state: SandboxState


@pytest.fixture
async def sandbox(twilio_settings):
    """The sandbox served on a free loopback port for this test."""
    state = SandboxState.from_settings(twilio_settings)
    async with BackgroundServer(create_app(state)) as server:
        yield RunningSandbox(server.url, state)


@pytest.fixture
def settings_for_sandbox(sandbox, twilio_settings):
    def build(**overrides) -> TwilioSettings:
        return twilio_settings.model_copy(
            update={"twilio_api_base_url": sandbox.url, **overrides}
        )

    return build


@pytest.fixture
async def twilio(settings_for_sandbox):
    """The official SDK, through libs.twilio_rest, pointed at the sandbox."""
    client = async_client(settings_for_sandbox())
    yield client
    await client.http_client.close()
