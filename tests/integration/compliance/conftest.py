"""The compliance service on the real NATS and nx-27017, sending to the sandbox."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from motor.motor_asyncio import AsyncIOMotorDatabase

from libs.clock import OffsetClock
from libs.devstack.servers import free_port
from libs.directory import TenantWriter, open_bucket
from libs.events import Message, SendSms, SmsReceived
from libs.runtime import Runtime
from sandbox.server import BackgroundServer
from sandbox.state import SandboxState
from sandbox.twilio_api import create_app
from services.compliance.bootstrap import Compliance, build, wire
from services.compliance.config import Settings
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER, tenant
from tests.helpers import eventually, stored_messages


@dataclass
class Stack:
    """The compliance service under test and what it talks to."""

    runtime: Runtime
    settings: Settings
    sandbox_url: str
    clock: OffsetClock
    clock_file: Path
    _sids: int = 0

    @property
    def db(self) -> AsyncIOMotorDatabase:
        return self.runtime.db

    def replica(self) -> Compliance:
        """A second compliance process's handlers over the same store and broker."""
        runtime = self.runtime
        return wire(self.settings, runtime.db, runtime.directory, runtime.publisher)

    def set_clock(self, moment: datetime) -> None:
        """Make the service (and the sandbox) believe it is `moment`."""
        offset = (moment - datetime.now(moment.tzinfo)).total_seconds()
        self.clock_file.write_text(str(offset))

    async def publish(self, message: Message) -> None:
        assert await self.runtime.publisher.publish(message)

    async def customer_texts(
        self, body: str, customer: str = MOBILE_CALLER, **extra
    ) -> SmsReceived:
        self._sids += 1
        sms = SmsReceived(
            id=f"sms-SM{self._sids}",
            tenant_id="acme",
            message_sid=f"SM{self._sids:032x}",
            customer=customer,
            business_number=BUSINESS_NUMBER,
            body=body,
            occurred_at=self.clock.now(),
            **extra,
        )
        await self.publish(sms)
        return sms

    def request(self, request_id: str, **overrides) -> SendSms:
        fields = dict(
            id=request_id,
            tenant_id="acme",
            to=MOBILE_CALLER,
            from_number=BUSINESS_NUMBER,
            body="Hi, this is Acme Plumbing. Sorry we missed your call!",
            purpose="textback",
            consent_evidence={
                "basis": "call",
                "reference": f"CA-{request_id}",
                "at": self.clock.now(),
            },
        )
        fields.update(overrides)
        return SendSms(**fields)

    async def sandbox(self, method: str, path: str, **kwargs) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.sandbox_url) as http:
            response = await http.request(method, path, **kwargs)
        response.raise_for_status()
        return response

    async def texts(self, to: str = MOBILE_CALLER) -> list[str]:
        """The bodies the sandbox accepted for `to`, oldest first."""
        accepted = (await self.sandbox("GET", "/_sandbox/messages")).json()
        return [m["body"] for m in accepted if m["to"] == to]

    async def events(self, message_type: type[Message]) -> list:
        nc = self.runtime.broker.connection
        return await stored_messages(nc, self.runtime.names, message_type)

    async def outbox(self, request_id: str) -> dict | None:
        return await self.db["outbox"].find_one({"_id": request_id})

    async def wait_for_state(self, request_id: str, *states: str) -> dict:
        async def reached():
            doc = await self.outbox(request_id)
            return doc if doc and doc["state"] in states else None

        return await eventually(reached, what=f"{request_id} in {states}")


@pytest.fixture
async def stack(settings_for, tmp_path):
    clock_file = tmp_path / "clock-offset"
    clock_file.write_text("0")
    settings = settings_for(
        Settings,
        clock_offset_file=str(clock_file),
        # Nobody listens there: the sandbox's status callbacks go nowhere.
        public_base_url=f"http://127.0.0.1:{free_port()}",
        scheduler_interval_seconds=0.05,
    )
    state = SandboxState.from_settings(settings)
    async with BackgroundServer(create_app(state)) as sandbox:
        settings = settings.model_copy(update={"twilio_api_base_url": sandbox.url})
        runtime = build(settings)
        await runtime.start()
        writer = TenantWriter(
            await open_bucket(runtime.broker.connection, runtime.names)
        )
        await writer.put(tenant())
        await runtime.directory.wait_for("acme", 1)
        try:
            yield Stack(
                runtime, settings, sandbox.url, OffsetClock(clock_file), clock_file
            )
        finally:
            await runtime.stop()
