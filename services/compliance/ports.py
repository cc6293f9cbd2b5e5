"""The ports the compliance handlers use: adapters implement them, tests fake them."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from libs.events import Message, SendSms
from libs.tenants import TenantConfig
from services.compliance.domain.consent import Basis, ConsentRecord
from services.compliance.domain.gate import Decision

OutboxState = Literal[
    "pending", "held", "retrying", "sending", "sent", "blocked", "dropped"
]
WAITING_STATES = ("pending", "held", "retrying")
FINAL_STATES = ("sent", "blocked", "dropped")


@dataclass(frozen=True)
class Evidence:
    """What proves a consent, opt-out or opt-in: the message, call or job, and when."""

    reference: str
    at: datetime
    text: str | None = None


@dataclass(frozen=True)
class OptOutState:
    opted_out: bool = False
    since: datetime | None = None
    # The message (or request) that opened the current opt-out episode.
    started_by: str | None = None


@dataclass(frozen=True)
class OptOutOutcome:
    # False when the customer was already opted out before this evidence.
    new_episode: bool
    started_by: str


@dataclass(frozen=True)
class NumberRecord:
    """What Lookup and carrier errors taught us about one number."""

    e164: str
    line_type: str | None = None
    valid: bool = True
    unreachable_code: int | None = None


@dataclass
class OutboxItem:
    """One send request and how far it got."""

    request: SendSms
    state: OutboxState
    claim: str | None = None
    confirms_opt_out: bool = False
    # Calls made to Twilio, and failures that asked for a retry.
    attempts: int = 0
    failures: int = 0
    created_at: datetime | None = None
    give_up_at: datetime | None = None
    # Set just before every Twilio call: the request may have reached Twilio.
    in_doubt_since: datetime | None = None
    body: str | None = None
    from_number: str | None = None
    sid: str | None = None
    reason: str | None = None
    announced: bool = False


class LostClaim(RuntimeError):
    """Another replica took the request over; this one must not touch it."""


class SendFailure(Exception):
    """Twilio did not accept a message (or a lookup); `kind` says what to do next."""

    # Credentials ("auth") are retried too: an operator can fix them before the
    # request's deadline, and a refused request is lost for good.
    RETRYABLE = {"rate_limited", "server_error", "connection", "auth"}

    def __init__(self, kind: str, code: int | None = None, detail: str = "") -> None:
        super().__init__(f"{kind} {code or ''} {detail}".strip())
        self.kind = kind
        self.code = code

    @property
    def retryable(self) -> bool:
        return self.kind in self.RETRYABLE

    @property
    def in_doubt(self) -> bool:
        """Twilio may have created the message although the call failed."""
        return self.kind in {"server_error", "connection"}


class ConsentStore(Protocol):
    async def state(self, tenant_id: str, customer: str) -> OptOutState: ...

    async def record_opt_out(
        self, tenant_id: str, customer: str, source: str, evidence: Evidence
    ) -> OptOutOutcome: ...

    async def record_opt_in(
        self, tenant_id: str, customer: str, evidence: Evidence
    ) -> bool: ...

    async def record_consent(
        self, tenant_id: str, customer: str, basis: Basis, evidence: Evidence
    ) -> None: ...

    async def consents(self, tenant_id: str, customer: str) -> list[ConsentRecord]: ...


class ThreadLog(Protocol):
    async def touch(self, tenant_id: str, customer: str, at: datetime) -> None: ...

    async def last_exchange(self, tenant_id: str, customer: str) -> datetime | None: ...


class NumberStore(Protocol):
    async def get(self, e164: str) -> NumberRecord | None: ...

    async def save_lookup(self, record: NumberRecord, at: datetime) -> None: ...

    async def mark_unreachable(self, e164: str, code: int, at: datetime) -> None: ...


class DecisionLog(Protocol):
    async def record(
        self, item: OutboxItem, decision: Decision, at: datetime
    ) -> None: ...


class Outbox(Protocol):
    async def add(
        self,
        request: SendSms,
        now: datetime,
        confirms_opt_out: bool = False,
        lease_until: datetime | None = None,
    ) -> tuple[OutboxItem, bool]: ...

    async def claim(
        self, request_id: str, now: datetime, lease_until: datetime
    ) -> OutboxItem | None: ...

    async def due(self, now: datetime, limit: int) -> list[str]: ...

    async def unannounced(self, before: datetime, limit: int) -> list[OutboxItem]: ...

    async def attempting(
        self, item: OutboxItem, body: str, from_number: str, now: datetime
    ) -> None: ...

    async def sent(self, item: OutboxItem, sid: str, now: datetime) -> None: ...

    async def hold(
        self, item: OutboxItem, state: OutboxState, until: datetime, reason: str
    ) -> None: ...

    async def finish(
        self, item: OutboxItem, state: OutboxState, reason: str, now: datetime
    ) -> None: ...

    async def retry(self, item: OutboxItem, until: datetime, reason: str) -> None: ...

    async def announced(self, request_id: str) -> None: ...

    async def delivery(
        self, sid: str, status: str, error_code: int | None, now: datetime
    ) -> OutboxItem | None: ...

    async def unsolicited_sent(
        self, tenant_id: str, to: str, since: datetime
    ) -> list[datetime]: ...


class Tenants(Protocol):
    def tenant(self, tenant_id: str) -> TenantConfig | None: ...


class Publisher(Protocol):
    async def publish(self, message: Message) -> bool: ...


class Sms(Protocol):
    """Twilio, as far as compliance uses it."""

    async def send(
        self, to: str, from_number: str, body: str, account_sid: str | None
    ) -> str: ...

    async def find_sent(
        self,
        to: str,
        from_number: str,
        body: str,
        since: datetime,
        account_sid: str | None,
    ) -> str | None: ...

    async def lookup(self, e164: str) -> NumberRecord: ...

    async def close(self) -> None: ...
