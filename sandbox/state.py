"""What the sandbox remembers: accounts, messages, calls, number rules and faults.

It is a test double, so everything lives in memory. Only the event loop that
serves the sandbox touches it, and no method awaits, so plain dicts and lists
need no locks.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from libs.clock import Clock, SystemClock, clock_from
from libs.settings import TwilioSettings
from sandbox.sids import new_sid

# Twilio's delivery error for an SMS sent to a line that cannot take one.
LANDLINE_ERROR = 30006


@dataclass
class NumberRule:
    """How the sandbox treats one phone number as a recipient."""

    landline: bool = False
    unsubscribed: bool = False
    unreachable_code: int | None = None

    @property
    def delivery_error(self) -> int | None:
        """The error a delivery attempt to this number ends with, if any."""
        if self.unreachable_code:
            return self.unreachable_code
        return LANDLINE_ERROR if self.landline else None


@dataclass
class Fault:
    """The next `remaining` create-message requests fail with HTTP `status`."""

    status: int
    remaining: int


@dataclass
class SandboxMessage:
    """One SMS the sandbox accepted, and how far its delivery has gone."""

    sid: str
    account_sid: str
    to: str
    from_: str | None
    body: str
    messaging_service_sid: str | None
    status_callback: str | None
    accepted_at: datetime
    status: str = "queued"
    updated_at: datetime | None = None
    sent_at: datetime | None = None
    error_code: int | None = None

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.accepted_at

    def advance(self, status: str, at: datetime, error_code: int | None = None) -> None:
        self.status = status
        self.updated_at = at
        self.error_code = error_code
        if status == "sent":
            self.sent_at = at


@dataclass
class SandboxCall:
    """One outbound call created through the REST API."""

    sid: str
    account_sid: str
    to: str
    from_: str
    url: str | None
    created_at: datetime
    status: str = "queued"


@dataclass
class SandboxState:
    """Everything the sandbox knows; one instance per sandbox server."""

    # Account SID -> auth token; requests authenticate with one of these.
    accounts: dict[str, str]
    messages: dict[str, SandboxMessage] = field(default_factory=dict)
    calls: dict[str, SandboxCall] = field(default_factory=dict)
    numbers: dict[str, NumberRule] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    # Beyond the counted faults: this share of create-message requests fails
    # with `fault_rate_status` (fault runs: "Twilio fails 20 % of sends").
    fault_rate: float = 0.0
    fault_rate_status: int = 500
    chance: random.Random = field(default_factory=random.Random)
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    def from_settings(cls, settings: TwilioSettings | None = None) -> "SandboxState":
        """The accounts (main and sub-accounts) and the clock the services use."""
        settings = settings or TwilioSettings()
        accounts = {
            settings.twilio_account_sid: settings.twilio_auth_token.get_secret_value()
        }
        for sid, token in settings.twilio_subaccount_tokens.items():
            accounts[sid] = token.get_secret_value()
        return cls(
            accounts=accounts,
            clock=clock_from(settings.environment, settings.clock_offset_file),
        )

    def rule_for(self, number: str) -> NumberRule:
        return self.numbers.get(number, NumberRule())

    def add_fault(self, status: int, count: int) -> None:
        self.faults.append(Fault(status=status, remaining=count))

    def set_fault_rate(self, status: int, rate: float) -> None:
        """Fail a `rate` share of create-message requests with `status`; 0 stops it."""
        self.fault_rate, self.fault_rate_status = rate, status

    def take_fault(self) -> int | None:
        """The status the current request must fail with, or None to serve it."""
        while self.faults and self.faults[0].remaining <= 0:
            self.faults.pop(0)
        if self.faults:
            self.faults[0].remaining -= 1
            return self.faults[0].status
        if self.fault_rate and self.chance.random() < self.fault_rate:
            return self.fault_rate_status
        return None

    def accept_message(
        self,
        account_sid: str,
        to: str,
        from_: str | None,
        body: str,
        messaging_service_sid: str | None = None,
        status_callback: str | None = None,
    ) -> SandboxMessage:
        message = SandboxMessage(
            sid=new_sid("SM"),
            account_sid=account_sid,
            to=to,
            from_=from_,
            body=body,
            messaging_service_sid=messaging_service_sid,
            status_callback=status_callback,
            accepted_at=self.clock.now(),
        )
        self.messages[message.sid] = message
        return message

    def place_call(
        self, account_sid: str, to: str, from_: str, url: str | None
    ) -> SandboxCall:
        call = SandboxCall(
            sid=new_sid("CA"),
            account_sid=account_sid,
            to=to,
            from_=from_,
            url=url,
            created_at=self.clock.now(),
        )
        self.calls[call.sid] = call
        return call
