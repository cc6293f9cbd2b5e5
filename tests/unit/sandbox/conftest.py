import httpx
import pytest

from sandbox.callbacks import StatusReporter
from sandbox.state import SandboxState
from sandbox.twilio_api import create_app
from tests.unit.sandbox.callback_recorder import CallbackRecorder

ACCOUNT_SID = "AC" + "b" * 32
AUTH_TOKEN = "unit-sandbox-token"
SUBACCOUNT_SID = "AC" + "c" * 32
SUBACCOUNT_TOKEN = "unit-subaccount-token"


@pytest.fixture
def state() -> SandboxState:
    return SandboxState(
        accounts={ACCOUNT_SID: AUTH_TOKEN, SUBACCOUNT_SID: SUBACCOUNT_TOKEN}
    )


@pytest.fixture
def receiver() -> CallbackRecorder:
    return CallbackRecorder()


@pytest.fixture
async def reporter(state, receiver):
    async with httpx.AsyncClient(transport=receiver.transport()) as http:
        reporter = StatusReporter(state, delay_seconds=0.0, http=http)
        yield reporter
        await reporter.aclose()


@pytest.fixture
async def api(state, reporter):
    """A client of the sandbox app, authenticated as the main account."""
    transport = httpx.ASGITransport(app=create_app(state, reporter))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sandbox", auth=(ACCOUNT_SID, AUTH_TOKEN)
    ) as client:
        yield client
