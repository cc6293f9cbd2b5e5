"""The dashboard in-process against the embedded NATS and nx-27017."""

from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from libs.runtime import Runtime
from services.dashboard.bootstrap import build
from services.dashboard.config import Settings
from tests.unit.dashboard.harness import ADMIN_KEY, setup_body


@dataclass
class LiveDashboard:
    runtime: Runtime
    app: FastAPI

    def client(self, key: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://dashboard.test",
            headers=headers,
            timeout=10,
        )

    async def provision(self, tenant_id: str, number: str, name: str) -> str:
        async with self.client(ADMIN_KEY) as admin:
            response = await admin.post(
                "/v1/admin/tenants", json=setup_body(tenant_id, number, name)
            )
        assert response.status_code == 201, response.text
        return response.json()["api_key"]

    async def tenant_messages(self, tenant_id: str) -> int:
        """How many events and commands JetStream holds for one tenant."""
        js = self.runtime.broker.connection.jetstream()
        names = self.runtime.names
        total = 0
        for stream in (names.events_stream, names.commands_stream):
            info = await js.stream_info(
                stream, subjects_filter=f"{names.namespace}.*.{tenant_id}.>"
            )
            total += sum((info.state.subjects or {}).values())
        return total


@pytest.fixture
async def live(settings_for):
    settings = settings_for(
        Settings,
        admin_api_key=ADMIN_KEY,
        public_dashboard_url="https://dash.example",
        manual_send_wait_seconds=0.3,
        rate_per_second=1000.0,
        rate_burst=1000,
    )
    runtime, app = build(settings)
    await runtime.start()
    yield LiveDashboard(runtime, app)
    await runtime.stop()
