"""Status callbacks reach a real HTTP receiver, signed as Twilio signs them."""

from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from twilio.request_validator import RequestValidator

from sandbox.server import BackgroundServer
from tests.helpers import eventually

CUSTOMER = "+14165550123"
BUSINESS = "+14165550100"


@dataclass
class Receiver:
    """A webhook receiver that keeps each callback with its signature's verdict."""

    token: str
    callbacks: list[dict] = field(default_factory=list)
    url: str = ""

    def app(self) -> FastAPI:
        app = FastAPI()
        validator = RequestValidator(self.token)

        @app.post("/twilio/sms/status")
        async def status(request: Request) -> Response:
            form = dict(await request.form())
            signature = request.headers.get("X-Twilio-Signature", "")
            url = self.url + "/twilio/sms/status?" + request.url.query
            form["valid_signature"] = validator.validate(url, dict(form), signature)
            self.callbacks.append(form)
            return Response(status_code=204)

        return app


@pytest.fixture
async def receiver(twilio_settings):
    receiver = Receiver(twilio_settings.twilio_auth_token.get_secret_value())
    async with BackgroundServer(receiver.app()) as server:
        receiver.url = server.url
        yield receiver


async def statuses(receiver: Receiver, count: int) -> list[str]:
    async def arrived():
        return len(receiver.callbacks) >= count

    await eventually(arrived, timeout=5, what=f"{count} status callbacks")
    return [c["MessageStatus"] for c in receiver.callbacks]


async def test_a_sent_message_reports_sent_then_delivered(twilio, receiver):
    created = await twilio.messages.create_async(
        to=CUSTOMER,
        from_=BUSINESS,
        body="Hi",
        status_callback=f"{receiver.url}/twilio/sms/status?tenant=acme",
    )

    assert await statuses(receiver, 2) == ["sent", "delivered"]
    assert all(c["valid_signature"] for c in receiver.callbacks)
    assert {c["MessageSid"] for c in receiver.callbacks} == {created.sid}


async def test_an_unreachable_number_reports_undelivered_with_error_code(
    sandbox, twilio, receiver
):
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        await control.post(
            "/_sandbox/numbers", json={"number": CUSTOMER, "unreachable_code": 30005}
        )

    await twilio.messages.create_async(
        to=CUSTOMER,
        from_=BUSINESS,
        body="Hi",
        status_callback=f"{receiver.url}/twilio/sms/status",
    )

    assert await statuses(receiver, 2) == ["sent", "undelivered"]
    assert receiver.callbacks[-1]["ErrorCode"] == "30005"
    assert receiver.callbacks[-1]["valid_signature"]
