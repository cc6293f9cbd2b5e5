"""The compliance handlers over in-memory ports and a clock that moves on demand."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from libs.clock import FixedClock
from libs.events import ConsentEvidence, SendSms, SmsReceived
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.handlers.inbound import InboundTexts
from services.compliance.handlers.outbound import SendRequests
from services.compliance.handlers.status import StatusReports
from services.compliance.scheduler import OutboxScheduler
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER, tenant
from tests.unit.compliance.fakes import fake_deps

# 15:00 in Toronto, where the factory's numbers are.
AFTERNOON = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)


@dataclass
class Harness:
    clock: FixedClock = field(default_factory=lambda: FixedClock(AFTERNOON))

    def __post_init__(self) -> None:
        self.deps = fake_deps(self.clock, tenant())
        self.dispatcher = Dispatcher(self.deps)
        self.inbound = InboundTexts(self.deps, self.dispatcher)
        self.requests = SendRequests(self.deps, self.dispatcher)
        self.statuses = StatusReports(self.deps)
        self.scheduler = OutboxScheduler(
            self.deps.outbox, self.dispatcher, self.clock, 0.2
        )
        self._sids = 0

    @property
    def sms(self):
        return self.deps.sms

    @property
    def published(self):
        return self.deps.publisher

    def texts_to(self, number: str = MOBILE_CALLER) -> list[str]:
        return [m["body"] for m in self.sms.sent if m["to"] == number]

    def state_of(self, request_id: str):
        item = self.deps.outbox.items[request_id]
        return item.state, item.reason

    async def customer_texts(
        self, body: str, customer: str = MOBILE_CALLER, **extra
    ) -> SmsReceived:
        self._sids += 1
        sms = SmsReceived(
            id=f"sms-SM{self._sids}",
            tenant_id="acme",
            message_sid=f"SM{self._sids:032d}",
            customer=customer,
            business_number=BUSINESS_NUMBER,
            body=body,
            occurred_at=self.clock.now(),
            **extra,
        )
        await self.inbound.handle(sms)
        return sms

    async def request(self, request_id: str = "textback-CA1", **overrides) -> SendSms:
        fields = dict(
            id=request_id,
            tenant_id="acme",
            to=MOBILE_CALLER,
            from_number=BUSINESS_NUMBER,
            body="Hi, this is Acme Plumbing. Sorry we missed your call!",
            purpose="textback",
            consent_evidence=ConsentEvidence(
                basis="call", reference="CA1", at=self.clock.now()
            ),
        )
        fields.update(overrides)
        request = SendSms(**fields)
        await self.requests.handle(request)
        return request

    async def later(self, **delta: float) -> None:
        """Let time pass and let the scheduler do what fell due."""
        self.clock.advance(**delta)
        await self.scheduler.run_once()


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)
