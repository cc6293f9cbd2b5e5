"""The dashboard app over in-memory ports, and tenants provisioned through it."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from libs.clock import FixedClock
from services.dashboard.app import create_app
from services.dashboard.config import Settings
from services.dashboard.deps import Dashboard
from services.dashboard.domain.ratelimit import RateLimiter
from services.dashboard.handlers.access import Access
from services.dashboard.handlers.actions import Actions
from services.dashboard.handlers.configuration import Configuration
from services.dashboard.handlers.follow_ups import FollowUpProjector
from services.dashboard.handlers.projections import Projector
from services.dashboard.handlers.provisioning import Provisioning
from services.dashboard.handlers.queries import Queries
from services.dashboard.handlers.waiters import OutcomeWaiters
from tests.unit.dashboard.fakes import (
    FakeBookings,
    FakeCalls,
    FakeConsents,
    FakeKeys,
    FakePublisher,
    FakeReviews,
    FakeSends,
    FakeTenants,
    FakeThreads,
)

ADMIN_KEY = "unit-admin-key-0123456789abcdef"
NOON = datetime(2026, 6, 1, 16, 0, tzinfo=UTC)


def dashboard_settings(**overrides) -> Settings:
    values = dict(
        environment="test",
        admin_api_key=ADMIN_KEY,
        public_dashboard_url="https://dash.example",
        manual_send_wait_seconds=0.05,
        rate_per_second=1000.0,
        rate_burst=1000,
    )
    return Settings(**(values | overrides))


def setup_body(tenant_id: str, number: str, name: str = "Acme Plumbing") -> dict:
    return {
        "tenant_id": tenant_id,
        "identity": {
            "name": name,
            "mailing_address": "100 King St W, Toronto ON M5X 1A9",
            "phone": "+14165550199",
            "website": "https://acme.example",
        },
        "numbers": [{"number": number, "mode": "forwarded"}],
        "owner_phone": "+14165550142",
    }


@dataclass
class Harness:
    settings: Settings = field(default_factory=dashboard_settings)
    clock: FixedClock = field(default_factory=lambda: FixedClock(NOON))

    def __post_init__(self) -> None:
        self.tenants, self.keys = FakeTenants(), FakeKeys()
        self.calls, self.threads = FakeCalls(), FakeThreads()
        self.sends, self.consents = FakeSends(), FakeConsents()
        self.bookings, self.reviews = FakeBookings(), FakeReviews()
        self.publisher, self.waiters = FakePublisher(), OutcomeWaiters()
        self.dashboard = Dashboard(
            access=Access(self.keys, ADMIN_KEY),
            provisioning=Provisioning(
                self.tenants, self.keys, self.settings.public_dashboard_url, self.clock
            ),
            configuration=Configuration(self.tenants),
            actions=Actions(
                self.publisher,
                self.sends,
                self.threads,
                self.waiters,
                self.clock,
                self.settings.manual_send_wait_seconds,
            ),
            queries=Queries(
                self.calls, self.threads, self.consents, self.bookings, self.reviews
            ),
            limiter=RateLimiter(
                self.settings.rate_per_second, self.settings.rate_burst
            ),
        )
        self.projector = Projector(
            self.calls, self.threads, self.sends, self.consents, self.waiters
        )
        self.follow_ups = FollowUpProjector(self.bookings, self.reviews)
        self.app = create_app(self.settings, self.dashboard)

    def client(self, key: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://dashboard.test",
            headers=headers,
        )

    async def provision(self, tenant_id: str, number: str, **extra) -> str:
        """A tenant created through the admin route; its API key."""
        async with self.client(ADMIN_KEY) as admin:
            response = await admin.post(
                "/v1/admin/tenants", json=setup_body(tenant_id, number) | extra
            )
        assert response.status_code == 201, response.text
        return response.json()["api_key"]
